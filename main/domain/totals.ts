// A document's totals, line by line, in minor units. The lines always add up to the document's net total to the
// cent, because that is what the accounting systems receive line by line and must agree with.
import {
  allocateLargestRemainderBig,
  formatMinor,
  lineAmountBig,
  percentOfBig,
  toMinorBig,
  toSafeNumber,
} from './money';

/** The same shape as the contract's Discount: a percentage ("5" = 5 %) or an amount of money, or none. */
export type DiscountInput = { percent: string } | { amount: string } | null | undefined;

export interface TotalsLineInput {
  quantity: string;
  unitPrice: string;
  discount?: DiscountInput;
  /** The line's tax rate as a percentage ("20"), or null for no tax. */
  taxPercent: string | null;
}

export interface TotalsInput {
  /** Decimals of the document currency's minor unit (see currencyDecimals). */
  decimals: number;
  discount?: DiscountInput;
  lines: readonly TotalsLineInput[];
}

/** One line's figures, all in minor units. */
export interface LineTotals {
  /** quantity × unit price, rounded half away from zero */
  amount: number;
  /** the line's own discount */
  lineDiscount: number;
  /** the line's share of the document discount */
  documentDiscount: number;
  /** amount − lineDiscount − documentDiscount */
  netAmount: number;
  tax: number;
}

export interface DocumentTotals {
  subtotal: number;
  discount: number;
  net: number;
  tax: number;
  gross: number;
}

export interface TotalsResult {
  lines: LineTotals[];
  totals: DocumentTotals;
  /** Σ (amount − lineDiscount): what the document discount applies to. */
  linesNet: number;
  /**
   * The document discount, as its percent or amount gives it. Equal to Σ lines[].documentDiscount, except on a
   * document without lines, where it has nowhere to go and is left out of the totals (validation reports it).
   */
  documentDiscount: number;
}

/** A discount in minor units of `base`: a percentage of it, or a fixed amount. Exact bigint. */
export function discountMinorBig(discount: DiscountInput, base: bigint, decimals: number): bigint {
  if (!discount) return 0n;
  if ('percent' in discount) return percentOfBig(base, discount.percent);
  return toMinorBig(discount.amount, decimals);
}

function toNumber(value: bigint, what: string, decimals: number): number {
  return toSafeNumber(value, what, decimals);
}

/**
 * Computes every line's amount, discounts, net and tax, and the document's totals:
 * - amount = quantity × unit price (half away from zero); lineDiscount = percent of amount, or the amount given;
 *   lineNet = amount − lineDiscount.
 * - The document discount applies to Σ lineNet (percent of it, or the amount given) and is spread over the lines
 *   by largest remainder, weighted by lineNet, so netAmount = lineNet − share adds up exactly.
 * - tax = the line's percent of its netAmount (half away from zero).
 * - subtotal = Σ amount; discount = Σ lineDiscount + document discount; net = subtotal − discount = Σ netAmount;
 *   tax = Σ tax; gross = net + tax.
 *
 * A discount larger than what it applies to is not clamped: the negative numbers come back as they are, and
 * validateDocument reports them. Lines with a negative lineNet get no share of the document discount (they
 * count as weight 0). Throws AppError('invalid_input') for text that is not a number, an amount more precise
 * than the currency, or figures beyond the safe-integer range; validateDocument checks all of these first.
 */
export function computeTotals(input: TotalsInput): TotalsResult {
  const { decimals } = input;
  const amounts = input.lines.map((line) => lineAmountBig(line.quantity, line.unitPrice, decimals));
  const lineDiscounts = input.lines.map((line, i) =>
    discountMinorBig(line.discount, amounts[i] ?? 0n, decimals),
  );
  const lineNets = amounts.map((amount, i) => amount - (lineDiscounts[i] ?? 0n));
  const linesNet = lineNets.reduce((acc, value) => acc + value, 0n);

  const documentDiscount = discountMinorBig(input.discount, linesNet, decimals);
  const shares =
    input.lines.length === 0
      ? []
      : allocateLargestRemainderBig(
          documentDiscount,
          lineNets.map((net) => (net > 0n ? net : 0n)),
        );
  const netAmounts = lineNets.map((net, i) => net - (shares[i] ?? 0n));
  const taxes = input.lines.map((line, i) =>
    line.taxPercent === null || line.taxPercent === undefined
      ? 0n
      : percentOfBig(netAmounts[i] ?? 0n, line.taxPercent),
  );

  const sum = (values: bigint[]) => values.reduce((acc, value) => acc + value, 0n);
  const subtotal = sum(amounts);
  const discount = sum(lineDiscounts) + sum(shares);
  const net = subtotal - discount;
  const tax = sum(taxes);

  const lines = input.lines.map((_, i) => {
    const label = `Line ${i + 1}: the amount`;
    return {
      amount: toNumber(amounts[i] ?? 0n, label, decimals),
      lineDiscount: toNumber(lineDiscounts[i] ?? 0n, `Line ${i + 1}: the discount`, decimals),
      documentDiscount: toNumber(
        shares[i] ?? 0n,
        `Line ${i + 1}: the share of the document discount`,
        decimals,
      ),
      netAmount: toNumber(netAmounts[i] ?? 0n, label, decimals),
      tax: toNumber(taxes[i] ?? 0n, `Line ${i + 1}: the tax`, decimals),
    };
  });
  return {
    lines,
    totals: {
      subtotal: toNumber(subtotal, 'The subtotal', decimals),
      discount: toNumber(discount, 'The discount', decimals),
      net: toNumber(net, 'The net total', decimals),
      tax: toNumber(tax, 'The tax total', decimals),
      gross: toNumber(net + tax, 'The total', decimals),
    },
    linesNet: toNumber(linesNet, 'The total of the lines', decimals),
    documentDiscount: toNumber(documentDiscount, 'The document discount', decimals),
  };
}

/** The totals as the API carries them: decimal strings in the document's currency ("1234.50"). */
export function formatTotals(totals: DocumentTotals, decimals: number): Record<keyof DocumentTotals, string> {
  return {
    subtotal: formatMinor(totals.subtotal, decimals),
    discount: formatMinor(totals.discount, decimals),
    net: formatMinor(totals.net, decimals),
    tax: formatMinor(totals.tax, decimals),
    gross: formatMinor(totals.gross, decimals),
  };
}

/** One line's amount, net amount and tax as the API carries them. */
export function formatLineTotals(
  line: LineTotals,
  decimals: number,
): { amount: string; netAmount: string; tax: string } {
  return {
    amount: formatMinor(line.amount, decimals),
    netAmount: formatMinor(line.netAmount, decimals),
    tax: formatMinor(line.tax, decimals),
  };
}
