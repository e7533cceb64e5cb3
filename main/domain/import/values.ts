// Reading single cell values. Each reader returns the value or a message that says what was expected; the caller
// adds the row and column.
import type { DocumentTypeName } from './types';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (message: string): Read<never> => ({ ok: false, message });

/** "Unit Price", "unit_price", "unit-price" and " UNIT  PRICE " all become "unit_price". */
export function normalizeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '_');
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A number as the API writes it: digits, an optional minus and decimal point. Surrounding spaces are ignored (as
 * the API's DecimalString does); decimal commas, thousands separators and exponents are refused rather than
 * guessed, because "1,234" means 1234 in one country and 1.234 in another.
 */
export function readDecimal(raw: string): Read<string> {
  const s = raw.trim();
  if (DECIMAL.test(s)) return ok(s);
  const shown = `'${s}'`;
  const expected =
    'Write numbers with digits and a point for decimals, without thousands separators, e.g. 1234.50';
  if (s === '') return bad(`No number is given. ${expected}.`);
  if (/^-?[\d.,' ]+$/.test(s) && s.includes(',')) {
    return bad(
      `${shown} contains a comma; a comma could be a decimal point or a thousands separator. ${expected}.`,
    );
  }
  if (/^-?\d{1,3}([.' ]\d{3})+(\.\d+)?$/.test(s) && !DECIMAL.test(s)) {
    return bad(`${shown} has thousands separators. ${expected}.`);
  }
  if (/^-?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(s))
    return bad(`${shown} is written in scientific notation. ${expected}.`);
  if (/^-?\.\d+$/.test(s) || /^-?\d+\.$/.test(s))
    return bad(`${shown} needs digits on both sides of the point. ${expected}.`);
  return bad(`${shown} is not a number. ${expected}.`);
}

/** A non-negative decimal; percentages additionally at most 100. */
export function readPercent(raw: string): Read<string> {
  const r = readDecimal(raw);
  if (!r.ok) return r;
  const n = Number(r.value);
  if (n < 0 || n > 100) return bad(`'${raw.trim()}' is not a percentage between 0 and 100.`);
  return r;
}

export function readAmount(raw: string): Read<string> {
  const r = readDecimal(raw);
  if (!r.ok) return r;
  if (r.value.startsWith('-'))
    return bad(`'${raw.trim()}' is negative; a discount amount must be 0 or more.`);
  return r;
}

export function readDate(raw: string): Read<string> {
  const s = raw.trim();
  const expected =
    'Write dates as YYYY-MM-DD, e.g. 2024-01-31; other formats are not accepted because 03/04/2024 means different days in different countries.';
  if (s === '') return bad(`No date is given. ${expected}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return bad(`'${s}' is not a date in the form YYYY-MM-DD. ${expected}`);
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
    return bad(`'${s}' is not a real calendar date.`);
  }
  return ok(s);
}

export function readCurrency(raw: string): Read<string> {
  const s = raw.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(s)) return ok(s);
  return bad(`'${raw.trim()}' is not a three-letter currency code such as USD or EUR.`);
}

const TYPE_ALIASES: Record<string, DocumentTypeName> = {
  purchase_order: 'purchase_order',
  po: 'purchase_order',
  purchaseorder: 'purchase_order',
  service_order: 'service_order',
  serviceorder: 'service_order',
  invoice: 'invoice',
  bill: 'invoice',
  supplier_invoice: 'invoice',
  vendor_invoice: 'invoice',
  vendor_bill: 'invoice',
  receipt: 'receipt',
  goods_receipt: 'receipt',
  item_receipt: 'receipt',
};

export function readDocumentType(raw: string): Read<DocumentTypeName> {
  const type = TYPE_ALIASES[normalizeName(raw)];
  if (type) return ok(type);
  if (raw.trim() === '')
    return bad('No document type is given. Write purchase_order, service_order, invoice or receipt.');
  return bad(
    `'${raw.trim()}' is not a document type. Write purchase_order, service_order, invoice or receipt.`,
  );
}

export const TYPE_LABELS: Record<DocumentTypeName, string> = {
  purchase_order: 'Purchase order',
  service_order: 'Service order',
  invoice: 'Invoice',
  receipt: 'Receipt',
};

/** Decimal strings compare by value: "5" and "5.00" agree. */
export function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string) => {
    const neg = s.startsWith('-');
    const [int = '0', frac = ''] = s.replace(/^-/, '').split('.');
    const i = int.replace(/^0+(?=\d)/, '');
    const f = frac.replace(/0+$/, '');
    const zero = /^0*$/.test(i) && f === '';
    return `${neg && !zero ? '-' : ''}${i}.${f}`;
  };
  return norm(a) === norm(b);
}
