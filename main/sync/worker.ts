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
import type { Database } from 'better-sqlite3';
import type { AppEvent, ConnectionT, DocumentT, SupplierT } from '../../preload/contract.js';
import {
  ConnectorError,
  isPush,
  type Connector,
  type ConnectorContext,
  type SendOutcome,
  type OutgoingAttachment,
  type SyncPolicy,
} from '../connectors/contract.js';
import { runCancel } from './cancel-job.js';
import { classifyError } from './classify.js';
import { connectionLabel, loadConnection } from './connections.js';
import { EventsAfterCommit } from './events-after-commit.js';
import { JobLedger } from './jobs.js';
import { createIntegrationLog, type IntegrationLog } from './log.js';
import { prefetchUnitReferences, prepareSend, type Prepared } from './prepare-send.js';
import { RollingWindowLimiter, realSleep, type Sleep } from './rate-limiter.js';
import { composeRedact, describeError, type Redact } from './redact.js';
import { groupIntoUnits, type Unit, type UnitScope } from './unit.js';
import { UnitOutcomes } from './unit-outcomes.js';

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

export { groupIntoUnits };

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
  /** What becomes of each job of a unit (unit-outcomes.ts). */
  private readonly outcomes: UnitOutcomes;
  /** The worker as the code that runs a unit sees it (prepare-send.ts, cancel-job.ts). */
  private readonly scope: UnitScope;

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
    this.outcomes = new UnitOutcomes({
      db: this.db,
      ledger: this.ledger,
      log: this.log,
      now: this.now,
      tx: (fn) => this.tx(fn),
    });
    this.scope = {
      db: this.db,
      ledger: this.ledger,
      log: this.log,
      outcomes: this.outcomes,
      now: this.now,
      tx: (fn) => this.tx(fn),
      stopping: () => this.abort.signal.aborted,
      loadDocument: (id) => deps.loadDocument(id),
      loadSupplier: (id) => deps.loadSupplier(id),
      attachments: (documentId) => deps.attachments?.(documentId) ?? [],
      withReferenceLock: (connectionId, fn) => this.withReferenceLock(connectionId, fn),
    };
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
    let nextDue: number | null = null;
    for (const connectionId of this.ledger.pendingConnectionIds()) {
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
      const due = this.ledger.nextDue(connectionId, now);
      if (due) {
        const ms = Math.max(0, due.getTime() - now.getTime());
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
      for (const job of unit.jobs) this.outcomes.settle(job, 'waiting', hold, null, null, unit);
      return;
    }
    const ctx = this.connectorContext(unit.connection, unit.policy);
    if (unit.jobs[0]?.kind === 'cancel_document') {
      for (const job of unit.jobs) await runCancel(this.scope, unit, ctx, job);
      return;
    }
    const prepared: Prepared[] = [];
    const lookups = await prefetchUnitReferences(this.scope, unit, ctx);
    let blocked = false; // after an auth failure nothing else on this connection is tried
    for (const job of unit.jobs) {
      if (this.abort.signal.aborted || blocked) {
        this.outcomes.release(unit, job, blocked ? null : 'stopped');
        continue;
      }
      try {
        const item = await prepareSend(this.scope, unit, ctx, job, lookups);
        if (item) prepared.push(item);
      } catch (error) {
        if (this.abort.signal.aborted) {
          this.outcomes.release(unit, job, 'stopped');
          continue;
        }
        const kind = this.outcomes.applyError(unit, job, classifyError(error), null);
        if (kind === 'auth') blocked = true;
      }
    }
    if (prepared.length === 0) return;
    if (this.abort.signal.aborted || blocked) {
      for (const p of prepared) this.outcomes.release(unit, p.job, blocked ? null : 'stopped');
      return;
    }
    // From here the other system may receive these documents even if no answer ever comes back.
    this.ledger.markDispatched(prepared.map((p) => p.job));
    let answers: SendOutcome[];
    try {
      answers = await unit.connector.sendDocuments(
        ctx,
        prepared.map((p) => p.outgoing),
      );
    } catch (error) {
      for (const p of prepared) {
        if (this.abort.signal.aborted) this.outcomes.release(unit, p.job, 'stopped');
        else this.outcomes.applyError(unit, p.job, classifyError(error), p.document);
      }
      return;
    }
    prepared.forEach((p, index) => {
      const outcome = answers[index];
      if (!outcome) {
        this.outcomes.applyError(
          unit,
          p.job,
          new ConnectorError(
            'transient',
            `${connectionLabel(unit.connection, unit.connector.label)} did not answer for this document.`,
            {
              detail: `sendDocuments returned ${answers.length} outcomes for ${prepared.length} documents`,
            },
          ),
          p.document,
        );
      } else if (outcome.ok) {
        this.outcomes.applySent(unit, p, outcome);
      } else {
        this.outcomes.applyError(unit, p.job, outcome.error, p.document);
      }
    });
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

  private tx<T>(fn: () => T): T {
    return this.events.tx(fn);
  }

  private emit(event: AppEvent): void {
    this.events.emit(event);
  }
}
