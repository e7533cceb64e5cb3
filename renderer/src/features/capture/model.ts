// The review form's logic, apart from the screen so it can be tested without a browser: the form as first
// proposed, how sure the reader was of each field, what the page preview highlights, and which fields the
// bookkeeper corrected (sent with the save, so the supplier's way of printing them is learned).
import { fromMinor, multiplyToMinor, toMinor } from '../../lib/decimal';
import { previewTotals } from '../../lib/totals';
import type { CaptureFieldName, Proposal } from './store';

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
  /** The totals as printed, as the bookkeeper confirms them (they teach the supplier's layout, not the amounts). */
  subtotal: string;
  tax: string;
  total: string;
  confirmDuplicate: boolean;
}

export type TotalField = 'subtotal' | 'tax' | 'total';
export const TOTAL_FIELDS: readonly TotalField[] = ['subtotal', 'tax', 'total'];

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
  lines: 'Line table',
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
    subtotal: p.totals.subtotal ?? '',
    tax: p.totals.tax ?? '',
    total: p.totals.total ?? '',
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

/**
 * How the reader did on one field: whether to mark it for a check (with its confidence in the hint), and whether
 * it was read the way the bookkeeper taught for this supplier.
 */
export interface FieldState {
  low: boolean;
  /** "Check this: read with 62 % confidence" for a low field. */
  hint: string | undefined;
  learned: boolean;
  /** The bookkeeper changed it from what was read (see reviewState). */
  corrected: boolean;
}

export function fieldState(proposal: Proposal, field: string): FieldState {
  const c = proposal.confidence[field as keyof Proposal['confidence']];
  const low = c !== undefined && c < LOW_CONFIDENCE;
  // How the field was inferred rather than read ("Inferred from the “€” printed on the invoice"), said whether
  // or not it is marked.
  const note = proposal.fieldNotes?.[field as CaptureFieldName];
  return {
    low,
    hint: note
      ? note
      : !low
        ? undefined
        : c === 0
          ? 'Not found on the page: type it from the invoice if it is printed there'
          : `Check this: read with ${Math.round(c * 100)} % confidence`,
    learned: proposal.learned.includes(field as CaptureFieldName),
    corrected: false,
  };
}

/**
 * An amount as the bookkeeper typed it, as a plain decimal ("1,234.56", "1.234,56", "1 234,56", "1'234.56" →
 * "1234.56"); null when it is not one. A lone comma with one or two digits after it is a decimal comma.
 */
export function readAmount(text: string): string | null {
  const t = text.trim().replace(/[\s'\u00a0\u202f]/g, '');
  if (/^-?\d+(\.\d+)?$/.test(t)) return t;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return t.replace(/,/g, '');
  if (/^-?\d+,\d{1,2}$/.test(t)) return t.replace(',', '.');
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return t.replace(/\./g, '').replace(',', '.');
  return null;
}

function sameAmount(a: string, b: string): boolean {
  const x = toMinor(a, 6);
  return x !== null && x === toMinor(b, 6);
}

export interface Correction {
  field: CaptureFieldName;
  value: string;
}

/**
 * The fields the bookkeeper changed from what was read, with their right values (the supplier: its id), and the
 * problems that keep the save from going (a total that is not an amount). A field emptied teaches nothing.
 */
export function corrections(
  proposal: Proposal,
  form: Form,
): { corrections: Correction[]; problems: { field: string; message: string }[] } {
  const out: Correction[] = [];
  const problems: { field: string; message: string }[] = [];
  const text = (field: CaptureFieldName, now: string, read: string | null) => {
    const value = now.trim();
    if (value && value !== (read ?? '').trim()) out.push({ field, value });
  };
  text('supplier', form.supplierId, proposal.supplierId);
  text('supplierInvoiceNumber', form.supplierInvoiceNumber, proposal.supplierInvoiceNumber);
  text('date', form.date, proposal.date);
  text('dueDate', form.dueDate, proposal.dueDate);
  text('currency', form.currency, proposal.currency);
  for (const field of TOTAL_FIELDS) {
    const typed = form[field].trim();
    if (!typed) continue;
    const value = readAmount(typed);
    if (value === null) {
      problems.push({
        field,
        message: `${FIELD_LABELS[field]}: “${typed}” is not an amount. Type it as printed, such as 1234.56.`,
      });
      continue;
    }
    const read = proposal.totals[field];
    if (read === null || !sameAmount(value, read)) out.push({ field, value });
  }
  return { corrections: out, problems };
}

/**
 * The fields saved as they were read (the bookkeeper saw them and left them): confirmed right, so the supplier's
 * way of printing them is learned as well as what was corrected.
 */
export function confirmations(proposal: Proposal, form: Form): Correction[] {
  const out: Correction[] = [];
  const same = (field: CaptureFieldName, now: string, read: string | null) => {
    const value = now.trim();
    if (value && read !== null && value === read.trim()) out.push({ field, value });
  };
  same('supplier', form.supplierId, proposal.supplierId);
  same('supplierInvoiceNumber', form.supplierInvoiceNumber, proposal.supplierInvoiceNumber);
  same('date', form.date, proposal.date);
  same('dueDate', form.dueDate, proposal.dueDate);
  same('currency', form.currency, proposal.currency);
  for (const field of TOTAL_FIELDS) {
    const value = readAmount(form[field].trim());
    const read = proposal.totals[field];
    if (value !== null && read !== null && sameAmount(value, read)) out.push({ field, value });
  }
  return out;
}

export const CORRECTED_HINT = 'Corrected: saving teaches how this supplier prints it, for its next invoice';

/**
 * A field as the form shows it now: once the bookkeeper has corrected it, it is no longer marked for a check and
 * its hint says the correction will be learned. A note on how the value read was inferred ("Inferred from the
 * “€” printed on the invoice") is said only while the field holds that value: emptied, it is no longer it.
 */
export function reviewState(proposal: Proposal, form: Form, field: CaptureFieldName): FieldState {
  const read = fieldState(proposal, field);
  const corrected = corrections(proposal, form).corrections.some((c) => c.field === field);
  if (corrected) return { ...read, low: false, hint: CORRECTED_HINT, corrected };
  if (proposal.fieldNotes?.[field] && isHeaderField(field)) {
    if (form[field].trim() !== (proposal[field] ?? '').trim()) return { ...read, hint: undefined };
  }
  return read;
}

const isHeaderField = (field: CaptureFieldName): field is HeaderField =>
  field === 'supplierInvoiceNumber' || field === 'date' || field === 'dueDate' || field === 'currency';

/**
 * The supplier field's hint: chosen by the bookkeeper; matched (and by what — a short name says which names it
 * took for each other — with the check hint when the match is weak); a suggestion the bookkeeper may take; or
 * the name as printed.
 */
export function supplierHint(proposal: Proposal, form: Form): string {
  const { hint, corrected } = reviewState(proposal, form, 'supplier');
  if (corrected) {
    return 'Chosen by you: saving teaches how this supplier prints its name, for its next invoice';
  }
  if (proposal.supplierId) {
    const by =
      proposal.supplierMatchedBy === 'short_name'
        ? `short name: ${proposal.supplierMatchNote ?? 'the printed name could be short for it'}`
        : proposal.supplierMatchedBy.replace(/_/g, ' ');
    return `Matched by ${by}${hint ? ` — ${hint}` : ''}`;
  }
  const printed = `Read as “${proposal.supplierName ?? '?'}”`;
  const s = proposal.supplierSuggestion;
  if (s && !form.supplierId) return `${printed}: is it ${s.name}? ${s.reason}. Choose it if it is.`;
  return `${printed}: choose the supplier`;
}

/** The reader's warnings to show: that no supplier was matched only until the bookkeeper chooses one. */
export function reviewWarnings(proposal: Proposal, form: Form): string[] {
  const supplier = proposal.supplierWarning && !form.supplierId ? [proposal.supplierWarning] : [];
  return [...supplier, ...proposal.warnings];
}

/** "Supplier invoice number and total": the fields named for a sentence. */
export function fieldList(fields: readonly string[]): string {
  const names = fields.map((f) => FIELD_LABELS[f] ?? f);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
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

/** What the lines add up to before tax (quantity × unit price, to the cent); null when one is not a number. */
export function linesNet(lines: readonly LineForm[]): string | null {
  let sum = 0n;
  for (const line of lines) {
    const amount = multiplyToMinor(line.quantity.trim(), line.unitPrice.trim(), 2);
    if (amount === null) return null;
    sum += amount;
  }
  return fromMinor(sum, 2);
}

/** The file name: the company's name made safe for a file system, and the day of the export. */
export function exportFileName(companyName: string, exportedAt: string): string {
  const safe = companyName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return `learned-supplier-layouts-${safe || 'company'}-${exportedAt.slice(0, 10)}.json`;
}

/** "3 fields of 2 suppliers" for the notice. */
export function exportSummary(data: { suppliers: { fields: unknown[] }[] }): string {
  const fields = data.suppliers.reduce((n, s) => n + s.fields.length, 0);
  if (fields === 0) return 'Nothing learned yet: correct a field on the review screen and save to teach one.';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(fields, 'field')} of ${plural(data.suppliers.length, 'supplier')}`;
}

/** The tax rate all lines carry ('' for none), or 'mixed' when they differ. */
export function linesTaxRate(lines: readonly LineForm[]): string {
  const ids = new Set(lines.map((l) => l.taxRateId ?? ''));
  return ids.size > 1 ? 'mixed' : ([...ids][0] ?? '');
}

export interface DraftTotals {
  net: string;
  tax: string;
  gross: string;
}

/**
 * The draft's totals as saving will compute them: each line's quantity × unit price and its tax rate's percent
 * (`percentOf` gives it; a line without a rate takes the supplier's default rate, as the save does); null when a
 * line's figures are not numbers.
 */
export function draftTotals(
  lines: readonly LineForm[],
  percentOf: (taxRateId: string) => string | null,
  defaultTaxRateId: string | null,
): DraftTotals | null {
  const preview = previewTotals(
    lines.map((l) => {
      const rate = l.taxRateId ?? defaultTaxRateId;
      return {
        quantity: l.quantity.trim(),
        unitPrice: l.unitPrice.trim(),
        taxPercent: rate ? percentOf(rate) : null,
      };
    }),
    null,
    2,
  );
  if (preview.lines.some((l) => !l.valid)) return null;
  return { net: preview.net, tax: preview.tax, gross: preview.gross };
}

/**
 * What to say about the draft's tax against the invoice's: the invoice prints a tax and the lines carry no tax rate
 * (the draft's tax would be 0.00: an error, with the percent the printed tax is of the net, to find or add the
 * rate), or their rate gives another tax (an error); no tax could be read and the draft has none (a note: it is
 * unknown). Null when they agree.
 */
export function taxMismatch(
  printedTax: string,
  draft: DraftTotals | null,
): { text: string; error: boolean } | null {
  if (draft === null) return null;
  const draftMinor = toMinor(draft.tax, 2);
  const typed = printedTax.trim();
  if (typed === '') {
    return draftMinor === 0n
      ? {
          text: 'No tax could be read from the invoice: the draft’s tax is 0.00 unless you choose the tax rate of the lines.',
          error: false,
        }
      : null;
  }
  const printed = readAmount(typed);
  const printedMinor = printed === null ? null : toMinor(printed, 2);
  if (printedMinor === null || draftMinor === null || printedMinor === draftMinor) return null;
  const shown = fromMinor(printedMinor, 2);
  if (draftMinor === 0n) {
    const net = toMinor(draft.net, 2);
    const percent =
      net && net > 0n
        ? ` (${(Number(((printedMinor * 20000n) / net + 1n) / 2n) / 100).toString()} % of the net)`
        : '';
    return {
      text: `The invoice prints ${shown} of tax${percent}, but no tax rate is chosen for the lines: the draft’s tax would be 0.00. Choose the tax rate of the lines.`,
      error: true,
    };
  }
  return {
    text: `The lines’ tax rate gives ${draft.tax} of tax, but the invoice prints ${shown}. Check the tax rate of the lines.`,
    error: true,
  };
}
