// The sync worker: takes outbox jobs per connection, in order, under each system's limits, and records every
// attempt and outcome. It owns no state that matters across a crash: the outbox is the truth, so a job that was
// running when the process died is simply run again (with the same idempotency key) by the next worker.
//
// Ordering: jobs of one document on one connection run strictly in id order (a cancel never overtakes the send
// it cancels). Jobs of different documents are independent, so one document waiting out its backoff does not
// hold up the rest of the queue.
//
// Concurrency: a job is claimed (status 'running') only when it starts, at most policy.concurrency units in
// flight per connection; each unit makes its requests one after another, so requests in flight per connection
// never exceed the policy. (p-queue is not used: its interval limiter is a fixed window on real timers; see
// rate-limiter.ts.)
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AppEvent, ConnectionT, DocumentT, SupplierT } from '../../preload/contract.js';
import {
  ConnectorError,
  isPush,
  type Connector,
  type PushConnector,
  type ConnectorContext,
  type OutgoingDocument,
  type SendOutcome,
  type OutgoingAttachment,
  type SyncPolicy,
} from '../connectors/contract.js';
import { classifyError } from './classify.js';
import { loadConnection } from './connections.js';
import { EventsAfterCommit } from './events-after-commit.js';
import { JobLedger, type JobTarget } from './jobs.js';
import { deliveredIds, recordDeliveries } from './file-deliveries.js';
import { createIntegrationLog, type IntegrationLog } from './log.js';
import type { JobPayload, OutboxJobRow } from './outbox.js';
import { RollingWindowLimiter, realSleep, type Sleep } from './rate-limiter.js';
import { composeRedact, describeError, type Redact } from './redact.js';
import {
  findLink,
  prefetchReferences,
  resolveReferences,
  upsertLink,
  type ReferenceLookups,
} from './references.js';

export { resumeWaiting } from './outbox.js';

export interface WorkerSecrets {
  get(connectionId: string, name: string): Promise<string | null>;
  set(connectionId: string, name: string, value: string): Promise<void>;
  delete(connectionId: string, name: string): Promise<void>;
}

export interface SyncWorkerDeps {
  db: Database;
  /**
   * By system name (connections.system): the registry (connectors/registry.ts), or a map in tests. The worker
   * drives the push systems among them and leaves the others' jobs alone.
   */
  connectors: Pick<ReadonlyMap<string, Connector>, 'get'>;
  secrets: WorkerSecrets;
  loadDocument(id: string): DocumentT | Promise<DocumentT>;
  loadSupplier(id: string): SupplierT | Promise<SupplierT>;
  emit(event: AppEvent): void;
  redact: Redact;
  clock?: { now(): Date };
  random?: () => number;
  sleep?: Sleep;
  /** Safety-net poll when nothing is due and nobody kicked (real time). Default 5 s. */
  pollIntervalMs?: number;
  /**
   * The files attached to a document, for connectors that upload them with it (QuickBooks Online Attachable, Xero
   * attachments). Optional: without it documents go without their files.
   */
  attachments?(documentId: string): OutgoingAttachment[];
  /** Where the worker reports its own failures (a bug, a database error); never the user. Default console.error. */
  onError?: (error: unknown) => void;
}

const DOCUMENT_NOUN: Record<DocumentT['type'], string> = {
  invoice: 'bill',
  purchase_order: 'purchase order',
  service_order: 'purchase order',
  receipt: 'item receipt',
};

interface Unit {
  connection: ConnectionT;
  connector: PushConnector;
  policy: SyncPolicy;
  jobs: OutboxJobRow[];
}

interface Prepared {
  job: OutboxJobRow;
  document: DocumentT;
  outgoing: OutgoingDocument;
  payloadHash: string;
}

function payloadOf(job: OutboxJobRow): JobPayload {
  try {
    const value = JSON.parse(job.payload_json) as Partial<JobPayload>;
    return { revision: typeof value.revision === 'number' ? value.revision : 0, reason: value.reason };
  } catch {
    return { revision: 0 };
  }
}

/** Hash of what was sent, so a later update can tell whether anything changed. */
function hashPayload(outgoing: OutgoingDocument): string {
  const { document, supplier, references } = outgoing;
  return createHash('sha256').update(JSON.stringify({ document, supplier, references })).digest('hex');
}

export class SyncWorker {
  private readonly db: Database;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly sleep: Sleep;
  private readonly log: IntegrationLog;
  private readonly pollIntervalMs: number;
  private readonly onError: (error: unknown) => void;
  private readonly redact: Redact;

  private running = false;
  private stopping = false;
  private abort = new AbortController();
  private loopDone: Promise<void> = Promise.resolve();
  private kicked = false;
  private wake: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly tasks = new Set<Promise<void>>();
  private readonly inFlight = new Map<string, number>();
  private readonly limiters = new Map<string, { perMinute: number; limiter: RollingWindowLimiter }>();
  /** Reference resolution is serialized per connection, so two documents never both create the same vendor. */
  private readonly referenceLocks = new Map<string, Promise<unknown>>();
  /** Events raised inside a transaction go out only after it commits. */
  private readonly events: EventsAfterCommit;
  /** Every change of a job after it was queued (jobs.ts). */
  private readonly ledger: JobLedger;

  constructor(private readonly deps: SyncWorkerDeps) {
    this.db = deps.db;
    this.now = deps.clock ? () => deps.clock!.now() : () => new Date();
    this.random = deps.random ?? Math.random;
    this.sleep = deps.sleep ?? realSleep;
    this.pollIntervalMs = deps.pollIntervalMs ?? 5_000;
    this.onError = deps.onError ?? ((error) => console.error(`[sync worker] ${describeError(error)}`));
    this.events = new EventsAfterCommit(this.db, (event) => deps.emit(event), this.onError);
    this.redact = composeRedact(deps.redact);
    this.log = createIntegrationLog(this.db, {
      redact: deps.redact,
      emit: (event) => this.emit(event),
      now: this.now,
    });
    this.ledger = new JobLedger({
      db: this.db,
      log: this.log,
      emit: (event) => this.emit(event),
      tx: (fn) => this.tx(fn),
      redact: this.redact,
      now: this.now,
      random: this.random,
    });
  }

  // ---------- lifecycle ----------

  /** Recovers jobs a crash left running, then runs until stop(). Resolves once recovery is done. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    if (this.abort.signal.aborted) this.abort = new AbortController();
    this.ledger.recoverAfterCrash();
    this.loopDone = this.loop();
  }

  /** Wakes the worker now: call after committing a transaction that enqueued jobs or reconnected a connection. */
  kick(): void {
    this.kicked = true;
    // Jobs may have been queued or resumed (resumeWaiting) behind the ledger's cursors.
    this.ledger.resetCursors();
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /**
   * Aborts in-flight requests and resolves when the worker is idle. An interrupted job goes back to pending (no
   * attempt counted); if even that write is lost, the next start() recovers it from 'running'.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.abort.abort(new DOMException('Ledgerbridge is stopping', 'AbortError'));
    this.kick();
    await this.loopDone;
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
    this.running = false;
    this.resolveIdle();
  }

  /** Resolves when nothing is in flight and nothing is due on a connected connection (tests, shutdown UX). */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.kick();
    });
  }

  // ---------- the loop ----------

  private async loop(): Promise<void> {
    while (!this.stopping) {
      this.kicked = false;
      let nextDueMs: number | null;
      try {
        nextDueMs = this.dispatch();
      } catch (error) {
        this.onError(error);
        nextDueMs = this.pollIntervalMs;
      }
      if (this.stopping) break;
      if (this.tasks.size === 0 && nextDueMs === null) this.resolveIdle();
      if (this.kicked) continue;
      await this.waitForWork(nextDueMs);
    }
  }

  private async waitForWork(nextDueMs: number | null): Promise<void> {
    const cancel = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const woken = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    const waits: Promise<void>[] = [woken];
    if (nextDueMs !== null) {
      waits.push(this.sleep(nextDueMs, cancel.signal));
    } else if (this.tasks.size === 0) {
      waits.push(
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, this.pollIntervalMs);
          timer.unref?.();
        }),
      );
    }
    await Promise.race(waits);
    cancel.abort();
    if (timer) clearTimeout(timer);
    this.wake = null;
  }

  private resolveIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Starts what can start now; returns ms until the next pending job falls due, or null if none. */
  private dispatch(): number | null {
    const now = this.now();
    const nowIso = now.toISOString();
    const connectionIds = this.db
      .prepare<[], { connection_id: string }>(
        `SELECT DISTINCT connection_id FROM outbox_jobs WHERE status = 'pending' ORDER BY connection_id`,
      )
      .all()
      .map((r) => r.connection_id);
    let nextDue: number | null = null;
    for (const connectionId of connectionIds) {
      const connection = loadConnection(this.db, connectionId);
      if (!connection || connection.status !== 'connected') continue; // its jobs wait for a reconnect
      const registered = this.deps.connectors.get(connection.system);
      // A session system (QuickBooks Desktop's Web Connector) takes its jobs itself; a source receives none.
      if (!registered || !isPush(registered)) continue;
      const connector = registered;
      const policy = connector.policy(connection);
      const concurrency = Math.max(1, Math.floor(policy.concurrency));
      const batchSize = Math.max(1, Math.floor(policy.batchSize));
      const free = concurrency - (this.inFlight.get(connectionId) ?? 0);
      if (free > 0) {
        const ready = this.ledger.readyJobs(connectionId, free * batchSize);
        for (const jobs of groupIntoUnits(ready, batchSize).slice(0, free)) {
          this.startUnit({ connection, connector, policy, jobs });
        }
      }
      const due = this.db
        .prepare<[string, string], { due: string | null }>(
          `SELECT MIN(next_attempt_at) AS due FROM outbox_jobs
           WHERE connection_id = ? AND status = 'pending' AND next_attempt_at > ?`,
        )
        .get(connectionId, nowIso)?.due;
      if (due) {
        const ms = Math.max(0, Date.parse(due) - now.getTime());
        nextDue = nextDue === null ? ms : Math.min(nextDue, ms);
      }
    }
    return nextDue;
  }

  private startUnit(unit: Unit): void {
    const jobs = this.ledger.claim(unit.jobs);
    if (jobs.length === 0) return;
    const connectionId = unit.connection.id;
    this.inFlight.set(connectionId, (this.inFlight.get(connectionId) ?? 0) + 1);
    const task: Promise<void> = this.runUnit({ ...unit, jobs })
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.inFlight.set(connectionId, (this.inFlight.get(connectionId) ?? 1) - 1);
        this.tasks.delete(task);
        this.kick();
      });
    this.tasks.add(task);
  }

  // ---------- running a unit ----------

  /**
   * The context a connector call needs, sharing this connection's rate limiter with the worker: for the API's
   * connect/test handlers as well as for the worker itself. Its signal aborts when the worker stops.
   */
  connectorContext(connection: ConnectionT, policy?: SyncPolicy): ConnectorContext {
    const perMinute =
      policy?.requestsPerMinute ??
      this.deps.connectors.get(connection.system)?.policy(connection).requestsPerMinute ??
      60;
    let entry = this.limiters.get(connection.id);
    if (!entry || entry.perMinute !== perMinute) {
      entry = { perMinute, limiter: new RollingWindowLimiter(perMinute, this.now, this.sleep) };
      this.limiters.set(connection.id, entry);
    }
    const { limiter } = entry;
    const signal = this.abort.signal;
    const secrets = this.deps.secrets;
    return {
      connection,
      signal,
      secrets: {
        get: (name) => secrets.get(connection.id, name),
        set: (name, value) => secrets.set(connection.id, name, value),
        delete: (name) => secrets.delete(connection.id, name),
      },
      acquireRequestSlot: () => limiter.acquire(signal),
    };
  }

  private async runUnit(unit: Unit): Promise<void> {
    // The connector may hold every send (say, a QuickBooks company not yet confirmed): nothing is looked up or
    // created there, and the jobs wait with its message until resumeWaiting.
    const hold = unit.connector.holdSends?.(unit.connection) ?? null;
    if (hold !== null) {
      for (const job of unit.jobs) this.settle(job, 'waiting', hold, null, null, unit);
      return;
    }
    const ctx = this.connectorContext(unit.connection, unit.policy);
    if (unit.jobs[0]?.kind === 'cancel_document') {
      for (const job of unit.jobs) await this.runCancel(unit, ctx, job);
      return;
    }
    const prepared: Prepared[] = [];
    const lookups = await this.prefetchReferences(unit, ctx);
    let blocked = false; // after an auth failure nothing else on this connection is tried
    for (const job of unit.jobs) {
      if (this.abort.signal.aborted || blocked) {
        this.release(unit, job, blocked ? null : 'stopped');
        continue;
      }
      try {
        const item = await this.prepareSend(unit, ctx, job, lookups);
        if (item) prepared.push(item);
      } catch (error) {
        if (this.abort.signal.aborted) {
          this.release(unit, job, 'stopped');
          continue;
        }
        const kind = this.applyError(unit, job, classifyError(error), null);
        if (kind === 'auth') blocked = true;
      }
    }
    if (prepared.length === 0) return;
    if (this.abort.signal.aborted || blocked) {
      for (const p of prepared) this.release(unit, p.job, blocked ? null : 'stopped');
      return;
    }
    // From here the other system may receive these documents even if no answer ever comes back.
    this.ledger.markDispatched(prepared.map((p) => p.job));
    let outcomes: SendOutcome[];
    try {
      outcomes = await unit.connector.sendDocuments(
        ctx,
        prepared.map((p) => p.outgoing),
      );
    } catch (error) {
      for (const p of prepared) {
        if (this.abort.signal.aborted) this.release(unit, p.job, 'stopped');
        else this.applyError(unit, p.job, classifyError(error), p.document);
      }
      return;
    }
    prepared.forEach((p, index) => {
      const outcome = outcomes[index];
      if (!outcome) {
        this.applyError(
          unit,
          p.job,
          new ConnectorError('transient', `${unit.connector.label} did not answer for this document.`, {
            detail: `sendDocuments returned ${outcomes.length} outcomes for ${prepared.length} documents`,
          }),
          p.document,
        );
      } else if (outcome.ok) {
        this.applySent(unit, p, outcome);
      } else {
        this.applyError(unit, p.job, outcome.error, p.document);
      }
    });
  }

  /**
   * The references all documents of a unit need, looked up (and suppliers created) together where the connector
   * can (references.ts prefetchReferences). Documents that will not be sent (deleted, changed since) are left out.
   * Null when there is nothing to ask together or the bulk requests failed: each document then resolves its own
   * references and meets that failure itself, as it would have without the bulk path.
   */
  private async prefetchReferences(unit: Unit, ctx: ConnectorContext): Promise<ReferenceLookups | null> {
    const { connection, connector } = unit;
    if (!connector.findReferencesBulk || unit.jobs[0]?.kind === 'cancel_document') return null;
    try {
      const items: { document: DocumentT; supplier: SupplierT }[] = [];
      for (const job of unit.jobs) {
        if (!this.existingDocumentId(job.entity_id)) continue;
        const document = await this.deps.loadDocument(job.entity_id);
        if (document.status !== 'approved' || document.revision !== payloadOf(job).revision) continue;
        items.push({ document, supplier: await this.deps.loadSupplier(document.supplierId) });
      }
      if (items.length < 2) return null; // one document asks as it always did
      return await this.withReferenceLock(connection.id, () =>
        prefetchReferences({
          db: this.db,
          connector,
          ctx,
          connection,
          items,
          log: this.log,
          now: this.now,
        }),
      );
    } catch {
      return null;
    }
  }

  /** Loads, checks and resolves references for one send job; null when the job was settled on the way. */
  private async prepareSend(
    unit: Unit,
    ctx: ConnectorContext,
    job: OutboxJobRow,
    lookups: ReferenceLookups | null = null,
  ): Promise<Prepared | null> {
    const { connection, connector } = unit;
    if (!this.existingDocumentId(job.entity_id)) {
      this.settle(job, 'superseded', 'The document was deleted before it was sent.', null, null, unit);
      return null;
    }
    const document = await this.deps.loadDocument(job.entity_id);
    const { revision } = payloadOf(job);
    if (document.status !== 'approved' || document.revision !== revision) {
      // A create that already made an attempt may have been applied with the answer lost. Superseding it would
      // leave that record behind unknown to us (a later cancel would find nothing to remove, a later revision
      // would create a duplicate), so it is replayed with the same key to learn its id.
      const mayHaveCreated =
        (job.attempts > 0 || job.dispatched_at !== null) &&
        !findLink(this.db, connection.id, 'document', document.id);
      if (!mayHaveCreated) {
        this.settleStale(unit, job, document, revision);
        return null;
      }
    }
    this.tx(() => this.ledger.setSync(document.id, connection.id, 'sending', null));
    const supplier = await this.deps.loadSupplier(document.supplierId);
    const resolved = await this.withReferenceLock(connection.id, () =>
      resolveReferences({
        db: this.db,
        connector,
        ctx,
        connection,
        document,
        supplier,
        log: this.log,
        now: this.now,
        ...(lookups ? { lookups } : {}),
      }),
    );
    if (resolved.kind === 'needs_user') {
      this.settle(job, 'failed', resolved.message, resolved.detail ?? null, document, unit);
      return null;
    }
    if (resolved.kind === 'waiting') {
      this.settle(job, 'waiting', resolved.message, null, document, unit);
      return null;
    }
    const link = findLink(this.db, connection.id, 'document', document.id);
    // An invoice or receipt made from an order links to it in the other system once the order is there.
    const orderLink = document.linkedDocumentId
      ? findLink(this.db, connection.id, 'document', document.linkedDocumentId)
      : null;
    const outgoing: OutgoingDocument = {
      document,
      supplier,
      references: resolved.references,
      existing: link ? { externalId: link.external_id, syncToken: link.sync_token } : null,
      idempotencyKey: job.idempotency_key,
      mayExist: job.dispatched_at !== null || job.attempts > 0,
      linkedDocument:
        orderLink && document.linkedDocumentId
          ? { documentId: document.linkedDocumentId, externalId: orderLink.external_id }
          : null,
      attachments: this.filesToSend(document.id, connection.id),
    };
    return { job, document, outgoing, payloadHash: hashPayload(outgoing) };
  }

  /** The document's files not yet on this connection: all of them the first time, then those added since. */
  private filesToSend(documentId: string, connectionId: string): OutgoingAttachment[] {
    const files = this.deps.attachments?.(documentId) ?? [];
    if (files.length === 0) return files;
    const delivered = deliveredIds(this.db, documentId, connectionId);
    return files.filter((f) => !delivered.has(f.id));
  }

  private async runCancel(unit: Unit, ctx: ConnectorContext, job: OutboxJobRow): Promise<void> {
    const { connection, connector } = unit;
    if (this.abort.signal.aborted) return this.release(unit, job, 'stopped');
    let document: DocumentT | null = null;
    try {
      if (!this.existingDocumentId(job.entity_id)) {
        this.settle(job, 'superseded', 'The document was deleted.', null, null, unit);
        return;
      }
      document = await this.deps.loadDocument(job.entity_id);
      const link = findLink(this.db, connection.id, 'document', document.id);
      if (!link) {
        const doc = document;
        this.tx(() => {
          this.ledger.finishJob(job, 'done', null);
          this.ledger.setSync(
            doc.id,
            connection.id,
            'not_sent',
            `Never created in ${connector.label}; nothing to remove.`,
          );
          this.log.append({
            documentId: doc.id,
            connectionId: connection.id,
            action: 'cancel_document',
            result: 'info',
            message: `Nothing to remove in ${connector.label}: the document was never created there`,
            detail: `job ${job.id} (${job.idempotency_key})`,
          });
        });
        return;
      }
      this.tx(() => this.ledger.setSync(document!.id, connection.id, 'sending', null));
      const supplier = await this.deps.loadSupplier(document.supplierId);
      const outgoing: OutgoingDocument = {
        document,
        supplier,
        references: {},
        existing: { externalId: link.external_id, syncToken: link.sync_token },
        idempotencyKey: job.idempotency_key,
      };
      this.ledger.markDispatched([job]);
      const outcome = await connector.cancelDocument(ctx, outgoing);
      if (!outcome.ok) {
        this.applyError(unit, job, outcome.error, document);
        return;
      }
      const doc = document;
      const noun = DOCUMENT_NOUN[doc.type];
      const message = `Canceled ${noun} ${outcome.externalId} in ${connector.label}`;
      this.tx(() => {
        upsertLink(this.db, {
          connectionId: connection.id,
          entityType: 'document',
          entityId: doc.id,
          externalId: outcome.externalId,
          syncToken: outcome.syncToken,
          payloadHash: link.payload_hash,
          now: this.now(),
        });
        this.ledger.finishJob(job, 'done', null);
        this.ledger.setSync(doc.id, connection.id, 'sent', message, outcome.externalId);
        this.log.append({
          documentId: doc.id,
          connectionId: connection.id,
          action: 'cancel_document',
          result: 'success',
          message: outcome.message ? `${message} — ${outcome.message}` : message,
          detail: [`attempt ${job.attempts + 1}`, `key ${job.idempotency_key}`, outcome.detail]
            .filter(Boolean)
            .join('; '),
        });
      });
    } catch (error) {
      if (this.abort.signal.aborted) this.release(unit, job, 'stopped');
      else this.applyError(unit, job, classifyError(error), document);
    }
  }

  // ---------- outcomes ----------

  private applySent(unit: Unit, p: Prepared, outcome: Extract<SendOutcome, { ok: true }>): void {
    const { connection, connector } = unit;
    const noun = DOCUMENT_NOUN[p.document.type];
    // The other system's id means nothing to a bookkeeper next to the connector's own sentence (which names the
    // document as they know it); it stays in the log's detail and on the document's page ("Their id").
    const message = outcome.message
      ? `${p.outgoing.existing ? `Updated in ${connector.label}` : `Sent to ${connector.label}`} — ${outcome.message}`
      : p.outgoing.existing
        ? `Updated ${noun} ${outcome.externalId} in ${connector.label}`
        : `Sent to ${connector.label} as ${noun} ${outcome.externalId}`;
    this.tx(() => {
      const { conflictWith } = upsertLink(this.db, {
        connectionId: connection.id,
        entityType: 'document',
        entityId: p.document.id,
        externalId: outcome.externalId,
        syncToken: outcome.syncToken,
        payloadHash: p.payloadHash,
        now: this.now(),
      });
      if (conflictWith) {
        // The system says it stored this document under an id we already hold for another one: never guess.
        this.settle(
          p.job,
          'failed',
          `${connector.label} answered with ${noun} ${outcome.externalId}, which is already linked to another document here. Check both documents in ${connector.label} before sending again.`,
          `external id ${outcome.externalId} already linked to document ${conflictWith}`,
          p.document,
          unit,
        );
        return;
      }
      this.ledger.finishJob(p.job, 'done', null);
      this.ledger.setSync(p.document.id, connection.id, 'sent', message, outcome.externalId);
      // Each file that went (or that the system does not take) is not offered to this connection again.
      const offered = new Set((p.outgoing.attachments ?? []).map((a) => a.id));
      recordDeliveries(
        this.db,
        connection.id,
        (outcome.files ?? [])
          .filter((f) => offered.has(f.id) && f.status !== 'failed')
          .map((f) => ({
            attachmentId: f.id,
            status: f.status === 'sent' ? 'sent' : 'not_taken',
            externalId: f.externalId ?? null,
          })),
        this.now(),
      );
      this.log.append({
        documentId: p.document.id,
        connectionId: connection.id,
        action: 'send_document',
        result: 'success',
        message,
        detail: [
          `attempt ${p.job.attempts + 1}`,
          `key ${p.job.idempotency_key}`,
          `external id ${outcome.externalId}`,
          // A version number (QuickBooks' SyncToken) helps when reading the log; a long one (Xero's kept line
          // ids, ~55 characters a line) would only bloat it.
          outcome.syncToken !== null && outcome.syncToken.length <= 40
            ? `sync token ${outcome.syncToken}`
            : null,
          outcome.detail,
        ]
          .filter(Boolean)
          .join('; '),
      });
    });
  }

  /** Acts on a classified failure (jobs.ts: reconnect, fail, or retry with backoff); returns its kind. */
  private applyError(
    unit: Unit,
    job: OutboxJobRow,
    error: ConnectorError,
    document: DocumentT | null,
  ): ConnectorError['kind'] {
    const kind = this.ledger.applyFailure(job, this.target(unit, job, document), error);
    return kind === 'mapping' ? 'needs_user' : kind;
  }

  /** Ends a job that needs the user (failed) or is waiting for a pairing or a reconnect (waiting). */
  private settle(
    job: OutboxJobRow,
    status: 'failed' | 'waiting' | 'superseded',
    message: string,
    detail: string | null,
    document: DocumentT | null,
    unit: Unit,
  ): void {
    this.ledger.settle(job, this.target(unit, job, document), status, message, detail);
  }

  /** The document changed (revised, canceled, re-approved) after the job was queued: the job is moot. */
  private settleStale(unit: Unit, job: OutboxJobRow, document: DocumentT, revision: number): void {
    const linked = findLink(this.db, unit.connection.id, 'document', document.id) !== undefined;
    this.ledger.settleStale(job, this.target(unit, job, document), document, revision, linked);
  }

  /**
   * Puts a claimed job back without counting an attempt: the worker is stopping (logged), or another job of the
   * unit hit an expired authorization (the job waits for the reconnect like every other job of the connection).
   */
  private release(unit: Unit, job: OutboxJobRow, why: 'stopped' | null): void {
    const target = this.target(unit, job, null);
    this.ledger.release(job, target, {
      sync: 'if-sending',
      log:
        why === 'stopped'
          ? {
              documentId: target.documentId,
              action: job.kind,
              result: 'info',
              message: 'Interrupted because Ledgerbridge was stopping; it resumes on the next start',
              detail: `job ${job.id} (${job.idempotency_key})`,
            }
          : undefined,
    });
  }

  private target(unit: Unit, job: OutboxJobRow, document: DocumentT | null): JobTarget {
    return {
      connectionId: unit.connection.id,
      label: unit.connector.label,
      documentId: document?.id ?? this.existingDocumentId(job.entity_id),
    };
  }

  // ---------- helpers ----------

  private async withReferenceLock<T>(connectionId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.referenceLocks.get(connectionId) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.referenceLocks.set(connectionId, tail);
    try {
      return await run;
    } finally {
      if (this.referenceLocks.get(connectionId) === tail) this.referenceLocks.delete(connectionId);
    }
  }

  private existingDocumentId(id: string): string | null {
    return this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) ? id : null;
  }

  private tx<T>(fn: () => T): T {
    return this.events.tx(fn);
  }

  private emit(event: AppEvent): void {
    this.events.emit(event);
  }
}

/** Consecutive send jobs travel together, up to batchSize; a cancel always goes alone. */
export function groupIntoUnits(jobs: OutboxJobRow[], batchSize: number): OutboxJobRow[][] {
  const units: OutboxJobRow[][] = [];
  let current: OutboxJobRow[] = [];
  for (const job of jobs) {
    if (job.kind === 'send_document' && current.length < batchSize) {
      current.push(job);
      continue;
    }
    if (current.length) units.push(current);
    current = [];
    if (job.kind === 'send_document') current.push(job);
    else units.push([job]);
  }
  if (current.length) units.push(current);
  return units;
}
