// Canceling a document in Xero as Xero keeps it: a purchase order is DELETED; a bill is DELETED while a draft or
// awaiting approval and VOIDED once approved, and refused while it has payments (they must go first, in Xero).
import { Invoice, PurchaseOrder } from 'xero-node';
import { ConnectorError, type OutgoingDocument, type SendOutcome } from '../contract.js';
import { capitalized } from '../../domain/text.js';
import type { XeroApi } from './api.js';
import { explainValidation } from './faults.js';
import { idempotencyKeyOf } from './keys.js';
import { kindOf, nounOf } from './mapping.js';

export async function cancelDocument(
  api: () => Promise<XeroApi>,
  outgoing: OutgoingDocument,
  /** The connection as the bookkeeper named it: where it was removed. */
  named: string,
): Promise<SendOutcome> {
  const what = nounOf(outgoing.document);
  const existing = outgoing.existing;
  if (!existing)
    return {
      ok: true,
      externalId: '',
      syncToken: null,
      message: `${capitalized(what)} was never in ${named}.`,
    };
  const xero = await api();
  const key = idempotencyKeyOf([outgoing.idempotencyKey]);
  const id = existing.externalId;
  if (kindOf(outgoing.document) === 'PurchaseOrder') {
    await xero.call(what, (x, t) =>
      x.updatePurchaseOrder(
        t,
        id,
        { purchaseOrders: [{ purchaseOrderID: id, status: PurchaseOrder.StatusEnum.DELETED }] },
        key,
      ),
    );
    return { ok: true, externalId: id, syncToken: null, message: `Deleted ${what} in ${named}.` };
  }
  const current = (await xero.call(what, (x, t) => x.getInvoice(t, id))).invoices?.[0];
  if (current?.status === Invoice.StatusEnum.DELETED || current?.status === Invoice.StatusEnum.VOIDED) {
    return {
      ok: true,
      externalId: id,
      syncToken: null,
      message: `${capitalized(what)} was already ${String(current.status).toLowerCase()} in ${named}.`,
    };
  }
  if (current?.status === Invoice.StatusEnum.PAID || (current?.amountPaid ?? 0) > 0) {
    throw new ConnectorError(
      'needs_user',
      `${capitalized(what)} has payments in ${named}, so it cannot be voided. Remove the payments in Xero first, then cancel again.`,
    );
  }
  const status =
    current?.status === Invoice.StatusEnum.AUTHORISED
      ? Invoice.StatusEnum.VOIDED
      : Invoice.StatusEnum.DELETED;
  const answer = await xero.call(what, (x, t) =>
    x.updateInvoice(t, id, { invoices: [{ invoiceID: id, status }] }, undefined, key),
  );
  const after = answer.invoices?.[0];
  const errors = (after?.validationErrors ?? []).map((v) => v.message ?? '').filter(Boolean);
  if (errors.length > 0) throw explainValidation(errors, what);
  return {
    ok: true,
    externalId: id,
    syncToken: null,
    message: `${status === Invoice.StatusEnum.VOIDED ? 'Voided' : 'Deleted'} ${what} in ${named}.`,
  };
}
