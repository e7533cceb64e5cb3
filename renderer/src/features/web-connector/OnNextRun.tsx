// What the Web Connector does at its next run on request: read QuickBooks' lists again, bring payments back (those
// changed since the last import, or those of a period). QuickBooks Desktop answers only inside a session.
import { useState, type FormEvent } from 'react';
import type { Actions } from '../../lib/useAction';
import { request } from '../../state/app';

/** `actions` is the page's: the button says what runs, and the sentence shows at the top of the page. */
export function OnNextRun({ connectionId, actions }: { connectionId: string; actions: Actions }) {
  const { busy, run } = actions;
  const [paymentsFrom, setPaymentsFrom] = useState('');
  const [paymentsTo, setPaymentsTo] = useState('');

  function requestPayments(event: FormEvent) {
    event.preventDefault();
    const period = paymentsFrom && paymentsTo ? { from: paymentsFrom, to: paymentsTo } : null;
    // The same methods as every accounting system: QuickBooks Desktop queues them for its next session.
    const ask = () =>
      period
        ? request('payments.import', { connectionId, ...period })
        : request('payments.sync', { connectionId });
    void run('payments', ask, {
      notice: () =>
        period
          ? `Payments dated ${period.from} to ${period.to} will be read at the next Web Connector run.`
          : 'Payments changed since the last import will be read at the next Web Connector run.',
    });
  }

  const refreshLists = () =>
    run('refresh', () => request('lists.import', { connectionId }), {
      notice: () => 'QuickBooks lists will be read again at the next Web Connector run.',
    });

  return (
    <section className="card" aria-labelledby="qbwc-on-demand">
      <h2 id="qbwc-on-demand">On the next run</h2>
      <p className="muted">
        QuickBooks Desktop answers only while the Web Connector runs: these are done at its next run (or click
        Update Selected in the Web Connector to run it now).
      </p>
      <form className="form" onSubmit={requestPayments} data-testid="qbwc-payments-form">
        <div className="form__actions">
          <button
            type="button"
            className="button"
            onClick={() => void refreshLists()}
            disabled={busy !== null || !connectionId}
            data-testid="qbwc-refresh"
          >
            {busy === 'refresh' ? 'Asking…' : 'Read QuickBooks lists again'}
          </button>
          <label className="inline">
            <span className="muted">Payments from</span>
            <input
              type="date"
              value={paymentsFrom}
              onChange={(e) => setPaymentsFrom(e.target.value)}
              data-testid="qbwc-payments-from"
            />
          </label>
          <label className="inline">
            <span className="muted">to</span>
            <input
              type="date"
              value={paymentsTo}
              onChange={(e) => setPaymentsTo(e.target.value)}
              data-testid="qbwc-payments-to"
            />
          </label>
          <button
            type="submit"
            className="button"
            disabled={busy !== null || !connectionId || Boolean(paymentsFrom) !== Boolean(paymentsTo)}
            data-testid="qbwc-payments"
          >
            {busy === 'payments' ? 'Asking…' : 'Bring payments back'}
          </button>
        </div>
      </form>
    </section>
  );
}
