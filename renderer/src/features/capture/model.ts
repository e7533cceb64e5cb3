// The review form's logic, apart from the screen so it can be tested without a browser: the form as first
// proposed, how sure the reader was of each field, and what the page preview highlights.
import type { Proposal } from './store';

export type Box = { x: number; y: number; w: number; h: number };
export type Located = { page: number; box: Box };

/** Below this a field is marked for the bookkeeper to check. */
export const LOW_CONFIDENCE = 0.8;

export interface LineForm {
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  taxRateId: string | null;
  confidence: number;
  location: Located | null;
}

export interface Form {
  supplierId: string;
  supplierInvoiceNumber: string;
  date: string;
  dueDate: string;
  currency: string;
  linkedDocumentId: string;
  lines: LineForm[];
  confirmDuplicate: boolean;
}

export type HeaderField = 'supplierInvoiceNumber' | 'date' | 'dueDate' | 'currency';

export const FIELD_LABELS: Record<string, string> = {
  supplier: 'Supplier',
  supplierInvoiceNumber: 'Supplier invoice number',
  date: 'Invoice date',
  dueDate: 'Due date',
  currency: 'Currency',
  printedOrderNumber: 'Order number',
  subtotal: 'Subtotal',
  tax: 'Tax',
  total: 'Total',
  linkedDocumentId: 'Order',
};

export function initialForm(p: Proposal): Form {
  return {
    supplierId: p.supplierId ?? '',
    supplierInvoiceNumber: p.supplierInvoiceNumber ?? '',
    date: p.date ?? '',
    dueDate: p.dueDate ?? '',
    currency: p.currency ?? '',
    linkedDocumentId: p.linkedDocumentId ?? '',
    lines: p.lines.map((l) => ({ ...l })),
    confirmDuplicate: false,
  };
}

export function emptyLine(taxRateId: string | null): LineForm {
  return {
    description: '',
    quantity: '1',
    unitPrice: '0',
    amount: '',
    taxRateId,
    confidence: 1,
    location: null,
  };
}

/** How the reader did on one field: its confidence (when it gave one) and whether to mark it for a check. */
export interface FieldState {
  low: boolean;
  /** "Check this: read with 62 % confidence" for a low field. */
  hint: string | undefined;
}

export function fieldState(proposal: Proposal, field: string): FieldState {
  const c = proposal.confidence[field as keyof Proposal['confidence']];
  const low = c !== undefined && c < LOW_CONFIDENCE;
  return {
    low,
    hint: low ? `Check this: read with ${Math.round(c * 100)} % confidence` : undefined,
  };
}

export interface Highlight {
  field: string;
  where: Located;
  low: boolean;
  title: string;
}

/** A box per field and per line where it was read, for the page preview. */
export function highlights(proposal: Proposal, form: Form): Highlight[] {
  return [
    ...Object.entries(proposal.locations).map(([field, where]) => ({
      field,
      where: where as Located,
      low: fieldState(proposal, field).low,
      title: FIELD_LABELS[field] ?? field,
    })),
    ...form.lines.flatMap((l, i) =>
      l.location
        ? [
            {
              field: `line-${i}`,
              where: l.location,
              low: l.confidence < LOW_CONFIDENCE,
              title: `Line ${i + 1}`,
            },
          ]
        : [],
    ),
  ];
}
