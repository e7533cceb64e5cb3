// Which order an invoice belongs to. The order number printed on the invoice decides when it names one of our
// orders; otherwise the supplier's open orders are scored by how well their total and lines agree with the
// invoice's.
import { nameWords } from './supplier-match.js';

export interface OrderForMatch {
  id: string;
  type: 'purchase_order' | 'service_order';
  number: string;
  supplierId: string;
  currency: string;
  /** Gross and net in minor units. */
  grossMinor: number;
  netMinor: number;
  lines: { description: string; quantity: string; unitPrice: string }[];
}

export interface InvoiceForMatch {
  printedOrderNumber: string | null;
  supplierId: string | null;
  currency: string | null;
  subtotalMinor: number | null;
  totalMinor: number | null;
  lines: { description: string; quantity: string; unitPrice: string }[];
}

export interface ScoredOrder {
  order: OrderForMatch;
  matchedBy: 'printed_number' | 'supplier_amounts';
  score: number;
}

/** Order numbers compared without case, spaces, dashes or leading zeros of the digits ("PO 01042" = "po-1042"). */
export function orderKey(number: string): string {
  return number
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/(^|[a-z])0+(?=\d)/g, '$1');
}

/** How alike two descriptions are: the share of their words in common. */
export function descriptionSimilarity(a: string, b: string): number {
  const wa = nameWords(a);
  const wb = new Set(nameWords(b));
  if (wa.length === 0 || wb.size === 0) return 0;
  const shared = wa.filter((w) => wb.has(w)).length;
  return shared / Math.max(wa.length, wb.size);
}

function amountScore(a: number | null, b: number): number {
  if (a === null || b === 0) return 0;
  const diff = Math.abs(a - b) / Math.abs(b);
  return diff === 0 ? 1 : diff <= 0.02 ? 0.8 : diff <= 0.1 ? 0.4 : 0;
}

/** Orders ranked best first; at most `limit`. */
export function rankOrders(
  invoice: InvoiceForMatch,
  orders: readonly OrderForMatch[],
  limit = 5,
): ScoredOrder[] {
  const out: ScoredOrder[] = [];
  const printed = invoice.printedOrderNumber ? orderKey(invoice.printedOrderNumber) : null;
  for (const order of orders) {
    if (printed && orderKey(order.number) === printed) {
      // The printed number is the supplier quoting our order; another supplier's order with that number is
      // still offered, but lower.
      const sameSupplier = !invoice.supplierId || invoice.supplierId === order.supplierId;
      out.push({ order, matchedBy: 'printed_number', score: sameSupplier ? 0.98 : 0.5 });
      continue;
    }
    if (!invoice.supplierId || order.supplierId !== invoice.supplierId) continue;
    if (invoice.currency && invoice.currency !== order.currency) continue;
    const total = Math.max(
      amountScore(invoice.totalMinor, order.grossMinor),
      amountScore(invoice.subtotalMinor, order.netMinor),
    );
    const lineScores = invoice.lines.map((l) =>
      Math.max(0, ...order.lines.map((o) => descriptionSimilarity(l.description, o.description))),
    );
    const lines = lineScores.length ? lineScores.reduce((a, b) => a + b, 0) / lineScores.length : 0;
    const score = 0.2 + total * 0.4 + lines * 0.35;
    if (total > 0 || lines >= 0.5)
      out.push({ order, matchedBy: 'supplier_amounts', score: Math.min(0.95, score) });
  }
  return out.sort((a, b) => b.score - a.score).slice(0, limit);
}
