// Our documents as qbXML transactions. Purchase orders and service orders become PurchaseOrderAdd/Mod, invoices
// BillAdd/Mod, receipts ItemReceiptAdd/Mod. Every line carries its net amount (after its own discount and its
// share of the document discount, domain/totals.ts), so QuickBooks' total equals ours to the cent; the unit price
// travels only when no discount changed the line, since QuickBooks would otherwise recompute the amount from it.
import type { QbdDocument, QbdLine } from './records.js';
import type {
  BillAdd,
  BillMod,
  ExpenseLineAdd,
  ItemLineAdd,
  ItemReceiptAdd,
  ItemReceiptMod,
  LinkToTxn,
  ListRef,
  PurchaseOrderAdd,
  PurchaseOrderLineAdd,
  PurchaseOrderMod,
  QbxmlRequest,
  TxnDelType,
} from './qbxml/types.js';
import type { QbdSettings } from './settings.js';

type Line = QbdLine;

/** How the planner tells the translator where each of our list entries lives in QuickBooks. */
export interface RefResolver {
  /** Our list entry id → a ListRef (ListID when mirrored or linked, FullName otherwise); null when unknown. */
  listRef(entryId: string | null): ListRef | null;
  /** The kind of one of our list entries ('customer', 'class', ...), for document-level fields. */
  kindOf(entryId: string): string | null;
}

export interface TxnTarget {
  vendor: ListRef;
  /**
   * For a bill or receipt of a purchase order QuickBooks has: the order line each of our lines (by id) receives or
   * bills. Lines are linked one by one (ItemLineAdd/LinkToTxn) so the bill keeps our amounts; linking the whole
   * order (LinkToTxnID) would bring in every open line of the order instead.
   */
  lineLinks: ReadonlyMap<string, LinkToTxn> | null;
  /** Set for a revision: the transaction to modify. */
  existing: { txnId: string; editSequence: string } | null;
  externalGuid: string;
}

export const TXN_TYPE: Record<QbdDocument['type'], 'PurchaseOrder' | 'Bill' | 'ItemReceipt'> = {
  purchase_order: 'PurchaseOrder',
  service_order: 'PurchaseOrder',
  invoice: 'Bill',
  receipt: 'ItemReceipt',
};

export const NOUN: Record<QbdDocument['type'], string> = {
  purchase_order: 'purchase order',
  service_order: 'purchase order',
  invoice: 'bill',
  receipt: 'item receipt',
};

/** The number QuickBooks shows: ours for orders and receipts, the supplier's for a bill. */
export function refNumberOf(document: QbdDocument): string {
  return document.type === 'invoice' ? (document.supplierInvoiceNumber ?? document.number) : document.number;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

const discounted = (line: Line) => line.netAmount !== line.amount;

/** Lines whose customer or class is not set take the document's (fields), for job costing. */
function lineDefaults(
  document: QbdDocument,
  refs: RefResolver,
): { customer: ListRef | null; klass: ListRef | null } {
  let customer: ListRef | null = null;
  let klass: ListRef | null = null;
  for (const id of Object.values(document.fields)) {
    if (!id) continue;
    const kind = refs.kindOf(id);
    if (kind === 'customer' && !customer) customer = refs.listRef(id);
    if (kind === 'class' && !klass) klass = refs.listRef(id);
  }
  return { customer, klass };
}

function poLine(
  line: Line,
  item: ListRef,
  refs: RefResolver,
  d: ReturnType<typeof lineDefaults>,
): PurchaseOrderLineAdd {
  return defined<PurchaseOrderLineAdd>({
    ItemRef: item,
    Desc: line.description || undefined,
    Quantity: line.quantity,
    Rate: discounted(line) ? undefined : line.unitPrice,
    ClassRef: refs.listRef(line.classId) ?? d.klass ?? undefined,
    Amount: line.netAmount,
    CustomerRef: refs.listRef(line.customerId) ?? d.customer ?? undefined,
  });
}

function itemLine(
  line: Line,
  item: ListRef,
  refs: RefResolver,
  d: ReturnType<typeof lineDefaults>,
  link?: LinkToTxn,
): ItemLineAdd {
  return defined<ItemLineAdd>({
    ItemRef: item,
    Desc: line.description || undefined,
    Quantity: line.quantity,
    Cost: discounted(line) ? undefined : line.unitPrice,
    Amount: line.netAmount,
    CustomerRef: refs.listRef(line.customerId) ?? d.customer ?? undefined,
    ClassRef: refs.listRef(line.classId) ?? d.klass ?? undefined,
    LinkToTxn: link,
  });
}

function expenseLine(
  line: Line,
  account: ListRef,
  refs: RefResolver,
  d: ReturnType<typeof lineDefaults>,
): ExpenseLineAdd {
  return defined<ExpenseLineAdd>({
    AccountRef: account,
    Amount: line.netAmount,
    Memo: line.description || undefined,
    CustomerRef: refs.listRef(line.customerId) ?? d.customer ?? undefined,
    ClassRef: refs.listRef(line.classId) ?? d.klass ?? undefined,
  });
}

/** Which default items the document needs (created as non-inventory items when QuickBooks lacks them). */
export function defaultItemsNeeded(document: QbdDocument, settings: QbdSettings): string[] {
  if (document.type === 'service_order') return [settings.defaultServiceItem];
  if (document.type === 'purchase_order' && document.lines.some((l) => !l.itemId))
    return [settings.defaultPurchaseItem];
  if (document.type === 'receipt' && document.lines.some((l) => !l.itemId && !l.accountId))
    return [settings.defaultPurchaseItem];
  return [];
}

/** The Add or Mod request for a document (requestID filled in by the planner). */
export function documentRequest(
  document: QbdDocument,
  target: TxnTarget,
  refs: RefResolver,
  settings: QbdSettings,
  requestID: string,
): QbxmlRequest {
  const d = lineDefaults(document, refs);
  const memo = document.memo || undefined;
  const refNumber = refNumberOf(document);
  const itemOf = (line: Line, fallback: string): ListRef =>
    refs.listRef(line.itemId) ?? { FullName: fallback };

  if (document.type === 'purchase_order' || document.type === 'service_order') {
    const lines = document.lines.map((line) =>
      document.type === 'service_order'
        ? poLine(line, { FullName: settings.defaultServiceItem }, refs, d)
        : poLine(line, itemOf(line, settings.defaultPurchaseItem), refs, d),
    );
    if (target.existing) {
      const body: PurchaseOrderMod = defined<PurchaseOrderMod>({
        TxnID: target.existing.txnId,
        EditSequence: target.existing.editSequence,
        VendorRef: target.vendor,
        TxnDate: document.date,
        RefNumber: refNumber,
        DueDate: document.dueDate ?? undefined,
        Memo: memo,
        // Lines left out of a Mod are deleted by QuickBooks; "-1" adds each line as new: the order ends up with
        // exactly our lines.
        PurchaseOrderLineMod: lines.map((l) => ({ TxnLineID: '-1', ...l })),
      });
      return { type: 'PurchaseOrderMod', requestID, body };
    }
    const body: PurchaseOrderAdd = defined<PurchaseOrderAdd>({
      VendorRef: target.vendor,
      TxnDate: document.date,
      RefNumber: refNumber,
      DueDate: document.dueDate ?? undefined,
      Memo: memo,
      ExternalGUID: target.externalGuid,
      PurchaseOrderLineAdd: lines,
    });
    return { type: 'PurchaseOrderAdd', requestID, body };
  }

  // Bills and item receipts: account lines are expense lines, item lines item lines; a receipt line with
  // neither uses the default purchase item, a bill line with neither the default expense account.
  const expense: ExpenseLineAdd[] = [];
  const items: ItemLineAdd[] = [];
  for (const line of document.lines) {
    if (line.itemId)
      items.push(
        itemLine(line, itemOf(line, settings.defaultPurchaseItem), refs, d, target.lineLinks?.get(line.id)),
      );
    else if (line.accountId)
      expense.push(
        expenseLine(
          line,
          refs.listRef(line.accountId) ?? { FullName: settings.defaultExpenseAccount },
          refs,
          d,
        ),
      );
    else if (document.type === 'receipt')
      items.push(itemLine(line, { FullName: settings.defaultPurchaseItem }, refs, d));
    else expense.push(expenseLine(line, { FullName: settings.defaultExpenseAccount }, refs, d));
  }
  if (document.type === 'invoice') {
    if (target.existing) {
      const body: BillMod = defined<BillMod>({
        TxnID: target.existing.txnId,
        EditSequence: target.existing.editSequence,
        VendorRef: target.vendor,
        TxnDate: document.date,
        DueDate: document.dueDate ?? undefined,
        RefNumber: refNumber,
        Memo: memo,
        ClearExpenseLines: expense.length === 0 ? true : undefined,
        ExpenseLineMod: expense.length ? expense.map((l) => ({ TxnLineID: '-1', ...l })) : undefined,
        ClearItemLines: items.length === 0 ? true : undefined,
        ItemLineMod: items.length ? items.map((l) => ({ TxnLineID: '-1', ...withoutLink(l) })) : undefined,
      });
      return { type: 'BillMod', requestID, body };
    }
    const body: BillAdd = defined<BillAdd>({
      VendorRef: target.vendor,
      TxnDate: document.date,
      DueDate: document.dueDate ?? undefined,
      RefNumber: refNumber,
      Memo: memo,
      ExternalGUID: target.externalGuid,
      ExpenseLineAdd: expense.length ? expense : undefined,
      ItemLineAdd: items.length ? items : undefined,
    });
    return { type: 'BillAdd', requestID, body };
  }
  if (target.existing) {
    const body: ItemReceiptMod = defined<ItemReceiptMod>({
      TxnID: target.existing.txnId,
      EditSequence: target.existing.editSequence,
      VendorRef: target.vendor,
      TxnDate: document.date,
      RefNumber: refNumber,
      Memo: memo,
      ClearExpenseLines: expense.length === 0 ? true : undefined,
      ExpenseLineMod: expense.length ? expense.map((l) => ({ TxnLineID: '-1', ...l })) : undefined,
      ClearItemLines: items.length === 0 ? true : undefined,
      ItemLineMod: items.length ? items.map((l) => ({ TxnLineID: '-1', ...withoutLink(l) })) : undefined,
    });
    return { type: 'ItemReceiptMod', requestID, body };
  }
  const body: ItemReceiptAdd = defined<ItemReceiptAdd>({
    VendorRef: target.vendor,
    TxnDate: document.date,
    RefNumber: refNumber,
    Memo: memo,
    ExternalGUID: target.externalGuid,
    ExpenseLineAdd: expense.length ? expense : undefined,
    ItemLineAdd: items.length ? items : undefined,
  });
  return { type: 'ItemReceiptAdd', requestID, body };
}

function withoutLink(line: ItemLineAdd): Omit<ItemLineAdd, 'LinkToTxn'> {
  const { LinkToTxn: _ignored, ...rest } = line;
  return rest;
}

/** The removal of a sent document: TxnDel, or TxnVoid for a bill when the connection keeps voided bills. */
export function cancelRequest(
  document: QbdDocument,
  txnId: string,
  settings: QbdSettings,
  requestID: string,
): QbxmlRequest {
  const type = TXN_TYPE[document.type];
  if (type === 'Bill' && settings.billCancel === 'void') {
    return { type: 'TxnVoid', requestID, body: { TxnVoidType: 'Bill', TxnID: txnId } };
  }
  return { type: 'TxnDel', requestID, body: { TxnDelType: type as TxnDelType, TxnID: txnId } };
}

/**
 * The query that finds a document's transaction again: by TxnID (a revision after 3200), or by its number (the
 * duplicate guard; the caller compares ExternalGUID, which no query filter accepts, so the vendor is not needed to
 * tell ours from another vendor's record with the same number).
 */
export function findTxnRequest(
  type: 'PurchaseOrder' | 'Bill' | 'ItemReceipt',
  requestID: string,
  by: { txnId: string } | { refNumber: string; vendor: ListRef },
): QbxmlRequest {
  const body = 'txnId' in by ? { TxnID: [by.txnId] } : { RefNumber: [by.refNumber] };
  if (type === 'PurchaseOrder') return { type: 'PurchaseOrderQuery', requestID, body };
  if (type === 'Bill') return { type: 'BillQuery', requestID, body };
  return { type: 'ItemReceiptQuery', requestID, body };
}
