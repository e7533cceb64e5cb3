// The outbox: every state change that must reach another system writes its job here, in the same SQLite
// transaction as the change, so a crash can delay a job but never lose it. Every function in this file is
// synchronous and expects to run inside the caller's transaction (db.transaction(() => { ...; enqueueSend(...) })).
// After the commit the caller wakes the worker with worker.kick(). This file holds the only INSERT into
// outbox_jobs and the whole union of job kinds.
//
// Job statuses: pending (ready at next_attempt_at) → running → done | failed | waiting | pending (retry);
// superseded when a newer job makes it pointless before it ran. `waiting` jobs need the user (reconnect, pair a
// reference) and go back to pending through resumeWaiting().
import type { Database } from 'better-sqlite3';
import type { ConnectionT, DocumentT } from '../../preload/contract.js';
import { AppError, notFound } from '../domain/errors.js';
import { listCompanyConnections, loadConnection } from './connections.js';
import { getDocumentSync, refreshAggregate, setDocumentSync, setDocumentSyncMany } from './document-sync.js';
import { resumeWaitingJobs, type WaitingFor } from './jobs.js';

export type SendReason = 'auto' | 'manual' | 'resend';
/**
 * Every kind of outbox job: a document sent or canceled (by the worker, or in a QuickBooks Desktop session), and
 * a ServiceTrade job or invoice sent to QuickBooks Desktop for job costing (main/job-costing/).
 */
export type JobKind = DocumentJobKind | 'send_job' | 'send_invoice';
export type DocumentJobKind = 'send_document' | 'cancel_document';
export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'waiting' | 'superseded';

export interface JobPayload {
  revision: number;
  reason?: SendReason;
}

export interface OutboxJobRow {
  id: number;
  connection_id: string;
  kind: JobKind;
  entity_type: string;
  entity_id: string;
  idempotency_key: string;
  payload_json: string;
  status: JobStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  /** When the job was first handed to a connector (0010); null while it never was. */
  dispatched_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The same document revision and action always get the same key, so a restart or a retry reuses it. */
export function documentIdempotencyKey(
  documentId: string,
  revision: number,
  action: 'send' | 'cancel',
): string {
  return `doc:${documentId}:r${revision}:${action}`;
}

export type EnqueueResult =
  | { enqueued: true; jobId: number; idempotencyKey: string }
  | { enqueued: false; reason: 'historical' | 'nothing_to_cancel'; message: string }
  /** The same version is being sent (or canceled) right now: nothing new was queued; `jobId` is that job. */
  | { enqueued: false; reason: 'already_sending'; jobId: number; message: string };

interface DocRow {
  id: string;
  company_id: string;
  type: DocumentT['type'];
  status: DocumentT['status'];
  revision: number;
}

function documentAndConnection(
  db: Database,
  documentId: string,
  connectionId: string,
): [DocRow, ConnectionT] {
  const doc = db
    .prepare<[string], DocRow>('SELECT id, company_id, type, status, revision FROM documents WHERE id = ?')
    .get(documentId);
  if (!doc) throw notFound('Document', documentId);
  const connection = loadConnection(db, connectionId);
  if (!connection) throw notFound('Connection', connectionId);
  if (connection.companyId !== doc.company_id) {
    throw new AppError(
      'invalid_input',
      `Connection '${connection.name}' belongs to another company; choose one of this company's connections.`,
    );
  }
  return [doc, connection];
}

/**
 * The only INSERT into outbox_jobs: a pending job, ready now. Null when the connection already has an open
 * (pending or running) job with this key: the same work, merged into it (the unique index of migration 0033).
 */
function insertJob(
  db: Database,
  job: {
    connectionId: string;
    kind: JobKind;
    entityType: 'document' | 'job' | 'st_invoice';
    entityId: string;
    key: string;
    payload: unknown;
    now: Date;
  },
): number | null {
  const at = job.now.toISOString();
  const info = db
    .prepare(
      `INSERT INTO outbox_jobs (connection_id, kind, entity_type, entity_id, idempotency_key, payload_json, status,
         attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)
       ON CONFLICT (connection_id, idempotency_key) WHERE status IN ('pending', 'running') DO NOTHING`,
    )
    .run(
      job.connectionId,
      job.kind,
      job.entityType,
      job.entityId,
      job.key,
      JSON.stringify(job.payload),
      at,
      at,
      at,
    );
  return info.changes === 1 ? Number(info.lastInsertRowid) : null;
}

/** The connection's open (pending or running) job with this key, which an insert of the same key merged into. */
function openJob(
  db: Database,
  connectionId: string,
  key: string,
): { id: number; status: 'pending' | 'running' } | undefined {
  return db
    .prepare<[string, string], { id: number; status: 'pending' | 'running' }>(
      `SELECT id, status FROM outbox_jobs WHERE connection_id = ? AND idempotency_key = ?
         AND status IN ('pending', 'running')`,
    )
    .get(connectionId, key);
}

/** Whether a job with this key is queued, running, waiting or done on the connection (so not queued again). */
export function jobQueued(db: Database, connectionId: string, key: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM outbox_jobs WHERE connection_id = ? AND idempotency_key = ?
           AND status IN ('pending', 'running', 'waiting', 'done') LIMIT 1`,
      )
      .get(connectionId, key) !== undefined
  );
}

/**
 * Queues a ServiceTrade job ('send_job', entity 'job') or invoice ('send_invoice', entity 'st_invoice') for the
 * QuickBooks Desktop connection's next Web Connector session; main/connectors/servicetrade/ describes the payloads.
 * Check jobQueued first: the same key is never queued twice (one still open is merged into: its id is returned).
 */
export function enqueueJobCosting(
  db: Database,
  job: {
    connectionId: string;
    kind: 'send_job' | 'send_invoice';
    entityId: string;
    key: string;
    payload: unknown;
    now: Date;
  },
): number {
  const id = insertJob(db, { ...job, entityType: job.kind === 'send_job' ? 'job' : 'st_invoice' });
  const open = id ?? openJob(db, job.connectionId, job.key)?.id;
  if (open === undefined) throw new Error(`outbox: job ${job.key} was neither queued nor open`);
  return open;
}

/**
 * Marks as superseded the not-yet-running jobs of this document on this connection. With `onlyUntried`, jobs
 * that already made an attempt are kept: their write may have been applied with the answer lost, and only
 * running them again (same idempotency key) tells us the external id.
 */
function supersede(
  db: Database,
  documentId: string,
  connectionId: string,
  kinds: DocumentJobKind[],
  now: Date,
  onlyUntried = false,
): number {
  const placeholders = kinds.map(() => '?').join(', ');
  return db
    .prepare(
      `UPDATE outbox_jobs SET status = 'superseded', updated_at = ?
       WHERE entity_type = 'document' AND entity_id = ? AND connection_id = ? AND kind IN (${placeholders})
         AND status IN ('pending', 'waiting') ${onlyUntried ? 'AND attempts = 0' : ''}`,
    )
    .run(now.toISOString(), documentId, connectionId, ...kinds).changes;
}

/**
 * Queues the document (at `revision`) to be sent to the connection: created there the first time, updated when
 * an external link exists. Supersedes an older send still waiting to run. An automatic send never goes out for a
 * document marked historical on that connection; a manual one does. A failed document goes back to queued.
 */
export function enqueueSend(
  db: Database,
  input: {
    documentId: string;
    connectionId: string;
    revision: number;
    reason: SendReason;
    now?: Date;
    /**
     * Leaves the document's sync status to the caller, who marks many at once with markQueued in the same
     * transaction (a bulk send of hundreds: two statements instead of two per document).
     */
    deferStatus?: boolean;
  },
): EnqueueResult {
  const now = input.now ?? new Date();
  const [, connection] = documentAndConnection(db, input.documentId, input.connectionId);
  const current = getDocumentSync(db, input.documentId, input.connectionId);
  if (input.reason === 'auto' && current?.status === 'historical') {
    return {
      enqueued: false,
      reason: 'historical',
      message: 'This document existed before the connection was made, so it is only sent by hand.',
    };
  }
  return queueDocumentJob(
    db,
    'send',
    input,
    connection,
    { revision: input.revision, reason: input.reason },
    now,
    input.deferStatus ?? false,
  );
}

/** Shows documents whose sends were queued with deferStatus as queued on the connection: one batch of writes. */
export function markQueued(
  db: Database,
  connectionId: string,
  documentIds: readonly string[],
  now: Date = new Date(),
): void {
  setDocumentSyncMany(db, {
    connectionId,
    status: 'queued',
    rows: documentIds.map((documentId) => ({ documentId, message: null })),
    now,
  });
}

/**
 * Replaces any waiting job of the same kind, writes the new one and shows the document as queued. When the same
 * version is already running there (its key is open: a send by hand while the automatic one runs, two clicks),
 * nothing is queued: that job does the work, and a second one would only write the same record again.
 */
function queueDocumentJob(
  db: Database,
  action: 'send' | 'cancel',
  input: { documentId: string; connectionId: string; revision: number },
  connection: ConnectionT,
  payload: JobPayload,
  now: Date,
  deferStatus = false,
): EnqueueResult {
  const kind: DocumentJobKind = action === 'send' ? 'send_document' : 'cancel_document';
  supersede(db, input.documentId, input.connectionId, [kind], now);
  const key = documentIdempotencyKey(input.documentId, input.revision, action);
  const jobId = insertJob(db, {
    connectionId: input.connectionId,
    kind,
    entityType: 'document',
    entityId: input.documentId,
    key,
    payload,
    now,
  });
  if (jobId === null) {
    // Pending ones of this kind were superseded just above, so the open job is running.
    const running = openJob(db, input.connectionId, key);
    if (!running) throw new Error(`outbox: job ${key} was neither queued nor open`);
    return {
      enqueued: false,
      reason: 'already_sending',
      jobId: running.id,
      message:
        action === 'send'
          ? `Already sending to ${connection.name}: this version is on its way now, so it was not queued again. The log shows how it goes.`
          : `Already removing it from ${connection.name}: that is under way now, so it was not queued again.`,
    };
  }
  if (!deferStatus) {
    setDocumentSync(db, {
      documentId: input.documentId,
      connectionId: input.connectionId,
      status: 'queued',
      message: null,
      now,
    });
  }
  return { enqueued: true, jobId, idempotencyKey: key };
}

function hasExternalLink(db: Database, documentId: string, connectionId: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM external_links WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ?`,
      )
      .get(connectionId, documentId) !== undefined
  );
}

/**
 * Queues the removal (delete or void) of the document in the connection's system. Needed only when the document
 * reached that system, or may have: an external link exists, a send is running, or a send already made an
 * attempt whose answer may have been lost. Otherwise pending sends are dropped and nothing is queued.
 */
export function enqueueCancel(
  db: Database,
  input: { documentId: string; connectionId: string; revision: number; now?: Date },
): EnqueueResult {
  const now = input.now ?? new Date();
  const [, connection] = documentAndConnection(db, input.documentId, input.connectionId);
  supersede(db, input.documentId, input.connectionId, ['send_document'], now, true);
  const sendInDoubt =
    db
      .prepare(
        `SELECT 1 FROM outbox_jobs WHERE entity_type = 'document' AND entity_id = ? AND connection_id = ?
           AND kind = 'send_document' AND status IN ('pending', 'running', 'waiting')`,
      )
      .get(input.documentId, input.connectionId) !== undefined;
  if (!sendInDoubt && !hasExternalLink(db, input.documentId, input.connectionId)) {
    const current = getDocumentSync(db, input.documentId, input.connectionId);
    if (
      current &&
      (current.status === 'queued' ||
        current.status === 'failed' ||
        current.status === 'waiting' ||
        current.status === 'sending')
    ) {
      setDocumentSync(db, {
        documentId: input.documentId,
        connectionId: input.connectionId,
        status: 'not_sent',
        message: 'Canceled before it was sent.',
        now,
      });
    }
    return {
      enqueued: false,
      reason: 'nothing_to_cancel',
      message: 'The document was never sent to this connection, so there is nothing to remove there.',
    };
  }
  return queueDocumentJob(db, 'cancel', input, connection, { revision: input.revision }, now);
}

/**
 * Call in the transaction that creates the connection: every document of its company that was already approved
 * (or approved and now under revision) is marked historical on it and never sent automatically. Returns how many.
 */
export function markHistorical(db: Database, connectionId: string, now: Date = new Date()): number {
  const connection = loadConnection(db, connectionId);
  if (!connection) throw notFound('Connection', connectionId);
  const ids = db
    .prepare<[string], { id: string }>(
      `SELECT id FROM documents WHERE company_id = ? AND status IN ('approved', 'in_revision')`,
    )
    .all(connection.companyId)
    .map((r) => r.id);
  const insert = db.prepare(
    `INSERT INTO document_sync (document_id, connection_id, status, external_id, last_message, updated_at)
     VALUES (?, ?, 'historical', NULL, ?, ?) ON CONFLICT (document_id, connection_id) DO NOTHING`,
  );
  const at = now.toISOString();
  let marked = 0;
  for (const id of ids) {
    const info = insert.run(
      id,
      connectionId,
      `Approved before this connection was made; sent only by hand (Send to ${connection.name}).`,
      at,
    );
    if (info.changes > 0) {
      marked += 1;
      refreshAggregate(db, id);
    }
  }
  return marked;
}

/** The company's connections that send documents of this type automatically (settings.documentsToSend). */
export function connectionsForAutoSend(
  db: Database,
  companyId: string,
  type: DocumentT['type'],
): ConnectionT[] {
  return listCompanyConnections(db, companyId).filter((c) => {
    const types = c.settings['documentsToSend'];
    return Array.isArray(types) && types.includes(type);
  });
}

/**
 * Puts the connection's waiting jobs back in the queue: call it in the transaction that reconnects the
 * connection, pairs a supplier or list entry, or turns on "Create missing records"; then worker.kick(). A job
 * still missing what it waited for simply waits again. Only the jobs waiting for `only` when given (the bookkeeper
 * saying QuickBooks Desktop allows access again). Returns how many jobs were resumed. (The ledger's, jobs.ts.)
 */
export function resumeWaiting(
  db: Database,
  connectionId: string,
  now: Date = new Date(),
  only: WaitingFor | null = null,
): number {
  return resumeWaitingJobs(db, connectionId, now, only);
}
