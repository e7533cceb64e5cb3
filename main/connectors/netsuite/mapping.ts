// Our documents as NetSuite records:
// - purchase order → purchaseOrder: lines with a synced item in the item sublist, the others in the expense sublist;
// - service order → purchaseOrder with expense lines only;
// - invoice → vendorBill (standalone here; connector.ts transforms it from its purchase order when it has one);
// - receipt → itemReceipt, always transformed from its purchase order (receiptLines picks the received lines).
// Every record carries externalId = lb-<our document id> and is written with PUT …/eid:<externalId> (upsert), so
// a retry after a lost answer updates the record it created instead of making a second one. Amounts go at net (the
// lines already add up to our net total to the cent, see domain/totals.ts): tax is left to SuiteTax in NetSuite.
import type { DocumentT } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor, toMinor } from '../../domain/money.js';
import { ConnectorError, type OutgoingDocument } from '../contract.js';
import type { NetSuiteSettings } from './settings.js';

type Body = Record<string, unknown>;
type Ref = { id: string };

export type NsRecordType = 'purchaseOrder' | 'vendorBill' | 'itemReceipt';

export function recordTypeOf(document: DocumentT): NsRecordType {
  if (document.type === 'invoice') return 'vendorBill';
  if (document.type === 'receipt') return 'itemReceipt';
  return 'purchaseOrder';
}

/** NetSuite external ids allow letters, digits, '_' and '-'. */
export function externalIdOf(document: DocumentT): string {
  return `lb-${document.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function tranIdOf(document: DocumentT): string {
  return document.type === 'invoice' ? (document.supplierInvoiceNumber ?? document.number) : document.number;
}

export function nounOf(document: DocumentT): string {
  const noun = {
    purchase_order: 'purchase order',
    service_order: 'service order',
    invoice: 'bill',
    receipt: 'item receipt',
  }[document.type];
  return `${noun} ${tranIdOf(document)}`;
}

const needsUser = (message: string) => new ConnectorError('needs_user', message);

function amount(minor: number, decimals: number): number {
  return Number(formatMinor(minor, decimals));
}

/** A rate that makes quantity × rate round to the net amount (NetSuite keeps up to 8 decimals on rates). */
function rateFor(quantity: number, netMinor: number, decimals: number, ours: string): number {
  const scale = 10 ** decimals;
  if (Math.round(quantity * Number(ours) * scale) === netMinor) return Number(ours);
  return Math.round((netMinor / scale / quantity) * 1e8) / 1e8;
}

/** Header fields every record we write carries. */
export function headerOf(
  outgoing: OutgoingDocument,
  settings: NetSuiteSettings,
  currencyId: string | null,
): Body {
  const { document, references } = outgoing;
  const fields = document.fields ?? {};
  const ref = (ourId: string | null | undefined): Ref | undefined => {
    const id = ourId ? references[ourId] : undefined;
    return id ? { id } : undefined;
  };
  const location = ref(fields[settings.locationField]);
  const department = ref(fields[settings.departmentField]);
  const klass = ref(fields[settings.classField]);
  const tranId = tranIdOf(document);
  if (tranId.length > 45)
    throw needsUser(
      `NetSuite allows at most 45 characters in a document number; '${tranId}' has ${tranId.length}. Shorten it in a revision and approve again.`,
    );
  return {
    externalId: externalIdOf(document),
    tranId,
    tranDate: document.date,
    memo: [document.memo, `Ledgerbridge ${document.type.replace('_', ' ')} ${document.number}`]
      .filter(Boolean)
      .join(' · ')
      .slice(0, 999),
    ...(location ? { location } : {}),
    ...(department ? { department } : {}),
    ...(klass ? { class: klass } : {}),
    ...(currencyId ? { currency: { id: currencyId } } : {}),
  };
}

/** A purchase order, service order or standalone bill with its item and expense sublists. */
export function mapRecord(
  outgoing: OutgoingDocument,
  settings: NetSuiteSettings,
  currencyId: string | null,
): { type: 'purchaseOrder' | 'vendorBill'; body: Body } {
  const { document, references } = outgoing;
  const type = recordTypeOf(document);
  if (type === 'itemReceipt') throw new Error('item receipts are transformed from their order');
  const what = nounOf(document);
  const vendor = references[outgoing.supplier.id];
  if (!vendor)
    throw needsUser(
      `Supplier '${outgoing.supplier.name}' is not paired with a NetSuite vendor yet. Pair it in Suppliers.`,
    );
  const decimals = currencyDecimals(document.currency);
  const serviceOrder = document.type === 'service_order';
  const items: Body[] = [];
  const expenses: Body[] = [];
  document.lines.forEach((line, i) => {
    const net = toMinor(line.netAmount, decimals);
    const klass =
      line.classId && references[line.classId] ? { class: { id: references[line.classId]! } } : {};
    const customer =
      line.customerId && references[line.customerId]
        ? { customer: { id: references[line.customerId]! } }
        : {};
    const item = !serviceOrder && line.itemId ? references[line.itemId] : undefined;
    if (item) {
      const quantity = Number(line.quantity);
      items.push({
        item: { id: item },
        quantity,
        rate: rateFor(quantity, net, decimals, line.unitPrice),
        amount: amount(net, decimals),
        ...(line.description ? { description: line.description.slice(0, 999) } : {}),
        ...klass,
        ...customer,
      });
      return;
    }
    const account =
      (line.accountId ? references[line.accountId] : undefined) ?? settings.defaultExpenseAccountId;
    if (!account) {
      throw needsUser(
        `Line ${i + 1} of ${what} has no ${serviceOrder ? 'expense account' : 'synced item or expense account'}. Choose one on the line, or set a default expense account in the connection settings.`,
      );
    }
    expenses.push({
      account: { id: account },
      amount: amount(net, decimals),
      ...(line.description ? { memo: line.description.slice(0, 999) } : {}),
      ...klass,
      ...customer,
    });
  });
  const body: Body = {
    ...headerOf(outgoing, settings, currencyId),
    entity: { id: vendor },
    ...(settings.subsidiaryId ? { subsidiary: { id: settings.subsidiaryId } } : {}),
    ...(document.dueDate ? { dueDate: document.dueDate } : {}),
    item: { items },
    expense: { items: expenses },
  };
  if (type === 'purchaseOrder') body.approvalStatus = { id: '2' };
  return { type, body };
}

/** One line of a purchase order as NetSuite has it. */
export interface OrderLine {
  line: number;
  itemId: string | null;
  quantity: number;
}

/**
 * The purchase order's lines a receipt receives: each of our lines matches the first unused order line with the same
 * item (our receipt lines carry no order line ids), with our quantity. Order lines not matched are not received.
 */
export function receiptLines(outgoing: OutgoingDocument, order: OrderLine[]): Body[] {
  const { document, references } = outgoing;
  const used = new Set<number>();
  return document.lines.map((line, i) => {
    const item = line.itemId ? references[line.itemId] : undefined;
    const match = order.find((o) => !used.has(o.line) && item !== undefined && o.itemId === item);
    if (!match) {
      throw needsUser(
        `Line ${i + 1} of ${nounOf(document)} (${line.description || 'no description'}) has no item line on its purchase order in NetSuite. Receipts receive synced items of the order; correct the line in a revision and approve again.`,
      );
    }
    used.add(match.line);
    return { orderLine: match.line, quantity: Number(line.quantity), itemReceive: true };
  });
}
