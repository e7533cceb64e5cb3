// The integration log across the company: filter by result, page through it, export what is loaded as CSV.
import { useEffect, useMemo, useState } from 'react';
import { LogResult, type ConnectionT, type LogEntryT } from '../../../preload/contract';
import { Empty, FilterSelect, PageHeader } from '../components/ui';
import { logEntriesToCsv } from '../lib/csv';
import { whileCurrent } from '../lib/current';
import { label } from '../lib/labels';
import { request, useApp } from '../state/app';
import { useAppEvents } from '../state/events';
import { LogTimeline } from './DocumentView';

const PAGE = 100;
type Result = LogEntryT['result'];

export function ActivityPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [result, setResult] = useState<Result | ''>('');
  const [entries, setEntries] = useState<LogEntryT[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [connections, setConnections] = useState<ConnectionT[]>([]);
  const [newCount, setNewCount] = useState(0);
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    request('connections.list', { companyId }).then(setConnections, () => {});
  }, [companyId]);

  useEffect(() => {
    return whileCurrent(
      request('log.list', { companyId, ...(result ? { result } : {}), offset: 0, limit: PAGE }),
      (r) => {
        setEntries(r.items);
        setTotal(r.total);
        setNewCount(0);
      },
      () => setTotal((t) => t ?? 0),
    );
  }, [companyId, result, reloadKey]);

  useAppEvents((event) => {
    if (
      event.type === 'log' &&
      event.entry.companyId === companyId &&
      (!result || event.entry.result === result)
    ) {
      setNewCount((n) => n + 1);
    }
  });

  async function loadMore() {
    setLoading(true);
    try {
      const r = await request('log.list', {
        companyId,
        ...(result ? { result } : {}),
        offset: entries.length,
        limit: PAGE,
      });
      setEntries((e) => [...e, ...r.items]);
      setTotal(r.total);
    } catch {
      // banner
    } finally {
      setLoading(false);
    }
  }

  const names = useMemo(
    () => new Map(connections.map((c) => [c.id, c.name || label(c.system)] as const)),
    [connections],
  );
  const connectionName = (id: string | null) => (id ? (names.get(id) ?? id) : '');

  function exportCsv() {
    const blob = new Blob(['\uFEFF', logEntriesToCsv(entries, names)], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `ledgerbridge-activity-${new Date().toISOString().slice(0, 10)}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <div className="page">
      <PageHeader
        title="Activity"
        actions={
          <button
            type="button"
            className="button"
            onClick={exportCsv}
            disabled={entries.length === 0}
            data-testid="activity-export"
          >
            Export {entries.length > 0 ? `${entries.length} entries ` : ''}as CSV
          </button>
        }
      >
        <p className="muted num" data-testid="activity-total">
          {total === null ? 'Loading…' : `${total.toLocaleString('en-US')} entr${total === 1 ? 'y' : 'ies'}`}
        </p>
      </PageHeader>
      <div className="filters">
        <FilterSelect
          label="Result"
          id="activity-result"
          value={result}
          values={LogResult.options}
          onChange={(r) => setResult(r)}
          allLabel="All results"
          testId="activity-result"
        />
        {newCount > 0 && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => setReloadKey((k) => k + 1)}
            data-testid="activity-show-new"
          >
            Show {newCount} new entr{newCount === 1 ? 'y' : 'ies'}
          </button>
        )}
      </div>
      {total === 0 ? (
        <Empty title="Nothing has happened yet" testId="activity-empty">
          Every attempt to send a document, and what the accounting system answered, shows up here.
        </Empty>
      ) : (
        <section className="card">
          <LogTimeline entries={entries} connectionName={connectionName} showDocument />
          {total !== null && entries.length < total && (
            <div className="pager">
              <span className="muted num">
                Showing {entries.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
              </span>
              <button
                type="button"
                className="button"
                onClick={() => void loadMore()}
                disabled={loading}
                data-testid="activity-more"
              >
                {loading ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
