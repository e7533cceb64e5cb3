// ServiceTrade invoices waiting for accounting, each sent to QuickBooks Desktop on its job with one click, with
// its own integration log under its row.
import { Fragment, useState } from 'react';
import type { ConnectionT } from '../../../../preload/contract';
import { LogSection } from '../../components/LogTimeline';
import { StatusLine } from '../../components/Notice';
import { useAction } from '../../lib/useAction';
import { useQuery } from '../../lib/useQuery';
import { request, requestQuiet } from '../../state/app';
import { useEntityLog } from './hooks';
import { invoiceState, type Invoice } from './model';

function InvoiceLog({
  invoiceId,
  connectionName,
}: {
  invoiceId: string;
  connectionName: (id: string | null) => string;
}) {
  const log = useEntityLog('invoice', invoiceId);
  return (
    <LogSection
      log={log}
      connectionName={connectionName}
      empty="Nothing has happened to this invoice yet."
      testId="st-invoice-log"
    />
  );
}

export function PendingInvoices({
  companyId,
  qbd,
  reloadKey,
  connectionName,
}: {
  companyId: string;
  qbd: ConnectionT;
  reloadKey: number;
  connectionName: (id: string | null) => string;
}) {
  const [openLog, setOpenLog] = useState<string | null>(null);
  const { busy, notice, run } = useAction();
  const invoices = useQuery(
    ['servicetrade.invoices.list', companyId, reloadKey],
    (): Promise<Invoice[]> =>
      requestQuiet('servicetrade.invoices.list', { companyId, limit: 100 }).then(
        (page) => page.items.filter((i) => i.status === 'pending_accounting' || i.quickbooks !== null),
        () => [],
      ),
    { keepPrevious: true, refreshOn: (event) => event.type === 'connection', refreshAfterMs: 0 },
  );

  const sendInvoice = (invoice: Invoice) =>
    run(
      'send',
      async () => {
        const result = await request('servicetrade.invoices.send', {
          invoiceIds: [invoice.id],
          connectionId: qbd.id,
        });
        invoices.reload();
        return result;
      },
      {
        notice: (result) =>
          result.queued.length > 0
            ? `Invoice queued for ${qbd.name} on job ${invoice.jobNumber ?? ''}; it is created at the next Web Connector session.`
            : result.alreadyQueued.length > 0
              ? 'This invoice is already queued or in QuickBooks.'
              : `The invoice was not sent: ${result.invalid.flatMap((i) => i.errors).join(' ')}`,
      },
    );

  const list = invoices.data ?? [];
  if (list.length === 0) return null;
  return (
    <section className="card" aria-labelledby="h-st-invoices" data-testid="st-invoices">
      <h2 id="h-st-invoices">ServiceTrade invoices for accounting</h2>
      <StatusLine text={notice} testId="st-invoices-notice" />
      <table className="grid">
        <thead>
          <tr>
            <th>Invoice</th>
            <th>Job</th>
            <th>Customer</th>
            <th className="right">Total</th>
            <th>QuickBooks</th>
            <th>
              <span className="sr-only">Send</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((invoice) => (
            <Fragment key={invoice.id}>
              <tr data-testid="st-invoice-row">
                <td>{invoice.name ?? invoice.externalId}</td>
                <td>{invoice.jobNumber ?? '—'}</td>
                <td>{invoice.customerName ?? '—'}</td>
                <td className="right">{invoice.totalPrice ?? ''}</td>
                <td data-testid="st-invoice-qb-state" title={invoice.quickbooks?.message ?? undefined}>
                  {invoiceState(invoice)}
                  {invoice.quickbooks?.message && <div className="muted">{invoice.quickbooks.message}</div>}
                </td>
                <td>
                  {(!invoice.quickbooks || invoice.quickbooks.state === 'failed') && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={busy !== null}
                      onClick={() => void sendInvoice(invoice)}
                      data-testid="st-invoice-send"
                    >
                      Send to QuickBooks
                    </button>
                  )}{' '}
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    aria-expanded={openLog === invoice.id}
                    onClick={() => setOpenLog((id) => (id === invoice.id ? null : invoice.id))}
                    data-testid="st-invoice-log-toggle"
                  >
                    {openLog === invoice.id ? 'Hide log' : 'Log'}
                  </button>
                </td>
              </tr>
              {openLog === invoice.id && (
                <tr data-testid="st-invoice-log-row">
                  <td colSpan={6}>
                    <InvoiceLog invoiceId={invoice.id} connectionName={connectionName} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
