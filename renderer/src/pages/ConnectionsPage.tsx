// The company's links to accounting systems (and ServiceTrade): status, connect, test, settings.
import { useCallback, useEffect, useState } from 'react';
import type { ConnectionT } from '../../../preload/contract';
import { initApi } from '../api/client';
import { Badge, Empty, PageHeader, formatDateTime } from '../components/ui';
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
                    onClick={() => void connect(c)}
                    disabled={busy !== null}
                    data-testid="connection-connect"
                  >
                    {busy === `connect-${c.id}`
                      ? 'Connecting…'
                      : c.status === 'connected'
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
            </section>
          );
        })
      )}
    </div>
  );
}
