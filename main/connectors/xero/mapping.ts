// Our documents as Xero documents:
// - purchase order → PurchaseOrder: lines with a synced item carry its ItemCode, every line an AccountCode;
// - service order → PurchaseOrder with account-code lines only;
// - invoice → bill (Invoice of Type ACCPAY, InvoiceNumber = the supplier's invoice number).
// Xero takes no discount on bills or purchase orders, so each line's unit amount is the net unit price (4 decimals,
// unitdp=4) that makes quantity × price round to our net line amount; when no such price exists the line goes as
// quantity 1 at its net amount, the quantity named in its description. Totals then equal ours to the cent.
// Tracking travels by category and option name AND id (purchase orders match names only), at most two categories.
import { Invoice, LineAmountTypes, PurchaseOrder, type LineItem, type LineItemTracking } from 'xero-node';
import type { DocumentT } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor, toMinor } from '../../domain/money.js';
import { ConnectorError, type OutgoingDocument } from '../contract.js';
import type { XeroSettings } from './settings.js';

export type XeroKind = 'PurchaseOrder' | 'Bill';

export function kindOf(document: DocumentT): XeroKind {
  return document.type === 'invoice' ? 'Bill' : 'PurchaseOrder';
}

export function numberOf(document: DocumentT): string {
  return document.type === 'invoice' ? (document.supplierInvoiceNumber ?? document.number) : document.number;
}

export function nounOf(document: DocumentT): string {
  return `${document.type === 'invoice' ? 'bill' : document.type === 'service_order' ? 'service order' : 'purchase order'} ${numberOf(document)}`;
}

/** An active tracking category of the organisation, with its options. */
export interface TrackingInfo {
  categoryId: string;
  name: string;
  options: { id: string; name: string }[];
}

const needsUser = (message: string, detail?: string) =>
  new ConnectorError('needs_user', message, detail ? { detail } : {});

/** The net unit amount, to at most 4 decimals, with quantity × amount rounding to `netMinor`; null when none does. */
export function unitAmountFor(
  quantity: number,
  netMinor: number,
  decimals: number,
  ours: string,
): number | null {
  const scale = 10 ** decimals;
  const fits = (unit: number) => Math.round(quantity * unit * scale + Number.EPSILON * scale) === netMinor;
  if (fits(Number(ours))) return Number(ours);
  const exact = netMinor / scale / quantity;
  const base = Math.round(exact * 1e4);
  for (const delta of [0, 1, -1, 2, -2]) {
    const unit = (base + delta) / 1e4;
    if (fits(unit)) return unit;
  }
  return null;
}

export interface MappedDocument {
  kind: XeroKind;
  purchaseOrder?: PurchaseOrder;
  invoice?: Invoice;
  /** What Xero should compute as Total, in minor units. */
  expectedTotalMinor: number;
}

export function mapDocument(
  outgoing: OutgoingDocument,
  settings: XeroSettings,
  tracking: TrackingInfo[],
): MappedDocument {
  const { document, references } = outgoing;
  // Xero has no receipts (the registry says so, and the API refuses to queue one): one that reaches here anyway is
  // refused, never sent as the purchase order kindOf would otherwise name.
  if (document.type === 'receipt') {
    throw needsUser(
      `Not sent: Xero has no receipts, so receipt ${document.number} is not sent there (and never as a purchase order). When the supplier's invoice comes, link it to the purchase order and send the invoice as a bill.`,
    );
  }
  const kind = kindOf(document);
  const what = nounOf(document);
  const decimals = currencyDecimals(document.currency);
  const contactId = references[outgoing.supplier.id];
  if (!contactId) {
    throw needsUser(
      `Supplier '${outgoing.supplier.name}' is not paired with a Xero contact yet. Pair it in Suppliers.`,
    );
  }
  const serviceOrder = document.type === 'service_order';
  const anyTax = document.lines.some((l) => l.taxRateId);
  const lineAmountTypes = anyTax ? LineAmountTypes.Exclusive : LineAmountTypes.NoTax;

  const trackingOf = (ids: (string | null | undefined)[]): LineItemTracking[] => {
    const picked = new Map<string, LineItemTracking>();
    for (const id of ids) {
      const external = id ? references[id] : undefined;
      if (!external) continue;
      for (const category of tracking) {
        const option = category.options.find((o) => o.id === external);
        if (option && !picked.has(category.categoryId)) {
          picked.set(category.categoryId, {
            trackingCategoryID: category.categoryId,
            trackingOptionID: option.id,
            name: category.name,
            option: option.name,
          });
        }
      }
    }
    if (picked.size > 2) {
      throw needsUser(
        `${what} uses ${picked.size} tracking categories; Xero allows at most two on a line. Remove one.`,
      );
    }
    return [...picked.values()];
  };
  const headerIds = Object.values(document.fields ?? {});

  let expected = 0;
  const lineItems: LineItem[] = document.lines.map((line, i) => {
    const netMinor = toMinor(line.netAmount, decimals);
    expected += netMinor + (anyTax ? toMinor(line.tax, decimals) : 0);
    const itemCode = !serviceOrder && line.itemId ? references[line.itemId] : undefined;
    const accountCode =
      (line.accountId ? references[line.accountId] : undefined) ?? settings.defaultAccountCode;
    if (!accountCode && !itemCode) {
      throw needsUser(
        `Line ${i + 1} of ${what} has no ${serviceOrder ? 'account' : 'synced item or account'}. Choose one on the line, or set a default account code in the connection settings.`,
      );
    }
    if (serviceOrder && !accountCode) {
      throw needsUser(
        `Line ${i + 1} of service order ${document.number} needs an account: service orders go to Xero with account codes only.`,
      );
    }
    const quantity = Number(line.quantity);
    const unit = quantity > 0 ? unitAmountFor(quantity, netMinor, decimals, line.unitPrice) : null;
    // The bookkeeper's mapping wins over the rate the reference look-up paired by name.
    const taxType = line.taxRateId
      ? (settings.taxRateMap[line.taxRateId] ?? references[line.taxRateId])
      : undefined;
    const lineTracking = trackingOf([line.classId, line.customerId, ...headerIds]);
    const description =
      unit === null
        ? `${line.description || 'Line'} (${line.quantity} × ${line.unitPrice})`
        : line.description || undefined;
    return {
      ...(description ? { description: description.slice(0, 4000) } : {}),
      quantity: unit === null ? 1 : quantity,
      unitAmount: unit ?? Number(formatMinor(netMinor, decimals)),
      ...(itemCode ? { itemCode } : {}),
      ...(accountCode ? { accountCode } : {}),
      ...(taxType && anyTax ? { taxType } : {}),
      ...(lineTracking.length > 0 ? { tracking: lineTracking } : {}),
    };
  });

  const common = {
    contact: { contactID: contactId },
    lineItems,
    date: document.date,
    lineAmountTypes,
    currencyCode: document.currency as unknown as Invoice['currencyCode'],
  };
  if (kind === 'PurchaseOrder') {
    const purchaseOrder: PurchaseOrder = {
      ...common,
      purchaseOrderNumber: numberOf(document),
      reference: `Ledgerbridge ${document.number}`.slice(0, 255),
      status: PurchaseOrder.StatusEnum[settings.documentStatus],
      ...(document.dueDate ? { deliveryDate: document.dueDate } : {}),
      ...(document.memo ? { deliveryInstructions: document.memo.slice(0, 500) } : {}),
    };
    return { kind, purchaseOrder, expectedTotalMinor: expected };
  }
  const number = numberOf(document);
  if (number.length > 255)
    throw needsUser(`The supplier invoice number of ${what} is longer than Xero allows (255).`);
  const invoice: Invoice = {
    ...common,
    type: Invoice.TypeEnum.ACCPAY,
    invoiceNumber: number,
    status: Invoice.StatusEnum[settings.documentStatus],
    ...(document.dueDate ? { dueDate: document.dueDate } : {}),
  };
  return { kind, invoice, expectedTotalMinor: expected };
}
