// The document editor's form model and its mapping to and from the contract. Pure, so it is unit-tested.
import type { DocumentT, MethodInput } from '../../../preload/contract';
import type { DiscountInput, PreviewLine } from './totals';

export type DiscountMode = 'percent' | 'amount';

export interface LineForm {
  key: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountMode: DiscountMode;
  discount: string;
  taxRateId: string;
  /** What the line is coded to in the accounting system's lists: an item or an account (never both), a class, a
   * customer or job, a location and a department (NetSuite); Xero: up to two tracking options ride on classId and
   * customerId. */
  coding: LineCoding;
}

export interface LineCoding {
  itemId: string | null;
  accountId: string | null;
  customerId: string | null;
  classId: string | null;
  locationId: string | null;
  departmentId: string | null;
}

export interface DocumentForm {
  type: DocumentT['type'];
  number: string;
  supplierId: string;
  date: string;
  dueDate: string;
  currency: string;
  supplierInvoiceNumber: string;
  memo: string;
  discountMode: DiscountMode;
  discount: string;
  linkedDocumentId: string;
  /** Document-level list values by field name (class, location, department, ...). */
  fields: Record<string, string | null>;
  lines: LineForm[];
}

let keySeq = 0;
export function newLine(start: { taxRateId?: string; coding?: Partial<LineCoding> } = {}): LineForm {
  keySeq++;
  return {
    key: `l${keySeq}`,
    description: '',
    quantity: '1',
    unitPrice: '',
    discountMode: 'percent',
    discount: '',
    taxRateId: start.taxRateId ?? '',
    coding: {
      itemId: null,
      accountId: null,
      customerId: null,
      classId: null,
      locationId: null,
      departmentId: null,
      ...start.coding,
    },
  };
}

/**
 * The line coded to an item: no account any more, and the item's name and purchase cost where the line has none
 * yet (the bookkeeper can change both).
 */
export function chooseItem(
  line: LineForm,
  item: { id: string; name: string; purchaseCost?: string | null | undefined } | null,
): LineForm {
  if (!item) return { ...line, coding: { ...line.coding, itemId: null } };
  return {
    ...line,
    coding: { ...line.coding, itemId: item.id, accountId: null },
    description: line.description.trim() ? line.description : item.name,
    unitPrice: line.unitPrice.trim() || !item.purchaseCost ? line.unitPrice : item.purchaseCost,
  };
}

/** The line coded to an account: no item any more. */
export function chooseAccount(line: LineForm, accountId: string | null): LineForm {
  return {
    ...line,
    coding: { ...line.coding, accountId, itemId: accountId ? null : line.coding.itemId },
  };
}

export function emptyForm(today: string): DocumentForm {
  return {
    type: 'purchase_order',
    number: '',
    supplierId: '',
    date: today,
    dueDate: '',
    currency: '',
    supplierInvoiceNumber: '',
    memo: '',
    discountMode: 'percent',
    discount: '',
    linkedDocumentId: '',
    fields: {},
    lines: [newLine()],
  };
}

function discountToForm(d: DocumentT['discount']): { mode: DiscountMode; value: string } {
  if (!d) return { mode: 'percent', value: '' };
  return 'percent' in d ? { mode: 'percent', value: d.percent } : { mode: 'amount', value: d.amount };
}

export function formFromDocument(doc: DocumentT): DocumentForm {
  const dd = discountToForm(doc.discount);
  return {
    type: doc.type,
    number: doc.number,
    supplierId: doc.supplierId,
    date: doc.date,
    dueDate: doc.dueDate ?? '',
    currency: doc.currency,
    supplierInvoiceNumber: doc.supplierInvoiceNumber ?? '',
    memo: doc.memo ?? '',
    discountMode: dd.mode,
    discount: dd.value,
    linkedDocumentId: doc.linkedDocumentId ?? '',
    fields: { ...doc.fields },
    lines: doc.lines.map((l) => {
      const ld = discountToForm(l.discount);
      return {
        ...newLine(),
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        discountMode: ld.mode,
        discount: ld.value,
        taxRateId: l.taxRateId ?? '',
        coding: {
          itemId: l.itemId,
          accountId: l.accountId,
          customerId: l.customerId,
          classId: l.classId,
          locationId: l.locationId,
          departmentId: l.departmentId,
        },
      };
    }),
  };
}

export function discountInput(
  mode: DiscountMode,
  value: string,
): { percent: string } | { amount: string } | null {
  const v = value.trim();
  if (!v) return null;
  return mode === 'percent' ? { percent: v } : { amount: v };
}

/** Linking to an order is for invoices and receipts only. */
export function canLink(type: DocumentT['type']): boolean {
  return type === 'invoice' || type === 'receipt';
}

type Header = Omit<MethodInput<'documents.create'>, 'companyId' | 'type'>;

export function headerInput(form: DocumentForm): Header {
  return {
    ...(form.number.trim() ? { number: form.number.trim() } : {}),
    supplierId: form.supplierId,
    date: form.date,
    dueDate: form.dueDate || null,
    currency: form.currency.trim() ? form.currency.trim().toUpperCase() : null,
    supplierInvoiceNumber:
      form.type === 'invoice' && form.supplierInvoiceNumber.trim() ? form.supplierInvoiceNumber.trim() : null,
    memo: form.memo.trim() ? form.memo : null,
    discount: discountInput(form.discountMode, form.discount),
    linkedDocumentId: canLink(form.type) && form.linkedDocumentId ? form.linkedDocumentId : null,
    ...(Object.keys(form.fields).length > 0 ? { fields: form.fields } : {}),
    lines: form.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity.trim(),
      unitPrice: l.unitPrice.trim(),
      discount: discountInput(l.discountMode, l.discount),
      taxRateId: l.taxRateId || null,
      ...Object.fromEntries(Object.entries(l.coding).filter(([, v]) => v !== null)),
    })),
  };
}

export function createInput(companyId: string, form: DocumentForm): MethodInput<'documents.create'> {
  return { companyId, type: form.type, ...headerInput(form) };
}

export function updateInput(id: string, form: DocumentForm): MethodInput<'documents.update'> {
  return { id, ...headerInput(form) };
}

export function previewLines(
  form: DocumentForm,
  taxPercent: (taxRateId: string) => string | null,
): PreviewLine[] {
  return form.lines.map((l) => ({
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discount: discountInput(l.discountMode, l.discount) as DiscountInput,
    taxPercent: l.taxRateId ? taxPercent(l.taxRateId) : null,
  }));
}

const HEADER_ELEMENTS: Record<string, string> = {
  type: 'doc-type',
  number: 'doc-number',
  supplierId: 'doc-supplier',
  date: 'doc-date',
  dueDate: 'doc-due-date',
  currency: 'doc-currency',
  supplierInvoiceNumber: 'doc-supplier-invoice-number',
  memo: 'doc-memo',
  discount: 'doc-discount',
  linkedDocumentId: 'doc-linked',
  lines: 'add-line',
};
const LINE_ELEMENTS: Record<string, string> = {
  description: 'description',
  quantity: 'quantity',
  unitPrice: 'unit-price',
  discount: 'discount',
  taxRateId: 'tax-rate',
  itemId: 'item',
  accountId: 'account',
  classId: 'class',
  customerId: 'customer',
  locationId: 'location',
  departmentId: 'department',
};

/**
 * The id of the input that a server problem's field path points at, so the problem can be shown beside it:
 * "lines.2.quantity" → "line-2-quantity", "discount.percent" → "doc-discount". Null when no input shows it.
 */
export function elementIdForField(field: string): string | null {
  const parts = field.split('.');
  if (parts[0] === 'lines' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const what = parts[2] ? LINE_ELEMENTS[parts[2]] : 'description';
    return what ? `line-${parts[1]}-${what}` : `line-${parts[1]}-description`;
  }
  if (parts[0] === 'fields' && parts[1]) return `doc-field-${parts[1]}`;
  return HEADER_ELEMENTS[parts[0] ?? ''] ?? null;
}
