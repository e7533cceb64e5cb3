// What the ledger's users read of outbox_jobs without changing a job: whether a connection has work, how many of
// its jobs are ready or running, one job. jobs.ts re-exports these, so it stays the one place that knows the table
// (and the one sync module a connector may import): the QuickBooks Desktop session asks here instead of writing
// SQL, and main/api, which never names the table (test/unit/boundaries), asks here too.
import type { Database } from 'better-sqlite3';
import type { OutboxJobRow } from './outbox.js';

/**
 * Whether the connection has a job that can go now, or one still running. A due job behind an earlier open job of
 * the same document (a cancel behind a send that waits for a pairing) cannot go, as the ledger's readyJobs says: it
 * is not work, or the Web Connector would start an empty session at every poll.
 */
export function hasDueOrRunningJob(db: Database, connectionId: string, now: Date): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM outbox_jobs j WHERE j.connection_id = ?
           AND (j.status = 'running'
             OR (j.status = 'pending' AND j.next_attempt_at <= ?
               AND NOT EXISTS (SELECT 1 FROM outbox_jobs e WHERE e.entity_type = j.entity_type
                 AND e.entity_id = j.entity_id AND e.connection_id = j.connection_id AND e.id < j.id
                 AND e.status IN ('pending', 'running', 'waiting'))))
         LIMIT 1`,
      )
      .get(connectionId, now.toISOString()) !== undefined
  );
}

/** Whether a job of the connection waits for the system to allow Ledgerbridge's access (lostAuthorization). */
export function hasJobWaitingForAccess(db: Database, connectionId: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM outbox_jobs WHERE connection_id = ? AND status = 'waiting' AND waiting_for = 'access' LIMIT 1`,
      )
      .get(connectionId) !== undefined
  );
}

/** How many of the connection's jobs are pending and due now. */
export function countReadyJobs(db: Database, connectionId: string, now: Date): number {
  return (
    db
      .prepare<[string, string], { n: number }>(
        `SELECT COUNT(*) AS n FROM outbox_jobs WHERE connection_id = ? AND status = 'pending' AND next_attempt_at <= ?`,
      )
      .get(connectionId, now.toISOString())?.n ?? 0
  );
}

/** The job, when it is the connection's, pending and due now. */
export function readyJob(
  db: Database,
  id: number,
  connectionId: string,
  now: Date,
): OutboxJobRow | undefined {
  return db
    .prepare<[number, string, string], OutboxJobRow>(
      `SELECT * FROM outbox_jobs WHERE id = ? AND connection_id = ? AND status = 'pending' AND next_attempt_at <= ?`,
    )
    .get(id, connectionId, now.toISOString());
}

export function jobById(db: Database, id: number): OutboxJobRow | undefined {
  return db.prepare<[number], OutboxJobRow>('SELECT * FROM outbox_jobs WHERE id = ?').get(id);
}

/** Whether the document's send to the connection is still open (pending or running). */
export function sendStillOpen(db: Database, connectionId: string, documentId: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM outbox_jobs WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ?
           AND kind = 'send_document' AND status IN ('pending', 'running')`,
      )
      .get(connectionId, documentId) !== undefined
  );
}

/** How many of the connection's jobs are running now (handed to a connector, or in a Web Connector session). */
export function countRunningJobs(db: Database, connectionId: string): number {
  return (
    db
      .prepare<[string], { n: number }>(
        `SELECT COUNT(*) AS n FROM outbox_jobs WHERE connection_id = ? AND status = 'running'`,
      )
      .get(connectionId)?.n ?? 0
  );
}
