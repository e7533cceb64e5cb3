// Xero on the Connections page: adding a connection with the firm's own Xero app (Auth code with PKCE: a client ID,
// no secret; the redirect URI on a fixed localhost port, which Xero matches exactly), and the connection's settings
// — the organisation chosen after sign-in, which approved documents go (orders, invoices or both, as Xero's own
// integrations offer one at a time), the status they get in Xero, payments, the default account, sign-in scopes —
// with list import, payments on demand and the organisation's suppliers.
import { useState } from 'react';
import { z } from 'zod';
import { TextField } from '../../components/ui';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, requestQuiet } from '../../state/app';
import {
  ActionNote,
  PanelActions,
  connectAndOpenSignIn,
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
import { TaxCodeMapTable } from './tax-code-map';
import type { AddPanelProps, SettingsPanelProps, SystemPanel } from './types';
import { XeroSuppliers } from './xero-suppliers';

/** The connector's default (main/connectors/xero/redirect.ts DEFAULT_REDIRECT_PORT). */
export const DEFAULT_REDIRECT_PORT = 58723;

export type SendChoice = 'orders' | 'invoices' | 'both' | 'none';

const ORDERS: DocumentTypeT[] = ['purchase_order', 'service_order'];

/** Which of orders, invoices or both the stored documentsToSend means. */
export function sendChoiceOf(documents: readonly DocumentTypeT[]): SendChoice {
  const orders = documents.some((d) => ORDERS.includes(d));
  const invoices = documents.includes('invoice');
  return orders && invoices ? 'both' : orders ? 'orders' : invoices ? 'invoices' : 'none';
}

/** documentsToSend for a choice: orders are purchase and service orders (both go as Xero purchase orders). */
export function documentsFor(choice: SendChoice): DocumentTypeT[] {
  if (choice === 'both') return [...ORDERS, 'invoice'];
  if (choice === 'orders') return [...ORDERS];
  if (choice === 'invoices') return ['invoice'];
  return [];
}

export const DOCUMENT_STATUSES = [
  { value: 'SUBMITTED', text: 'Awaiting approval' },
  { value: 'DRAFT', text: 'Draft' },
  { value: 'AUTHORISED', text: 'Approved' },
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number]['value'];

export function documentStatusOf(settings: Record<string, unknown>): DocumentStatus {
  const stored = DOCUMENT_STATUSES.find((s) => s.value === settings.documentStatus);
  return stored?.value ?? 'SUBMITTED';
}

/** The redirect URI to register in the Xero app. */
export function redirectUriFor(port: number): string {
  return `http://localhost:${port}/callback`;
}

/** The port typed in, when it is one the connector takes (1024–65535); null otherwise. */
export function portOf(text: string): number | null {
  if (!/^\d{4,5}$/.test(text.trim())) return null;
  const port = Number(text.trim());
  return port >= 1024 && port <= 65535 ? port : null;
}

export function storedPort(settings: Record<string, unknown>): number {
  const port = settings.redirectPort;
  return typeof port === 'number' && Number.isInteger(port) && port >= 0 ? port : DEFAULT_REDIRECT_PORT;
}

export type ScopesChoice = 'granular' | 'broad' | 'custom';

/** 'granular' unless the connection asks for the broad scopes (apps made before March 2026) or its own list. */
export function scopesChoiceOf(settings: Record<string, unknown>): ScopesChoice {
  if (Array.isArray(settings.scopes)) return 'custom';
  return settings.scopes === 'broad' ? 'broad' : 'granular';
}

/** The scopes setting to save: a list set through the API stays as it is while "its own list" is chosen. */
export function scopesToSave(choice: ScopesChoice): { scopes?: 'granular' | 'broad' } {
  return choice === 'custom' ? {} : { scopes: choice };
}

function ScopesField({
  id,
  value,
  onChange,
  custom = false,
}: {
  id: string;
  value: ScopesChoice;
  onChange(value: ScopesChoice): void;
  custom?: boolean;
}) {
  return (
    <SelectField
      label="Permissions asked for"
      id={id}
      value={value}
      onChange={(scopes) =>
        onChange(scopes === 'broad' ? 'broad' : scopes === 'custom' ? 'custom' : 'granular')
      }
      testId="xero-scopes"
      hint="Xero apps created since March 2026 must use the granular permissions; older apps may keep the broad ones until September 2027."
    >
      <option value="granular">Granular (apps created since March 2026)</option>
      <option value="broad">Broad: accounting.transactions (older apps)</option>
      {custom && <option value="custom">The connection&rsquo;s own list (set through the API)</option>}
    </SelectField>
  );
}

function PortField({ id, value, onChange }: { id: string; value: string; onChange(value: string): void }) {
  const port = portOf(value);
  return (
    <TextField
      label="Redirect port"
      id={id}
      value={value}
      onChange={onChange}
      inputMode="numeric"
      {...(port === null ? { errors: ['Use a port from 1024 to 65535.'] } : {})}
      hint={`Register ${redirectUriFor(port ?? DEFAULT_REDIRECT_PORT)} as the redirect URI of your Xero app: Xero accepts only that exact address, port included.`}
    />
  );
}

/** The organisation the connection uses (settings.tenantId, named), and the one it sent to as confirmed. */
export function organisationConfirmationOf(settings: Record<string, unknown>): CompanyView | null {
  const tenantId = z.string().safeParse(settings.tenantId);
  if (!tenantId.success) return null;
  const organisation = z.object({ tenantId: z.string(), name: z.string() }).safeParse(settings.organisation);
  const name =
    organisation.success && organisation.data.tenantId === tenantId.data
      ? organisation.data.name
      : tenantId.data;
  const confirmed = z
    .object({ tenantId: z.string(), name: z.string(), confirmedBy: z.string(), confirmedAt: z.string() })
    .safeParse(settings.confirmedOrganisation);
  return companyView(
    { id: tenantId.data, name },
    confirmed.success
      ? {
          id: confirmed.data.tenantId,
          name: confirmed.data.name,
          by: confirmed.data.confirmedBy,
          at: confirmed.data.confirmedAt,
        }
      : null,
  );
}

/** The organisations the sign-in reached, and the one this connection uses. */
function OrganisationPicker({
  connectionId,
  switchingFrom,
  onSaved,
}: {
  connectionId: string;
  /** The organisation it sent to, while a switch away from it waits for the confirmation above. */
  switchingFrom: string | null;
  onSaved(): void;
}) {
  // Quiet: before the sign-in ends there are no organisations to list, which is said here, not in the banner.
  const query = useQuery(['xero.tenants', connectionId], () =>
    requestQuiet('xero.tenants', { connectionId }),
  );
  const tenants = query.error ? null : (query.data ?? null);
  const problem = query.error?.message ?? null;
  const [picked, setPicked] = useState<string | null>(null);
  const choice = picked ?? tenants?.find((t) => t.chosen)?.tenantId ?? tenants?.[0]?.tenantId ?? '';
  const { busy, run } = useAction();

  const choose = () =>
    run('choose', async () => {
      await request('xero.chooseTenant', { connectionId, tenantId: choice });
      setPicked(null);
      query.reload();
      onSaved();
    });

  if (tenants === null) {
    return (
      <p className="muted" data-testid="xero-tenants-unavailable">
        {problem ? `The organisations cannot be listed yet: ${problem}` : 'Loading the organisations…'}
      </p>
    );
  }
  const chosen = tenants.find((t) => t.chosen);
  return (
    <div className="inline" data-testid="xero-tenants">
      <SelectField
        label="Organisation"
        id={`xero-tenant-${connectionId}`}
        value={choice}
        onChange={setPicked}
        testId="xero-tenant"
        hint={
          chosen && switchingFrom
            ? `Documents wait until you confirm the switch to ${chosen.name} above; to stay with ${switchingFrom}, choose it here instead.`
            : chosen
              ? `Documents go to ${chosen.name}. One organisation per company.`
              : 'Choose the organisation for this company (one organisation per company).'
        }
      >
        {tenants.map((t) => (
          <option key={t.tenantId} value={t.tenantId}>
            {t.name}
            {t.chosen ? ' (in use)' : ''}
          </option>
        ))}
      </SelectField>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void choose()}
        disabled={busy !== null || !choice || choice === chosen?.tenantId}
        data-testid="xero-choose-tenant"
      >
        Use this organisation
      </button>
    </div>
  );
}

/** A Xero connection's own settings, list import with progress, payments on demand, and its suppliers. */
function XeroSettingsPanel({ connection, onSaved }: SettingsPanelProps) {
  const settings = connection.settings;
  const id = connection.id;
  const [sendChoice, setSendChoice] = useState(sendChoiceOf(storedDocumentsToSend(settings)));
  const [documentStatus, setDocumentStatus] = useState<DocumentStatus>(documentStatusOf(settings));
  const [importPayments, setImportPayments] = useState(settings.importPayments !== false);
  const [createMissing, setCreateMissing] = useState(settings.createMissing !== false);
  const [defaultAccountCode, setDefaultAccountCode] = useState(
    typeof settings.defaultAccountCode === 'string' ? settings.defaultAccountCode : '',
  );
  const [scopes, setScopes] = useState(scopesChoiceOf(settings));
  const [port, setPort] = useState(String(storedPort(settings) || DEFAULT_REDIRECT_PORT));
  const [taxRateMap, setTaxRateMap] = useState<Record<string, string>>(
    (settings.taxRateMap as Record<string, string> | undefined) ?? {},
  );
  const { lists, taxRates, reload } = useConnectionLists(connection);
  const { busy, note, progress, run } = useActionRunner(id);
  const connected = connection.status === 'connected';
  // Signed in but the organisation not chosen yet: the connector says so in the status message.
  const signedIn = connected || /organisation/i.test(connection.statusMessage ?? '');
  const relayed = storedPort(settings) !== 0; // 0: a sign-in server that accepts any port (tests)

  const redirectPort = relayed ? portOf(port) : 0;

  const save = () =>
    run(async () => {
      await request('connections.update', {
        id,
        settings: {
          documentsToSend: documentsFor(sendChoice),
          documentStatus,
          importPayments,
          createMissing,
          defaultAccountCode: defaultAccountCode === '' ? null : defaultAccountCode,
          taxRateMap,
          ...scopesToSave(scopes),
          redirectPort,
        },
      });
      onSaved();
      return 'Settings saved.';
    });

  return (
    <>
      <CompanyConfirmation
        connection={connection}
        company={organisationConfirmationOf(settings)}
        noun="Xero organisation"
        idLabel="tenant id"
        check="Xero shows the organisation's name at the top left of its screens; to go back instead, choose the organisation it sent to under Organisation in the Xero settings."
        askFirst={false}
        testIdPrefix="xero"
        onSaved={onSaved}
      />
      <details className="system-settings" data-testid="xero-settings" open={!connected && signedIn}>
        <summary>Xero settings</summary>
        {signedIn && (
          <OrganisationPicker
            connectionId={id}
            switchingFrom={organisationConfirmationOf(settings)?.switchingFrom ?? null}
            onSaved={onSaved}
          />
        )}
        <fieldset disabled={busy}>
          <legend>Send automatically</legend>
          <SelectField
            label="Approved documents sent to Xero"
            id={`xero-send-${id}`}
            value={sendChoice}
            onChange={(choice) => setSendChoice(choice as SendChoice)}
            testId="xero-send"
            hint="Purchase and service orders go as Xero purchase orders, supplier invoices as bills."
          >
            <option value="orders">Purchase and service orders</option>
            <option value="invoices">Supplier invoices (bills)</option>
            <option value="both">Both</option>
            <option value="none">Nothing automatically (send by hand)</option>
          </SelectField>
          <SelectField
            label="Status in Xero"
            id={`xero-status-${id}`}
            value={documentStatus}
            onChange={(status) => setDocumentStatus(documentStatusOf({ documentStatus: status }))}
            testId="xero-document-status"
            hint="Awaiting approval leaves approving to Xero's own workflow; Approved bills can be paid at once."
          >
            {DOCUMENT_STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.text}
              </option>
            ))}
          </SelectField>
          <ImportPaymentsField
            checked={importPayments}
            onChange={setImportPayments}
            testId="xero-import-payments"
          />
          <CreateMissingField
            system="Xero"
            checked={createMissing}
            onChange={setCreateMissing}
            testId="xero-create-missing"
            mapsTax
          />
          <ListSelect
            id={`xero-default-account-${id}`}
            text="Default account"
            hint="For lines with neither a synced item nor an account (import the lists to see Xero's accounts)."
            kind="account"
            lists={lists}
            value={defaultAccountCode}
            onChange={setDefaultAccountCode}
            testId="xero-default-account"
          />
          {taxRates.length > 0 && (
            <fieldset>
              <legend>Tax rates</legend>
              <p className="muted">
                Each line goes to Xero with the tax rate (TaxType) chosen here for its tax rate. Left
                automatic, the Xero tax rate of the same name goes, else the only Xero tax rate for expenses
                at the same percentage; where Xero has several, or none, choose here (import the lists to see
                Xero&rsquo;s).
              </p>
              <TaxCodeMapTable
                testIdPrefix="xero"
                systemName="Xero"
                columnTitle="Xero tax rate"
                taxRates={taxRates}
                taxCodeMap={taxRateMap}
                onChange={setTaxRateMap}
                lists={lists}
                kind="tax_rate"
                automatic="— automatic: by name, then by rate —"
              />
            </fieldset>
          )}
          <ScopesField
            id={`xero-scopes-${id}`}
            value={scopes}
            onChange={setScopes}
            custom={Array.isArray(settings.scopes)}
          />
          {relayed && <PortField id={`xero-port-${id}`} value={port} onChange={setPort} />}
          <PanelActions
            prefix="xero"
            connectionId={id}
            connected={connected}
            run={run}
            save={save}
            reloadLists={reload}
            saveDisabled={redirectPort === null}
          />
        </fieldset>
        <ActionNote note={note} progress={progress} testIdPrefix="xero" />
        <section aria-labelledby={`xero-suppliers-${id}`}>
          <h3 id={`xero-suppliers-${id}`}>Suppliers in Xero</h3>
          {/* Read again when the organisation changes: the list is that organisation's. */}
          <XeroSuppliers key={String(settings.tenantId ?? '')} connectionId={id} connected={connected} />
        </section>
      </details>
    </>
  );
}

/**
 * Adds a Xero connection with the firm's own Xero app: the Client ID goes to the keychain (PKCE apps have no
 * secret); Connect then opens Xero's sign-in in the browser, which comes back to the registered localhost address.
 */
function AddXero({ companyId, onCreated }: AddPanelProps) {
  const [name, setName] = useState('Xero');
  const [clientId, setClientId] = useState('');
  const [scopes, setScopes] = useState<ScopesChoice>('granular');
  const [port, setPort] = useState(String(DEFAULT_REDIRECT_PORT));
  const { busy, run } = useAction();
  const redirectPort = portOf(port);

  function add(event: React.FormEvent) {
    event.preventDefault();
    if (redirectPort === null) return;
    void run('add', async () => {
      const created = await request('connections.create', {
        companyId,
        system: 'xero',
        name: name.trim(),
        settings: { ...scopesToSave(scopes), redirectPort, documentStatus: 'SUBMITTED' },
        credentials: { clientId: clientId.trim() },
      });
      await connectAndOpenSignIn(created.id);
      onCreated(created.id);
    });
  }

  return (
    <form className="card" onSubmit={add} data-testid="xero-add">
      <h2>Connect Xero</h2>
      <p className="muted">
        Use your own Xero app: developer.xero.com → My Apps → New app, of type &ldquo;Auth code with
        PKCE&rdquo; (it has no client secret). Register the redirect URI shown under the port, then copy the
        app&rsquo;s Client ID here. After signing in you tick the organisation; one organisation per company.
      </p>
      <ConnectionNameField id="xero-add-name" value={name} onChange={setName} />
      <TextField
        label="Client ID"
        id="xero-client-id"
        value={clientId}
        onChange={setClientId}
        required
        autoComplete="off"
        hint="Kept in the operating system's keychain, never in Ledgerbridge's database."
      />
      <ScopesField id="xero-add-scopes" value={scopes} onChange={setScopes} />
      <PortField id="xero-add-port" value={port} onChange={setPort} />
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy !== null || !name.trim() || !clientId.trim() || redirectPort === null}
          data-testid="xero-add-connect"
        >
          {busy ? 'Connecting…' : 'Connect Xero'}
        </button>
      </div>
    </form>
  );
}

export const xeroPanel: SystemPanel = {
  title: 'Xero',
  description:
    'Your own Xero app (Auth code with PKCE: a client ID, no secret); you sign in to Xero in your browser.',
  Add: AddXero,
  Settings: XeroSettingsPanel,
};
