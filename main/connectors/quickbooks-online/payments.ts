// Payments recorded in QuickBooks against bills we sent: bill payments by cheque or credit card, supplier credits
// applied to a bill (a bill payment whose lines pair the bill with a VendorCredit), and cheques (a Purchase of
// PaymentType Check linked to the bill: cheques.ts). A desktop app has no
// public webhook URL, so the automatic poll reads Change Data Capture since the last checkpoint (QuickBooks' own
// LastUpdatedTime, never our clock; at most 30 days back), and "import for a date range" queries by TxnDate.
// A voided payment (amounts zeroed) or a deleted one comes back as canceled.
import { z } from 'zod';
import type { ExternalPayment, PaymentImport } from '../contract.js';
import { chequesOf, Purchase } from './cheques.js';
import type { QboClient } from './client.js';

// Intuit's schema makes both of a link's fields optional: a link without them pays none of our bills.
const LinkedTxn = z.object({ TxnId: z.string().optional(), TxnType: z.string().optional() }).passthrough();
const BillPayment = z
  .object({
    Id: z.string(),
    status: z.string().optional(),
    PayType: z.string().optional(),
    TxnDate: z.string().optional(),
    TotalAmt: z.number().optional(),
    PrivateNote: z.string().optional(),
    Line: z
      .array(
        z.object({ Amount: z.number().optional(), LinkedTxn: z.array(LinkedTxn).optional() }).passthrough(),
      )
      .optional(),
    MetaData: z.object({ LastUpdatedTime: z.string().optional() }).optional(),
  })
  .passthrough();
type BillPayment = z.infer<typeof BillPayment>;

const CDC_LOOKBACK_MS = 30 * 24 * 3600_000 - 3600_000; // a margin inside Intuit's 30 days
const CDC_MAX_OBJECTS = 1000;

function toPayment(p: BillPayment): ExternalPayment {
  const lines = p.Line ?? [];
  const billLines = lines.filter((l) => l.LinkedTxn?.some((t) => t.TxnType === 'Bill'));
  const creditLines = lines.filter((l) => l.LinkedTxn?.some((t) => t.TxnType === 'VendorCredit'));
  const total = p.TotalAmt ?? 0;
  const deleted = p.status === 'Deleted';
  const voided = !deleted && total === 0 && billLines.every((l) => (l.Amount ?? 0) === 0);
  const kind: ExternalPayment['kind'] =
    creditLines.length > 0 && total === 0 && !voided
      ? 'supplier_credit'
      : p.PayType === 'CreditCard'
        ? 'bill_payment_credit_card'
        : 'bill_payment_check';
  return {
    externalId: `BillPayment:${p.Id}`,
    kind,
    date: (p.TxnDate ?? p.MetaData?.LastUpdatedTime ?? new Date().toISOString()).slice(0, 10),
    status: deleted || voided ? 'canceled' : 'active',
    // A line's Amount is optional in Intuit's schema: one bill line without it pays the payment's total; several
    // cannot be told apart, and a line left without an amount pays nothing rather than 0.00 (which would undo what
    // was paid).
    applications: billLines.flatMap((l) => {
      const amount = l.Amount ?? (billLines.length === 1 ? p.TotalAmt : undefined);
      return (l.LinkedTxn ?? []).flatMap((t) =>
        t.TxnType === 'Bill' && t.TxnId && (amount !== undefined || deleted || voided)
          ? [{ documentExternalId: t.TxnId, amount: (amount ?? 0).toFixed(2) }]
          : [],
      );
    }),
  };
}

export async function importPayments(
  client: QboClient,
  request: { since: string | null } | { from: string; to: string },
): Promise<PaymentImport> {
  if ('from' in request) {
    const dated = `WHERE TxnDate >= '${request.from}' AND TxnDate <= '${request.to}'`;
    const rows = await client.queryAll('BillPayment', dated, BillPayment);
    // PaymentType is not filterable in QuickBooks Online: the cheques are picked out here.
    const purchases = await client.queryAll('Purchase', dated, Purchase);
    return { payments: [...rows.map(toPayment), ...(await chequesOf(client, purchases))], checkpoint: null };
  }
  const floor = new Date(Date.now() - CDC_LOOKBACK_MS).toISOString();
  const since = request.since && request.since > floor ? request.since : floor;
  const answer = await client.request('cdc', {
    query: { entities: 'BillPayment,Purchase,VendorCredit,Bill', changedSince: since },
    what: 'the changes since the last check',
    schema: z.object({
      CDCResponse: z.array(
        z.object({ QueryResponse: z.array(z.record(z.string(), z.unknown())).optional() }).passthrough(),
      ),
    }),
  });
  const payments: ExternalPayment[] = [];
  let checkpoint = since;
  let objects = 0;
  for (const part of answer.CDCResponse.flatMap((r) => r.QueryResponse ?? [])) {
    for (const value of Object.values(part)) if (Array.isArray(value)) objects += value.length;
  }
  // CDC answers at most 1000 objects: a full answer may have left changes out, so read the bill payments changed
  // since the checkpoint with paged queries instead (deleted ones only come through CDC, and are kept from it).
  const saturated = objects >= CDC_MAX_OBJECTS;
  if (saturated) {
    const rows = await client.queryAll(
      'BillPayment',
      `WHERE Metadata.LastUpdatedTime > '${since}'`,
      BillPayment,
    );
    for (const row of rows) {
      payments.push(toPayment(row));
      const at = row.MetaData?.LastUpdatedTime;
      if (at && new Date(at).toISOString() > checkpoint) checkpoint = new Date(at).toISOString();
    }
    const purchases = await client.queryAll(
      'Purchase',
      `WHERE Metadata.LastUpdatedTime > '${since}'`,
      Purchase,
    );
    payments.push(...(await chequesOf(client, purchases)));
    for (const row of purchases) {
      const at = row.MetaData?.LastUpdatedTime;
      if (at && new Date(at).toISOString() > checkpoint) checkpoint = new Date(at).toISOString();
    }
  }
  const changedPurchases: Purchase[] = [];
  for (const part of answer.CDCResponse.flatMap((r) => r.QueryResponse ?? [])) {
    for (const [entity, value] of Object.entries(part)) {
      if (!Array.isArray(value)) continue;
      for (const raw of value) {
        const stamp = z
          .object({ MetaData: z.object({ LastUpdatedTime: z.string() }).partial().optional() })
          .safeParse(raw);
        const at = stamp.success ? stamp.data.MetaData?.LastUpdatedTime : undefined;
        if (!saturated && at && new Date(at).toISOString() > checkpoint)
          checkpoint = new Date(at).toISOString();
        if (entity === 'Purchase') {
          const purchase = Purchase.parse(raw);
          if (!saturated || purchase.status === 'Deleted') changedPurchases.push(purchase);
          continue;
        }
        if (entity !== 'BillPayment') continue;
        const payment = BillPayment.parse(raw);
        if (!saturated || payment.status === 'Deleted') payments.push(toPayment(payment));
      }
    }
  }
  payments.push(...(await chequesOf(client, changedPurchases)));
  return { payments, checkpoint };
}
