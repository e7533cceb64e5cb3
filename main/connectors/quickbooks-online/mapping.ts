// Our documents as QuickBooks Online transactions:
// - purchase order → PurchaseOrder: lines with a synced item as ItemBasedExpenseLineDetail, the others as
//   AccountBasedExpenseLineDetail (Category details);
// - service order → PurchaseOrder with Category (account) lines only;
// - invoice → Bill, DocNumber = the supplier's invoice number, linked line by line to its purchase order.
// QuickBooks' purchase forms have no discount line, so discounts are netted into the lines (the lines already add
// up to our net total to the cent, see domain/totals.ts), or, when the connection names a discount account, the
// lines go at full price and one negative line per tax code books the discount there. US companies have no tax on
// purchase forms: a bill's lines carry their tax in their amount so that the bill's total is what is owed; orders
// go at net. Other countries: a TaxCodeRef on every line and GlobalTaxCalculation, and QuickBooks adds the tax.
import type { DocumentT } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor, toMinor } from '../../domain/money.js';
import { ConnectorError, type OutgoingDocument } from '../contract.js';
import type { CompanyProfile } from './company.js';
import type { QboSettings } from './settings.js';

type Body = Record<string, unknown>;
type Ref = { value: string };

export type QboEntity = 'PurchaseOrder' | 'Bill';

/** Links of tax rates that are mapped in the settings (or need no tax code, in the US): not a QuickBooks id. */
export const TAX_PLACEHOLDER = 'lb-tax:';

export function entityOf(document: DocumentT): QboEntity {
  return document.type === 'invoice' ? 'Bill' : 'PurchaseOrder';
}

export function nounOf(document: DocumentT): string {
  const number =
    document.type === 'invoice' ? (document.supplierInvoiceNumber ?? document.number) : document.number;
  return `${document.type === 'invoice' ? 'bill' : 'purchase order'} ${number}`;
}

/** The marker in PrivateNote that lets a retry recognise a transaction it created before its answer was lost. */
export function markerOf(document: DocumentT): string {
  return `[lb:${document.id}]`;
}

export function docNumberOf(document: DocumentT): string {
  return document.type === 'invoice' ? (document.supplierInvoiceNumber ?? document.number) : document.number;
}

/** The linked purchase order's id and its lines' ids, for a bill that came from one. */
export interface LinkedOrder {
  id: string;
  lineIds: string[];
}

const needsUser = (message: string, detail?: string) =>
  new ConnectorError('needs_user', message, detail ? { detail } : {});

function number(minor: number, decimals: number): number {
  return Number(formatMinor(minor, decimals));
}

/** A unit price that makes quantity × price round to `amountMinor`, to at most 7 decimals (QuickBooks' limit). */
function unitPriceFor(quantity: number, amountMinor: number, decimals: number, ours: string): number {
  const scale = 10 ** decimals;
  if (Math.round(quantity * Number(ours) * scale) === amountMinor) return Number(ours);
  return Math.round((amountMinor / scale / quantity) * 1e7) / 1e7;
}

export interface MappedDocument {
  entity: QboEntity;
  body: Body;
  /** What QuickBooks should compute as TotalAmt, in minor units, to check its answer against ours. */
  expectedTotalMinor: number;
  /** Sentences on what the company cannot take and was left out (a class, a location), for the outcome. */
  notSent: string[];
}

export function mapDocument(
  outgoing: OutgoingDocument,
  profile: CompanyProfile,
  settings: QboSettings,
  linked: LinkedOrder | null,
): MappedDocument {
  const { document, references } = outgoing;
  // QuickBooks Online has no receipts (the registry says so, and the API refuses to queue one): one that reaches here
  // anyway is refused, never sent as the purchase order entityOf would otherwise name.
  if (document.type === 'receipt') {
    throw needsUser(
      `Not sent: QuickBooks Online has no receipts, so receipt ${document.number} is not sent there (and never as a purchase order). When the supplier's invoice comes, link it to the purchase order and send the invoice as a bill.`,
      'document type receipt; QuickBooks Online has no item receipt entity',
    );
  }
  const entity = entityOf(document);
  const what = nounOf(document);
  const decimals = currencyDecimals(document.currency);
  const ref = (ourId: string | null | undefined): Ref | undefined => {
    const id = ourId ? references[ourId] : undefined;
    return id ? { value: id } : undefined;
  };
  const vendor = ref(outgoing.supplier.id);
  if (!vendor)
    throw needsUser(
      `Supplier '${outgoing.supplier.name}' is not paired with a QuickBooks vendor yet. Pair it in Suppliers.`,
    );

  if (profile.bookCloseDate && document.date <= profile.bookCloseDate) {
    throw needsUser(
      `Not sent: ${what} is dated ${document.date}, on or before the closing date in QuickBooks (${profile.bookCloseDate}). Change the closing date in QuickBooks (Settings → Account and settings → Advanced → Accounting), or revise the document to a later date.`,
      `BookCloseDate ${profile.bookCloseDate} ≥ TxnDate ${document.date}; nothing was sent`,
    );
  }
  if (entity === 'PurchaseOrder' && profile.purchaseOrders === false) {
    throw needsUser(
      `Not sent: purchase orders are not available in this QuickBooks company (${profile.subscription ?? 'its subscription'}). They need QuickBooks Online Plus or Advanced. Upgrade, or stop sending purchase orders and service orders in the connection settings.`,
    );
  }
  const docNumber = docNumberOf(document);
  if (docNumber.length > 21) {
    throw needsUser(
      `QuickBooks allows at most 21 characters in a ${entity === 'Bill' ? "bill's reference number" : "purchase order's number"}; '${docNumber}' has ${docNumber.length}. Shorten it in a revision and approve again.`,
    );
  }
  if (document.currency !== profile.homeCurrency && !profile.multiCurrency) {
    throw needsUser(
      `${what} is in ${document.currency}, but this QuickBooks company works only in ${profile.homeCurrency}. Turn on multicurrency in QuickBooks, or use ${profile.homeCurrency}.`,
    );
  }

  const fields = document.fields ?? {};
  const headerClass = ref(fields[settings.classField]);
  const department = ref(fields[settings.departmentField]);
  const headerCustomer = ref(fields[settings.customerField]);
  const usTax = profile.usTax;
  const serviceOrder = document.type === 'service_order';
  const withDiscountLine = settings.discountAccountId !== null;

  const taxCodeOf = (line: DocumentT['lines'][number], i: number): Ref => {
    const mapped =
      (line.taxRateId
        ? (settings.taxCodeMap[line.taxRateId] ??
          (references[line.taxRateId]?.startsWith(TAX_PLACEHOLDER) ? null : references[line.taxRateId]))
        : null) ?? settings.defaultTaxCodeId;
    if (!mapped) {
      throw needsUser(
        `Line ${i + 1} of ${what} has ${line.taxRateId ? 'a tax rate that is not mapped' : 'no tax rate'}, and QuickBooks needs a tax code on every line in this company. Map the tax rate (or set a default tax code) in the connection settings.`,
      );
    }
    return { value: mapped };
  };

  let expected = 0;
  const discountsByTaxCode = new Map<string, number>();
  const lines: Body[] = document.lines.map((line, i) => {
    const gross = toMinor(line.amount, decimals);
    const net = toMinor(line.netAmount, decimals);
    const tax = toMinor(line.tax, decimals);
    let amountMinor = withDiscountLine ? gross : net;
    // US bills carry their tax in the line (it is part of what is owed); tax-inclusive companies likewise.
    if ((usTax && entity === 'Bill') || (!usTax && settings.globalTaxCalculation === 'TaxInclusive'))
      amountMinor += tax;
    const taxCode = usTax ? undefined : taxCodeOf(line, i);
    if (withDiscountLine && gross !== net) {
      const key = taxCode?.value ?? '';
      discountsByTaxCode.set(key, (discountsByTaxCode.get(key) ?? 0) + (gross - net));
    }
    expected += amountMinor;
    const classRef = profile.classTracking === 'line' ? (ref(line.classId) ?? headerClass) : undefined;
    const customer = ref(line.customerId) ?? headerCustomer;
    const common = {
      ...(classRef ? { ClassRef: classRef } : {}),
      ...(customer ? { CustomerRef: customer } : {}),
      ...(taxCode ? { TaxCodeRef: taxCode } : {}),
    };
    const item = !serviceOrder ? ref(line.itemId) : undefined;
    const linkedLineId = linked?.lineIds[i];
    const base: Body = {
      Amount: number(amountMinor, decimals),
      ...(line.description ? { Description: line.description } : {}),
      ...(linked && linkedLineId
        ? { LinkedTxn: [{ TxnId: linked.id, TxnType: 'PurchaseOrder', TxnLineId: linkedLineId }] }
        : {}),
    };
    if (item) {
      const qty = Number(line.quantity);
      return {
        ...base,
        DetailType: 'ItemBasedExpenseLineDetail',
        ItemBasedExpenseLineDetail: {
          ItemRef: item,
          Qty: qty,
          UnitPrice: unitPriceFor(qty, amountMinor, decimals, line.unitPrice),
          ...common,
        },
      };
    }
    const account =
      ref(line.accountId) ??
      (settings.defaultExpenseAccountId ? { value: settings.defaultExpenseAccountId } : undefined);
    if (!account) {
      throw needsUser(
        `Line ${i + 1} of ${what} has no ${serviceOrder ? 'expense account' : 'synced item or expense account'}. Choose one on the line, or set a default expense account in the connection settings.`,
      );
    }
    return {
      ...base,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: { AccountRef: account, ...common },
    };
  });
  for (const [taxCode, discount] of discountsByTaxCode) {
    expected -= discount;
    lines.push({
      Amount: -number(discount, decimals),
      Description: 'Discount',
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: {
        AccountRef: { value: settings.discountAccountId! },
        ...(taxCode ? { TaxCodeRef: { value: taxCode } } : {}),
      },
    });
  }
  if (!usTax && settings.globalTaxCalculation === 'TaxExcluded')
    expected += toMinor(document.totals.tax, decimals);

  const note = [
    document.memo,
    `Ledgerbridge ${document.type.replace('_', ' ')} ${document.number} ${markerOf(document)}`,
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, 4000);
  const body: Body = {
    VendorRef: vendor,
    TxnDate: document.date,
    DocNumber: docNumber,
    Line: lines,
    PrivateNote: note,
    ...(settings.apAccountId ? { APAccountRef: { value: settings.apAccountId } } : {}),
    ...(department && profile.trackDepartments ? { DepartmentRef: department } : {}),
    ...(document.currency !== profile.homeCurrency ? { CurrencyRef: { value: document.currency } } : {}),
    ...(!usTax ? { GlobalTaxCalculation: settings.globalTaxCalculation } : {}),
  };
  if (entity === 'PurchaseOrder') {
    if (document.memo) body.Memo = document.memo.slice(0, 4000);
    if (headerClass && profile.classTracking === 'txn') body.ClassRef = headerClass;
    if (document.dueDate) body.DueDate = document.dueDate;
  } else {
    if (document.dueDate) body.DueDate = document.dueDate;
    if (linked) body.LinkedTxn = [{ TxnId: linked.id, TxnType: 'PurchaseOrder' }];
  }
  return {
    entity,
    body,
    expectedTotalMinor: expected,
    notSent: [
      ...notSentOf(document, entity, profile, settings),
      ...lineLocationsNotSent(document, profile, outgoing.lineCodingNames ?? {}),
    ],
  };
}

/**
 * A class or location the document names that QuickBooks cannot take here: tracking is off in the company, or (for
 * a bill) classes are tracked per transaction — a Bill has no transaction-level ClassRef in Intuit's schema, and
 * line classes are refused unless tracked per line. The document is still sent; the log says what to do.
 */
function notSentOf(
  document: DocumentT,
  entity: QboEntity,
  profile: CompanyProfile,
  settings: QboSettings,
): string[] {
  const fields = document.fields ?? {};
  const notes: string[] = [];
  const hasClass = Boolean(fields[settings.classField]) || document.lines.some((l) => l.classId);
  if (hasClass && profile.classTracking === 'none') {
    notes.push(
      'Its class was not sent: class tracking is off in QuickBooks (Settings → Account and settings → Advanced → Categories).',
    );
  } else if (hasClass && entity === 'Bill' && profile.classTracking === 'txn') {
    notes.push(
      'Its class was not sent: QuickBooks takes a class on a bill only per line, and this company tracks one class per transaction. Set the class on the bill in QuickBooks, or switch class tracking to per line (Settings → Advanced → Categories).',
    );
  }
  if (fields[settings.departmentField] && !profile.trackDepartments) {
    notes.push(
      `Its ${profile.departmentTerminology.toLowerCase()} was not sent: ${profile.departmentTerminology.toLowerCase()} tracking is off in QuickBooks (Settings → Account and settings → Advanced → Categories).`,
    );
  }
  return notes;
}

/**
 * A line's own location or department (from an import or the API, for systems that take them per line): QuickBooks
 * Online takes one location per transaction (DepartmentRef) and none on a line, so it is left out. One sentence for
 * the whole document, e.g. "Line 2's location 'East' is not sent: QuickBooks Online takes one location per
 * document, on the header."
 */
function lineLocationsNotSent(
  document: DocumentT,
  profile: CompanyProfile,
  names: Record<string, string>,
): string[] {
  const parts = document.lines.flatMap((line, i) =>
    (
      [
        ['location', line.locationId],
        ['department', line.departmentId],
      ] as const
    )
      .filter(([, id]) => id)
      .map(([what, id]) => {
        const name = id ? names[id] : undefined;
        return `${what}${name ? ` '${name}'` : ''}`;
      })
      .map((what, k) => `${k === 0 ? `line ${i + 1}'s ` : ''}${what}`),
  );
  if (parts.length === 0) return [];
  const list =
    parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
  const term = profile.departmentTerminology.toLowerCase();
  return [
    `${list.charAt(0).toUpperCase()}${list.slice(1)} ${parts.length === 1 ? 'is' : 'are'} not sent: QuickBooks Online takes one ${term} per document, on the header.`,
  ];
}
