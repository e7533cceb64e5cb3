// Bills and receipts of a purchase order link to the order line by line (ItemLineAdd/LinkToTxn, by item), using
// the TxnLineIDs QuickBooks gave the order's lines when we sent it (qbd_txn_lines). LinkToTxnID is not used: it
// pulls every open line of the order into the bill, so QuickBooks' total would no longer be ours.
import type { Database } from 'better-sqlite3';
import { sendStillOpen } from '../../../sync/jobs.js';
import type { LinkToTxn } from '../qbxml/types.js';
import type { QbdDocument } from '../records.js';

/**
 * Pairs the lines of a bill or receipt with the lines of its purchase order by item (in order, each order line
 * once), using the TxnLineIDs QuickBooks gave the order's lines when we sent it.
 */
export function lineLinks(
  db: Database,
  connectionId: string,
  document: QbdDocument,
  orderId: string,
  orderTxnId: string,
): Map<string, LinkToTxn> {
  const stored = db
    .prepare<[string, string], { position: number; txn_line_id: string }>(
      'SELECT position, txn_line_id FROM qbd_txn_lines WHERE connection_id = ? AND document_id = ? ORDER BY position',
    )
    .all(connectionId, orderId);
  const links = new Map<string, LinkToTxn>();
  if (stored.length === 0) return links;
  const byPosition = new Map(stored.map((r) => [r.position, r.txn_line_id]));
  const orderLines = db
    .prepare<[string], { position: number; item_id: string | null }>(
      'SELECT position, item_id FROM document_lines WHERE document_id = ? ORDER BY position',
    )
    .all(orderId);
  const used = new Set<number>();
  for (const line of document.lines) {
    if (!line.itemId) continue;
    const match = orderLines.find((o) => o.item_id === line.itemId && !used.has(o.position));
    const txnLineId = match ? byPosition.get(match.position) : undefined;
    if (!match || !txnLineId) continue;
    used.add(match.position);
    links.set(line.id, { TxnID: orderTxnId, TxnLineID: txnLineId });
  }
  return links;
}

/** Remembers the TxnLineIDs of an order's lines (ours and QuickBooks' are in the same order). */
export function storeOrderLines(
  db: Database,
  connectionId: string,
  document: QbdDocument,
  records: unknown[],
): void {
  const lines = (records[0] as { PurchaseOrderLineRet?: { TxnLineID: string }[] } | undefined)
    ?.PurchaseOrderLineRet;
  if (!lines || document.type === 'invoice' || document.type === 'receipt') return;
  db.prepare('DELETE FROM qbd_txn_lines WHERE connection_id = ? AND document_id = ?').run(
    connectionId,
    document.id,
  );
  const insert = db.prepare(
    'INSERT INTO qbd_txn_lines (connection_id, document_id, position, txn_line_id) VALUES (?, ?, ?, ?)',
  );
  document.lines.forEach((line, index) => {
    const id = lines[index]?.TxnLineID;
    if (id) insert.run(connectionId, document.id, line.position, id);
  });
}

/** Whether the purchase order's send is still open (its TxnID comes in a later message). */
export function orderOnItsWay(db: Database, connectionId: string, orderId: string): boolean {
  return sendStillOpen(db, connectionId, orderId);
}
