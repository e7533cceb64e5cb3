// Beside a document: where it is in each accounting system, the payments brought back against it, and its
// history of status changes.
import type { DocumentT } from '../../../../../preload/contract';
import { Badge, Money, formatDateTime } from '../../../components/ui';
import { label } from '../../../lib/labels';
import { pastTense } from './model';

export function SyncCard({
  doc,
  hasTargets,
  notSent = null,
  connectionName,
}: {
  doc: DocumentT;
  hasTargets: boolean;
  /** Why it is not sent to the company's accounting system (it has no record for this type), if so. */
  notSent?: string | null;
  connectionName: (id: string | null) => string;
}) {
  return (
    <section className="card" aria-labelledby="h-sync">
      <h2 id="h-sync">Accounting systems</h2>
      {doc.sync.length === 0 ? (
        <p className="muted">
          {notSent
            ? notSent
            : !hasTargets
              ? 'No accounting system is connected.'
              : 'Not sent yet. Approved documents are sent automatically when the connection sends this type.'}
        </p>
      ) : (
        <ul className="records">
          {doc.sync.map((s) => (
            <li key={s.connectionId} data-testid="sync-status" data-connection-id={s.connectionId}>
              <div className="record__head">
                <strong>{connectionName(s.connectionId)}</strong>
                <Badge value={s.status} testId="sync-status-badge" />
              </div>
              {s.externalId && <div className="muted">Their id: {s.externalId}</div>}
              {s.lastMessage && <div data-testid="sync-message">{s.lastMessage}</div>}
              {s.status === 'waiting' && (
                <div className="muted" data-testid="sync-waiting-hint">
                  It goes on by itself once that is done: no need to send it again.
                </div>
              )}
              <div className="muted">{formatDateTime(s.updatedAt)}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PaymentsCard({ doc }: { doc: DocumentT }) {
  const currency = doc.currency;
  if (doc.payments.length === 0) return null;
  return (
    <section className="card" aria-labelledby="h-payments">
      <h2 id="h-payments">Payments</h2>
      <table className="grid" data-testid="payments">
        <thead>
          <tr>
            <th>Date</th>
            <th>Kind</th>
            <th className="right">Amount</th>
          </tr>
        </thead>
        <tbody>
          {doc.payments.map((p) => (
            <tr key={p.id} data-testid="payment-row">
              <td className="num">{p.date}</td>
              <td>
                {label(p.kind)} {p.status === 'canceled' && <Badge value="canceled" />}
              </td>
              <td className="right">
                <Money amount={p.amount} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function HistoryCard({ doc }: { doc: DocumentT }) {
  return (
    <section className="card" aria-labelledby="h-history">
      <h2 id="h-history">History</h2>
      <ol className="timeline" data-testid="document-history">
        {[...doc.history].reverse().map((t, i) => (
          <li key={`${t.at}-${i}`} data-result="info" data-testid="history-entry">
            <div className="timeline__head">
              <strong>{label(t.to)}</strong>
            </div>
            <div className="muted">
              {pastTense(t.action)} by {t.actor}
            </div>
            <div className="timeline__time num">{formatDateTime(t.at)}</div>
            {t.comment && <div>“{t.comment}”</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
