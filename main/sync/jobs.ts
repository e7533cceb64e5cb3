// The job ledger: every change of an outbox job after it was queued (outbox.ts queues them) — claim, release,
// retry later, fail, wait, finish, settle a stale job, recover after a crash — with the document's sync status,
// the connection's status on a lost authorization, redaction of every stored or emitted text, the events and the
// integration log entry that go with it, in one place. The push worker (worker.ts and the unit modules beside it)
// and the QuickBooks Desktop session (connectors/quickbooks-desktop/: its conversation and units) both keep their
// books here.
//
// A leaf: it imports the database helpers, the sync status rule, backoff timing and redaction, never the worker
// or a connector, so the QuickBooks Desktop session can use it without an import cycle. Every method is
// synchronous and runs inside the caller's transaction when there is one (ledger.tx opens one otherwise).
import type { Database } from 'better-sqlite3';
import type { AppEvent, ConnectionT } from '../../preload/contract.js';
import { backoffDelayMs, MAX_ATTEMPTS } from './backoff.js';
import { getDocumentSync, setDocumentSync, setDocumentSyncMany, type SyncStatus } from './document-sync.js';
import type { IntegrationLog, LogInput } from './log.js';
import type { OutboxJobRow } from './outbox.js';
import type { Redact } from './redact.js';

export {
  countReadyJobs,
  countRunningJobs,
  hasDueOrRunningJob,
  hasJobWaitingForAccess,
  jobById,
  readyJob,
  sendStillOpen,
} from './job-reads.js';

/** What went wrong with a job, classified (a ConnectorError, or the QuickBooks Desktop session's Classified). */
export interface JobFailure {
  kind: 'transient' | 'needs_user' | 'auth' | 'mapping';
  userMessage: string;
  detail?: string;
  /** The system's Retry-After: a floor for the backoff. */
  retryAfterMs?: number;
}

export interface JobLedgerDeps {
  db: Database;
  log: IntegrationLog;
  /** Held until the caller's transaction commits (EventsAfterCommit.emit). */
  emit: (event: AppEvent) => void;
  /** Opens a transaction whose events go out after the commit (EventsAfterCommit.tx). */
  tx: <T>(fn: () => T) => T;
  /** The secrets layer's redactor composed with the credential-shape stripping (composeRedact). */
  redact: Redact;
  now: () => Date;
  random: () => number;
}

/** Where a job's document stands: its id (null when it was deleted) and the connection's label and id. */
export interface JobTarget {
  connectionId: string;
  /** The connection as the bookkeeper named it, in messages ("Harbour – 2026 org"; connectionLabel). */
  label: string;
  documentId: string | null;
}

export function hhmm(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** "attempt 2; key doc:…; detail": the log detail every ledger entry starts with. */
export function attemptDetail(job: OutboxJobRow, ...rest: (string | null | undefined)[]): string {
  return [`attempt ${job.attempts + 1}`, `key ${job.idempotency_key}`, ...rest].filter(Boolean).join('; ');
}

/** What a waiting job waits for, where it matters: the system to allow Ledgerbridge's access (lostAuthorization). */
export type WaitingFor = 'access';

/**
 * The connection's waiting jobs back to pending, their documents queued (outbox.ts's resumeWaiting); only those
 * waiting for `only` when given (QuickBooks Desktop's jobs refused access, once access is shown or said to work).
 */
export function resumeWaitingJobs(
  db: Database,
  connectionId: string,
  now: Date,
  only: WaitingFor | null = null,
): number {
  const jobs = db
    .prepare<[string, string | null, string | null], { id: number; entity_id: string; entity_type: string }>(
      `SELECT id, entity_id, entity_type FROM outbox_jobs WHERE connection_id = ? AND status = 'waiting'
         AND (? IS NULL OR waiting_for = ?) ORDER BY id`,
    )
    .all(connectionId, only, only);
  const at = now.toISOString();
  const update = db.prepare(
    `UPDATE outbox_jobs SET status = 'pending', waiting_for = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
  );
  for (const job of jobs) {
    update.run(at, at, job.id);
    if (job.entity_type === 'document') {
      setDocumentSync(db, { documentId: job.entity_id, connectionId, status: 'queued', message: null, now });
    }
  }
  return jobs.length;
}

export class JobLedger {
  private readonly db: Database;
  /**
   * Per connection, no ready job has a smaller id (see readyJobs). Lowered by every write here that makes a job
   * pending; forgotten by resetCursors() when others may have (enqueue, resumeWaiting: the worker's kick).
   */
  private readonly cursors = new Map<string, number>();

  constructor(private readonly deps: JobLedgerDeps) {
    this.db = deps.db;
  }

  tx<T>(fn: () => T): T {
    return this.deps.tx(fn);
  }

  // ---------- taking jobs ----------

  /**
   * The first ready jobs of a connection in outbox order whose entity has no earlier job still open (a cancel
   * never overtakes its send). Walks the table in id order from the connection's cursor (the "+" keeps SQLite on
   * the rowid) and checks the order only for the rows fetched: a correlated NOT EXISTS over every pending row,
   * or sorting every pending row, made each call cost as much as the queue was long. May return fewer than
   * `limit` when some fetched jobs wait behind earlier ones.
   */
  readyJobs(connectionId: string, limit: number): OutboxJobRow[] {
    const at = this.deps.now().toISOString();
    let from = this.cursors.get(connectionId);
    if (from === undefined) {
      from =
        this.db
          .prepare<[string], { id: number | null }>(
            `SELECT MIN(id) AS id FROM outbox_jobs WHERE status = 'pending' AND connection_id = ?`,
          )
          .get(connectionId)?.id ?? undefined;
      if (from === undefined) return [];
    }
    const rows = this.db
      .prepare<[number, string, string, number], OutboxJobRow>(
        `SELECT * FROM outbox_jobs WHERE id >= ? AND +connection_id = ? AND +status = 'pending' AND next_attempt_at <= ?
         ORDER BY id LIMIT ?`,
      )
      .all(from, connectionId, at, limit);
    const first = rows[0]?.id;
    if (first !== undefined && first > from) {
      // The cursor may pass only jobs that are not pending: one waiting out its backoff must be found again.
      const waiting = this.db
        .prepare<[number, number, string], { id: number | null }>(
          `SELECT MIN(id) AS id FROM outbox_jobs WHERE id >= ? AND id < ? AND +connection_id = ? AND +status = 'pending'`,
        )
        .get(from, first, connectionId)?.id;
      this.cursors.set(connectionId, waiting ?? first);
    } else this.cursors.set(connectionId, from);
    const earlier = this.db.prepare<[string, string, string, number], { one: number }>(
      `SELECT 1 AS one FROM outbox_jobs WHERE entity_type = ? AND entity_id = ? AND connection_id = ? AND id < ?
         AND status IN ('pending', 'running', 'waiting') LIMIT 1`,
    );
    return rows.filter((j) => !earlier.get(j.entity_type, j.entity_id, j.connection_id, j.id));
  }

  /** The connections that have pending jobs, in id order. */
  pendingConnectionIds(): string[] {
    return this.db
      .prepare<[], { connection_id: string }>(
        `SELECT DISTINCT connection_id FROM outbox_jobs WHERE status = 'pending' ORDER BY connection_id`,
      )
      .all()
      .map((r) => r.connection_id);
  }

  /** When the connection's next pending job waiting out its backoff falls due (after `now`); null if none. */
  nextDue(connectionId: string, now: Date): Date | null {
    const due = this.db
      .prepare<[string, string], { due: string | null }>(
        `SELECT MIN(next_attempt_at) AS due FROM outbox_jobs
         WHERE connection_id = ? AND status = 'pending' AND next_attempt_at > ?`,
      )
      .get(connectionId, now.toISOString())?.due;
    return due ? new Date(Date.parse(due)) : null;
  }

  /** Forgets the cursors: jobs may have been queued or resumed by others (call on a kick). */
  resetCursors(): void {
    this.cursors.clear();
  }

  private lowerCursor(job: OutboxJobRow): void {
    const cursor = this.cursors.get(job.connection_id);
    if (cursor !== undefined && job.id < cursor) this.cursors.set(job.connection_id, job.id);
  }

  /** pending → running, only for jobs still pending; returns those claimed (status running). */
  claim(jobs: readonly OutboxJobRow[]): OutboxJobRow[] {
    const at = this.deps.now().toISOString();
    const claim = this.db.prepare(
      `UPDATE outbox_jobs SET status = 'running', updated_at = ? WHERE id = ? AND status = 'pending'`,
    );
    return this.tx(() =>
      jobs
        .filter((j) => claim.run(at, j.id).changes === 1)
        .map((j) => ({ ...j, status: 'running' as const })),
    );
  }

  /** From here the other system may receive these jobs' writes even if no answer ever comes back. */
  markDispatched(jobs: readonly OutboxJobRow[]): void {
    const at = this.deps.now().toISOString();
    const mark = this.db.prepare(
      'UPDATE outbox_jobs SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL',
    );
    this.tx(() => {
      for (const job of jobs) mark.run(at, job.id);
    });
  }

  // ---------- putting jobs back ----------

  /**
   * Back to the queue, due now, no attempt counted. `sync`: 'queued' shows the document queued again;
   * 'if-sending' only when it showed sending (the worker's stop); null leaves it.
   */
  release(
    job: OutboxJobRow,
    // Nothing it writes names the connection, so a caller that has no name at hand (a crash recovery) needs none.
    target: Omit<JobTarget, 'label'>,
    options: { sync?: 'queued' | 'if-sending' | null; log?: Omit<LogInput, 'connectionId'> } = {},
  ): void {
    this.tx(() => {
      const at = this.deps.now().toISOString();
      this.db
        .prepare(
          `UPDATE outbox_jobs SET status = 'pending', next_attempt_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(at, at, job.id);
      this.lowerCursor(job);
      const { documentId } = target;
      if (documentId && options.sync === 'queued')
        this.setSync(documentId, target.connectionId, 'queued', null);
      if (
        documentId &&
        options.sync === 'if-sending' &&
        getDocumentSync(this.db, documentId, target.connectionId)?.status === 'sending'
      )
        this.setSync(documentId, target.connectionId, 'queued', null);
      if (options.log) this.deps.log.append({ ...options.log, connectionId: target.connectionId });
    });
  }

  /**
   * Counts an attempt and puts the job back for `next` (the backoff's choice when omitted); the document shows
   * `syncMessage` (default "Will retry at HH:MM: …"). Returns when it is due and what the document shows.
   */
  retryLater(
    job: OutboxJobRow,
    target: JobTarget,
    failure: JobFailure,
    options: {
      next?: Date;
      syncMessage?: string;
      /** The log entry (default: a 'retry' entry with the attempt, the key and the failure's detail). */
      log?: { action?: string; detail?: (delayMs: number, next: Date) => string } | null;
    } = {},
  ): { next: Date; message: string; delayMs: number } {
    const attempt = job.attempts + 1;
    const now = this.deps.now();
    const delayMs =
      options.next !== undefined
        ? options.next.getTime() - now.getTime()
        : backoffDelayMs(attempt, this.deps.random, failure.retryAfterMs);
    const next = options.next ?? new Date(now.getTime() + delayMs);
    const message = options.syncMessage ?? `Will retry at ${hhmm(next)}: ${failure.userMessage}`;
    this.tx(() => {
      this.db
        .prepare(
          `UPDATE outbox_jobs SET status = 'pending', attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(attempt, next.toISOString(), this.deps.redact(failure.userMessage), now.toISOString(), job.id);
      this.lowerCursor(job);
      if (target.documentId) this.setSync(target.documentId, target.connectionId, 'queued', message);
      if (options.log !== null) {
        this.logJob(
          job,
          target,
          'retry',
          message,
          options.log?.detail?.(delayMs, next) ?? attemptDetail(job, failure.detail),
          options.log?.action,
        );
      }
    });
    return { next, message, delayMs };
  }

  /** Jobs a crash (or a session that never closed) left running go back to the queue, each logged. */
  recoverAfterCrash(connectionId?: string): number {
    const jobs = this.db
      .prepare<[string | null, string | null], OutboxJobRow>(
        `SELECT * FROM outbox_jobs WHERE status = 'running' AND (? IS NULL OR connection_id = ?) ORDER BY id`,
      )
      .all(connectionId ?? null, connectionId ?? null);
    for (const job of jobs) {
      const documentId = this.existingDocumentId(job.entity_id);
      this.release(
        job,
        { connectionId: job.connection_id, documentId },
        {
          sync: 'if-sending',
          log: {
            documentId,
            action: job.kind,
            result: 'info',
            message: 'Resumed after restart',
            detail: `job ${job.id} (${job.idempotency_key}) was running when Ledgerbridge stopped; attempts so far: ${job.attempts}`,
          },
        },
      );
    }
    return jobs.length;
  }

  // ---------- ending jobs ----------

  /** Sets the job's status and (redacted) last error, forgetting what it waited for; nothing else. */
  finishJob(
    job: OutboxJobRow,
    status: 'done' | 'failed' | 'waiting' | 'superseded',
    error: string | null,
    attempts?: number,
  ): void {
    const at = this.deps.now().toISOString();
    const lastError = error === null ? null : this.deps.redact(error);
    if (attempts === undefined) {
      this.db
        .prepare(
          `UPDATE outbox_jobs SET status = ?, last_error = ?, waiting_for = NULL, updated_at = ? WHERE id = ?`,
        )
        .run(status, lastError, at, job.id);
    } else {
      this.db
        .prepare(
          `UPDATE outbox_jobs SET status = ?, attempts = ?, last_error = ?, waiting_for = NULL, updated_at = ?
           WHERE id = ?`,
        )
        .run(status, attempts, lastError, at, job.id);
    }
  }

  /**
   * Ends a job that needs the user (failed), waits for a pairing or a reconnect (waiting) or became pointless
   * (superseded): the job, the document's status (failed or waiting, the same as the job; unchanged when
   * superseded) and a log entry.
   */
  settle(
    job: OutboxJobRow,
    target: JobTarget,
    status: 'failed' | 'waiting' | 'superseded',
    message: string,
    detail: string | null,
    options: { countAttempt?: boolean; logDetail?: string } = {},
  ): void {
    this.tx(() => {
      this.finishJob(job, status, message, options.countAttempt ? job.attempts + 1 : undefined);
      if (target.documentId && status !== 'superseded')
        this.setSync(target.documentId, target.connectionId, status, message);
      // A send waiting for the bookkeeper (a pairing, a reconnect) is logged as waiting, as its status reads.
      this.logJob(
        job,
        target,
        status === 'superseded' ? 'info' : status === 'waiting' ? 'waiting' : 'failure',
        message,
        options.logDetail ?? attemptDetail(job, detail),
      );
    });
  }

  /**
   * A failure after its attempt: an expired authorization marks the connection for a reconnect and the job
   * waits for it; one that needs the user fails; any other is retried with backoff until MAX_ATTEMPTS, then
   * fails saying how to try again. Returns the failure's kind as acted on.
   */
  applyFailure(job: OutboxJobRow, target: JobTarget, failure: JobFailure): JobFailure['kind'] {
    const attempt = job.attempts + 1;
    if (failure.kind === 'auth') {
      this.lostAuthorization(job, target, failure);
      return 'auth';
    }
    if (failure.kind === 'needs_user') {
      this.settle(job, target, 'failed', failure.userMessage, failure.detail ?? null);
      return 'needs_user';
    }
    if (attempt >= MAX_ATTEMPTS) {
      this.giveUp(job, target, failure);
      return 'transient';
    }
    this.retryLater(job, target, failure, {
      log: {
        detail: (delayMs, next) =>
          [
            attemptDetail(job, failure.detail),
            `retry in ${delayMs} ms at ${next.toISOString()}`,
            failure.retryAfterMs !== undefined ? `Retry-After ${failure.retryAfterMs} ms` : null,
          ]
            .filter(Boolean)
            .join('; '),
      },
    });
    return 'transient';
  }

  /** A transient failure past MAX_ATTEMPTS: failed, with how to try again. */
  giveUp(job: OutboxJobRow, target: JobTarget, failure: JobFailure): string {
    const attempt = job.attempts + 1;
    const message = `${failure.userMessage} (gave up after ${attempt} attempts; use Send to ${target.label} to try again)`;
    this.settle(job, target, 'failed', message, failure.detail ?? null, { countAttempt: true });
    return message;
  }

  /**
   * The system refused the connection's authorization: the connection needs a reconnect (its jobs wait in the
   * queue meanwhile), this job waits for it, and the document shows what to do.
   */
  lostAuthorization(
    job: OutboxJobRow,
    target: JobTarget,
    failure: JobFailure,
    message = `Sign in to ${target.label} again: Connections → Reconnect`,
  ): string {
    this.tx(() => {
      this.setConnectionStatus(target.connectionId, 'needs_reconnect', message);
      this.finishJob(job, 'waiting', message);
      this.db.prepare(`UPDATE outbox_jobs SET waiting_for = 'access' WHERE id = ?`).run(job.id);
      if (target.documentId) this.setSync(target.documentId, target.connectionId, 'waiting', message);
      this.logJob(job, target, 'waiting', message, attemptDetail(job, failure.detail, failure.userMessage));
    });
    return message;
  }

  /**
   * The document changed (revised, canceled, re-approved) after the job was queued: the job is superseded and,
   * unless a newer job follows, the document shows what the system has.
   */
  settleStale(
    job: OutboxJobRow,
    target: JobTarget,
    document: { id: string; status: string; revision: number },
    revision: number,
    linked: boolean,
  ): void {
    this.tx(() => {
      this.finishJob(job, 'superseded', null);
      const newer = this.db
        .prepare(
          `SELECT 1 FROM outbox_jobs WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ?
             AND id > ? AND status IN ('pending', 'running', 'waiting')`,
        )
        .get(target.connectionId, document.id, job.id);
      if (!newer) {
        this.setSync(
          document.id,
          target.connectionId,
          linked ? 'sent' : 'not_sent',
          linked
            ? `${target.label} has the previous version; the document is ${document.status.replace('_', ' ')}.`
            : null,
        );
      }
      this.deps.log.append({
        documentId: document.id,
        connectionId: target.connectionId,
        action: job.kind,
        result: 'info',
        message: `Not sent: the document changed after it was queued (now ${document.status.replace('_', ' ')}, revision ${document.revision})`,
        detail: `job ${job.id} was for revision ${revision}`,
      });
    });
  }

  /** The connection's waiting jobs (those waiting for `only`) back in the queue (resumeWaitingJobs); the cursor follows. */
  resumeWaiting(connectionId: string, only: WaitingFor | null = null): number {
    const resumed = this.tx(() => resumeWaitingJobs(this.db, connectionId, this.deps.now(), only));
    if (resumed > 0) this.cursors.delete(connectionId);
    return resumed;
  }

  /** The log entry of a step of a job, on its document (when it still exists) and connection. */
  private logJob(
    job: OutboxJobRow,
    target: JobTarget,
    result: LogInput['result'],
    message: string,
    detail: string,
    action: string = job.kind,
  ): void {
    this.deps.log.append({
      documentId: target.documentId,
      connectionId: target.connectionId,
      action,
      result,
      message,
      detail,
    });
  }

  // ---------- statuses ----------

  /** The document's status on the connection (redacted), with its events. */
  setSync(
    documentId: string,
    connectionId: string,
    status: SyncStatus,
    message: string | null,
    externalId?: string,
  ): void {
    const redacted = message === null ? null : this.deps.redact(message);
    setDocumentSync(this.db, {
      documentId,
      connectionId,
      status,
      message: redacted,
      externalId,
      now: this.deps.now(),
    });
    this.deps.emit({ type: 'sync', documentId, connectionId, status, message: redacted });
    this.deps.emit({ type: 'document', documentId });
  }

  /** setSync for many documents of one connection at once (two statements), with their events. */
  setSyncMany(
    connectionId: string,
    status: SyncStatus,
    rows: readonly { documentId: string; message: string | null; externalId?: string }[],
  ): void {
    if (rows.length === 0) return;
    const redacted = rows.map((r) => ({
      ...r,
      message: r.message === null ? null : this.deps.redact(r.message),
    }));
    setDocumentSyncMany(this.db, { connectionId, status, rows: redacted, now: this.deps.now() });
    for (const r of redacted) {
      this.deps.emit({ type: 'sync', documentId: r.documentId, connectionId, status, message: r.message });
      this.deps.emit({ type: 'document', documentId: r.documentId });
    }
  }

  /** The connection's status and its message (redacted), with its event. */
  setConnectionStatus(connectionId: string, status: ConnectionT['status'], message: string | null): void {
    this.db
      .prepare('UPDATE connections SET status = ?, status_message = ?, updated_at = ? WHERE id = ?')
      .run(
        status,
        message === null ? null : this.deps.redact(message),
        this.deps.now().toISOString(),
        connectionId,
      );
    this.deps.emit({ type: 'connection', connectionId });
  }

  existingDocumentId(id: string): string | null {
    return this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) ? id : null;
  }
}
