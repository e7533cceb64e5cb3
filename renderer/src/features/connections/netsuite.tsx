// NetSuite on the Connections page: adding a connection (account id; OAuth 2.0 client credentials or token-based
// authentication, whose secrets go straight to the keychain; an optional API base URL), and the connection's settings
// — the subsidiary this company is, what is sent ("approved purchase orders" or "approved purchase orders and
// receipts", approved invoices), payments, the default expense account, line tax codes and their mapping — with list
// import and payments on demand.
import { useState } from 'react';
import { z } from 'zod';
import type { MethodOutput } from '../../../../preload/contract';
import { Field, TextField } from '../../components/ui';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import type { FieldProblem } from '../../api/errors';
import { formProblems, request, requestQuiet } from '../../state/app';
import {
  ActionNote,
  CheckboxRow,
  PanelActions,
  CreateMissingField,
  ImportPaymentsField,
  ListSelect,
  SelectField,
  storedDocumentsToSend,
  useActionRunner,
  useConnectionLists,
  type DocumentTypeT,
} from './fields';
import { ConnectionNameField } from './connection-name';
import { CompanyConfirmation, companyView, type CompanyView } from './company-confirmation';
import { TaxCodeMapTable, unmappedTaxRates } from './tax-code-map';
import type { AddPanelProps, SettingsPanelProps, SystemPanel } from './types';

export type AuthMethod = 'oauth2-client-credentials' | 'tba';
export type OrdersChoice = 'none' | 'orders' | 'orders_and_receipts';
type Subsidiary = MethodOutput<'netsuite.subsidiaries'>[number];

/** The server's field problems as messages by field, the field named as the form names it. */
function messagesByField(
  problems: readonly FieldProblem[],
  fieldOf: (field: string) => string = (field) => field,
): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const p of problems) (byField[fieldOf(p.field)] ??= []).push(p.message);
  return byField;
}

/** The credential fields each way in needs (the names the connector reads from the keychain). */
export const CREDENTIAL_FIELDS: Record<
  AuthMethod,
  readonly { name: string; label: string; secret: boolean }[]
> = {
  'oauth2-client-credentials': [
    { name: 'clientId', label: 'Client ID (integration record)', secret: false },
    { name: 'certificateId', label: 'Certificate ID (OAuth 2.0 Client Credentials Setup)', secret: false },
    { name: 'privateKeyPem', label: 'Private key (PKCS#8 PEM of the certificate)', secret: true },
  ],
  tba: [
    { name: 'consumerKey', label: 'Consumer key', secret: true },
    { name: 'consumerSecret', label: 'Consumer secret', secret: true },
    { name: 'tokenId', label: 'Token ID', secret: true },
    { name: 'tokenSecret', label: 'Token secret', secret: true },
  ],
};

/** NetSuite writes account ids in upper case, '_' kept (1234567_SB1), as the connector compares them. */
const accountOf = (accountId: string) => accountId.trim().toUpperCase().replace(/-/g, '_');

/** The account the connection writes to (settings.accountId), and the one it sent to as confirmed. */
export function accountConfirmationOf(settings: Record<string, unknown>): CompanyView | null {
  const accountId = z.string().min(1).safeParse(settings.accountId);
  if (!accountId.success) return null;
  const confirmed = z
    .object({ accountId: z.string(), confirmedBy: z.string(), confirmedAt: z.string() })
    .safeParse(settings.confirmedAccount);
  const account = accountOf(accountId.data);
  return companyView(
    { id: account, name: account },
    confirmed.success
      ? {
          id: confirmed.data.accountId,
          name: confirmed.data.accountId,
          by: confirmed.data.confirmedBy,
          at: confirmed.data.confirmedAt,
        }
      : null,
  );
}

/** The account id as the connector takes it (Setup → Company → Company Information: 1234567, 1234567_SB1). */
export function accountIdProblem(accountId: string): string | null {
  if (accountId.trim() === '') return 'is required';
  return /^[A-Za-z0-9_-]{1,40}$/.test(accountId.trim())
    ? null
    : 'is the account id NetSuite shows in Setup → Company → Company Information (letters, digits, _ and -)';
}

/** The credentials to store for a way in: only its own fields, trimmed (the private key keeps its line breaks). */
export function credentialsFor(
  method: AuthMethod,
  values: Readonly<Record<string, string>>,
): { credentials: Record<string, string>; missing: string[] } {
  const credentials: Record<string, string> = {};
  const missing: string[] = [];
  for (const field of CREDENTIAL_FIELDS[method]) {
    const value = (values[field.name] ?? '').trim();
    if (value === '') missing.push(field.label);
    else credentials[field.name] = field.name === 'privateKeyPem' ? `${value}\n` : value;
  }
  return { credentials, missing };
}

/** The settings of a new connection. */
export function addSettings(input: {
  accountId: string;
  authMethod: AuthMethod;
  apiBaseUrl: string;
}): Record<string, unknown> {
  return {
    accountId: input.accountId.trim(),
    authMethod: input.authMethod,
    ...(input.apiBaseUrl.trim() ? { apiBaseUrl: input.apiBaseUrl.trim() } : {}),
  };
}

const ORDERS: DocumentTypeT[] = ['purchase_order', 'service_order'];

/** What the stored settings send: orders (with or without receipts) and invoices. */
export function sendChoiceOf(settings: Record<string, unknown>): {
  orders: OrdersChoice;
  invoices: boolean;
} {
  const documents = storedDocumentsToSend(settings);
  const orders = documents.some((d) => ORDERS.includes(d));
  const receipts = settings.receipts === true || documents.includes('receipt');
  return {
    orders: orders ? (receipts ? 'orders_and_receipts' : 'orders') : 'none',
    invoices: documents.includes('invoice'),
  };
}

/**
 * The settings a send choice is: documentsToSend and `receipts` always together (the connector refuses one
 * without the other). Receipts go only with their orders: a receipt is transformed from its sent purchase order.
 */
export function sendSettingsFor(choice: { orders: OrdersChoice; invoices: boolean }): {
  documentsToSend: DocumentTypeT[];
  receipts: boolean;
} {
  const receipts = choice.orders === 'orders_and_receipts';
  return {
    documentsToSend: [
      ...(choice.orders === 'none' ? [] : ORDERS),
      ...(choice.invoices ? (['invoice'] as const) : []),
      ...(receipts ? (['receipt'] as const) : []),
    ],
    receipts,
  };
}

/** The subsidiary picker's options: the active ones, plus the stored one even when inactive or unseen. */
export function subsidiaryOptions(
  subsidiaries: readonly Subsidiary[],
  stored: string,
): { id: string; text: string }[] {
  const options = subsidiaries
    .filter((s) => s.active || s.id === stored)
    .map((s) => ({ id: s.id, text: `${s.name} (${s.id})${s.active ? '' : ' — inactive'}` }));
  if (stored && !options.some((o) => o.id === stored))
    options.push({ id: stored, text: `Internal id ${stored} (not visible to this role)` });
  return options;
}

const ORDER_CHOICES: { value: OrdersChoice; text: string }[] = [
  { value: 'orders', text: 'Approved purchase orders' },
  { value: 'orders_and_receipts', text: 'Approved purchase orders and receipts' },
  { value: 'none', text: 'No orders' },
];

/** A NetSuite connection's settings, list import with progress, and payments on demand. */
function NetSuiteSettingsPanel({ connection, onSaved }: SettingsPanelProps) {
  const settings = connection.settings;
  const id = connection.id;
  const [send, setSend] = useState(sendChoiceOf(settings));
  const [importPayments, setImportPayments] = useState(settings.importPayments !== false);
  const [createMissing, setCreateMissing] = useState(settings.createMissing !== false);
  const [accountId, setAccountId] = useState(String(settings.accountId ?? ''));
  const [subsidiaryId, setSubsidiaryId] = useState(String(settings.subsidiaryId ?? ''));
  const [defaultExpenseAccountId, setDefaultExpenseAccountId] = useState(
    String(settings.defaultExpenseAccountId ?? ''),
  );
  const [lineTaxCodes, setLineTaxCodes] = useState(settings.lineTaxCodes === true);
  const [taxCodeMap, setTaxCodeMap] = useState<Record<string, string>>(
    (settings.taxCodeMap as Record<string, string> | undefined) ?? {},
  );
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const { lists, taxRates, reload } = useConnectionLists(connection);
  const { busy, note, progress, run } = useActionRunner(id);
  const connected = connection.status === 'connected';
  // Quiet: a failure is said under the picker, where the bookkeeper looks for the subsidiaries.
  const subsidiaryQuery = useQuery(connected ? ['netsuite.subsidiaries', id] : null, () =>
    requestQuiet('netsuite.subsidiaries', { connectionId: id }),
  );
  const subsidiaries: Subsidiary[] | null = subsidiaryQuery.data ?? null;
  const subsidiaryNote = subsidiaryQuery.error
    ? `The subsidiaries could not be read: ${subsidiaryQuery.error.message || 'NetSuite did not answer'}`
    : null;

  const save = () =>
    run(async () => {
      setProblems({});
      try {
        await requestQuiet('connections.update', {
          id,
          settings: {
            // Another account is a switch: it waits for Confirm company, nothing sent meanwhile.
            ...(accountId.trim() !== String(settings.accountId ?? '') ? { accountId: accountId.trim() } : {}),
            ...sendSettingsFor(send),
            importPayments,
            createMissing,
            subsidiaryId: subsidiaryId === '' ? null : subsidiaryId,
            defaultExpenseAccountId: defaultExpenseAccountId === '' ? null : defaultExpenseAccountId,
            lineTaxCodes,
            taxCodeMap,
          },
        });
      } catch (error) {
        setProblems(messagesByField(formProblems(error)));
        throw error;
      }
      onSaved();
      return 'Settings saved.';
    });

  const unmapped = lineTaxCodes ? unmappedTaxRates(taxRates, taxCodeMap, lists) : [];
  const fieldErrors = (field: string) => problems[`settings.${field}`] ?? problems[field];

  const accountProblem = accountIdProblem(accountId);
  return (
    <>
      <CompanyConfirmation
        connection={connection}
        company={accountConfirmationOf(settings)}
        noun="NetSuite account"
        idLabel="account id"
        check="NetSuite shows the account id under Setup → Company → Company Information; to go back instead, enter the account id it sent to in the NetSuite settings."
        askFirst={false}
        testIdPrefix="netsuite"
        onSaved={onSaved}
      />
      <details className="system-settings" data-testid="netsuite-settings">
        <summary>NetSuite settings</summary>
        <fieldset disabled={busy}>
          <legend>Account</legend>
          <TextField
            label="Account ID"
            id={`ns-account-id-${id}`}
            testId="netsuite-settings-account-id"
            value={accountId}
            onChange={setAccountId}
            autoComplete="off"
            errors={accountProblem ? [accountProblem] : fieldErrors('accountId')}
            hint="Setup → Company → Company Information. Another account is a switch: what belonged to the one this connection sent to is retired once you confirm it."
          />
        </fieldset>
        <fieldset disabled={busy}>
          <legend>Send automatically</legend>
          <SelectField
            label="Orders"
            id={`ns-orders-${id}`}
            value={send.orders}
            onChange={(orders) => setSend((s) => ({ ...s, orders: orders as OrdersChoice }))}
            testId="netsuite-orders"
            errors={fieldErrors('receipts')}
          >
            {ORDER_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.text}
              </option>
            ))}
          </SelectField>
          <CheckboxRow
            checked={send.invoices}
            onChange={(invoices) => setSend((s) => ({ ...s, invoices }))}
            testId="netsuite-send-invoice"
          >
            Approved invoices (as bills; from their purchase order when it was sent)
          </CheckboxRow>
          <ImportPaymentsField
            checked={importPayments}
            onChange={setImportPayments}
            testId="netsuite-import-payments"
          />
          <CreateMissingField
            system="NetSuite"
            checked={createMissing}
            onChange={setCreateMissing}
            testId="netsuite-create-missing"
            mapsTax
          />
          <SelectField
            label="Subsidiary"
            id={`ns-subsidiary-${id}`}
            value={subsidiaryId}
            onChange={setSubsidiaryId}
            testId="netsuite-subsidiary"
            errors={fieldErrors('subsidiaryId')}
            hint={
              subsidiaryNote ?? 'This company is one subsidiary in NetSuite: every record is written in it.'
            }
          >
            <option value="">— none (no subsidiaries in this account) —</option>
            {subsidiaryOptions(subsidiaries ?? [], String(settings.subsidiaryId ?? '')).map((o) => (
              <option key={o.id} value={o.id}>
                {o.text}
              </option>
            ))}
          </SelectField>
          <ListSelect
            id={`ns-expense-${id}`}
            text="Default expense account"
            hint="For lines with neither a synced item nor an account (import the lists to see the accounts)."
            kind="account"
            lists={lists}
            value={defaultExpenseAccountId}
            onChange={setDefaultExpenseAccountId}
            testId="netsuite-default-expense-account"
          />
          <CheckboxRow checked={lineTaxCodes} onChange={setLineTaxCodes} testId="netsuite-line-tax-codes">
            Send a tax code on each line (only for accounts whose transaction lines take one; otherwise
            NetSuite applies its own tax)
          </CheckboxRow>
          {lineTaxCodes && taxRates.length > 0 && (
            <TaxCodeMapTable
              testIdPrefix="netsuite"
              systemName="NetSuite"
              columnTitle="NetSuite tax code"
              taxRates={taxRates}
              taxCodeMap={taxCodeMap}
              onChange={setTaxCodeMap}
              lists={lists}
            />
          )}
          {unmapped.length > 0 && (
            <p className="muted" data-testid="netsuite-unmapped-note">
              {unmapped.map((r) => r.name).join(', ')}: no NetSuite tax code of that name. Map{' '}
              {unmapped.length === 1 ? 'it' : 'them'} above, or a document using{' '}
              {unmapped.length === 1 ? 'it' : 'them'} waits.
            </p>
          )}
          <PanelActions
            prefix="netsuite"
            connectionId={id}
            connected={connected}
            run={run}
            save={save}
            reloadLists={reload}
          />
        </fieldset>
        <ActionNote note={note} progress={progress} testIdPrefix="netsuite" />
      </details>
    </>
  );
}

/**
 * Adds a NetSuite connection: the account id, the way in and its secrets (to the keychain through
 * connections.create), then Connect checks them and names a missing role permission.
 */
function AddNetSuite({ companyId, onCreated }: AddPanelProps) {
  const [name, setName] = useState('NetSuite');
  const [accountId, setAccountId] = useState('');
  const [authMethod, setAuthMethod] = useState<AuthMethod>('oauth2-client-credentials');
  const [values, setValues] = useState<Record<string, string>>({});
  const [apiBaseUrl, setApiBaseUrl] = useState('');
  const action = useAction();
  const busy = action.busy !== null;
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const { missing } = credentialsFor(authMethod, values);
  const accountProblem = accountId === '' ? null : accountIdProblem(accountId);

  function add(event: React.FormEvent) {
    event.preventDefault();
    setProblems({});
    void action.run(
      'add',
      async () => {
        const created = await requestQuiet('connections.create', {
          companyId,
          system: 'netsuite',
          name: name.trim(),
          settings: addSettings({ accountId, authMethod, apiBaseUrl }),
          credentials: credentialsFor(authMethod, values).credentials,
        });
        // A refused Connect is shown on the new connection's card (its status message), not here.
        await request('connections.connect', { id: created.id }).catch(() => undefined);
        onCreated(created.id);
      },
      {
        onError: (error) =>
          setProblems(messagesByField(formProblems(error), (field) => field.replace(/^settings\./, ''))),
      },
    );
  }

  return (
    <form className="card" onSubmit={add} data-testid="netsuite-add">
      <h2>Connect NetSuite</h2>
      <p className="muted">
        Needs an integration record with REST Web Services, and a role with the permissions listed in the
        NetSuite guide. The secrets are kept in the operating system&apos;s keychain, never in
        Ledgerbridge&apos;s database.
      </p>
      <ConnectionNameField id="netsuite-add-name" value={name} onChange={setName} errors={problems.name} />
      <TextField
        label="Account ID"
        id="netsuite-account-id"
        value={accountId}
        onChange={setAccountId}
        required
        autoComplete="off"
        placeholder="1234567 or 1234567_SB1"
        errors={accountProblem ? [accountProblem] : problems.accountId}
        hint="Setup → Company → Company Information."
      />
      <SelectField
        label="Sign in with"
        id="netsuite-auth-method"
        value={authMethod}
        onChange={(method) => setAuthMethod(method === 'tba' ? 'tba' : 'oauth2-client-credentials')}
        testId="netsuite-auth-method"
      >
        <option value="oauth2-client-credentials">OAuth 2.0 client credentials (certificate)</option>
        <option value="tba">Token-based authentication (consumer and token)</option>
      </SelectField>
      {CREDENTIAL_FIELDS[authMethod].map((field) =>
        field.name === 'privateKeyPem' ? (
          <Field key={field.name} label={field.label} htmlFor="netsuite-privateKeyPem">
            <textarea
              id="netsuite-privateKeyPem"
              value={values[field.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [field.name]: e.target.value }))}
              rows={4}
              spellCheck={false}
              placeholder="-----BEGIN PRIVATE KEY-----"
              data-testid="netsuite-privateKeyPem"
            />
          </Field>
        ) : (
          <TextField
            key={field.name}
            label={field.label}
            id={`netsuite-${field.name}`}
            type={field.secret ? 'password' : 'text'}
            value={values[field.name] ?? ''}
            onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
            autoComplete="off"
          />
        ),
      )}
      <TextField
        label="API base URL (optional)"
        id="netsuite-api-base-url"
        value={apiBaseUrl}
        onChange={setApiBaseUrl}
        placeholder="https://<account>.suitetalk.api.netsuite.com"
        errors={problems.apiBaseUrl}
        hint="Only for a proxy or a test server."
      />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={
            busy || name.trim() === '' || accountId === '' || accountProblem !== null || missing.length > 0
          }
          data-testid="netsuite-add-connect"
        >
          {busy ? 'Connecting…' : 'Connect NetSuite'}
        </button>
      </div>
    </form>
  );
}

export const netSuitePanel: SystemPanel = {
  title: 'NetSuite',
  description:
    'Account ID and an integration with OAuth 2.0 client credentials or token-based authentication.',
  Add: AddNetSuite,
  Settings: NetSuiteSettingsPanel,
};
