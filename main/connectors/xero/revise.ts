// A revision of a document already in Xero: the same document updated, each line that continues one sent earlier
// carrying that line's LineItemID, so Xero keeps the line (and what hangs on it) instead of replacing it.
import type { Invoice, LineItem, PurchaseOrder } from 'xero-node';
import { ConnectorError, type OutgoingDocument, type SendOutcome } from '../contract.js';
import type { XeroApi } from './api.js';
import { idempotencyKeyOf } from './keys.js';
import { decodeLines, pairLines, storedLineOf, type StoredLine } from './line-ids.js';
import { kindOf, nounOf } from './mapping.js';
import { outcomeOf } from './outcome.js';

/**
 * The update of a revised document. The earlier LineItemIDs are kept in the sync token (read from Xero when the
 * token has none). Should Xero refuse because a kept LineItemID is gone there (the line was deleted in Xero), the
 * lines are paired again with what Xero has now and the update is sent once more.
 */
export async function updateDocument(
  api: XeroApi,
  outgoing: OutgoingDocument,
  purchaseOrder: PurchaseOrder | undefined,
  invoice: Invoice | undefined,
  expected: number,
): Promise<SendOutcome> {
  const id = outgoing.existing!.externalId;
  const what = nounOf(outgoing.document);
  const lines = (purchaseOrder ?? invoice)?.lineItems ?? [];
  const send = async (earlier: StoredLine[], key: string): Promise<SendOutcome> => {
    const paired = pairLines(lines, earlier);
    if (purchaseOrder) {
      const body = { ...purchaseOrder, purchaseOrderID: id, lineItems: paired };
      const answer = await api.call(what, (x, t) =>
        x.updatePurchaseOrder(t, id, { purchaseOrders: [body] }, key),
      );
      const po = answer.purchaseOrders?.[0];
      return outcomeOf(outgoing, po?.purchaseOrderID, po, expected, 'Updated', paired, api.named);
    }
    const body = { ...invoice!, invoiceID: id, lineItems: paired };
    const answer = await api.call(what, (x, t) => x.updateInvoice(t, id, { invoices: [body] }, 4, key));
    const bill = answer.invoices?.[0];
    return outcomeOf(outgoing, bill?.invoiceID, bill, expected, 'Updated', paired, api.named);
  };
  const kept = decodeLines(outgoing.existing!.syncToken);
  const earlier = kept ?? (await linesInXero(api, outgoing, id));
  const key = idempotencyKeyOf([outgoing.idempotencyKey]);
  try {
    return await send(earlier, key);
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.kind !== 'needs_user' || !kept || kept.length === 0)
      throw error;
    const now = await linesInXero(api, outgoing, id);
    const there = new Set(now.map((l) => l.lineItemId));
    if (kept.every((l) => there.has(l.lineItemId))) throw error;
    return send(now, idempotencyKeyOf([outgoing.idempotencyKey, 'lines-read-again']));
  }
}

/** The lines the document has in Xero now, for pairing a revision's lines with them. */
async function linesInXero(api: XeroApi, outgoing: OutgoingDocument, id: string): Promise<StoredLine[]> {
  const what = nounOf(outgoing.document);
  const current =
    kindOf(outgoing.document) === 'PurchaseOrder'
      ? (await api.call(what, (x, t) => x.getPurchaseOrder(t, id))).purchaseOrders?.[0]
      : (await api.call(what, (x, t) => x.getInvoice(t, id, 4))).invoices?.[0];
  return (current?.lineItems ?? [])
    .filter((l): l is LineItem & { lineItemID: string } => Boolean(l.lineItemID))
    .map((l) => storedLineOf(l, l.lineItemID));
}
