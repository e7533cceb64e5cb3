// QuickBooks Online on the Connections page: adding a connection with the firm's own Intuit app, and the
// connection's settings (documents sent, payments, accounts, tax code mapping and default tax agency, tax codes
// created in QuickBooks on request outside the US), list import and payments on demand. Production companies need
// the firm's own relay page before Connect; after a sign-in, the bookkeeper confirms the company (name and realm
// id) before anything is sent to it.
import { useState } from 'react';
import { z } from 'zod';
import type { ConnectionT, MethodOutput } from '../../../../preload/contract';
import { TextField } from '../../components/ui';
import { useAction } from '../../lib/useAction';
import { request } from '../../state/app';
import {
  ActionNote,
  PanelActions,
  connectAndOpenSignIn,
  DocumentsToSendField,
  CreateMissingField,
  ImportPaymentsField,
  ListSelect,
  SelectField,
  storedDocumentsToSend,
  useActionRunner,
  useConnectionLists,
  type ListKindT,
  type TaxRateT,
} from './fields';
import { ConnectionNameField } from './connection-name';
import { CompanyConfirmation, companyView, type CompanyView } from './company-confirmation';
import { TaxCodeMapTable, unmappedTaxRates } from './tax-code-map';
import type { AddPanelProps, SettingsPanelProps, SystemPanel } from './types';

/** What the connector read from QuickBooks at sign-in (settings.company); null for connections made before. */
export function companyOf(settings: Record<string, unknown>): { name: string; country: string } | null {
  const parsed = z.object({ name: z.string(), country: z.string() }).safeParse(settings.company);
  return parsed.success ? parsed.data : null;
}

/**
 * Earlier versions stored this address as every production connection's relay page. Nobody here controls it, so
 * it counts as unset (the core treats it the same way and refuses Connect).
 */
const FORMER_DEFAULT_RELAY_URL = 'https://ledgerbridge.github.io/ledgerbridge/relay/';

/** The relay page the firm set (settings.relayUrl); '' when none. */
export function relayPageOf(settings: Record<string, unknown>): string {
  const value = typeof settings.relayUrl === 'string' ? settings.relayUrl : '';
  return value === FORMER_DEFAULT_RELAY_URL ? '' : value;
}

/** Why Connect cannot start: a production company without the firm's relay page. */
export function relayPageMissing(connection: Pick<ConnectionT, 'settings'>): string | null {
  const settings = connection.settings;
  if ((settings.environment ?? 'production') !== 'production' || relayPageOf(settings)) return null;
  return 'Set the relay page (relayUrl) in the QuickBooks Online settings first, or use sandbox keys.';
}

/** The company QuickBooks named at sign-in, and whether (and by whom) the bookkeeper confirmed it. */
export function companyConfirmationOf(settings: Record<string, unknown>): CompanyView | null {
  const company = z.object({ name: z.string(), realmId: z.string() }).safeParse(settings.company);
  const confirmed = z
    .object({ realmId: z.string(), name: z.string(), confirmedBy: z.string(), confirmedAt: z.string() })
    .safeParse(settings.confirmedCompany);
  return companyView(
    company.success ? { id: company.data.realmId, name: company.data.name } : null,
    confirmed.success
      ? {
          id: confirmed.data.realmId,
          name: confirmed.data.name,
          by: confirmed.data.confirmedBy,
          at: confirmed.data.confirmedAt,
        }
      : null,
  );
}

/** The one-time step production sign-in needs, said where the bookkeeper meets it. */
function RelayPageNotice() {
  return (
    <div className="banner banner--warning" role="status" data-testid="qbo-relay-needed">
      <span className="banner__message">
        Production QuickBooks companies sign in through a relay page your firm hosts; Ledgerbridge has no page
        of its own. Once: put the files of docs/relay/ (shipped with Ledgerbridge) on an https site your firm
        controls, register that address as the redirect URI of your Intuit app, and enter it as the Relay page
        in the QuickBooks Online settings below. To try Ledgerbridge first, use your Intuit app&apos;s sandbox
        keys with Company type Sandbox. Connect stays off until then.
      </span>
    </div>
  );
}

/**
 * Before the first send: the company QuickBooks named, for the bookkeeper to check and confirm. A relay page or a
 * consent screen could have picked another company; until it is confirmed, documents wait.
 */
function QuickBooksCompany({ connection, onSaved }: SettingsPanelProps) {
  return (
    <CompanyConfirmation
      connection={connection}
      company={companyConfirmationOf(connection.settings)}
      noun="QuickBooks company"
      idLabel="realm id"
      check="QuickBooks shows the company name at the top of its screens and the realm id as Company ID under Settings → Account and settings → Billing & subscription."
      askFirst
      testIdPrefix="qbo"
      onSaved={onSaved}
    />
  );
}

/** What taxRates.createExternal answers: each rate's outcome and the connection with its new pairings. */
export type TaxCodesCreatedT = MethodOutput<'taxRates.createExternal'>;

/** taxRates.createExternal: the codes are saved into taxCodeMap and the tax lists imported again, server side. */
function createTaxCodesInQuickBooks(connectionId: string, taxRateIds: string[]) {
  return request('taxRates.createExternal', { connectionId, taxRateIds });
}

/** The sentence after creating: what was made, found or refused (with QuickBooks' reason). */
export function describeTaxCodesCreated(answer: Pick<TaxCodesCreatedT, 'results'>): string {
  const count = (o: string) => answer.results.filter((r) => r.outcome === o).length;
  const parts = [`${count('created')} tax code(s) created in QuickBooks`];
  if (count('matched') > 0) parts.push(`${count('matched')} found there by name and mapped`);
  const failed = answer.results.filter((r) => r.outcome === 'failed');
  const sentence = `${parts.join(', ')}.`;
  return failed.length === 0
    ? sentence
    : `${sentence} Not created: ${failed.map((r) => r.message).join(' ')}`;
}

/** A QuickBooks Online connection's own settings, list import with progress, and payments on demand. */
function QuickBooksOnlineSettings({ connection, onSaved }: SettingsPanelProps) {
  const settings = connection.settings;
  const id = connection.id;
  // Opened for a missing relay page, and left open once it is saved, so "Settings saved." stays in view.
  const [settingsOpenAtFirst] = useState(() => relayPageMissing(connection) !== null);
  const [documentsToSend, setDocumentsToSend] = useState(storedDocumentsToSend(settings));
  const [importPayments, setImportPayments] = useState(settings.importPayments !== false);
  const [createMissing, setCreateMissing] = useState(settings.createMissing !== false);
  const [environment, setEnvironment] = useState(String(settings.environment ?? 'production'));
  const [relayUrl, setRelayUrl] = useState(relayPageOf(settings));
  const [accounts, setAccounts] = useState({
    defaultExpenseAccountId: (settings.defaultExpenseAccountId as string | null) ?? '',
    apAccountId: (settings.apAccountId as string | null) ?? '',
    discountAccountId: (settings.discountAccountId as string | null) ?? '',
    defaultTaxCodeId: (settings.defaultTaxCodeId as string | null) ?? '',
    defaultTaxAgencyId: (settings.defaultTaxAgencyId as string | null) ?? '',
  });
  const [taxCodeMap, setTaxCodeMap] = useState<Record<string, string>>(
    (settings.taxCodeMap as Record<string, string> | undefined) ?? {},
  );
  const { lists, taxRates, reload } = useConnectionLists(connection);
  const { busy, note, progress, run } = useActionRunner(id);

  const save = () =>
    run(async () => {
      const nullable = (v: string) => (v === '' ? null : v);
      await request('connections.update', {
        id,
        settings: {
          documentsToSend,
          importPayments,
          createMissing,
          environment,
          relayUrl: relayUrl.trim() === '' ? null : relayUrl.trim(),
          taxCodeMap,
          defaultExpenseAccountId: nullable(accounts.defaultExpenseAccountId),
          apAccountId: nullable(accounts.apAccountId),
          discountAccountId: nullable(accounts.discountAccountId),
          defaultTaxCodeId: nullable(accounts.defaultTaxCodeId),
          defaultTaxAgencyId: nullable(accounts.defaultTaxAgencyId),
        },
      });
      onSaved();
      return 'Settings saved.';
    });

  const connected = connection.status === 'connected';
  const company = companyOf(settings);
  // US companies put no tax codes on purchase forms. Unknown (connected before the country was kept): the tax
  // settings stay, and creating is offered; QuickBooks' country is checked again when it runs.
  const usCompany = company?.country === 'US';
  const offerCreate = !usCompany;
  const unmapped = unmappedTaxRates(taxRates, taxCodeMap, lists);
  const storedAgency = (settings.defaultTaxAgencyId as string | null) ?? '';

  const createTaxCodes = (rates: readonly TaxRateT[]) =>
    run(async () => {
      const answer = await createTaxCodesInQuickBooks(
        id,
        rates.map((r) => r.id),
      );
      setTaxCodeMap((m) => {
        const next = { ...m };
        for (const r of answer.results)
          if (r.taxCodeId && r.outcome !== 'failed') next[r.taxRateId] = r.taxCodeId;
        return next;
      });
      reload();
      onSaved();
      return describeTaxCodesCreated(answer);
    });
  const accountSelect = (key: keyof typeof accounts, text: string, kind: ListKindT, hint: string) => (
    <ListSelect
      id={`qbo-${key}-${id}`}
      text={text}
      hint={hint}
      kind={kind}
      lists={lists}
      value={accounts[key]}
      onChange={(value) => setAccounts((a) => ({ ...a, [key]: value }))}
      {...(key === 'apAccountId' ? { filter: (e) => e.name.toLowerCase().includes('payable') } : {})}
      testId={`qbo-${key}`}
    />
  );

  return (
    <>
      {relayPageMissing(connection) && <RelayPageNotice />}
      <QuickBooksCompany connection={connection} onSaved={onSaved} />
      <details className="system-settings" data-testid="qbo-settings" open={settingsOpenAtFirst}>
        <summary>QuickBooks Online settings</summary>
        <fieldset disabled={busy}>
          <legend>Send automatically</legend>
          <DocumentsToSendField
            types={['purchase_order', 'service_order', 'invoice']}
            value={documentsToSend}
            onChange={setDocumentsToSend}
            testIdPrefix="qbo"
          />
          <ImportPaymentsField
            checked={importPayments}
            onChange={setImportPayments}
            testId="qbo-import-payments"
          />
          <CreateMissingField
            system="QuickBooks Online"
            checked={createMissing}
            onChange={setCreateMissing}
            testId="qbo-create-missing"
            mapsTax
          />
          <SelectField
            label="Company type"
            id={`qbo-env-${id}`}
            value={environment}
            onChange={setEnvironment}
            hint="Sandbox companies sign in straight to this computer; production companies go through the https relay page."
          >
            <option value="production">Production</option>
            <option value="sandbox">Sandbox</option>
          </SelectField>
          {environment === 'production' && (
            <TextField
              label="Relay page"
              id={`qbo-relay-url-${id}`}
              testId="qbo-relay-url"
              value={relayUrl}
              onChange={setRelayUrl}
              placeholder="https://…/relay/"
              hint="Where your firm hosts docs/relay/, registered as your Intuit app's redirect URI (https). Production sign-in needs it."
            />
          )}
          {accountSelect(
            'defaultExpenseAccountId',
            'Default expense account',
            'account',
            'For lines with neither a synced item nor an account.',
          )}
          {accountSelect(
            'apAccountId',
            'Accounts payable account',
            'account',
            "QuickBooks' default when none.",
          )}
          {accountSelect(
            'discountAccountId',
            'Discount account',
            'account',
            'When set, discounts are booked there as a negative line instead of being netted into the lines.',
          )}
          {usCompany ? (
            <p className="muted" data-testid="qbo-us-tax">
              {company.name} is a US company: purchase lines carry no tax codes, and sales tax on bills is
              sent inside the line amounts.
            </p>
          ) : (
            <>
              {accountSelect(
                'defaultTaxCodeId',
                'Default tax code',
                'tax_code',
                'Outside the US: for lines without a tax rate.',
              )}
              {accountSelect(
                'defaultTaxAgencyId',
                'Default tax agency',
                'tax_agency',
                'The agency that tax codes created from here are filed with (import the lists to see them).',
              )}
            </>
          )}
          {taxRates.length > 0 && !usCompany && (
            <TaxCodeMapTable
              testIdPrefix="qbo"
              systemName="QuickBooks"
              columnTitle="QuickBooks tax code (outside the US)"
              taxRates={taxRates}
              taxCodeMap={taxCodeMap}
              onChange={setTaxCodeMap}
              lists={lists}
              {...(offerCreate
                ? {
                    extraColumn: (rate: TaxRateT) =>
                      unmapped.includes(rate) && (
                        <button
                          type="button"
                          className="button"
                          onClick={() => void createTaxCodes([rate])}
                          disabled={!connected || !storedAgency}
                          title={storedAgency ? undefined : 'Choose and save the default tax agency first.'}
                          data-testid={`qbo-create-tax-code-${rate.id}`}
                        >
                          Create in QuickBooks
                        </button>
                      ),
                  }
                : {})}
            />
          )}
          {offerCreate && unmapped.length > 0 && (
            <p className="muted" data-testid="qbo-unmapped-note">
              {unmapped.length === 1
                ? '1 tax rate matches no QuickBooks tax code. Map it above, or create it in QuickBooks: it becomes'
                : `${unmapped.length} tax rates match no QuickBooks tax code. Map them above, or create them in QuickBooks: each becomes`}{' '}
              a tax code of one purchase rate at the same percentage, filed with the default tax agency
              {storedAgency ? '' : ' (choose and save it first)'}.{' '}
              {unmapped.length > 1 && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void createTaxCodes(unmapped)}
                  disabled={!connected || !storedAgency}
                  data-testid="qbo-create-tax-codes-all"
                >
                  Create all {unmapped.length} in QuickBooks
                </button>
              )}
            </p>
          )}
          <PanelActions
            prefix="qbo"
            connectionId={id}
            connected={connected}
            run={run}
            save={save}
            reloadLists={reload}
          />
        </fieldset>
        <ActionNote note={note} progress={progress} testIdPrefix="qbo" />
      </details>
    </>
  );
}

/**
 * Adds a QuickBooks Online connection with the firm's own Intuit app: the Client ID and Secret go straight to the
 * keychain; Connect then opens Intuit's consent page (sandbox companies come back to this computer directly,
 * production companies through the https relay page registered as the app's redirect URI).
 */
function AddQuickBooksOnline({ companyId, onCreated }: AddPanelProps) {
  const [name, setName] = useState('QuickBooks Online');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [environment, setEnvironment] = useState<'production' | 'sandbox'>('production');
  const [relayUrl, setRelayUrl] = useState('');
  const action = useAction();
  const busy = action.busy !== null;

  function add(event: React.FormEvent) {
    event.preventDefault();
    void action.run('add', async () => {
      const created = await request('connections.create', {
        companyId,
        system: 'quickbooks_online',
        name: name.trim(),
        settings: {
          environment,
          ...(environment === 'sandbox' ? { apiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com' } : {}),
          ...(relayUrl.trim() ? { relayUrl: relayUrl.trim() } : {}),
        },
        credentials: { clientId: clientId.trim(), clientSecret: clientSecret.trim() },
      });
      await connectAndOpenSignIn(created.id);
      onCreated(created.id);
    });
  }

  return (
    <form className="card" onSubmit={add} data-testid="qbo-add">
      <h2>Connect QuickBooks Online</h2>
      <p className="muted">
        Use your own Intuit app (developer.intuit.com → your app → Keys and credentials). Register the
        redirect URI: for sandbox companies http://localhost is allowed; production companies need an https
        relay page your firm hosts — once, put the files of docs/relay/ on a site your firm controls (see the
        QuickBooks Online guide). To try Ledgerbridge first, use the sandbox keys.
      </p>
      <ConnectionNameField id="qbo-add-name" value={name} onChange={setName} />
      <TextField
        label="Client ID"
        id="qbo-client-id"
        value={clientId}
        onChange={setClientId}
        required
        autoComplete="off"
      />
      <TextField
        label="Client Secret"
        id="qbo-client-secret"
        type="password"
        value={clientSecret}
        onChange={setClientSecret}
        required
        autoComplete="off"
        hint="Kept in the operating system's keychain, never in Ledgerbridge's database."
      />
      <SelectField
        label="Company type"
        id="qbo-add-env"
        value={environment}
        onChange={(env) => setEnvironment(env === 'sandbox' ? 'sandbox' : 'production')}
      >
        <option value="production">Production</option>
        <option value="sandbox">Sandbox</option>
      </SelectField>
      {environment === 'production' && (
        <TextField
          label="Relay page"
          id="qbo-relay-url"
          value={relayUrl}
          onChange={setRelayUrl}
          required
          placeholder="https://…/relay/"
          hint="Where your firm hosts docs/relay/ (https), registered as your Intuit app's redirect URI. There is no default: without one, choose Sandbox."
        />
      )}
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={
            busy ||
            !name.trim() ||
            !clientId ||
            !clientSecret ||
            (environment === 'production' && !relayUrl.trim())
          }
          data-testid="qbo-add-connect"
        >
          {busy ? 'Connecting…' : 'Connect QuickBooks Online'}
        </button>
      </div>
    </form>
  );
}

export const quickBooksOnlinePanel: SystemPanel = {
  title: 'QuickBooks Online',
  description: 'Your own Intuit app (client ID and secret); you sign in to QuickBooks in your browser.',
  Add: AddQuickBooksOnline,
  Settings: QuickBooksOnlineSettings,
  connectBlocked: relayPageMissing,
};
