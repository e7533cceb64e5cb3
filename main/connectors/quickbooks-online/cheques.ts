// Cheques written in QuickBooks Online that pay bills we sent: a Purchase with PaymentType Check, linked to the
// bill. Intuit's schema (Finance.xsd) lets a Purchase link to other transactions in two places, both optional: the
// transaction's own LinkedTxn list (Transaction.LinkedTxn) and each line's LinkedTxn (Line.LinkedTxn); within a
// link TxnId and TxnType are optional too, as are TotalAmt, TxnDate, PaymentType, Line and a line's Amount. So:
// - lines linked to a bill pay that bill their own Amount;
// - links on the cheque itself (no line links) pay the one bill the cheque's total (TotalAmt, else its lines'
//   sum); several bills share that total in the order listed, each taking at most its own total;
// - a link without a TxnId or not to a Bill is not a payment of one of our bills, nor is a cheque with no bill link
//   or a Purchase paid by cash or card (PaymentType missing, Cash, CreditCard);
// - a voided cheque (QuickBooks keeps it with a zero total) or a deleted one cancels what it paid here.
// These come back as kind 'check' ("Cheque"), keyed `Purchase:<Id>` so they never meet a bill payment's id.
import { z } from 'zod';
import type { ExternalPayment } from '../contract.js';
import type { QboClient } from './client.js';

const Link = z.object({ TxnId: z.string().optional(), TxnType: z.string().optional() }).passthrough();
export const Purchase = z
  .object({
    Id: z.string(),
    /** "Deleted" on a deleted record in Change Data Capture (only Id, status and MetaData then). */
    status: z.string().optional(),
    PaymentType: z.string().optional(),
    TxnDate: z.string().optional(),
    TotalAmt: z.number().optional(),
    LinkedTxn: z.array(Link).optional(),
    Line: z
      .array(z.object({ Amount: z.number().optional(), LinkedTxn: z.array(Link).optional() }).passthrough())
      .optional(),
    MetaData: z.object({ LastUpdatedTime: z.string().optional() }).partial().optional(),
  })
  .passthrough();
export type Purchase = z.infer<typeof Purchase>;

const billIds = (links: readonly z.infer<typeof Link>[] | undefined): string[] =>
  (links ?? []).flatMap((l) => (l.TxnType === 'Bill' && l.TxnId ? [l.TxnId] : []));

const money = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/** The cheque's id here: Purchase ids and BillPayment ids are separate sequences in QuickBooks. */
export const chequeId = (id: string) => `Purchase:${id}`;

/** Bills linked on the cheque itself and not on any line, when there are several: their totals are needed. */
function headerBills(p: Purchase): string[] {
  const lineLinked = (p.Line ?? []).some((l) => billIds(l.LinkedTxn).length > 0);
  return lineLinked ? [] : billIds(p.LinkedTxn);
}

/**
 * The bill payments a Purchase makes, or null when it is not a cheque paying a bill. `billTotals` gives the totals
 * of bills linked on the cheque itself when several share its total.
 */
export function chequeOf(p: Purchase, billTotals: ReadonlyMap<string, number>): ExternalPayment | null {
  const date = (p.TxnDate ?? p.MetaData?.LastUpdatedTime ?? new Date().toISOString()).slice(0, 10);
  if (p.status === 'Deleted') {
    return { externalId: chequeId(p.Id), kind: 'check', date, status: 'canceled', applications: [] };
  }
  if (p.PaymentType !== 'Check') return null;
  const linked =
    (p.Line ?? []).some((l) => billIds(l.LinkedTxn).length > 0) || billIds(p.LinkedTxn).length > 0;
  if (!linked) return null;
  const lineAmounts = (p.Line ?? []).reduce((sum, l) => sum + (l.Amount ?? 0), 0);
  const total = p.TotalAmt ?? lineAmounts;
  if (total === 0) {
    return { externalId: chequeId(p.Id), kind: 'check', date, status: 'canceled', applications: [] };
  }
  const applications: ExternalPayment['applications'] = [];
  for (const line of p.Line ?? []) {
    const [bill] = billIds(line.LinkedTxn);
    if (bill && line.Amount !== undefined)
      applications.push({ documentExternalId: bill, amount: money(line.Amount) });
  }
  const onHeader = headerBills(p);
  if (onHeader.length === 1 && onHeader[0]) {
    applications.push({ documentExternalId: onHeader[0], amount: money(total) });
  } else if (onHeader.length > 1) {
    let left = total;
    for (const bill of onHeader) {
      const share = Math.min(left, billTotals.get(bill) ?? 0);
      if (share <= 0) continue;
      applications.push({ documentExternalId: bill, amount: money(share) });
      left -= share;
    }
  }
  if (applications.length === 0) return null;
  return { externalId: chequeId(p.Id), kind: 'check', date, status: 'active', applications };
}

/** The cheques among these Purchases, reading the totals of bills that share one cheque's total. */
export async function chequesOf(
  client: QboClient,
  purchases: readonly Purchase[],
): Promise<ExternalPayment[]> {
  const shared = [
    ...new Set(
      purchases
        .filter((p) => p.PaymentType === 'Check')
        .flatMap((p) => {
          const bills = headerBills(p);
          return bills.length > 1 ? bills : [];
        }),
    ),
  ];
  const totals = new Map<string, number>();
  for (let i = 0; i < shared.length; i += 100) {
    const ids = shared.slice(i, i + 100).map((id) => `'${id.replace(/'/g, "\\'")}'`);
    const bills = await client.queryAll(
      'Bill',
      `WHERE Id IN (${ids.join(', ')})`,
      z.object({ Id: z.string(), TotalAmt: z.number().optional() }).passthrough(),
    );
    for (const b of bills) totals.set(b.Id, b.TotalAmt ?? 0);
  }
  return purchases.flatMap((p) => {
    const payment = chequeOf(p, totals);
    return payment ? [payment] : [];
  });
}
