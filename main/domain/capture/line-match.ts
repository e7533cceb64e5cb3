// Two-way and three-way matching, line by line. Each invoice line is paired with the order line it bills (by
// description, then by position and price); its unit price may exceed the order's by the price tolerance, and
// the quantity billed so far may exceed what was ordered (two-way) or received (three-way) by the quantity
// tolerance. All comparisons are exact decimal arithmetic.
import {
  compareDecimal,
  formatDecimal,
  multiplyDecimal,
  normalizeDecimal,
  parseDecimal,
  type Decimal,
} from '../decimal.js';
import { descriptionSimilarity } from './order-match.js';

export interface MatchInputLine {
  position: number;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface Tolerance {
  pricePercent: string;
  quantityPercent: string;
}

export type LineStatus = 'ok' | 'price' | 'quantity' | 'not_ordered' | 'not_invoiced';

export interface LineMatch {
  invoiceLine: number | null;
  orderLine: number | null;
  description: string;
  invoicedQuantity: string | null;
  orderedQuantity: string | null;
  receivedQuantity: string | null;
  invoicedPrice: string | null;
  orderedPrice: string | null;
  status: LineStatus;
  message: string | null;
}

function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const units = a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale);
  return normalizeDecimal({ units, scale });
}

/** value × (1 + percent / 100) */
function withTolerance(value: Decimal, percent: string): Decimal {
  const factor = add(
    { units: 1n, scale: 0 },
    multiplyDecimal(parseDecimal(percent), { units: 1n, scale: 2 }),
  );
  return multiplyDecimal(value, factor);
}

const show = (d: Decimal) => formatDecimal(normalizeDecimal(d));

/** Pairs invoice lines with order lines: best description first, then same position at the same price. */
export function pairLines(
  invoice: readonly MatchInputLine[],
  order: readonly MatchInputLine[],
): Map<number, MatchInputLine | null> {
  const pairs = new Map<number, MatchInputLine | null>();
  const taken = new Set<number>();
  const scored = invoice
    .flatMap((i) => order.map((o) => ({ i, o, score: descriptionSimilarity(i.description, o.description) })))
    .filter((p) => p.score >= 0.4)
    .sort((a, b) => b.score - a.score);
  for (const { i, o } of scored) {
    if (pairs.has(i.position) || taken.has(o.position)) continue;
    pairs.set(i.position, o);
    taken.add(o.position);
  }
  for (const i of invoice) {
    if (pairs.has(i.position)) continue;
    const same = order.find(
      (o) =>
        !taken.has(o.position) &&
        o.position === i.position &&
        compareDecimal(parseDecimal(o.unitPrice), parseDecimal(i.unitPrice)) === 0,
    );
    pairs.set(i.position, same ?? null);
    if (same) taken.add(same.position);
  }
  return pairs;
}

export function matchLines(input: {
  invoice: readonly MatchInputLine[];
  order: readonly MatchInputLine[];
  /** Received quantity per order line position; null for a two-way match. */
  received: ReadonlyMap<number, string> | null;
  /** Quantity already billed by other invoices of the same order, per order line position. */
  billedElsewhere: ReadonlyMap<number, string>;
  tolerance: Tolerance;
}): LineMatch[] {
  const pairs = pairLines(input.invoice, input.order);
  const out: LineMatch[] = [];
  const billedOrderLines = new Set<number>();
  for (const line of input.invoice) {
    const orderLine = pairs.get(line.position) ?? null;
    if (!orderLine) {
      out.push({
        invoiceLine: line.position,
        orderLine: null,
        description: line.description,
        invoicedQuantity: line.quantity,
        orderedQuantity: null,
        receivedQuantity: null,
        invoicedPrice: line.unitPrice,
        orderedPrice: null,
        status: 'not_ordered',
        message: `Line ${line.position} (${line.description || 'no description'}) is not on the order. Check it with the supplier, or add it to the order by revision.`,
      });
      continue;
    }
    billedOrderLines.add(orderLine.position);
    const price = parseDecimal(line.unitPrice);
    const orderedPrice = parseDecimal(orderLine.unitPrice);
    const quantity = parseDecimal(line.quantity);
    const elsewhere = input.billedElsewhere.get(orderLine.position);
    const billed = elsewhere ? add(quantity, parseDecimal(elsewhere)) : quantity;
    const receivedText = input.received ? (input.received.get(orderLine.position) ?? '0') : null;
    const limitBase = receivedText !== null ? parseDecimal(receivedText) : parseDecimal(orderLine.quantity);
    let status: LineStatus = 'ok';
    let message: string | null = null;
    if (compareDecimal(price, withTolerance(orderedPrice, input.tolerance.pricePercent)) > 0) {
      status = 'price';
      message = `Line ${line.position}: billed at ${line.unitPrice} a unit, the order says ${orderLine.unitPrice} (tolerance ${input.tolerance.pricePercent} %). Ask the supplier for a credit, or correct the order by revision if the price changed.`;
    } else if (compareDecimal(billed, withTolerance(limitBase, input.tolerance.quantityPercent)) > 0) {
      status = 'quantity';
      const what = receivedText !== null ? 'received' : 'ordered';
      message = `Line ${line.position}: ${show(billed)} billed${elsewhere ? ' (with earlier invoices)' : ''}, but ${show(limitBase)} ${what} (tolerance ${input.tolerance.quantityPercent} %). ${receivedText !== null ? 'Record the receipt of the rest first, or' : 'Ask the supplier to'} bill only what was ${what}.`;
    }
    out.push({
      invoiceLine: line.position,
      orderLine: orderLine.position,
      description: line.description || orderLine.description,
      invoicedQuantity: line.quantity,
      orderedQuantity: orderLine.quantity,
      receivedQuantity: receivedText,
      invoicedPrice: line.unitPrice,
      orderedPrice: orderLine.unitPrice,
      status,
      message,
    });
  }
  for (const orderLine of input.order) {
    if (billedOrderLines.has(orderLine.position)) continue;
    out.push({
      invoiceLine: null,
      orderLine: orderLine.position,
      description: orderLine.description,
      invoicedQuantity: null,
      orderedQuantity: orderLine.quantity,
      receivedQuantity: input.received ? (input.received.get(orderLine.position) ?? '0') : null,
      invoicedPrice: null,
      orderedPrice: orderLine.unitPrice,
      status: 'not_invoiced',
      message: null,
    });
  }
  return out;
}
