// The payments brought back from the accounting systems: date, system, kind, amount, the document each paid (a
// link), and whether it was canceled there (voided or deleted). Filtered by system, date range and status; shown a
// page of 100 at a time, newest first.
import { useState } from 'react';
import type { MethodInput } from '../../../../preload/contract';
import { Badge, Empty, Filter, FilterSelect, Money } from '../../components/ui';
import { label } from '../../lib/labels';
import { href } from '../../lib/route';
import { useQuery } from '../../lib/useQuery';
import { request } from '../../state/app';

const PAGE = 100;
const STATUSES = ['active', 'canceled'] as const;
const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  active: 'Not canceled',
  canceled: 'Canceled',
};

type ListInput = MethodInput<'payments.list'>;

export function PaymentsList({
  companyId,
  systems,
  reloadKey,
}: {
  companyId: string;
  /** The company's accounting systems, for the system filter. */
  systems: readonly string[];
  /** Changes after an import, so the list is read again. */
  reloadKey: number;
}) {
  const [system, setSystem] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [status, setStatus] = useState<'' | (typeof STATUSES)[number]>('');
  const [offset, setOffset] = useState(0);
  const input: ListInput = { companyId, offset, limit: PAGE };
  if (system) input.system = system;
  if (from) input.from = from;
  if (to && (!from || from <= to)) input.to = to;
  if (status) input.status = status;
  const query = useQuery(['payments.list', input, reloadKey], () => request('payments.list', input), {
    keepPrevious: true,
    refreshOn: (e) => e.type === 'document',
    refreshAfterMs: 500,
  });
  const filter = (change: () => void) => {
    change();
    setOffset(0);
  };
  const data = query.data;
  const filtered = Boolean(system || from || to || status);

  return (
    <section className="card" aria-label="Payments brought back" data-testid="payments-list">
      <h2>Payments brought back</h2>
      <div className="filters" role="search">
        <FilterSelect
          label="System"
          id="payments-filter-system"
          value={system}
          values={systems}
          onChange={(v) => filter(() => setSystem(v))}
          allLabel="All systems"
          testId="payments-filter-system"
        />
        <Filter label="Paid from" htmlFor="payments-filter-from">
          <input
            id="payments-filter-from"
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => filter(() => setFrom(e.target.value))}
            data-testid="payments-filter-from"
          />
        </Filter>
        <Filter label="Paid to" htmlFor="payments-filter-to">
          <input
            id="payments-filter-to"
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => filter(() => setTo(e.target.value))}
            data-testid="payments-filter-to"
          />
        </Filter>
        <FilterSelect
          label="Status"
          id="payments-filter-status"
          value={status}
          values={STATUSES}
          optionLabel={(s) => (s ? STATUS_LABELS[s] : '')}
          onChange={(v) => filter(() => setStatus(v))}
          allLabel="Any status"
          testId="payments-filter-status"
        />
        {filtered && (
          <button
            type="button"
            className="button button--quiet filter__clear"
            onClick={() =>
              filter(() => {
                setSystem('');
                setFrom('');
                setTo('');
                setStatus('');
              })
            }
            data-testid="payments-filter-clear"
          >
            Clear filters
          </button>
        )}
      </div>
      {data === undefined ? (
        <p className="muted">Loading…</p>
      ) : data.total === 0 ? (
        <Empty
          title={filtered ? 'No payments match these filters' : 'No payments brought back yet'}
          testId="payments-list-empty"
        >
          {filtered
            ? 'Change or clear the filters to see more.'
            : 'Payments recorded in the accounting system against invoices sent from here show up here once imported.'}
        </Empty>
      ) : (
        <>
          <p className="muted num" data-testid="payments-total" data-total={data.total}>
            {data.total.toLocaleString('en-US')} payment{data.total === 1 ? '' : 's'}
          </p>
          <div className="table-wrap">
            <table className="grid">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>System</th>
                  <th>Kind</th>
                  <th className="right">Amount</th>
                  <th>Paid document</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr
                    key={p.id}
                    data-testid="payments-row"
                    data-payment-id={p.id}
                    data-status={p.status}
                    data-kind={p.kind}
                  >
                    <td className="num" data-testid="payments-row-date">
                      {p.date}
                    </td>
                    <td data-testid="payments-row-system" title={label(p.system)}>
                      {p.connectionName || label(p.system)}
                    </td>
                    <td data-testid="payments-row-kind">{label(p.kind)}</td>
                    <td className="num right">
                      <Money amount={p.amount} currency={p.currency} testId="payments-row-amount" />
                    </td>
                    <td>
                      <a href={href('documents', p.documentId)} data-testid="payments-row-document">
                        {label(p.documentType)} {p.documentNumber}
                      </a>
                      <div className="muted">{p.supplierName}</div>
                    </td>
                    <td>
                      <Badge
                        value={p.status === 'canceled' ? 'canceled' : 'success'}
                        text={p.status === 'canceled' ? 'Canceled' : 'Active'}
                        testId="payments-row-status"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.total > PAGE && (
            <div className="pager">
              <span className="muted num" data-testid="payments-page">
                {(offset + 1).toLocaleString('en-US')}–
                {Math.min(offset + PAGE, data.total).toLocaleString('en-US')} of{' '}
                {data.total.toLocaleString('en-US')}
              </span>
              <span className="actions">
                <button
                  type="button"
                  className="button"
                  disabled={offset === 0}
                  onClick={() => setOffset(Math.max(0, offset - PAGE))}
                  data-testid="payments-previous"
                >
                  Newer
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={offset + PAGE >= data.total}
                  onClick={() => setOffset(offset + PAGE)}
                  data-testid="payments-next"
                >
                  Older
                </button>
              </span>
            </div>
          )}
        </>
      )}
    </section>
  );
}
