// The integration log across the company: filter by result, page through it, export what is loaded as CSV.
import { useMemo, useState } from 'react';
import { LogResult, type LogEntryT } from '../../../../preload/contract';
import { LogTimeline } from '../../components/LogTimeline';
import { Empty, FilterSelect, PageHeader } from '../../components/ui';
import { connectionLabel, useConnections } from '../../lib/connections';
import { logEntriesToCsv } from '../../lib/csv';
import { saveFile } from '../../lib/save-file';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, useApp } from '../../state/app';
import { useAppEvents } from '../../state/events';

const PAGE = 100;
type Result = LogEntryT['result'];

/** Saves the CSV with a byte order mark, so that Excel reads it as UTF-8. */
function downloadCsv(text: string): void {
  const fileName = `ledgerbridge-activity-${new Date().toISOString().slice(0, 10)}.csv`;
  saveFile(fileName, ['\uFEFF', text], 'text/csv;charset=utf-8');
}

export function ActivityPage() {
  const companyId = useApp((s) => s.companyId) ?? '';
  const [result, setResult] = useState<Result | ''>('');
  const [reloadKey, setReloadKey] = useState(0);
  const { connections } = useConnections(companyId);
  const filter = result ? { result } : {};
  const key = ['log.list', companyId, result, reloadKey];
  const keyText = JSON.stringify(key);
  const first = useQuery(key, () => request('log.list', { companyId, ...filter, offset: 0, limit: PAGE }), {
    keepPrevious: true,
  });
  // The pages loaded after the first ("Load more"), and the entries announced since: both for one query only.
  const [more, setMore] = useState<{ key: string; items: LogEntryT[]; total: number } | null>(null);
  const [announced, setAnnounced] = useState<{ key: string; count: number } | null>(null);
  const { busy, run } = useAction();

  const moreItems = more?.key === keyText ? more : null;
  const entries = useMemo(
    () => [...(first.data?.items ?? []), ...(moreItems?.items ?? [])],
    [first.data, moreItems],
  );
  const total = moreItems?.total ?? first.data?.total ?? (first.error ? 0 : null);
  const newCount = announced?.key === keyText ? announced.count : 0;

  useAppEvents((event) => {
    if (
      event.type === 'log' &&
      event.entry.companyId === companyId &&
      (!result || event.entry.result === result)
    ) {
      setAnnounced((a) => ({ key: keyText, count: (a?.key === keyText ? a.count : 0) + 1 }));
    }
  });

  const loadMore = () =>
    void run(
      'more',
      () => request('log.list', { companyId, ...filter, offset: entries.length, limit: PAGE }),
      {
        notice: (r) => {
          setMore({ key: keyText, items: [...(moreItems?.items ?? []), ...r.items], total: r.total });
          return null;
        },
      },
    );

  const names = useMemo(
    () => new Map(connections.map((c) => [c.id, connectionLabel(c)] as const)),
    [connections],
  );
  const connectionName = (id: string | null) => (id ? (names.get(id) ?? id) : '');

  return (
    <div className="page">
      <PageHeader
        title="Activity"
        actions={
          <button
            type="button"
            className="button"
            onClick={() => downloadCsv(logEntriesToCsv(entries, names))}
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
                onClick={loadMore}
                disabled={busy !== null}
                data-testid="activity-more"
              >
                {busy ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
