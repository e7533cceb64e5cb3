// The sync status of one document on one connection (document_sync) and its aggregate on the document
// (documents.sync_status), which the Documents list filters on. Both change only together, in one statement
// pair, so the list never disagrees with the document page.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { SyncStatus as SyncStatusSchema } from '../../preload/contract.js';

export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/**
 * What the aggregate shows when a document has several connections, most urgent first: a failure needs the
 * bookkeeper, then a send waiting for them (a pairing, a reconnect); work in progress (sending, then queued)
 * comes before done; sent before historical, because a document that reached one system is "sent" even if
 * another connection only knows it as historical. No rows at all → not_sent.
 */
export const SYNC_STATUS_PRECEDENCE: readonly SyncStatus[] = [
  'failed',
  'waiting',
  'sending',
  'queued',
  'sent',
  'historical',
  'not_sent',
];

export function aggregateSyncStatus(statuses: readonly string[]): SyncStatus {
  for (const status of SYNC_STATUS_PRECEDENCE) if (statuses.includes(status)) return status;
  return 'not_sent';
}

export interface DocumentSyncRow {
  document_id: string;
  connection_id: string;
  status: SyncStatus;
  external_id: string | null;
  last_message: string | null;
  updated_at: string;
}

export function getDocumentSync(
  db: Database,
  documentId: string,
  connectionId: string,
): DocumentSyncRow | undefined {
  return db
    .prepare<[string, string], DocumentSyncRow>(
      'SELECT * FROM document_sync WHERE document_id = ? AND connection_id = ?',
    )
    .get(documentId, connectionId);
}

/** Recomputes documents.sync_status from document_sync; returns the new aggregate. */
export function refreshAggregate(db: Database, documentId: string): SyncStatus {
  const statuses = db
    .prepare<[string], { status: string }>('SELECT status FROM document_sync WHERE document_id = ?')
    .all(documentId)
    .map((r) => r.status);
  const aggregate = aggregateSyncStatus(statuses);
  db.prepare('UPDATE documents SET sync_status = ? WHERE id = ? AND sync_status <> ?').run(
    aggregate,
    documentId,
    aggregate,
  );
  return aggregate;
}

/**
 * Upserts the status of a document on a connection and refreshes the aggregate. `externalId` undefined keeps
 * the stored one; `message` null clears the last message.
 */
export function setDocumentSync(
  db: Database,
  input: {
    documentId: string;
    connectionId: string;
    status: SyncStatus;
    message: string | null;
    externalId?: string | null;
    now: Date;
  },
): SyncStatus {
  const at = input.now.toISOString();
  db.prepare(
    `INSERT INTO document_sync (document_id, connection_id, status, external_id, last_message, updated_at)
     VALUES (@documentId, @connectionId, @status, @externalId, @message, @at)
     ON CONFLICT (document_id, connection_id) DO UPDATE SET
       status = excluded.status,
       external_id = CASE WHEN @keepExternal THEN document_sync.external_id ELSE excluded.external_id END,
       last_message = excluded.last_message,
       updated_at = excluded.updated_at`,
  ).run({
    documentId: input.documentId,
    connectionId: input.connectionId,
    status: input.status,
    externalId: input.externalId ?? null,
    keepExternal: input.externalId === undefined ? 1 : 0,
    message: input.message,
    at,
  });
  return refreshAggregate(db, input.documentId);
}

/** documents.sync_status as SQL for the row `documents`: the same precedence as aggregateSyncStatus. */
const AGGREGATE_SQL = `(SELECT CASE ${SYNC_STATUS_PRECEDENCE.filter((s) => s !== 'not_sent')
  .map((s) => `WHEN SUM(s.status = '${s}') > 0 THEN '${s}'`)
  .join(' ')} ELSE 'not_sent' END FROM document_sync s WHERE s.document_id = documents.id)`;

/**
 * setDocumentSync for many documents of one connection in two statements (a QuickBooks Desktop message holds
 * up to 50): the rows, then the aggregates by the same precedence. An `externalId` left out keeps the stored one.
 */
export function setDocumentSyncMany(
  db: Database,
  input: {
    connectionId: string;
    status: SyncStatus;
    rows: readonly { documentId: string; message: string | null; externalId?: string | null }[];
    now: Date;
  },
): void {
  if (input.rows.length === 0) return;
  const batch = JSON.stringify(
    input.rows.map((r) => ({ id: r.documentId, message: r.message, externalId: r.externalId ?? null })),
  );
  db.prepare(
    `INSERT INTO document_sync (document_id, connection_id, status, external_id, last_message, updated_at)
     SELECT json_extract(value, '$.id'), ?, ?, json_extract(value, '$.externalId'), json_extract(value, '$.message'), ?
       FROM json_each(?) WHERE true
     ON CONFLICT (document_id, connection_id) DO UPDATE SET status = excluded.status,
       external_id = COALESCE(excluded.external_id, document_sync.external_id),
       last_message = excluded.last_message, updated_at = excluded.updated_at`,
  ).run(input.connectionId, input.status, input.now.toISOString(), batch);
  db.prepare(
    `UPDATE documents SET sync_status = ${AGGREGATE_SQL}
     WHERE id IN (SELECT json_extract(value, '$.id') FROM json_each(?)) AND sync_status <> ${AGGREGATE_SQL}`,
  ).run(batch);
}
