// documents.match: an invoice against the order it is linked to — three-way when the order has receipts (what was
// received limits what may be billed), two-way otherwise — with the company's tolerances.
import type { z } from 'zod';
import type { MatchResult } from '../../preload/contracts/capture.js';
import type { Database } from 'better-sqlite3';
import { getDocumentRow, findDocumentRow, loadLineRows } from '../db/repos/documents.js';
import { formatDecimal, normalizeDecimal, parseDecimal, type Decimal } from '../domain/decimal.js';
import { AppError } from '../domain/errors.js';
import { matchLines, pairLines, type MatchInputLine } from '../domain/capture/line-match.js';
import { getTolerances } from './tolerances.js';

type Result = z.infer<typeof MatchResult>;

function addTo(map: Map<number, string>, position: number, quantity: string): void {
  const current = map.get(position);
  if (!current) {
    map.set(position, quantity);
    return;
  }
  const a = parseDecimal(current);
  const b = parseDecimal(quantity);
  const scale = Math.max(a.scale, b.scale);
  const sum: Decimal = {
    units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale),
    scale,
  };
  map.set(position, formatDecimal(normalizeDecimal(sum)));
}

function inputLines(db: Database, documentId: string): MatchInputLine[] {
  return loadLineRows(db, documentId).map((l) => ({
    position: l.position,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unit_price,
  }));
}

/** Other documents of a type linked to the order (not canceled). */
function linkedTo(db: Database, orderId: string, type: 'invoice' | 'receipt', except: string): string[] {
  return db
    .prepare<[string, string, string], { id: string }>(
      `SELECT id FROM documents WHERE linked_document_id = ? AND type = ? AND status != 'canceled' AND id != ?`,
    )
    .all(orderId, type, except)
    .map((r) => r.id);
}

export function matchDocument(db: Database, id: string): Result {
  const row = getDocumentRow(db, id);
  if (row.type !== 'invoice') {
    throw new AppError(
      'invalid_input',
      `Only supplier invoices are matched against their order; ${row.number} is not an invoice.`,
    );
  }
  const tolerances = getTolerances(db, row.company_id);
  const order = row.linked_document_id ? findDocumentRow(db, row.linked_document_id) : null;
  if (!order) {
    return {
      documentId: id,
      order: null,
      mode: 'none',
      tolerances,
      lines: [],
      ok: true,
      summary:
        'Not linked to an order, so there is nothing to match. Link the purchase or service order it bills to check it.',
    };
  }
  const orderLines = inputLines(db, order.id);
  // What receipts recorded, per order line (a receipt's lines are paired with the order's the same way).
  const receipts = linkedTo(db, order.id, 'receipt', id);
  const received = receipts.length > 0 ? new Map<number, string>() : null;
  for (const receiptId of receipts) {
    const pairs = pairLines(inputLines(db, receiptId), orderLines);
    for (const line of inputLines(db, receiptId)) {
      const orderLine = pairs.get(line.position);
      if (orderLine && received) addTo(received, orderLine.position, line.quantity);
    }
  }
  const billedElsewhere = new Map<number, string>();
  for (const invoiceId of linkedTo(db, order.id, 'invoice', id)) {
    const lines = inputLines(db, invoiceId);
    const pairs = pairLines(lines, orderLines);
    for (const line of lines) {
      const orderLine = pairs.get(line.position);
      if (orderLine) addTo(billedElsewhere, orderLine.position, line.quantity);
    }
  }
  const lines = matchLines({
    invoice: inputLines(db, id),
    order: orderLines,
    received,
    billedElsewhere,
    tolerance: tolerances,
  });
  const problems = lines.filter(
    (l) => l.status === 'price' || l.status === 'quantity' || l.status === 'not_ordered',
  );
  const mode = received ? 'three_way' : 'two_way';
  const against = received
    ? `${order.number} and its ${receipts.length === 1 ? 'receipt' : `${receipts.length} receipts`}`
    : order.number;
  return {
    documentId: id,
    order: { id: order.id, type: order.type, number: order.number },
    mode,
    tolerances,
    lines,
    ok: problems.length === 0,
    summary:
      problems.length === 0
        ? `Matches ${against} within the tolerances.`
        : `${problems.length} line${problems.length === 1 ? '' : 's'} ${problems.length === 1 ? 'does' : 'do'} not match ${against}. Check ${problems.length === 1 ? 'it' : 'them'} before approving.`,
  };
}
