// Our documents as NetSuite records:
// - purchase order → purchaseOrder: lines with a synced item in the item sublist, the others in the expense sublist;
// - service order → purchaseOrder with expense lines only;
// - invoice → vendorBill (standalone here; connector.ts transforms it from its purchase order when it has one);
// - receipt → itemReceipt, always transformed from its purchase order (receiptLines picks the received lines).
// Every record carries externalId = lb-<our document id> and is written with PUT …/eid:<externalId> (upsert), so
// a retry after a lost answer updates the record it created instead of making a second one. Amounts go at net (the
// lines already add up to our net total to the cent, see domain/totals.ts); a tax code goes on each line only where
// the account takes one (settings.lineTaxCodes), else tax is left to NetSuite.
import type { DocumentT } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor, toMinor } from '../../domain/money.js';
import { ConnectorError, type OutgoingDocument } from '../contract.js';
import type { NetSuiteSettings } from './settings.js';

type Body = Record<string, unknown>;

/** The external id a tax rate is paired with when NetSuite needs no tax code for it (see connector.ts). */
export const TAX_PLACEHOLDER = 'lb-no-tax-code:';
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

/** One of our lines as a NetSuite sublist line, with what a transform needs to match it to an order line. */
export interface MappedLine {
  sublist: 'item' | 'expense';
  body: Body;
  /** Our line number (1-based), to name the line when NetSuite refuses something on it. */
  line?: number;
  /** The NetSuite item (item lines) or account (expense lines) the line is for. */
  key: string;
  /** Quantity for item lines, amount for expense lines: what the line takes from an order line. */
  measure: number;
}

/** Our lines as item and expense lines: synced items go to the item sublist, the rest to the expense sublist. */
export function lineBodies(outgoing: OutgoingDocument, settings: NetSuiteSettings): MappedLine[] {
  const { document, references } = outgoing;
  const what = nounOf(document);
  const decimals = currencyDecimals(document.currency);
  const serviceOrder = document.type === 'service_order';
  // Line tax codes only where the account takes them (settings.lineTaxCodes): the mapped code, else the tax code of
  // the same name the engine paired with our tax rate (a placeholder when none was needed).
  const taxCodeOf = (line: DocumentT['lines'][number], i: number): { taxCode?: Ref } => {
    if (!settings.lineTaxCodes) return {};
    const paired = line.taxRateId ? references[line.taxRateId] : undefined;
    const id = line.taxRateId
      ? (settings.taxCodeMap[line.taxRateId] ??
        (paired && !paired.startsWith(TAX_PLACEHOLDER) ? paired : undefined))
      : undefined;
    if (!id) {
      throw needsUser(
        `Line ${i + 1} of ${what} has ${line.taxRateId ? 'a tax rate with no NetSuite tax code' : 'no tax rate'}, and this NetSuite connection sends a tax code on every line. ${line.taxRateId ? 'Map the tax rate to a tax code in the connection settings (or import the lists so a tax code of the same name is found)' : 'Choose a tax rate on the line'}, then send again.`,
      );
    }
    return { taxCode: { id } };
  };
  // The document's class, location and department are those of every line that has none of its own: NetSuite's form
  // sources a new line's class, location and department from the body, but a line written through REST gets only
  // what it carries, so each line is sent with them. A line's own value wins.
  const referenceOf = (ourId: string | null | undefined) => (ourId ? references[ourId] : undefined);
  const fromHeader = {
    class: referenceOf(document.fields?.[settings.classField]),
    location: referenceOf(document.fields?.[settings.locationField]),
    department: referenceOf(document.fields?.[settings.departmentField]),
  };
  return document.lines.map((line, i): MappedLine => {
    const net = toMinor(line.netAmount, decimals);
    const own = {
      class: referenceOf(line.classId),
      location: referenceOf(line.locationId),
      department: referenceOf(line.departmentId),
    };
    const coding: Body = {};
    for (const field of ['class', 'location', 'department'] as const) {
      const id = own[field] ?? fromHeader[field];
      if (id) coding[field] = { id };
    }
    const customer =
      line.customerId && references[line.customerId]
        ? { customer: { id: references[line.customerId]! } }
        : {};
    const tax = taxCodeOf(line, i);
    const item = !serviceOrder && line.itemId ? references[line.itemId] : undefined;
    if (item) {
      const quantity = Number(line.quantity);
      return {
        sublist: 'item',
        line: i + 1,
        key: item,
        measure: quantity,
        body: {
          item: { id: item },
          quantity,
          rate: rateFor(quantity, net, decimals, line.unitPrice),
          amount: amount(net, decimals),
          ...(line.description ? { description: line.description.slice(0, 999) } : {}),
          ...coding,
          ...customer,
          ...tax,
        },
      };
    }
    const account =
      (line.accountId ? references[line.accountId] : undefined) ?? settings.defaultExpenseAccountId;
    if (!account) {
      throw needsUser(
        `Line ${i + 1} of ${what} has no ${serviceOrder ? 'expense account' : 'synced item or expense account'}. Choose one on the line, or set a default expense account in the connection settings.`,
      );
    }
    return {
      sublist: 'expense',
      line: i + 1,
      key: account,
      measure: amount(net, decimals),
      body: {
        account: { id: account },
        amount: amount(net, decimals),
        ...(line.description ? { memo: line.description.slice(0, 999) } : {}),
        ...coding,
        ...customer,
        ...tax,
      },
    };
  });
}

/**
 * Our line and the field an error path of NetSuite's names ("expense.items[1].location": the second expense line
 * sent, its location), from the lines as they were sent; null for a path that is not on a line.
 */
export function lineOfPath(
  path: string | undefined,
  lines: readonly MappedLine[],
): { line: number; field: string } | null {
  const match = /^(item|expense)\.items\[(\d+)\]\.(\w+)/.exec(path ?? '');
  if (!match) return null;
  const line = lines.filter((l) => l.sublist === match[1])[Number(match[2])]?.line;
  return line ? { line, field: match[3]! } : null;
}

function vendorOf(outgoing: OutgoingDocument): Ref {
  const vendor = outgoing.references[outgoing.supplier.id];
  if (!vendor)
    throw needsUser(
      `Supplier '${outgoing.supplier.name}' is not paired with a NetSuite vendor yet. Pair it in Suppliers.`,
    );
  return { id: vendor };
}

/** A purchase order, service order or standalone bill with its item and expense sublists. */
export function mapRecord(
  outgoing: OutgoingDocument,
  settings: NetSuiteSettings,
  currencyId: string | null,
  order: OrderLines | null = null,
): { type: 'purchaseOrder' | 'vendorBill'; body: Body; lines: MappedLine[] } {
  const { document } = outgoing;
  const type = recordTypeOf(document);
  if (type === 'itemReceipt') throw new Error('item receipts are transformed from their order');
  const entity = vendorOf(outgoing);
  // The subsidiary chosen on the document, else the connection's (one company, one subsidiary).
  const chosen = document.fields?.[settings.subsidiaryField];
  const subsidiary = (chosen ? outgoing.references[chosen] : undefined) ?? settings.subsidiaryId;
  const lines = order ? billLines(lineBodies(outgoing, settings), order) : lineBodies(outgoing, settings);
  const body: Body = {
    ...headerOf(outgoing, settings, currencyId),
    entity,
    ...(subsidiary ? { subsidiary: { id: subsidiary } } : {}),
    ...(document.dueDate ? { dueDate: document.dueDate } : {}),
    item: { items: lines.filter((l) => l.sublist === 'item').map((l) => l.body) },
    expense: { items: lines.filter((l) => l.sublist === 'expense').map((l) => l.body) },
  };
  if (type === 'purchaseOrder') body.approvalStatus = { id: '2' };
  return { type, body, lines };
}

/** One line of a purchase order as NetSuite has it, with what is still open on it. */
export interface OrderLine {
  line: number;
  /** The item (item lines) or account (expense lines). */
  key: string | null;
  /** What is still open: quantity not yet billed or received (item lines), amount (expense lines). */
  open: number;
}

export interface OrderLines {
  item: OrderLine[];
  expense: OrderLine[];
}

/**
 * The order line one of our lines belongs to: our lines carry no order line ids, so a line matches an unused order
 * line of the same item (or expense account), preferring one with enough still open, else one with anything open.
 */
function matchOrderLine(candidates: OrderLine[], key: string, measure: number, used: Set<number>) {
  const same = candidates.filter((o) => !used.has(o.line) && o.key === key);
  const match = same.find((o) => o.open >= measure) ?? same.find((o) => o.open > 0);
  if (match) used.add(match.line);
  return match;
}

/**
 * The lines of a bill transformed from its order: each of our lines that matches an order line refers to it
 * (orderLine) with our quantity and amount; a line that matches none is a line of its own on the bill. Sent with
 * ?replace=item,expense, so the order's other lines stay unbilled on the order for a later bill.
 */
export function billLines(lines: MappedLine[], order: OrderLines): MappedLine[] {
  const used = { item: new Set<number>(), expense: new Set<number>() };
  return lines.map((l) => {
    const match = matchOrderLine(order[l.sublist], l.key, l.measure, used[l.sublist]);
    if (!match) return l;
    // The account's metadata types orderLine as an integer on item lines and as a string on expense lines.
    return { ...l, body: { ...l.body, orderLine: l.sublist === 'item' ? match.line : String(match.line) } };
  });
}

/**
 * The item lines of an item receipt: each of our lines receives the order line it matches (same item, enough still
 * to receive) with our quantity; every other open line of the order is listed with itemReceive false, because a
 * transform starts with all open lines marked received.
 */
export function receiptLines(outgoing: OutgoingDocument, order: OrderLine[]): Body[] {
  const { document, references } = outgoing;
  const used = new Set<number>();
  const received = document.lines.map((line, i) => {
    const item = line.itemId ? references[line.itemId] : undefined;
    const quantity = Number(line.quantity);
    const match = item !== undefined ? matchOrderLine(order, item, quantity, used) : undefined;
    if (!match) {
      throw needsUser(
        `Line ${i + 1} of ${nounOf(document)} (${line.description || 'no description'}) has no item line still to receive on its purchase order in NetSuite. Receipts receive synced items of the order; correct the line in a revision and approve again.`,
      );
    }
    return { orderLine: match.line, quantity, itemReceive: true };
  });
  const untouched = order
    .filter((o) => !used.has(o.line) && o.open > 0)
    .map((o) => ({ orderLine: o.line, itemReceive: false }));
  return [...received, ...untouched].sort((a, b) => a.orderLine - b.orderLine);
}
