// Supplier credits in Xero: a credit note of type ACCPAYCREDIT allocated to a bill we sent reduces what is owed
// on it, so each allocation comes back as a payment of kind 'supplier_credit' on that bill. Everything in an
// allocation but Amount, Date and Invoice is optional in Xero's schema, and the Invoice may come without an id:
// such an allocation pays none of our bills. An allocation deleted in Xero (IsDeleted), or every allocation of a
// credit note voided or deleted, cancels what it paid here. Credit notes are read 100 a page, changed since the
// checkpoint (If-Modified-Since) for the scheduled poll, or all of them for a date range, whose allocations dated
// inside it are kept.
import { CreditNote } from 'xero-node';
import type { ExternalPayment } from '../contract.js';
import type { XeroApi } from './api.js';
import { isoOf } from './suppliers.js';

const PAGE = 100;

/** The allocation's id here: Xero's AllocationID, or (older answers have none) what makes it unique. */
function allocationKey(
  creditNoteId: string,
  a: { allocationID?: string; invoiceId: string; date: string; amount: number },
) {
  return `CreditNote:${creditNoteId}:${a.allocationID ?? `${a.invoiceId}@${a.date}#${a.amount.toFixed(2)}`}`;
}

export function supplierCreditsOf(
  note: CreditNote,
  range: { from: string; to: string } | null,
): ExternalPayment[] {
  const id = note.creditNoteID;
  if (!id || (note.type !== undefined && note.type !== CreditNote.TypeEnum.ACCPAYCREDIT)) return [];
  const gone = note.status === CreditNote.StatusEnum.DELETED || note.status === CreditNote.StatusEnum.VOIDED;
  return (note.allocations ?? []).flatMap((a): ExternalPayment[] => {
    const invoiceId = a.invoice?.invoiceID;
    const date = (isoOf(a.date) ?? isoOf(note.date) ?? new Date().toISOString()).slice(0, 10);
    if (!invoiceId || typeof a.amount !== 'number') return [];
    if (range && (date < range.from || date > range.to)) return [];
    return [
      {
        externalId: allocationKey(id, { allocationID: a.allocationID, invoiceId, date, amount: a.amount }),
        kind: 'supplier_credit',
        date,
        status: gone || a.isDeleted === true ? 'canceled' : 'active',
        applications: [{ documentExternalId: invoiceId, amount: a.amount.toFixed(2) }],
      },
    ];
  });
}

/** The supplier credits allocated to bills, and the latest change time Xero gave (for the checkpoint). */
export async function importSupplierCredits(
  api: XeroApi,
  request: { since: string | null } | { from: string; to: string },
): Promise<{ payments: ExternalPayment[]; latest: string | null }> {
  const since = 'since' in request && request.since ? new Date(request.since) : undefined;
  const range = 'from' in request ? request : null;
  const payments: ExternalPayment[] = [];
  let latest: string | null = null;
  for (let page = 1; ; page++) {
    const answer = await api.call('the supplier credit notes', (x, t) =>
      x.getCreditNotes(t, since, 'Type=="ACCPAYCREDIT"', 'UpdatedDateUTC ASC', page, undefined, PAGE),
    );
    const rows = answer.creditNotes ?? [];
    for (const note of rows) {
      const updated = isoOf(note.updatedDateUTC);
      if (updated && (!latest || updated > latest)) latest = updated;
      payments.push(...supplierCreditsOf(note, range));
    }
    if (rows.length < PAGE) break;
  }
  return { payments, latest };
}
