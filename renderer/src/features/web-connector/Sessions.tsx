// What each Web Connector session did, and the fix for every problem it met.
import type { MethodOutput } from '../../../../preload/contract';
import { Badge, formatDateTime } from '../../components/ui';

export type Session = MethodOutput<'qbd.sessions'>['sessions'][number];
export type Outcome = Session['outcome'];

/** Outcome → [words, a badge value whose colour fits]. */
const OUTCOMES: Record<Outcome, [string, string]> = {
  running: ['Running', 'sending'],
  done: ['Done', 'success'],
  failed: ['Stopped with a problem', 'failure'],
  expired: ['Stopped answering', 'retry'],
  nothing_to_do: ['Nothing to send', 'historical'],
  busy: ['Busy (another session ran)', 'retry'],
  replaced: ['Lost, replaced by a new session', 'retry'],
  refused: ['Password refused', 'failure'],
  interrupted: ['Interrupted (Ledgerbridge closed)', 'retry'],
};

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function whatItDid(session: Session): string {
  const s = session.summary;
  if (!s) return session.outcome === 'running' ? 'In progress…' : '—';
  const parts = [`${plural(s.documentsSent, 'document')} sent`];
  if (s.documentsFailed > 0) parts.push(`${s.documentsFailed} need attention`);
  if (s.listRecords > 0) parts.push(`${plural(s.listRecords, 'list record')} read`);
  if (s.paymentsImported > 0) parts.push(`${plural(s.paymentsImported, 'payment')} read`);
  parts.push(`${plural(s.messages, 'round trip')}`);
  return parts.join(', ');
}

export function Sessions({ sessions }: { sessions: Session[] }) {
  if (sessions.length === 0) {
    return (
      <p className="muted" data-testid="qbwc-no-sessions">
        The Web Connector has not called yet. Once it runs, each session appears here with what it did.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="grid" data-testid="qbwc-sessions">
        <thead>
          <tr>
            <th>Started</th>
            <th>Outcome</th>
            <th>What it did</th>
            <th>Problems and how to fix them</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const [words, badge] = OUTCOMES[s.outcome];
            return (
              <tr key={s.id} data-testid="qbwc-session" data-outcome={s.outcome}>
                <td>
                  {formatDateTime(s.startedAt)}
                  {Date.parse(s.lastSeenAt) - Date.parse(s.startedAt) >= 60_000 && (
                    <div className="muted">last call {formatDateTime(s.lastSeenAt)}</div>
                  )}
                </td>
                <td>
                  <Badge value={badge} text={words} testId="qbwc-session-outcome" />
                </td>
                <td data-testid="qbwc-session-summary">{whatItDid(s)}</td>
                <td>
                  {s.problems.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="problems" data-testid="qbwc-session-problems">
                      {s.problems.map((p) => (
                        <li key={`${p.code}-${p.message}`} data-code={p.code}>
                          <strong>{p.code}</strong>
                          {p.message && p.message !== p.fix && <span className="muted"> {p.message}</span>}
                          <div data-testid="qbwc-problem-fix">{p.fix}</div>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
