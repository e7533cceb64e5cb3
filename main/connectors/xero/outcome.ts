// What one document's answer from Xero means for the bookkeeper: linked (with the total Xero computed and the
// status in Xero's own words), or refused with Xero's validation messages explained.
import { Invoice, type LineItem, type PurchaseOrder } from 'xero-node';
import { ConnectorError, type OutgoingDocument, type SendOutcome } from '../contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor } from '../../domain/money.js';
import { explainValidation } from './faults.js';
import { encodeLines, linesFromAnswer } from './line-ids.js';
import { kindOf, nounOf } from './mapping.js';

/**
 * The outcome of one document from Xero's answer. Its sync token keeps the LineItemIDs Xero gave the lines we
 * sent (line-ids.ts), so a revision updates those lines instead of replacing them.
 */
export function outcomeOf(
  outgoing: OutgoingDocument,
  id: string | undefined,
  answer: (PurchaseOrder | Invoice) | undefined,
  expectedMinor: number,
  verb: string,
  sent: LineItem[],
  /** The connection as the bookkeeper named it: where it was done. */
  named: string,
): SendOutcome {
  const what = nounOf(outgoing.document);
  if (!answer) {
    return {
      ok: false,
      error: new ConnectorError('transient', `${named} did not answer for ${what}. Ledgerbridge retries.`),
    };
  }
  const errors = (answer.validationErrors ?? []).map((v) => v.message ?? '').filter(Boolean);
  const flagged = 'hasErrors' in answer && answer.hasErrors === true;
  if (!id && !flagged && errors.length === 0) {
    // Xero took it but did not say which record it is: the next try finds it by supplier and number (send.ts)
    // instead of creating it twice.
    const field = 'invoiceID' in answer || answer instanceof Invoice ? 'InvoiceID' : 'PurchaseOrderID';
    return {
      ok: false,
      error: new ConnectorError(
        'transient',
        `${named} took ${what} but answered without its ${field}. Ledgerbridge finds it there on the next try and does not create it twice.`,
      ),
    };
  }
  if (!id || flagged || errors.length > 0) return { ok: false, error: explainValidation(errors, what) };
  const decimals = currencyDecimals(outgoing.document.currency);
  const total = Math.round((answer.total ?? 0) * 10 ** decimals);
  const mismatch = answer.total !== undefined && total !== expectedMinor;
  const amount = (minor: number) => formatMinor(minor, decimals);
  const lines = linesFromAnswer(sent, answer.lineItems);
  return {
    ok: true,
    externalId: id,
    syncToken: lines ? encodeLines(lines) : null,
    message: mismatch
      ? `${verb} ${what} in ${named}, but its total there is ${amount(total)} instead of ${amount(expectedMinor)}. Check the tax rates paired with Xero's.`
      : `${verb} ${what} in ${named} (total ${amount(total)}, ${xeroStatusLabel(answer)}).`,
    detail: `${kindOf(outgoing.document)} ${id}`,
  };
}

/** A document found already in Xero instead of created: linked, and the log says why nothing was sent. */
export function foundOutcome(
  outgoing: OutgoingDocument,
  id: string,
  found: PurchaseOrder | Invoice,
  sent: { expected: number; body: { lineItems?: LineItem[] } },
  named: string,
): SendOutcome {
  const outcome = outcomeOf(outgoing, id, found, sent.expected, 'Found', sent.body.lineItems ?? [], named);
  if (!outcome.ok) return outcome;
  return {
    ...outcome,
    message:
      `${outcome.message ?? ''} It was already there (sent before its answer was lost, or entered there); not sent twice.`.trim(),
  };
}

/**
 * A document's status as Xero's own screens name it (its API says SUBMITTED where a bookkeeper reads "Awaiting
 * approval"), so the log uses the words they will find in Xero.
 */
export function xeroStatusLabel(answer: PurchaseOrder | Invoice): string {
  const status = String(answer.status ?? '');
  const bill = answer instanceof Invoice || 'invoiceID' in answer;
  switch (status) {
    case 'DRAFT':
      return 'Draft';
    case 'SUBMITTED':
      return 'Awaiting approval';
    case 'AUTHORISED':
      return bill ? 'Awaiting payment' : 'Approved';
    case 'BILLED':
      return 'Billed';
    case 'PAID':
      return 'Paid';
    case 'DELETED':
      return 'Deleted';
    case 'VOIDED':
      return 'Voided';
    default:
      return status || 'status not given';
  }
}
