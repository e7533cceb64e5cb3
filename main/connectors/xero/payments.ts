// Payments made in Xero against the bills sent from here: GET /Payments of type ACCPAYPAYMENT, 100 a page, changed
// since the checkpoint (If-Modified-Since, Xero's own UpdatedDateUTC) for the scheduled poll, or dated inside a
// range on demand. A DELETED payment cancels ours. Supplier credit notes allocated to those bills count as supplier
// credits (supplier-credits.ts).
import { Payment } from 'xero-node';
import type { ExternalPayment, PaymentImport } from '../contract.js';
import type { XeroApi } from './api.js';
import { importSupplierCredits } from './supplier-credits.js';
import { isoOf } from './suppliers.js';

const PAGE = 100;

export async function importPayments(
  api: XeroApi,
  request: { since: string | null } | { from: string; to: string },
): Promise<PaymentImport> {
  const since = 'since' in request && request.since ? new Date(request.since) : undefined;
  const payments: ExternalPayment[] = [];
  let checkpoint: string | null = null;
  for (let page = 1; ; page++) {
    const answer = await api.call('the payments', (x, t) =>
      x.getPayments(t, since, 'PaymentType=="ACCPAYPAYMENT"', 'UpdatedDateUTC ASC', page, PAGE),
    );
    const rows = answer.payments ?? [];
    for (const p of rows) {
      const updated = isoOf(p.updatedDateUTC);
      if (updated && (!checkpoint || updated > checkpoint)) checkpoint = updated;
      const date = (isoOf(p.date) ?? '').slice(0, 10);
      if ('from' in request && (date < request.from || date > request.to)) continue;
      const invoiceId = p.invoice?.invoiceID;
      if (!p.paymentID || !invoiceId) continue;
      const deleted = p.status === Payment.StatusEnum.DELETED;
      // Amount is optional in Xero's schema: a payment without it is not one of 0.00 (which would undo what was
      // paid); it is left for the next read, unless it is deleted.
      if (p.amount === undefined && !deleted) continue;
      payments.push({
        externalId: p.paymentID,
        // Xero's payment on a bill says nothing of how it was paid: not a cheque.
        kind: 'bill_payment',
        date,
        status: deleted ? 'canceled' : 'active',
        applications: [{ documentExternalId: invoiceId, amount: (p.amount ?? 0).toFixed(2) }],
      });
    }
    if (rows.length < PAGE) break;
  }
  const credits = await importSupplierCredits(api, request);
  payments.push(...credits.payments);
  if (credits.latest && (!checkpoint || credits.latest > checkpoint)) checkpoint = credits.latest;
  return { payments, checkpoint: 'since' in request ? checkpoint : null };
}
