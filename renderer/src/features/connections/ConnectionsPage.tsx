// The company's links to accounting systems (and ServiceTrade): status, connect, test, each system's settings,
// and adding a connection. What is particular to a system lives in its own panel (panels.ts). A system that calls
// us (QuickBooks Desktop's Web Connector) has no Connect: it is connected by the Web Connector's first run, so its
// card offers the Web Connector set-up and the .qwc file instead.
import { useState } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import { ConnectionsTabs } from '../../components/ConnectionsTabs';
import { Badge, Empty, PageHeader, formatDateTime } from '../../components/ui';
import { connectionState, useSystems } from '../../lib/connections';
import { label } from '../../lib/labels';
import { href } from '../../lib/route';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, useApp } from '../../state/app';
import { downloadQwc } from '../web-connector';
import { RenameConnection } from './connection-name';
import { connectAndOpenSignIn } from './fields';
import { PANELS } from './panels';
import { SupplierImport } from './supplier-import';
import type { SystemNameT } from './types';

function settingsSummary(settings: Record<string, unknown>): { sends: string; payments: string } {
  const docs = Array.isArray(settings.documentsToSend) ? (settings.documentsToSend as string[]) : [];
  return {
    sends: docs.length > 0 ? docs.map((d) => label(d)).join(', ') : 'Nothing automatically (send by hand)',
    payments: settings.importPayments === true ? 'Yes' : 'No',
  };
}

/** How often a source (ServiceTrade) is pulled: its refreshMinutes, 15 unless set, 0 for by hand only. */
function pullsSummary(settings: Record<string, unknown>): string {
  const minutes = typeof settings.refreshMinutes === 'number' ? settings.refreshMinutes : 15;
  if (minutes === 0) return 'Only with Refresh now (Jobs page)';
  return `Every ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function ConnectionsPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const query = useQuery(['connections.list', companyId], () => request('connections.list', { companyId }), {
    refreshOn: (event) => event.type === 'connection',
    refreshAfterMs: 0,
  });
  // A failed read shows the page empty (the banner says why) rather than "Loading…" for ever.
  const connections = query.data ?? (query.error ? [] : null);
  const { busy, run } = useAction();
  const systems = useSystems();
  const [results, setResults] = useState<Record<string, { ok: boolean; message: string }>>({});
  const [qwcNotes, setQwcNotes] = useState<Record<string, string>>({});
  // What Try again queued, shown while the connection still waits for access (the run that sends it ends that).
  const [retryNotes, setRetryNotes] = useState<Record<string, string>>({});
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const load = query.reload;

  const connect = (c: ConnectionT) =>
    run(`connect-${c.id}`, async () => {
      const connection = await connectAndOpenSignIn(c.id);
      query.setData((connections ?? []).map((x) => (x.id === c.id ? connection : x)));
    });

  const download = (c: ConnectionT) =>
    run(`qwc-${c.id}`, async () => {
      const { fileName } = await downloadQwc(c.id);
      // A session system's only credential is the password its Web Connector signs in with.
      const passwordSet = c.credentialNames.length > 0;
      setQwcNotes((m) => ({
        ...m,
        [c.id]:
          `${fileName} downloaded. On the QuickBooks computer, open it in the QuickBooks Web Connector (Add an application), ` +
          (passwordSet
            ? 'type the Web Connector password in its Password column, then click Update Selected.'
            : 'then set the Web Connector password on the Web Connector page and type it in the Password column there, and click Update Selected.'),
      }));
    });

  // A refusal (say, it is sending right now) goes to the banner and keeps the confirmation open.
  const remove = (c: ConnectionT) =>
    run(`remove-${c.id}`, async () => {
      await request('connections.remove', { id: c.id });
      setConfirmRemove(null);
      load();
    });

  // QuickBooks refused access and the bookkeeper allowed it there: what waited goes at the next Web Connector run.
  const retryAccess = (c: ConnectionT) =>
    run(`retry-${c.id}`, async () => {
      const { message } = await request('qbd.retryAccess', { connectionId: c.id });
      setRetryNotes((m) => ({ ...m, [c.id]: message }));
    });

  const test = (c: ConnectionT) =>
    run(`test-${c.id}`, async () => {
      const r = await request('connections.test', { id: c.id });
      setResults((m) => ({ ...m, [c.id]: r }));
      load();
    });

  return (
    <div className="page">
      <PageHeader title="Connections" />
      <ConnectionsTabs current="connections" />
      {connections !== null && systems.loaded && (
        <AddConnection
          companyId={companyId}
          hasAccounting={connections.some(systems.isAccounting)}
          isSource={(system) => systems.roleOf(system) === 'source'}
          onCreated={load}
        />
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
          const connectBlocked = PANELS[c.system]?.connectBlocked?.(c) ?? null;
          const callsUs = systems.callsUs(c.system);
          const state = connectionState(c, callsUs);
          return (
            <section
              key={c.id}
              className="card"
              data-testid="connection"
              data-connection-id={c.id}
              data-system={c.system}
              aria-labelledby={`conn-${c.id}`}
            >
              <div className="card__head card__head--wraps">
                <div className="inline">
                  <h2 id={`conn-${c.id}`} data-testid="connection-name">
                    {c.name || label(c.system)}
                  </h2>
                  {c.name && c.name !== label(c.system) && (
                    <span className="muted" data-testid="connection-system">
                      {label(c.system)}
                    </span>
                  )}
                  <Badge value={state.badge.value} text={state.badge.text} testId="connection-status" />
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    onClick={() => setRenaming(renaming === c.id ? null : c.id)}
                    aria-expanded={renaming === c.id}
                    aria-label={`Rename ${c.name || label(c.system)}`}
                    data-testid="connection-rename"
                  >
                    Rename…
                  </button>
                </div>
                <div className="actions">
                  {callsUs ? (
                    <>
                      {/* Set up once refused access is not: the Web Connector ran, and Try again is what to do. */}
                      <a
                        className={`button${state.kind === 'connected' || state.retryAccess ? '' : ' button--primary'}`}
                        href={href('web-connector')}
                        data-testid="connection-web-connector"
                      >
                        {state.kind === 'connected' || state.retryAccess
                          ? 'Web Connector'
                          : 'Set up the Web Connector'}
                      </a>
                      <button
                        type="button"
                        className="button"
                        onClick={() => void download(c)}
                        disabled={busy !== null}
                        data-testid="connection-download-qwc"
                      >
                        {busy === `qwc-${c.id}` ? 'Preparing…' : 'Download .qwc file'}
                      </button>
                    </>
                  ) : systems.loaded ? (
                    <button
                      type="button"
                      className={`button${c.status === 'connected' ? '' : ' button--primary'}`}
                      title={
                        connectBlocked ??
                        (c.status === 'needs_reconnect'
                          ? 'The authorization expired or was revoked: sign in again. Nothing waiting is lost.'
                          : undefined)
                      }
                      onClick={() => void connect(c)}
                      disabled={busy !== null || connectBlocked !== null}
                      data-testid="connection-connect"
                    >
                      {busy === `connect-${c.id}`
                        ? 'Connecting…'
                        : c.status === 'connected' || c.status === 'needs_reconnect'
                          ? 'Reconnect'
                          : 'Connect'}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="button"
                    onClick={() => void test(c)}
                    disabled={busy !== null}
                    data-testid="connection-test"
                  >
                    {busy === `test-${c.id}` ? 'Testing…' : 'Test'}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => setConfirmRemove(c.id)}
                    disabled={busy !== null}
                    data-testid="connection-remove"
                  >
                    Remove…
                  </button>
                </div>
              </div>
              {renaming === c.id && (
                <RenameConnection
                  connection={c}
                  onDone={(renamed) => {
                    setRenaming(null);
                    if (renamed) {
                      query.setData((connections ?? []).map((x) => (x.id === c.id ? renamed : x)));
                      load();
                    }
                  }}
                />
              )}
              {confirmRemove === c.id && (
                <div
                  className="banner banner--warning"
                  role="alertdialog"
                  data-testid="connection-remove-confirm"
                >
                  <span className="banner__message">
                    Remove {c.name}? Ledgerbridge gives back its access to {label(c.system)} and forgets which
                    documents went there; what was sent stays in {label(c.system)}. Documents approved from
                    now on are not sent anywhere until you connect again (and documents sent before are then
                    kept as history, never sent twice).
                  </span>
                  <div className="actions">
                    <button
                      type="button"
                      className="button button--danger"
                      onClick={() => void remove(c)}
                      disabled={busy !== null}
                      data-testid="connection-remove-yes"
                    >
                      {busy === `remove-${c.id}` ? 'Removing…' : 'Remove connection'}
                    </button>
                    <button
                      type="button"
                      className="button"
                      onClick={() => setConfirmRemove(null)}
                      data-testid="connection-remove-no"
                    >
                      Keep it
                    </button>
                  </div>
                </div>
              )}
              {state.notice && (
                <p className="banner banner--info" data-testid="connection-state-notice">
                  <span className="banner__message">{state.notice}</span>
                  {state.retryAccess && !retryNotes[c.id] && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => void retryAccess(c)}
                      disabled={busy !== null}
                      data-testid="connection-retry-access"
                    >
                      {busy === `retry-${c.id}` ? 'Queueing…' : 'Try again'}
                    </button>
                  )}
                </p>
              )}
              {state.retryAccess && retryNotes[c.id] && (
                <p className="banner banner--success" role="status" data-testid="connection-retry-note">
                  <span className="banner__message">{retryNotes[c.id]}</span>
                </p>
              )}
              {c.statusMessage && (
                <p
                  data-testid="connection-status-message"
                  className={c.status === 'connected' ? 'muted' : undefined}
                >
                  {c.statusMessage}
                </p>
              )}
              {qwcNotes[c.id] && (
                <div className="banner banner--success" role="status" data-testid="connection-qwc-note">
                  <span className="banner__message">{qwcNotes[c.id]}</span>
                </div>
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
              <dl className="meta connection-facts" data-testid="connection-facts">
                {systems.roleOf(c.system) !== 'source' ? (
                  <>
                    <div>
                      <dt>Sends automatically</dt>
                      <dd data-testid="connection-documents-to-send">{s.sends}</dd>
                    </div>
                    <div>
                      <dt>Brings payments back</dt>
                      <dd data-testid="connection-import-payments">{s.payments}</dd>
                    </div>
                  </>
                ) : (
                  // A source (ServiceTrade) sends nothing and has no payments: what it does is pull, on a schedule.
                  <div>
                    <dt>Pulls jobs and invoices</dt>
                    <dd data-testid="connection-pulls">{pullsSummary(c.settings)}</dd>
                  </div>
                )}
                <div>
                  <dt>Connected</dt>
                  <dd data-testid="connection-connected-at">
                    {state.notYet ?? (c.connectedAt ? formatDateTime(c.connectedAt) : '')}
                  </dd>
                </div>
              </dl>
              {c.system === 'quickbooks_desktop' && (
                <p data-testid="connection-web-connector-note">
                  QuickBooks Desktop is reached through the QuickBooks Web Connector: set its password,
                  download the .qwc file and see its sessions on the{' '}
                  <a href={href('web-connector')}>Web Connector</a> page.
                </p>
              )}
              {systems.isAccounting(c) && (
                <p>
                  <a href={href('connections', 'lists', c.id)} data-testid="connection-lists">
                    Lists
                  </a>{' '}
                  <span className="muted">
                    — accounts, items, classes and the other lists imported from {c.name || label(c.system)}:
                    import, update, hide from the pickers, and pair what documents are waiting on.
                  </span>
                </p>
              )}
              {c.system !== 'servicetrade' && <SupplierImport connection={c} canAsk={state.canAsk} />}
              <SystemSettings connection={c} onSaved={load} />
            </section>
          );
        })
      )}
    </div>
  );
}

/** The system's own settings panel inside a connection's card, when it has one. */
function SystemSettings({ connection, onSaved }: { connection: ConnectionT; onSaved: () => void }) {
  const Settings = PANELS[connection.system]?.Settings;
  return Settings ? <Settings connection={connection} onSaved={onSaved} /> : null;
}

/**
 * "Add a connection": one button per system that can be added here, then that system's form. A company sends to
 * one accounting system, so those are offered (and the chooser is open) only while it has none; ServiceTrade, which
 * is not one, can be added beside it.
 */
function AddConnection({
  companyId,
  hasAccounting,
  isSource,
  onCreated,
}: {
  companyId: string;
  hasAccounting: boolean;
  isSource: (system: string) => boolean;
  onCreated: () => void;
}) {
  // A company sends to one accounting system; once it has one, only a source can still be added.
  const systems = (Object.keys(PANELS) as SystemNameT[]).filter(
    (system) => PANELS[system]?.Add && (!hasAccounting || isSource(system)),
  );
  const [chosen, setChosen] = useState<SystemNameT | null>(null);
  const [expanded, setExpanded] = useState(false);
  const panel = chosen && systems.includes(chosen) ? PANELS[chosen] : undefined;
  const Add = panel?.Add;

  if (systems.length === 0) return null;
  if (hasAccounting && !expanded) {
    return (
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => setExpanded(true)}
          data-testid="connection-add"
        >
          Add a connection
        </button>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="connection-add-title" data-testid="connection-add-panel">
      <h2 id="connection-add-title">{hasAccounting ? 'Add a connection' : 'Connect an accounting system'}</h2>
      <div className="actions" role="group" aria-label="System">
        {systems.map((system) => (
          <button
            key={system}
            type="button"
            className={`button${chosen === system ? ' button--primary' : ''}`}
            aria-pressed={chosen === system}
            onClick={() => setChosen(system)}
            data-testid={`connection-add-${system}`}
          >
            {PANELS[system]?.title ?? label(system)}
          </button>
        ))}
      </div>
      {panel && <p className="muted">{panel.description}</p>}
      {Add && chosen && (
        <Add
          key={chosen}
          companyId={companyId}
          onCreated={() => {
            setChosen(null);
            setExpanded(false);
            onCreated();
          }}
        />
      )}
    </section>
  );
}
