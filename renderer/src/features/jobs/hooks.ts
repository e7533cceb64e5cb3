// The Jobs page's reads: a job's or an invoice's log that follows new entries, and the QuickBooks names the jobs
// on screen would get.
import { useEffect, useState } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import type { LogPage } from '../../components/LogTimeline';
import { useQuery } from '../../lib/useQuery';
import { request } from '../../state/app';
import type { Preview } from './model';

const LOG_LIMIT = 200;

/**
 * A log that follows new entries: fetched again (once per burst) when an entry or a connection change is
 * announced, since any of them may concern this job or invoice.
 */
export function useEntityLog(kind: 'job' | 'invoice', id: string): LogPage | undefined {
  const { data } = useQuery(
    ['log', kind, id],
    () =>
      kind === 'job'
        ? request('jobs.log', { jobId: id, limit: LOG_LIMIT })
        : request('servicetrade.invoices.log', { invoiceId: id, limit: LOG_LIMIT }),
    { refreshOn: (event) => event.type === 'log' || event.type === 'connection', refreshAfterMs: 400 },
  );
  return data;
}

/**
 * The QuickBooks names of `jobIds` (the sendable rows on screen) under `qbd`'s customer mapping and templates,
 * asked for once scrolling pauses and kept as rows come and go.
 */
export function useJobPreviews(jobIds: string[], qbd: ConnectionT | null): Map<string, Preview> {
  const [previews, setPreviews] = useState<Map<string, Preview>>(new Map());
  const idsKey = jobIds.join(',');
  const qbdId = qbd?.id ?? '';
  // The connection and its naming settings: a change of either renames the jobs.
  const qbdKey = qbd ? `${qbd.id}:${JSON.stringify(qbd.settings)}` : '';
  useEffect(() => {
    if (!qbdId || idsKey === '') return;
    let live = true;
    const timer = setTimeout(() => {
      request('jobs.preview', { jobIds: idsKey.split(','), connectionId: qbdId }).then(
        (answer) => {
          if (!live) return;
          setPreviews((old) => {
            const next = new Map(old);
            for (const item of answer.items) next.set(item.jobId, item);
            return next;
          });
        },
        () => {},
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [idsKey, qbdId, qbdKey]);
  return previews;
}
