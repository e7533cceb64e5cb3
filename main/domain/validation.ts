// Everything that must be true of a document before it is saved, reported all at once as field problems in
// plain language, so the bookkeeper can fix the whole form in one pass. The caller resolves the lookups
// (supplier, linked document, tax rates); this file only judges.
import {
  compareDecimal,
  describeDecimalProblem,
  isNegativeDecimal,
  isZeroDecimal,
  parseDecimal,
  tryParseDecimal,
} from './decimal';
import { AppError, type FieldProblem, validationFailed } from './errors';
import { type DocumentType, documentTypeLabel } from './lifecycle';
import {
  describeMinorProblem,
  formatMinor,
  isSafeMinor,
  lineAmountBig,
  MAX_MINOR,
  toMinorBig,
} from './money';
import { computeTotals, type DiscountInput } from './totals';
import { capitalized } from './text';

export interface ValidationLine {
  quantity: string;
  unitPrice: string;
  discount?: DiscountInput;
  taxRateId?: string | null;
}

export interface SupplierLookup {
  id: string;
  name: string;
  /** The currency the supplier bills in, when one is set. */
  currency: string | null;
  active: boolean;
}

export interface LinkedDocumentLookup {
  type: DocumentType;
  supplierId: string;
  currency: string;
  number: string;
}

export interface ValidationContext {
  type: DocumentType;
  supplierId: string;
  /** The document's currency as resolved by the caller (given, or the supplier's, or the company's). */
  currency?: string | null;
  date: string;
  dueDate?: string | null;
  discount?: DiscountInput;
  lines: readonly ValidationLine[];
  linkedDocumentId?: string | null;
  supplierInvoiceNumber?: string | null;
  /** The supplier found for supplierId, or null when there is none. */
  supplier: SupplierLookup | null;
  /**
   * The document found for linkedDocumentId. When linkedDocumentId is set, null and undefined both mean "not
   * found": a caller that forgot the lookup gets a problem, never a silent pass.
   */
  linkedDocument?: LinkedDocumentLookup | null;
  /** The company's tax rates: id → percent ("20"). */
  taxRates: ReadonlyMap<string, string>;
  /** Decimals of the document currency's minor unit (see currencyDecimals). */
  decimals: number;
}

const HUNDRED = { units: 100n, scale: 0 };

const ORDER_TYPES: readonly DocumentType[] = ['purchase_order', 'service_order'];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}

function article(label: string): string {
  return /^[aeiou]/i.test(label) ? `an ${label}` : `a ${label}`;
}

interface DiscountCheck {
  /** The discount's amount in minor units when it is an amount and valid; null otherwise. */
  amount: bigint | null;
  ok: boolean;
}

/**
 * Checks a discount's own shape: a percent between 0 and 100, or a non-negative amount of this currency.
 * `prefix` is "Line 3: the" or "The document"; `path` is "lines.2.discount" or "discount".
 */
function checkDiscount(
  discount: DiscountInput,
  prefix: string,
  path: string,
  ctx: ValidationContext,
  problems: FieldProblem[],
): DiscountCheck {
  if (!discount) return { amount: null, ok: true };
  if ('percent' in discount) {
    const field = `${path}.percent`;
    const problem = describeDecimalProblem(discount.percent);
    if (problem !== null) {
      problems.push({ field, message: `${prefix} discount percentage ${problem}.` });
      return { amount: null, ok: false };
    }
    const percent = parseDecimal(discount.percent);
    if (isNegativeDecimal(percent) || compareDecimal(percent, HUNDRED) > 0) {
      problems.push({ field, message: `${prefix} discount must be between 0 and 100 %.` });
      return { amount: null, ok: false };
    }
    return { amount: null, ok: true };
  }
  const field = `${path}.amount`;
  const problem = describeMinorProblem(discount.amount, ctx.decimals, ctx.currency ?? undefined);
  if (problem !== null) {
    problems.push({ field, message: `${prefix} discount amount ${problem}.` });
    return { amount: null, ok: false };
  }
  const amount = toMinorBig(discount.amount, ctx.decimals);
  if (amount < 0n) {
    problems.push({ field, message: `${prefix} discount cannot be negative.` });
    return { amount: null, ok: false };
  }
  if (!isSafeMinor(amount)) {
    problems.push({ field, message: `${prefix} discount is too large: ${tooLargeHint(ctx.decimals)}.` });
    return { amount: null, ok: false };
  }
  return { amount, ok: true };
}

function tooLargeHint(decimals: number): string {
  return `amounts must stay below ${formatMinor(MAX_MINOR, decimals)}; check for a mistyped number`;
}

function checkHeader(ctx: ValidationContext, problems: FieldProblem[]): void {
  const label = documentTypeLabel(ctx.type);

  if (ctx.supplier === null) {
    problems.push({ field: 'supplierId', message: 'Choose a supplier: the one given does not exist.' });
  } else if (!ctx.supplier.active) {
    problems.push({
      field: 'supplierId',
      message: `The supplier ${ctx.supplier.name} is inactive; reactivate it or choose another supplier.`,
    });
  }

  const currency = ctx.currency ?? null;
  if (currency !== null && !/^[A-Z]{3}$/.test(currency)) {
    problems.push({
      field: 'currency',
      message: 'The currency must be a three-letter ISO code such as USD.',
    });
  } else if (currency !== null && ctx.supplier?.currency && ctx.supplier.currency !== currency) {
    problems.push({
      field: 'currency',
      message:
        `This ${label} is in ${currency}, but ${ctx.supplier.name} bills in ${ctx.supplier.currency}; ` +
        `use ${ctx.supplier.currency}, or change the supplier's currency.`,
    });
  }

  const dateOk = isIsoDate(ctx.date);
  if (!dateOk) {
    problems.push({ field: 'date', message: 'The date must be a real date written as YYYY-MM-DD.' });
  }
  if (ctx.dueDate !== null && ctx.dueDate !== undefined) {
    if (!isIsoDate(ctx.dueDate)) {
      problems.push({ field: 'dueDate', message: 'The due date must be a real date written as YYYY-MM-DD.' });
    } else if (dateOk && ctx.dueDate < ctx.date) {
      problems.push({
        field: 'dueDate',
        message: `The due date (${ctx.dueDate}) is before the document date (${ctx.date}); it must be on or after it.`,
      });
    }
  }

  checkLink(ctx, label, problems);
}

function checkLink(ctx: ValidationContext, label: string, problems: FieldProblem[]): void {
  if (ctx.linkedDocumentId === null || ctx.linkedDocumentId === undefined || ctx.linkedDocumentId === '')
    return;
  const field = 'linkedDocumentId';
  if (ORDER_TYPES.includes(ctx.type)) {
    problems.push({
      field,
      message: `${capitalized(article(label))} cannot be linked to another document; only invoices and receipts link to the order they belong to.`,
    });
    return;
  }
  const linked = ctx.linkedDocument;
  if (linked === null || linked === undefined) {
    problems.push({
      field,
      message: `The linked document does not exist; choose the purchase order or service order this ${label} belongs to.`,
    });
    return;
  }
  const linkedLabel = documentTypeLabel(linked.type);
  if (!ORDER_TYPES.includes(linked.type)) {
    problems.push({
      field,
      message: `${capitalized(article(label))} can be linked only to a purchase order or a service order; ${linked.number} is ${article(linkedLabel)}.`,
    });
    return;
  }
  if (linked.supplierId !== ctx.supplierId) {
    problems.push({
      field,
      message: `The linked ${linkedLabel} ${linked.number} is for another supplier; link an order of the same supplier, or change the supplier.`,
    });
  }
  const currency = ctx.currency ?? ctx.supplier?.currency ?? null;
  if (currency !== null && linked.currency !== currency) {
    problems.push({
      field: 'currency',
      message: `This ${label} is in ${currency}, but the linked ${linkedLabel} ${linked.number} is in ${linked.currency}; both must use the same currency.`,
    });
  }
}

/** Checks one line's numbers; returns whether they are sound enough to compute totals with. */
function checkLine(
  ctx: ValidationContext,
  line: ValidationLine,
  i: number,
  problems: FieldProblem[],
): boolean {
  const n = i + 1;
  const path = `lines.${i}`;
  let ok = true;

  const quantity = tryParseDecimal(line.quantity);
  if (quantity === null) {
    problems.push({
      field: `${path}.quantity`,
      message: `Line ${n}: the quantity ${describeDecimalProblem(line.quantity) ?? 'is not a number'}.`,
    });
    ok = false;
  } else if (isNegativeDecimal(quantity)) {
    problems.push({ field: `${path}.quantity`, message: `Line ${n}: quantity cannot be negative.` });
    ok = false;
  } else if (isZeroDecimal(quantity)) {
    problems.push({
      field: `${path}.quantity`,
      message: `Line ${n}: quantity cannot be zero; remove the line if it is not needed.`,
    });
    ok = false;
  }

  const price = tryParseDecimal(line.unitPrice);
  if (price === null) {
    problems.push({
      field: `${path}.unitPrice`,
      message: `Line ${n}: the unit price ${describeDecimalProblem(line.unitPrice) ?? 'is not a number'}.`,
    });
    ok = false;
  } else if (isNegativeDecimal(price)) {
    problems.push({ field: `${path}.unitPrice`, message: `Line ${n}: unit price cannot be negative.` });
    ok = false;
  }

  const discount = checkDiscount(line.discount, `Line ${n}: the`, `${path}.discount`, ctx, problems);
  ok &&= discount.ok;

  if (line.taxRateId !== null && line.taxRateId !== undefined && line.taxRateId !== '') {
    const percent = ctx.taxRates.get(line.taxRateId);
    if (percent === undefined) {
      problems.push({
        field: `${path}.taxRateId`,
        message: `Line ${n}: the tax rate given does not exist; choose one from the list of tax rates.`,
      });
      ok = false;
    } else if (describeDecimalProblem(percent) !== null) {
      problems.push({
        field: `${path}.taxRateId`,
        message: `Line ${n}: the tax rate's percentage (${percent}) is not a number; fix the tax rate first.`,
      });
      ok = false;
    }
  }

  if (quantity !== null && price !== null) {
    const amount = lineAmountBig(line.quantity, line.unitPrice, ctx.decimals);
    if (!isSafeMinor(amount)) {
      problems.push({
        field: path,
        message: `Line ${n}: the amount (quantity × unit price) is too large: ${tooLargeHint(ctx.decimals)}.`,
      });
      ok = false;
    } else if (discount.amount !== null && discount.amount > amount && amount >= 0n) {
      problems.push({
        field: `${path}.discount.amount`,
        message: `Line ${n}: the discount (${formatMinor(discount.amount, ctx.decimals)}) is larger than the amount it applies to (${formatMinor(amount, ctx.decimals)}).`,
      });
      ok = false;
    }
  }
  return ok;
}

function checkTotals(ctx: ValidationContext, problems: FieldProblem[]): void {
  const format = (minor: number) => formatMinor(minor, ctx.decimals);
  let result: ReturnType<typeof computeTotals>;
  try {
    result = computeTotals({
      decimals: ctx.decimals,
      discount: ctx.discount,
      lines: ctx.lines.map((line) => ({
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discount: line.discount,
        taxPercent: line.taxRateId ? (ctx.taxRates.get(line.taxRateId) ?? null) : null,
      })),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid_input') {
      problems.push({
        field: 'lines',
        message: `The document's totals are too large: ${tooLargeHint(ctx.decimals)}.`,
      });
      return;
    }
    throw error;
  }
  const { linesNet, documentDiscount, totals } = result;
  if (ctx.discount && documentDiscount > linesNet && linesNet >= 0) {
    problems.push({
      field: 'percent' in ctx.discount ? 'discount.percent' : 'discount.amount',
      message: `The discount (${format(documentDiscount)}) is larger than the amount it applies to (${format(linesNet)}).`,
    });
    return;
  }
  if (totals.net < 0 || totals.gross < 0) {
    problems.push({
      field: 'lines',
      message: `The total is below zero (${format(Math.min(totals.net, totals.gross))}); check the quantities, prices and discounts.`,
    });
  }
}

/**
 * Every problem with a document, as field problems with dotted paths (`lines.2.quantity`) and messages that name
 * lines 1-based ("Line 3: quantity cannot be negative."). An empty list means the document may be saved.
 */
export function validateDocument(ctx: ValidationContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkHeader(ctx, problems);

  if (ctx.lines.length === 0) problems.push({ field: 'lines', message: 'Add at least one line.' });
  let numbersOk = true;
  ctx.lines.forEach((line, i) => {
    if (!checkLine(ctx, line, i, problems)) numbersOk = false;
  });
  const documentDiscount = checkDiscount(ctx.discount, 'The document', 'discount', ctx, problems);
  // Totals are only meaningful once every number on the document reads correctly.
  if (numbersOk && documentDiscount.ok) checkTotals(ctx, problems);
  return problems;
}

/** validateDocument, throwing AppError('validation_failed') with all the problems when there is any. */
export function assertValidDocument(ctx: ValidationContext): void {
  const problems = validateDocument(ctx);
  if (problems.length > 0) throw validationFailed(problems);
}
