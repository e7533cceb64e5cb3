// What became of a document's files on each connection (attachment_deliveries, migration 0020): uploaded there, or
// not taken because the system takes no files. A leaf of sync/ (db only), so the worker and the QuickBooks Desktop
// session both read and write it. A file with no row on a connection has not reached it yet: the next send of the
// document carries it (the first send carries every file; a revision's update only the files added since).
import type { Database } from 'better-sqlite3';

export type FileDeliveryStatus = 'sent' | 'not_taken';

export interface FileDelivery {
  attachmentId: string;
  connectionId: string;
  status: FileDeliveryStatus;
  externalId: string | null;
  at: string;
}

interface DeliveryRow {
  attachment_id: string;
  connection_id: string;
  status: FileDeliveryStatus;
  external_id: string | null;
  created_at: string;
}

const toDelivery = (r: DeliveryRow): FileDelivery => ({
  attachmentId: r.attachment_id,
  connectionId: r.connection_id,
  status: r.status,
  externalId: r.external_id,
  at: r.created_at,
});

/** Every delivery of the document's files, on every connection. */
export function deliveriesOfDocument(db: Database, documentId: string): FileDelivery[] {
  return db
    .prepare<[string], DeliveryRow>(
      `SELECT d.* FROM attachment_deliveries d JOIN attachments a ON a.id = d.attachment_id
       WHERE a.document_id = ? ORDER BY d.created_at, d.attachment_id`,
    )
    .all(documentId)
    .map(toDelivery);
}

/** The document's files that have not reached this connection yet (no delivery row), oldest first. */
export function undeliveredFiles(
  db: Database,
  documentId: string,
  connectionId: string,
): { id: string; fileName: string }[] {
  return db
    .prepare<[string, string], { id: string; file_name: string }>(
      `SELECT a.id, a.file_name FROM attachments a
       WHERE a.document_id = ? AND NOT EXISTS (
         SELECT 1 FROM attachment_deliveries d WHERE d.attachment_id = a.id AND d.connection_id = ?)
       ORDER BY a.created_at, a.id`,
    )
    .all(documentId, connectionId)
    .map((r) => ({ id: r.id, fileName: r.file_name }));
}

/** The ids of the document's files already delivered (or noted as not taken) on this connection. */
export function deliveredIds(db: Database, documentId: string, connectionId: string): Set<string> {
  const rows = db
    .prepare<[string, string], { attachment_id: string }>(
      `SELECT d.attachment_id FROM attachment_deliveries d JOIN attachments a ON a.id = d.attachment_id
       WHERE a.document_id = ? AND d.connection_id = ?`,
    )
    .all(documentId, connectionId);
  return new Set(rows.map((r) => r.attachment_id));
}

/**
 * Records what became of files on a connection; call it in the transaction that records the send. A file already
 * recorded keeps its first record (the id it was uploaded under does not change).
 */
export function recordDeliveries(
  db: Database,
  connectionId: string,
  deliveries: readonly { attachmentId: string; status: FileDeliveryStatus; externalId: string | null }[],
  now: Date,
): void {
  const insert = db.prepare(
    `INSERT INTO attachment_deliveries (attachment_id, connection_id, status, external_id, created_at)
     SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM attachments WHERE id = ?)
     ON CONFLICT (attachment_id, connection_id) DO NOTHING`,
  );
  const at = now.toISOString();
  for (const d of deliveries) {
    insert.run(d.attachmentId, connectionId, d.status, d.externalId, at, d.attachmentId);
  }
}

/**
 * The one sentence a document's log carries for files a system does not take, e.g. "QuickBooks Desktop takes no
 * files from Ledgerbridge: invoice.pdf stays here. Attach it in QuickBooks by hand if you need it there."
 */
export function notTakenSentence(
  label: string,
  files: readonly { fileName: string }[],
  where: string = label,
): string {
  const names = files.map((f) => f.fileName).join(', ');
  const one = files.length === 1;
  return `${label} takes no files from Ledgerbridge: ${names} ${one ? 'stays' : 'stay'} here. Attach ${one ? 'it' : 'them'} in ${where} by hand if you need ${one ? 'it' : 'them'} there.`;
}
