// The company's links to accounting systems (and ServiceTrade): status, connect, test, settings.
import { useCallback, useEffect, useState } from 'react';
import type { ConnectionT, MethodOutput } from '../../../preload/contract';

type ListEntryT = MethodOutput<'lists.list'>[number];
type TaxRateT = MethodOutput<'taxRates.list'>[number];
type DocumentType = 'purchase_order' | 'service_order' | 'invoice' | 'receipt';
import { initApi } from '../api/client';
import { Badge, Empty, Field, PageHeader, TextField, formatDateTime } from '../components/ui';
import { label } from '../lib/labels';
import { request, useApp } from '../state/app';
import { useAppEvents } from '../state/events';

function settingsSummary(settings: Record<string, unknown>): { sends: string; payments: string } {
  const docs = Array.isArray(settings.documentsToSend) ? (settings.documentsToSend as string[]) : [];
  return {
    sends: docs.length > 0 ? docs.map((d) => label(d)).join(', ') : 'Nothing automatically (send by hand)',
    payments: settings.importPayments === true ? 'Yes' : 'No',
  };
}

export function ConnectionsPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [connections, setConnections] = useState<ConnectionT[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, { ok: boolean; message: string }>>({});

  const load = useCallback(() => {
    request('connections.list', { companyId }).then(setConnections, () => setConnections((c) => c ?? []));
  }, [companyId]);

  useEffect(() => {
    load();
  }, [load]);

  useAppEvents((event) => {
    if (event.type === 'connection') load();
  });

  async function connect(c: ConnectionT) {
    setBusy(`connect-${c.id}`);
    try {
      const r = await request('connections.connect', { id: c.id });
      setConnections((list) => list?.map((x) => (x.id === c.id ? r.connection : x)) ?? null);
      // In Electron the main process has already opened the system browser; headless opens a tab here.
      if (r.authorizeUrl && initApi().transport === 'http') {
        window.open(r.authorizeUrl, '_blank', 'noopener,noreferrer');
      }
    } catch {
      // banner
    } finally {
      setBusy(null);
    }
  }

  async function test(c: ConnectionT) {
    setBusy(`test-${c.id}`);
    try {
      const r = await request('connections.test', { id: c.id });
      setResults((m) => ({ ...m, [c.id]: r }));
      load();
    } catch {
      // banner
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <PageHeader title="Connections" />
      {connections !== null && !connections.some((c) => c.system !== 'servicetrade') && (
        <AddQuickBooksOnline companyId={companyId} onCreated={load} />
      )}
      {connections === null ? (
        <p className="muted">Loading…</p>
      ) : connections.length === 0 ? (
        <Empty title="No accounting system is connected yet" testId="connections-empty">
          <p>
            Connect QuickBooks Online, QuickBooks Desktop, Xero or NetSuite to send approved purchase orders,
            service orders, supplier invoices and receipts in one click, keep suppliers in step and bring
            payments back.
          </p>
          <p>
            Until then, documents are kept here; those created before a connection exists are marked
            historical and are never sent automatically.
          </p>
        </Empty>
      ) : (
        connections.map((c) => {
          const s = settingsSummary(c.settings);
          const result = results[c.id];
          return (
            <section
              key={c.id}
              className="card"
              data-testid="connection"
              data-connection-id={c.id}
              data-system={c.system}
              aria-labelledby={`conn-${c.id}`}
            >
              <div className="card__head">
                <div className="inline">
                  <h2 id={`conn-${c.id}`}>{c.name || label(c.system)}</h2>
                  <span className="muted">{label(c.system)}</span>
                  <Badge value={c.status} testId="connection-status" />
                </div>
                <div className="actions">
                  <button
                    type="button"
                    className={`button${c.status === 'connected' ? '' : ' button--primary'}`}
                    title={
                      c.status === 'needs_reconnect'
                        ? 'The authorization expired or was revoked: sign in again. Nothing waiting is lost.'
                        : undefined
                    }
                    onClick={() => void connect(c)}
                    disabled={busy !== null}
                    data-testid="connection-connect"
                  >
                    {busy === `connect-${c.id}`
                      ? 'Connecting…'
                      : c.status === 'connected' || c.status === 'needs_reconnect'
                        ? 'Reconnect'
                        : 'Connect'}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => void test(c)}
                    disabled={busy !== null}
                    data-testid="connection-test"
                  >
                    {busy === `test-${c.id}` ? 'Testing…' : 'Test'}
                  </button>
                </div>
              </div>
              {c.statusMessage && (
                <p
                  data-testid="connection-status-message"
                  className={c.status === 'connected' ? 'muted' : undefined}
                >
                  {c.statusMessage}
                </p>
              )}
              {result && (
                <div
                  className={`banner ${result.ok ? 'banner--success' : 'banner--error'}`}
                  role="status"
                  data-testid="connection-test-result"
                  data-ok={result.ok}
                >
                  <span className="banner__message">{result.message}</span>
                </div>
              )}
              <dl className="meta">
                <div>
                  <dt>Sends automatically</dt>
                  <dd data-testid="connection-documents-to-send">{s.sends}</dd>
                </div>
                <div>
                  <dt>Brings payments back</dt>
                  <dd data-testid="connection-import-payments">{s.payments}</dd>
                </div>
                <div>
                  <dt>Connected</dt>
                  <dd>{c.connectedAt ? formatDateTime(c.connectedAt) : 'Not yet'}</dd>
                </div>
              </dl>
              {c.system === 'quickbooks_online' && <QuickBooksOnlineSettings connection={c} onSaved={load} />}
            </section>
          );
        })
      )}
    </div>
  );
}

const DOCUMENT_TYPES = ['purchase_order', 'service_order', 'invoice'] as const;

/** A QuickBooks Online connection's own settings, list import with progress, and payments on demand. */
function QuickBooksOnlineSettings({ connection, onSaved }: { connection: ConnectionT; onSaved: () => void }) {
  const settings = connection.settings;
  const id = connection.id;
  const [documentsToSend, setDocumentsToSend] = useState<DocumentType[]>(
    Array.isArray(settings.documentsToSend) ? (settings.documentsToSend as DocumentType[]) : [],
  );
  const [importPayments, setImportPayments] = useState(settings.importPayments !== false);
  const [environment, setEnvironment] = useState(String(settings.environment ?? 'production'));
  const [accounts, setAccounts] = useState({
    defaultExpenseAccountId: (settings.defaultExpenseAccountId as string | null) ?? '',
    apAccountId: (settings.apAccountId as string | null) ?? '',
    discountAccountId: (settings.discountAccountId as string | null) ?? '',
    defaultTaxCodeId: (settings.defaultTaxCodeId as string | null) ?? '',
  });
  const [taxCodeMap, setTaxCodeMap] = useState<Record<string, string>>(
    (settings.taxCodeMap as Record<string, string> | undefined) ?? {},
  );
  const [lists, setLists] = useState<ListEntryT[]>([]);
  const [taxRates, setTaxRates] = useState<TaxRateT[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadLists = useCallback(() => {
    request('lists.list', { companyId: connection.companyId, connectionId: id }).then(
      setLists,
      () => undefined,
    );
    request('taxRates.list', { companyId: connection.companyId }).then(setTaxRates, () => undefined);
  }, [connection.companyId, id]);
  useEffect(() => loadLists(), [loadLists]);
  useAppEvents((event) => {
    if (event.type === 'progress' && event.task === `lists.import:${id}`) setProgress(event.message);
  });

  const options = (kind: ListEntryT['kind'], filter?: (e: ListEntryT) => boolean) =>
    lists
      .filter((e) => e.kind === kind && e.active && e.externalId && (!filter || filter(e)))
      .map((e) => (
        <option key={e.id} value={e.externalId!}>
          {e.name}
        </option>
      ));

  async function run(action: () => Promise<string>) {
    setBusy(true);
    setNote(null);
    try {
      setNote(await action());
    } catch {
      // the banner says what went wrong
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const save = () =>
    run(async () => {
      const nullable = (v: string) => (v === '' ? null : v);
      await request('connections.update', {
        id,
        settings: {
          documentsToSend,
          importPayments,
          environment,
          taxCodeMap,
          defaultExpenseAccountId: nullable(accounts.defaultExpenseAccountId),
          apAccountId: nullable(accounts.apAccountId),
          discountAccountId: nullable(accounts.discountAccountId),
          defaultTaxCodeId: nullable(accounts.defaultTaxCodeId),
        },
      });
      onSaved();
      return 'Settings saved.';
    });

  const importLists = () =>
    run(async () => {
      const r = await request('lists.import', { connectionId: id });
      loadLists();
      if (r.queued) return 'Lists will be read at the next Web Connector session.';
      return `Lists imported: ${r.added} new, ${r.updated} updated, ${r.deactivated} made inactive.`;
    });

  const syncPayments = () =>
    run(async () => {
      const r = await request('payments.sync', { connectionId: id });
      if (r.queued) return 'Payments will be read at the next Web Connector session.';
      return `Payments checked: ${r.imported} applied, ${r.canceled} canceled, ${r.documentsChanged} invoice(s) changed.`;
    });

  const connected = connection.status === 'connected';
  const accountSelect = (
    key: keyof typeof accounts,
    text: string,
    kind: ListEntryT['kind'],
    hint: string,
  ) => (
    <Field label={text} htmlFor={`qbo-${key}-${id}`} hint={hint}>
      <select
        id={`qbo-${key}-${id}`}
        value={accounts[key]}
        onChange={(e) => setAccounts((a) => ({ ...a, [key]: e.target.value }))}
        data-testid={`qbo-${key}`}
      >
        <option value="">— none —</option>
        {options(kind, key === 'apAccountId' ? (e) => e.name.toLowerCase().includes('payable') : undefined)}
      </select>
    </Field>
  );

  return (
    <details className="qbo-settings" data-testid="qbo-settings">
      <summary>QuickBooks Online settings</summary>
      <fieldset disabled={busy}>
        <legend>Send automatically</legend>
        {DOCUMENT_TYPES.map((type) => (
          <label key={type} className="inline">
            <input
              type="checkbox"
              checked={documentsToSend.includes(type)}
              onChange={(e) =>
                setDocumentsToSend((list) =>
                  e.target.checked ? [...list, type] : list.filter((t) => t !== type),
                )
              }
              data-testid={`qbo-send-${type}`}
            />{' '}
            {label(type)}
          </label>
        ))}
        <label className="inline">
          <input
            type="checkbox"
            checked={importPayments}
            onChange={(e) => setImportPayments(e.target.checked)}
            data-testid="qbo-import-payments"
          />{' '}
          Bring payments back (checked every 15 minutes)
        </label>
        <Field
          label="Company type"
          htmlFor={`qbo-env-${id}`}
          hint="Sandbox companies sign in straight to this computer; production companies go through the https relay page."
        >
          <select id={`qbo-env-${id}`} value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            <option value="production">Production</option>
            <option value="sandbox">Sandbox</option>
          </select>
        </Field>
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
        {accountSelect(
          'defaultTaxCodeId',
          'Default tax code',
          'tax_code',
          'Outside the US: for lines without a tax rate.',
        )}
        {taxRates.length > 0 && (
          <table className="table" data-testid="qbo-tax-map">
            <thead>
              <tr>
                <th>Our tax rate</th>
                <th>QuickBooks tax code (outside the US)</th>
              </tr>
            </thead>
            <tbody>
              {taxRates.map((rate) => (
                <tr key={rate.id}>
                  <td>
                    {rate.name} ({rate.percent} %)
                  </td>
                  <td>
                    <select
                      aria-label={`QuickBooks tax code for ${rate.name}`}
                      value={taxCodeMap[rate.id] ?? ''}
                      onChange={(e) =>
                        setTaxCodeMap((m) => {
                          const next = { ...m };
                          if (e.target.value) next[rate.id] = e.target.value;
                          else delete next[rate.id];
                          return next;
                        })
                      }
                    >
                      <option value="">— by name —</option>
                      {options('tax_code')}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => void save()}
            data-testid="qbo-save"
          >
            Save settings
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void importLists()}
            disabled={!connected}
            data-testid="qbo-import-lists"
          >
            Import lists
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void syncPayments()}
            disabled={!connected}
            data-testid="qbo-sync-payments"
          >
            Check payments now
          </button>
        </div>
      </fieldset>
      {progress && (
        <p className="muted" role="status" data-testid="qbo-progress">
          {progress}
        </p>
      )}
      {note && (
        <div className="banner banner--success" role="status" data-testid="qbo-note">
          <span className="banner__message">{note}</span>
        </div>
      )}
    </details>
  );
}

/**
 * Adds a QuickBooks Online connection with the firm's own Intuit app: the Client ID and Secret go straight to the
 * keychain; Connect then opens Intuit's consent page (sandbox companies come back to this computer directly,
 * production companies through the https relay page registered as the app's redirect URI).
 */
function AddQuickBooksOnline({ companyId, onCreated }: { companyId: string; onCreated: () => void }) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [environment, setEnvironment] = useState<'production' | 'sandbox'>('production');
  const [relayUrl, setRelayUrl] = useState('');
  const [busy, setBusy] = useState(false);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const created = await request('connections.create', {
        companyId,
        system: 'quickbooks_online',
        settings: {
          environment,
          ...(environment === 'sandbox' ? { apiBaseUrl: 'https://sandbox-quickbooks.api.intuit.com' } : {}),
          ...(relayUrl.trim() ? { relayUrl: relayUrl.trim() } : {}),
        },
        credentials: { clientId: clientId.trim(), clientSecret: clientSecret.trim() },
      });
      const r = await request('connections.connect', { id: created.id });
      if (r.authorizeUrl && initApi().transport === 'http') {
        window.open(r.authorizeUrl, '_blank', 'noopener,noreferrer');
      }
      onCreated();
    } catch {
      // the banner says what went wrong
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={(e) => void add(e)} data-testid="qbo-add">
      <h2>Connect QuickBooks Online</h2>
      <p className="muted">
        Use your own Intuit app (developer.intuit.com → your app → Keys and credentials). Register the
        redirect URI: for sandbox companies http://localhost is allowed; for production companies the https
        relay page (see the QuickBooks Online guide).
      </p>
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
      <Field label="Company type" htmlFor="qbo-add-env">
        <select
          id="qbo-add-env"
          value={environment}
          onChange={(e) => setEnvironment(e.target.value === 'sandbox' ? 'sandbox' : 'production')}
        >
          <option value="production">Production</option>
          <option value="sandbox">Sandbox</option>
        </select>
      </Field>
      {environment === 'production' && (
        <TextField
          label="Relay page (optional)"
          id="qbo-relay-url"
          value={relayUrl}
          onChange={setRelayUrl}
          placeholder="https://…/relay/"
          hint="Where you host docs/relay/; leave empty for the default."
        />
      )}
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || !clientId || !clientSecret}
          data-testid="qbo-add-connect"
        >
          {busy ? 'Connecting…' : 'Connect QuickBooks Online'}
        </button>
      </div>
    </form>
  );
}
