// The integration log as a timeline (a document's, a job's, the company's on the Activity page), and a log
// section that says plainly when there is nothing yet and when only the newest entries are shown.
import type { LogEntryT } from '../../../preload/contract';
import { label } from '../lib/labels';
import { href } from '../lib/route';
import { Badge, formatDateTime } from './ui';

export type LogPage = { total: number; items: LogEntryT[] };

export function LogTimeline({
  entries,
  connectionName,
  showDocument,
}: {
  entries: LogEntryT[];
  connectionName: (id: string | null) => string;
  showDocument?: boolean;
}) {
  return (
    <ol className="timeline" data-testid="log-timeline">
      {entries.map((e) => (
        <li key={e.id} data-result={e.result} data-testid="log-entry">
          <div className="timeline__head">
            <span className="timeline__time num">{formatDateTime(e.at)}</span>
            <Badge value={e.result} testId="log-result" />
            <strong>{label(e.action)}</strong>
            {e.connectionId && <span className="muted">{connectionName(e.connectionId)}</span>}
            {showDocument && e.documentId && (
              <a href={href('documents', e.documentId)}>{e.documentNumber ?? 'Document'}</a>
            )}
          </div>
          <div data-testid="log-message">{e.message}</div>
          {e.detail && (
            <details>
              <summary>Technical detail</summary>
              <pre className="detail" data-testid="log-detail">
                {e.detail}
              </pre>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * One thing's log (a job, an invoice): "Loading…", then `empty` (test id `<testId>-empty`) when nothing happened
 * yet, else the timeline (test id `testId`) and, when the page holds only the newest entries, a note saying so.
 */
export function LogSection({
  log,
  connectionName,
  empty,
  testId,
}: {
  log: LogPage | undefined;
  connectionName: (id: string | null) => string;
  empty: string;
  testId: string;
}) {
  if (!log) return <p className="muted">Loading…</p>;
  if (log.items.length === 0) {
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  }
  return (
    <div data-testid={testId}>
      <LogTimeline entries={log.items} connectionName={connectionName} />
      {log.total > log.items.length && (
        <p className="muted">
          The newest {log.items.length} of {log.total} entries; the Activity page has them all.
        </p>
      )}
    </div>
  );
}
