// A client-side preview of a document's totals while it is being edited. The rules follow DESIGN §2: a line
// amount is quantity × unit price rounded half away from zero to the minor unit; a document discount is spread
// over the lines by largest remainder so the lines add up to the net total to the cent. The server's totals are
// the truth once the document is saved.
import { fromMinor, multiplyToMinor, percentOf, toMinor } from './decimal';

export type DiscountInput = { percent: string } | { amount: string } | null | undefined;

export interface PreviewLine {
  quantity: string;
  unitPrice: string;
  discount?: DiscountInput;
  /** The line's tax rate in percent ("8.25"), or null for none. */
  taxPercent?: string | null;
}

export interface PreviewLineResult {
  amount: string;
  discount: string;
  netAmount: string;
  tax: string;
  /** False when the quantity, unit price, discount or tax rate is not a number; the line then counts as zero. */
  valid: boolean;
}

export interface PreviewTotals {
  subtotal: string;
  discount: string;
  net: string;
  tax: string;
  gross: string;
  lines: PreviewLineResult[];
}

function discountMinor(base: bigint, discount: DiscountInput, digits: number): bigint | null {
  if (!discount) return 0n;
  if ('percent' in discount) return discount.percent.trim() === '' ? 0n : percentOf(base, discount.percent);
  return discount.amount.trim() === '' ? 0n : toMinor(discount.amount, digits);
}

/**
 * Splits `total` over `weights` in proportion, by largest remainder, so the shares add up to `total` exactly.
 * All weights zero → all shares zero except the first, which takes the whole.
 */
export function allocate(total: bigint, weights: bigint[]): bigint[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const shares = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: total * w - (shares[i] ?? 0n) * sum }));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  const step = left >= 0n ? 1n : -1n;
  remainders.sort((a, b) => {
    const diff = step > 0n ? b.r - a.r : a.r - b.r;
    return diff > 0n ? 1 : diff < 0n ? -1 : a.i - b.i;
  });
  for (let k = 0; left !== 0n; k = (k + 1) % remainders.length) {
    const target = remainders[k];
    if (!target) break;
    shares[target.i] = (shares[target.i] ?? 0n) + step;
    left -= step;
  }
  return shares;
}

export function previewTotals(
  lines: PreviewLine[],
  documentDiscount: DiscountInput,
  digits = 2,
): PreviewTotals {
  const rows = lines.map((line) => {
    const amount = multiplyToMinor(line.quantity || '0', line.unitPrice || '0', digits);
    const ownDiscount = amount === null ? null : discountMinor(amount, line.discount, digits);
    const valid = amount !== null && ownDiscount !== null;
    const a = valid ? amount : 0n;
    const d = valid ? ownDiscount : 0n;
    return { amount: a, discount: d, net: a - d, valid };
  });

  const afterLineDiscounts = rows.reduce((sum, r) => sum + r.net, 0n);
  const documentDiscountMinor = discountMinor(afterLineDiscounts, documentDiscount, digits) ?? 0n;
  const shares =
    rows.length > 0
      ? allocate(
          documentDiscountMinor,
          rows.map((r) => r.net),
        )
      : [];

  let subtotal = 0n;
  let discount = 0n;
  let tax = 0n;
  const results: PreviewLineResult[] = rows.map((row, i) => {
    const share = shares[i] ?? 0n;
    const net = row.net - share;
    const percent = lines[i]?.taxPercent;
    const lineTax = percent ? percentOf(net, percent) : 0n;
    subtotal += row.amount;
    discount += row.discount + share;
    tax += lineTax ?? 0n;
    return {
      amount: fromMinor(row.amount, digits),
      discount: fromMinor(row.discount + share, digits),
      netAmount: fromMinor(net, digits),
      tax: fromMinor(lineTax ?? 0n, digits),
      valid: row.valid && lineTax !== null,
    };
  });
  const net = subtotal - discount;
  return {
    subtotal: fromMinor(subtotal, digits),
    discount: fromMinor(discount, digits),
    net: fromMinor(net, digits),
    tax: fromMinor(tax, digits),
    gross: fromMinor(net + tax, digits),
    lines: results,
  };
}
