// What a document says: its details and its lines with their amounts, what each line is coded to in the
// accounting system (by name), and the totals.
import { useMemo } from 'react';
import type { DocumentT } from '../../../../../preload/contract';
import { Money, TotalsList } from '../../../components/ui';
import { label } from '../../../lib/labels';
import { formatAmount } from '../../../lib/money';
import { href } from '../../../lib/route';
import { useQuery } from '../../../lib/useQuery';
import { useSideScroll } from '../../../lib/useSideScroll';
import { requestQuiet } from '../../../state/app';
import { codedTo, namesById } from '../editor/coding';

export function DocumentDetails({ doc, linkedNumber }: { doc: DocumentT; linkedNumber: string | null }) {
  const currency = doc.currency;
  const coded =
    doc.lines.some(
      (l) => l.itemId || l.accountId || l.classId || l.customerId || l.locationId || l.departmentId,
    ) || Object.values(doc.fields).some(Boolean);
  // Names of what the lines are coded to, hidden-from-the-pickers entries among them.
  const entries = useQuery(coded ? ['lists.list', doc.companyId, 'all'] : null, () =>
    requestQuiet('lists.list', { companyId: doc.companyId, includeHidden: true }),
  ).data;
  const { byId, names } = useMemo(
    () => ({ byId: new Map((entries ?? []).map((e) => [e.id, e])), names: namesById(entries ?? []) }),
    [entries],
  );
  const nameOf = (id: string) => names.get(id) ?? (entries ? 'an entry no longer in the lists' : '…');
  const sideScroll = useSideScroll();
  return (
    <>
      <section className="card" aria-labelledby="h-details">
        <h2 id="h-details">Details</h2>
        <dl className="meta">
          <div>
            <dt>Supplier</dt>
            <dd data-testid="document-supplier">
              <a href={href('suppliers', doc.supplierId)}>{doc.supplierName}</a>
            </dd>
          </div>
          <div>
            <dt>Date</dt>
            <dd className="num" data-testid="document-date">
              {doc.date}
            </dd>
          </div>
          <div>
            <dt>Due date</dt>
            <dd className="num">{doc.dueDate ?? '—'}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd data-testid="document-currency">{doc.currency}</dd>
          </div>
          {(doc.type === 'invoice' || doc.supplierInvoiceNumber) && (
            <div>
              <dt>Supplier invoice number</dt>
              <dd data-testid="document-supplier-invoice-number">{doc.supplierInvoiceNumber ?? '—'}</dd>
            </div>
          )}
          {doc.linkedDocumentId && (
            <div>
              <dt>Linked document</dt>
              <dd>
                <a href={href('documents', doc.linkedDocumentId)} data-testid="document-linked">
                  {linkedNumber ?? 'Open'}
                </a>
              </dd>
            </div>
          )}
          {Object.entries(doc.fields)
            .filter((f): f is [string, string] => Boolean(f[1]))
            .map(([key, id]) => (
              <div key={key}>
                <dt>{label(key)}</dt>
                <dd data-testid={`document-field-${key}`}>{nameOf(id)}</dd>
              </div>
            ))}
          {doc.discount && (
            <div>
              <dt>Document discount</dt>
              <dd className="num">
                {'percent' in doc.discount ? `${doc.discount.percent} %` : formatAmount(doc.discount.amount)}
              </dd>
            </div>
          )}
          {doc.memo && (
            <div className="field--wide">
              <dt>Memo</dt>
              <dd data-testid="document-memo">{doc.memo}</dd>
            </div>
          )}
        </dl>
      </section>

      <section className="card" aria-labelledby="h-lines">
        <h2 id="h-lines">Lines</h2>
        <div className="table-wrap lines-wrap" {...sideScroll}>
          <table className="grid grid--lines" data-testid="document-lines">
            <thead>
              <tr>
                <th className="lines__number">#</th>
                <th className="lines__description">Description</th>
                {coded && <th className="lines__coded">Coded to</th>}
                <th className="right">Quantity</th>
                <th className="right">Unit price</th>
                <th className="right">Discount</th>
                <th className="right">Amount</th>
                <th className="right">Net amount</th>
                <th className="right">Tax</th>
              </tr>
            </thead>
            <tbody>
              {doc.lines.map((line, i) => (
                <tr key={line.id} data-testid="line-row">
                  <td className="num muted lines__number">{i + 1}</td>
                  <td className="lines__description" data-testid="line-description">
                    {line.description}
                  </td>
                  {coded && (
                    <td className="lines__coded" data-testid="line-coded-to">
                      {entries &&
                        codedTo(line, byId, names).map((c) => (
                          <div key={c.field} data-testid="line-coded" data-field={c.field}>
                            <span className="muted">{c.field}:</span> {c.name}
                            {c.ours && (
                              <span className="muted" data-testid="line-coded-ours">
                                {' '}
                                (ours: {c.ours})
                              </span>
                            )}
                          </div>
                        ))}
                    </td>
                  )}
                  <td className="right num" data-testid="line-quantity">
                    {line.quantity}
                  </td>
                  <td className="right num" data-testid="line-unit-price">
                    {line.unitPrice}
                  </td>
                  <td className="right num">
                    {line.discount
                      ? 'percent' in line.discount
                        ? `${line.discount.percent} %`
                        : formatAmount(line.discount.amount)
                      : '—'}
                  </td>
                  <td className="right">
                    <Money amount={line.amount} currency={currency} testId="line-amount" />
                  </td>
                  <td className="right">
                    <Money amount={line.netAmount} currency={currency} testId="line-net-amount" />
                  </td>
                  <td className="right">
                    <Money amount={line.tax} currency={currency} testId="line-tax" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <TotalsList totals={doc.totals} currency={currency} />
      </section>
    </>
  );
}
