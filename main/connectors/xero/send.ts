// Sending documents to Xero: purchase orders and bills created up to 50 per call with summarizeErrors=false so
// each document gets its own answer, revisions as updates (revise.ts), then each document's files not yet there
// (attachments.ts: all on the first send, those a revision added on its update). A document Xero already keeps
// (same supplier and number) is linked, not created twice.
import { PurchaseOrder, type Invoice, type Invoices, type PurchaseOrders } from 'xero-node';
import type { OutgoingDocument, SendOutcome } from '../contract.js';
import { attachFiles, failedOutcome, retryUnanswered } from '../send-outcomes.js';
import type { XeroApi } from './api.js';
import { uploadAttachments } from './attachments.js';
import { BATCH_SIZE } from './descriptor.js';
import { idempotencyKeyOf } from './keys.js';
import { trackingCategories } from './lists.js';
import { kindOf, mapDocument, type TrackingInfo } from './mapping.js';
import { foundOutcome, outcomeOf } from './outcome.js';
import { updateDocument } from './revise.js';
import type { XeroSettings } from './settings.js';

const billKey = (contactId: string | undefined, number: string | undefined) =>
  `${contactId ?? ''}\u0000${(number ?? '').toLowerCase()}`;

export async function sendDocuments(
  api: XeroApi,
  settings: XeroSettings,
  documents: OutgoingDocument[],
): Promise<SendOutcome[]> {
  const outcomes: (SendOutcome | null)[] = documents.map(() => null);
  const fail = (i: number, error: unknown) => {
    outcomes[i] = failedOutcome(error);
  };
  const needsTracking = documents.some(
    (d) =>
      Object.keys(d.document.fields ?? {}).length > 0 ||
      d.document.lines.some((l) => l.classId || l.customerId),
  );
  const tracking: TrackingInfo[] = needsTracking ? await trackingCategories(api) : [];

  const creates = {
    PurchaseOrder: [] as Create<PurchaseOrder>[],
    Bill: [] as Create<Invoice>[],
  };
  for (const [i, outgoing] of documents.entries()) {
    try {
      const mapped = mapDocument(outgoing, settings, tracking);
      if (outgoing.existing) {
        outcomes[i] = await updateDocument(
          api,
          outgoing,
          mapped.purchaseOrder,
          mapped.invoice,
          mapped.expectedTotalMinor,
        );
      } else if (mapped.purchaseOrder) {
        creates.PurchaseOrder.push({ i, body: mapped.purchaseOrder, expected: mapped.expectedTotalMinor });
      } else if (mapped.invoice) {
        creates.Bill.push({ i, body: mapped.invoice, expected: mapped.expectedTotalMinor });
      }
    } catch (error) {
      fail(i, error);
    }
  }
  const created = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  // An order already there with this supplier and number (a lost answer in a batch of another make-up, which Xero
  // cannot replay by its Idempotency-Key) is linked, not created twice. The order numbers are ours, so on a
  // certain first try (mayExist false) there is nothing to look for.
  await createInBatches(api, documents, outcomes, creates.PurchaseOrder, {
    lookFirst: (batch) => batch.some((c) => documents[c.i]!.mayExist !== false),
    alreadyThere: ordersAlreadyThere,
    keyOf: (po) => billKey(po.contact?.contactID, po.purchaseOrderNumber),
    idOf: (po) => po.purchaseOrderID,
    create: async (bodies, key) =>
      (
        await api.call(created(bodies.length, 'purchase order'), (x, t) =>
          x.createPurchaseOrders(t, { purchaseOrders: bodies } satisfies PurchaseOrders, false, key),
        )
      ).purchaseOrders ?? [],
  });
  // A bill already there with this supplier and number (an earlier attempt whose answer was lost, in a batch of
  // other documents, so Xero could not replay it by its Idempotency-Key) is not created twice. Bills are looked
  // for even on a first try: a bookkeeper may have keyed the same supplier invoice into Xero.
  await createInBatches(api, documents, outcomes, creates.Bill, {
    lookFirst: () => true,
    alreadyThere: billsAlreadyThere,
    keyOf: (bill) => billKey(bill.contact?.contactID, bill.invoiceNumber),
    idOf: (bill) => bill.invoiceID,
    create: async (bodies, key) =>
      (
        await api.call(created(bodies.length, 'bill'), (x, t) =>
          x.createInvoices(t, { invoices: bodies } satisfies Invoices, false, 4, key),
        )
      ).invoices ?? [],
  });
  // Files go on every document that is there now; the Idempotency-Keys replay an upload an earlier attempt made.
  await attachFiles(outcomes, documents, (outgoing, id, files) =>
    uploadAttachments(api, kindOf(outgoing.document), id, files),
  );
  return retryUnanswered(outcomes);
}

/** How one kind of document (purchase orders, bills) is looked for and created in Xero. */
interface Creation<T> {
  /** Whether this batch may already be in Xero, so it is looked for first. */
  lookFirst: (batch: readonly Create<T>[]) => boolean;
  /** What Xero already has of these, by keyOf. */
  alreadyThere: (api: XeroApi, bodies: T[]) => Promise<Map<string, T>>;
  keyOf: (body: T) => string;
  idOf: (record: T) => string | undefined;
  /** Creates them in one call (summarizeErrors=false): Xero's answer for each, in order. */
  create: (bodies: T[], key: string) => Promise<(T | undefined)[]>;
}

interface Create<T> {
  i: number;
  body: T;
  expected: number;
}

/**
 * New documents of one kind in batches of BATCH_SIZE: each batch looked for first where it may be there (those found
 * are linked), the rest created in one call; a failed look-up or call is every document's of that batch.
 */
async function createInBatches<T extends PurchaseOrder | Invoice>(
  api: XeroApi,
  documents: readonly OutgoingDocument[],
  outcomes: (SendOutcome | null)[],
  creates: readonly Create<T>[],
  kind: Creation<T>,
): Promise<void> {
  const fail = (batch: readonly Create<T>[], error: unknown) => {
    for (const c of batch) outcomes[c.i] = failedOutcome(error);
  };
  for (let start = 0; start < creates.length; start += BATCH_SIZE) {
    const all = creates.slice(start, start + BATCH_SIZE);
    let existing = new Map<string, T>();
    try {
      if (kind.lookFirst(all))
        existing = await kind.alreadyThere(
          api,
          all.map((c) => c.body),
        );
    } catch (error) {
      fail(all, error);
      continue;
    }
    const fresh = all.filter((c) => {
      const found = existing.get(kind.keyOf(c.body));
      const id = found && kind.idOf(found);
      if (!found || !id) return true;
      outcomes[c.i] = foundOutcome(documents[c.i]!, id, found, c, api.named);
      return false;
    });
    if (fresh.length === 0) continue;
    const key = idempotencyKeyOf(fresh.map((c) => documents[c.i]!.idempotencyKey));
    try {
      const answers = await kind.create(
        fresh.map((c) => c.body),
        key,
      );
      fresh.forEach((c, n) => {
        const answer = answers[n];
        outcomes[c.i] = outcomeOf(
          documents[c.i]!,
          answer && kind.idOf(answer),
          answer,
          c.expected,
          'Created',
          c.body.lineItems ?? [],
          api.named,
        );
      });
    } catch (error) {
      fail(fresh, error);
    }
  }
}

/** Live purchase orders dated within these orders' dates, by supplier and number (up to 5,000 looked at). */
async function ordersAlreadyThere(
  api: XeroApi,
  orders: PurchaseOrder[],
): Promise<Map<string, PurchaseOrder>> {
  const dates = orders
    .map((o) => o.date ?? '')
    .filter(Boolean)
    .sort();
  const found = new Map<string, PurchaseOrder>();
  if (dates.length === 0) return found;
  const pageSize = 1000;
  for (let page = 1; page <= 5; page++) {
    const answer = await api.call('the purchase orders already in Xero', (x, t) =>
      x.getPurchaseOrders(
        t,
        undefined,
        undefined,
        dates[0],
        dates[dates.length - 1],
        undefined,
        page,
        pageSize,
      ),
    );
    const rows = answer.purchaseOrders ?? [];
    for (const po of rows) {
      if (po.status === PurchaseOrder.StatusEnum.DELETED) continue;
      found.set(billKey(po.contact?.contactID, po.purchaseOrderNumber), po);
    }
    if (rows.length < pageSize) break;
  }
  return found;
}

/** Bills of these suppliers with these numbers that Xero already keeps (not deleted or voided). */
async function billsAlreadyThere(api: XeroApi, bills: Invoice[]): Promise<Map<string, Invoice>> {
  const numbers = [...new Set(bills.map((b) => b.invoiceNumber).filter((n): n is string => Boolean(n)))];
  const contacts = [
    ...new Set(bills.map((b) => b.contact?.contactID).filter((c): c is string => Boolean(c))),
  ];
  const found = new Map<string, Invoice>();
  if (numbers.length === 0) return found;
  const answer = await api.call('the bills already in Xero', (x, t) =>
    x.getInvoices(t, undefined, 'Type=="ACCPAY"', undefined, undefined, numbers, contacts, [
      'DRAFT',
      'SUBMITTED',
      'AUTHORISED',
      'PAID',
    ]),
  );
  for (const invoice of answer.invoices ?? []) {
    found.set(billKey(invoice.contact?.contactID, invoice.invoiceNumber), invoice);
  }
  return found;
}
