// One Web Connector session as a conversation with QuickBooks (QbdConversation, exchange.ts): the host first
// (host.ts), then lists when an import is requested, then the outbox — a refused message's groups first
// (refusal.ts), vendor updates, then the ready jobs in outbox order, each planned by the unit of its kind — then
// payments. Each message (message.ts) remembers which unit planned each request, so each answer is applied by
// it; a request that gets no answer is released by it. The session's progress and summary are kept here.
import { countReadyJobs, hasJobWaitingForAccess, readyJob } from '../../sync/jobs.js';
import type { OutboxJobRow } from '../../sync/outbox.js';
import type { QbdConversation, QbdHostInfo, QbdSessionSummary } from './exchange.js';
import { readHost } from './host.js';
import { jobOwner, Message } from './message.js';
import type { QbxmlResponse } from './qbxml/types.js';
import { References } from './references.js';
import { isParseRefusal, Refusals } from './refusal.js';
import { SessionContext, type QbdEngineDeps } from './session-context.js';
import { updateState } from './state.js';
import type { QbdUnit, QbdUnitFactory, Release } from './unit.js';
import { DocumentsUnit } from './units/documents.js';
import { ListsUnit } from './units/lists.js';
import { PaymentsUnit } from './units/payments.js';
import { VendorUpdatesUnit } from './units/vendor-updates.js';

export class Session implements QbdConversation {
  private readonly ctx: SessionContext;
  private readonly references: References;
  private readonly lists: ListsUnit;
  private readonly vendorUpdates: VendorUpdatesUnit;
  private readonly documents: DocumentsUnit;
  private readonly payments: PaymentsUnit;
  private readonly refusals: Refusals;
  /** The unit of each outbox job kind. */
  private readonly jobUnits = new Map<string, QbdUnit<never>>();

  private started = false;
  /** The session answered 100: it did everything it had to do (the connection's first such run connects it). */
  private finished = false;
  private fatal: string | null = null;
  private lastErrorText = '';
  private messageNo = 0;
  /** The message in flight. */
  private inFlight: Message | null = null;
  /** QuickBooks took a document of this session and refused none: the jobs that waited for access were released. */
  private accessShown = false;
  /** The last exact count of ready jobs, and how many documents were done then (see percent). */
  private counted: { ready: number; done: number; message: number } | null = null;

  constructor(
    deps: QbdEngineDeps,
    connectionId: string,
    sessionId: string,
    units: readonly QbdUnitFactory[],
  ) {
    const ctx = new SessionContext(deps, connectionId, sessionId);
    this.ctx = ctx;
    this.references = new References(ctx);
    this.lists = new ListsUnit(ctx);
    this.vendorUpdates = new VendorUpdatesUnit(ctx);
    this.documents = new DocumentsUnit(ctx, this.references);
    this.payments = new PaymentsUnit(ctx);
    for (const unit of [this.documents, ...units.map((make) => make({ ctx, references: this.references }))]) {
      for (const kind of unit.jobKinds) {
        if (this.jobUnits.has(kind)) throw new Error(`Two QuickBooks Desktop units send '${kind}' jobs`);
        this.jobUnits.set(kind, unit);
      }
    }
    this.refusals = new Refusals(ctx, this.vendorUpdates, (job) => this.unitFor(job));
  }

  // ---------------------------------------------------------------------------------------------------------
  // QbdConversation

  nextRequest(host: QbdHostInfo | null): string {
    if (!this.started) {
      this.started = true;
      this.start(host);
    }
    if (this.fatal) {
      if (this.ctx.summary.messages > 0) return '';
      // One harmless request, so receiveResponse can end the session with an error the Web Connector shows.
      const message = this.newMessage();
      message.add({ type: 'CompanyQuery', requestID: 'company', body: {} }, NOTHING, {
        kind: 'companyCheck',
      });
      return this.send(message);
    }
    const message = this.build();
    if (message.size === 0) return '';
    return this.send(message);
  }

  receiveResponse(answer: { response: string; hresult: string; message: string }): number {
    const message = this.inFlight ?? this.newMessage();
    this.inFlight = null;
    if (this.fatal) return -1;
    const { ctx } = this;
    if (answer.hresult || !answer.response.trim()) {
      if (isParseRefusal(answer.hresult, answer.message) && this.refusals.isolate(message, answer)) {
        return this.percent();
      }
      const classified = ctx.wire.classifyHresult(answer.hresult || '', answer.message || '');
      ctx.problem(answer.hresult || 'no-response', classified.userMessage);
      this.releaseAll(message, classified);
      this.lastErrorText = classified.userMessage;
      return -1;
    }
    let responses: QbxmlResponse[];
    try {
      responses = ctx.wire.parseResponse(answer.response);
    } catch (error) {
      const text = `QuickBooks answered with a message Ledgerbridge could not read (${error instanceof Error ? error.message : String(error)}). The documents in it will be checked on the next run.`;
      ctx.problem('unreadable-response', text);
      this.releaseAll(message, { kind: 'transient', userMessage: text });
      this.lastErrorText = text;
      return -1;
    }
    ctx.tx(() => {
      const byId = new Map(responses.map((r) => [r.requestID, r]));
      for (const [requestID, p] of message.outstanding) {
        const response = byId.get(requestID);
        if (!response) {
          p.release({
            kind: 'transient',
            userMessage: 'QuickBooks did not answer this request; it is sent again on the next run.',
          });
          continue;
        }
        if (response.unreadable && p.unreadable(response, response.unreadable)) continue;
        p.apply(response);
      }
      this.documents.outcomes.flushSent();
      this.releaseIfAccessShown();
    });
    if (this.fatal) {
      this.lastErrorText = this.fatal;
      return -1;
    }
    // Finish what the last answers completed, so the percentage can say 100 without another round trip.
    this.lists.finishIfDone();
    this.payments.finishIfDone();
    const percent = this.percent();
    if (percent === 100) this.finished = true;
    return percent;
  }

  /**
   * Documents that wait because QuickBooks refused Ledgerbridge's access go back in the queue (and in this session)
   * once a session shows access works: QuickBooks took a document and refused none. Once per session, so one refused
   * again waits for the next change instead of being tried again and again; a run that shows nothing (no document
   * taken) leaves them waiting, as the connection's refusal says.
   */
  private releaseIfAccessShown(): void {
    const { ctx } = this;
    if (this.accessShown || ctx.authLost || ctx.summary.documentsSent === 0) return;
    this.accessShown = true;
    if (ctx.ledger.resumeWaiting(ctx.connectionId, 'access') > 0) this.counted = null;
  }

  connectionError(hresult: string, message: string): void {
    const classified = this.ctx.wire.classifyHresult(hresult, message);
    this.ctx.problem(hresult || 'connection', classified.userMessage);
    this.lastErrorText = classified.userMessage;
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight) this.releaseAll(inFlight, classified);
  }

  lastError(): string {
    return this.fatal ?? this.lastErrorText;
  }

  close(): QbdSessionSummary {
    const { ctx } = this;
    const { summary } = ctx;
    const inFlight = this.inFlight;
    this.inFlight = null;
    const at = ctx.now();
    ctx.tx(() => {
      this.lists.stop();
      if (inFlight)
        this.releaseAll(inFlight, {
          kind: 'transient',
          userMessage:
            'The Web Connector session ended before QuickBooks answered; checked again on the next run.',
        });
      const ok = this.fatal === null && summary.documentsFailed === 0 && summary.problems.length === 0;
      const parts = [
        `${summary.documentsSent} document${summary.documentsSent === 1 ? '' : 's'} sent`,
        summary.documentsFailed ? `${summary.documentsFailed} failed` : null,
        summary.listRecords ? `${summary.listRecords} list records imported` : null,
        summary.paymentsImported ? `${summary.paymentsImported} payments imported` : null,
      ].filter(Boolean);
      const when = at.toISOString().slice(0, 16).replace('T', ' ');
      // The connection is connected once a Web Connector run has done everything it had to (the first one reads
      // every list); until then it waits for that run, whatever earlier runs that stopped did.
      const connectedAt = ctx.db
        .prepare<[string], { connected_at: string | null }>(
          'SELECT connected_at FROM connections WHERE id = ?',
        )
        .get(ctx.connectionId)?.connected_at;
      const first = connectedAt === null && !this.fatal && !ctx.authLost;
      if (first && this.finished)
        ctx.db
          .prepare('UPDATE connections SET connected_at = ? WHERE id = ?')
          .run(at.toISOString(), ctx.connectionId);
      const message = this.fatal
        ? `Last Web Connector session (${when} UTC) stopped: ${this.fatal}`
        : first && !this.finished
          ? `The first Web Connector run (${when} UTC) stopped before it finished; what it read is kept. On the QuickBooks computer, open the QuickBooks Web Connector and click Update Selected: the next run goes on where this one stopped.`
          : `Last Web Connector session (${when} UTC): ${parts.join(', ')}.` +
            (summary.problems.length ? ` Problem: ${summary.problems[0]!.message}` : '');
      updateState(
        ctx.db,
        ctx.connectionId,
        { last_session_at: at.toISOString(), last_session_ok: ok ? 1 : 0, last_session_message: message },
        at,
      );
      if (ctx.authLost) ctx.ledger.setConnectionStatus(ctx.connectionId, 'needs_reconnect', ctx.authLost);
      else if (
        ctx.connection.status === 'needs_reconnect' &&
        hasJobWaitingForAccess(ctx.db, ctx.connectionId)
      ) {
        // Nothing this run did showed that QuickBooks allows access now: the refusal and its fix stay on the card.
      } else if (first && !this.finished)
        ctx.ledger.setConnectionStatus(ctx.connectionId, ctx.connection.status, message);
      else ctx.ledger.setConnectionStatus(ctx.connectionId, this.fatal ? 'error' : 'connected', message);
    });
    return { ...summary, problems: [...summary.problems] };
  }

  // ---------------------------------------------------------------------------------------------------------
  // start: host, company, closing date; jobs a crash left running

  private start(host: QbdHostInfo | null): void {
    const { ctx } = this;
    ctx.tx(() => {
      // A crashed session (or process) may have left jobs claimed; only one session per connection runs at a time.
      // Waiting jobs stay waiting: one waiting for a pairing cannot go (pairing it queues it), and one QuickBooks
      // refused access goes once something changed (releaseIfAccessShown, or the bookkeeper's qbd.retryAccess), not
      // at every run, each refused again with a log entry.
      ctx.ledger.recoverAfterCrash(ctx.connectionId);
      if (host) {
        const read = readHost(ctx.db, {
          connectionId: ctx.connectionId,
          host,
          companyFile: ctx.settings.companyFile,
          wire: ctx.wire,
          now: ctx.now(),
        });
        ctx.state = read.state;
        this.fatal = read.fatal;
      }
      if (ctx.state.qbxml_version) ctx.version = ctx.state.qbxml_version;
    });
    ctx.progress('Connected to QuickBooks');
  }

  // ---------------------------------------------------------------------------------------------------------
  // building a message

  private newMessage(): Message {
    return new Message(this.messageNo + 1, this.ctx.wire, this.ctx.version);
  }

  private send(message: Message): string {
    let xml: string;
    try {
      xml = message.assemble();
    } catch (error) {
      // Every document request was built alone first, so this is a bug of ours; nothing left yet.
      this.releaseAll(message, {
        kind: 'needs_user',
        userMessage: `Ledgerbridge could not write the request for QuickBooks: ${error instanceof Error ? error.message : String(error)}`,
      });
      throw error;
    }
    this.inFlight = message;
    this.messageNo += 1;
    this.ctx.summary.messages += 1;
    this.ctx.summary.requests += message.size;
    return xml;
  }

  private build(): Message {
    const message = this.newMessage();
    this.lists.plan(message);
    if (message.size > 0) return message;
    this.ctx.tx(() => {
      this.buildJobs(message);
      this.documents.outcomes.flushClaims();
    });
    if (message.size > 0) return message;
    this.payments.plan(message);
    return message;
  }

  /** Fills the message with outbox work, in outbox order, references before the documents that need them. */
  private buildJobs(message: Message): void {
    const { ctx } = this;
    // Units of a refused message go first, one group per message, until each group is through or has failed.
    if (this.refusals.planGroup(message, (jobs) => this.planJobs(message, jobs))) return;
    this.vendorUpdates.plan(message);
    const jobs = ctx.ledger
      .readyJobs(ctx.connectionId, ctx.batchSize * 4 + ctx.deferred.size)
      .filter((j) => !ctx.deferred.has(j.id));
    this.planJobs(message, jobs);
  }

  private planJobs(message: Message, jobs: OutboxJobRow[]): void {
    const budget = this.ctx.batchSize;
    // What the jobs likely to fit need, read together; the rest is read one by one if they are reached.
    const ahead = jobs.slice(0, budget + 10);
    const units = new Set([...this.jobUnits.values()]);
    for (const unit of units) unit.readAhead?.(ahead.filter((j) => this.jobUnits.get(j.kind) === unit));
    try {
      for (const job of jobs) {
        if (message.size >= budget) break;
        message.for(jobOwner(job.id), () => this.unitFor(job).plan(message, job));
      }
    } finally {
      for (const unit of units) unit.forget?.();
    }
  }

  /** The unit that sends jobs of this kind; one nobody sends fails (with what to do) instead of blocking the queue. */
  private unitFor(job: OutboxJobRow): QbdUnit<never> {
    return this.jobUnits.get(job.kind) ?? unknownKind(this.ctx);
  }

  /** The requests of a message that will not be answered go back to their units. */
  private releaseAll(message: Message, why: Release): void {
    this.ctx.tx(() => {
      for (const p of message.outstanding.values()) p.release(why);
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // progress

  private percent(): number {
    const { ctx } = this;
    // Counting the ready jobs reads the whole queue's index; between counts (every 10 messages, and every message
    // near the end) the documents done since are subtracted instead.
    const estimate = this.counted ? this.counted.ready - (ctx.documentsDone - this.counted.done) : 0;
    if (!this.counted || this.messageNo - this.counted.message >= 10 || estimate <= ctx.batchSize * 2) {
      const ready = countReadyJobs(ctx.db, ctx.connectionId, ctx.now());
      this.counted = { ready, done: ctx.documentsDone, message: this.messageNo };
    }
    let remaining = this.counted.ready - (ctx.documentsDone - this.counted.done) - this.deferredPending();
    // Jobs queued behind one that waits for the bookkeeper cannot go now: say 100 rather than keep the Web
    // Connector waiting (NoOp) for nothing.
    if (
      remaining > 0 &&
      !ctx.ledger
        .readyJobs(ctx.connectionId, ctx.batchSize * 4 + ctx.deferred.size)
        .some((j) => !ctx.deferred.has(j.id))
    )
      remaining = 0;
    remaining += this.vendorUpdates.remaining();
    const listsLeft = this.lists.left();
    const left = Math.max(0, remaining) + listsLeft + this.payments.remaining();
    const done = ctx.documentsDone + this.lists.done() + ctx.summary.paymentsImported;
    ctx.progress(`${ctx.documentsDone} documents done, ${Math.max(0, remaining)} waiting`, done, done + left);
    if (left === 0) return 100;
    return Math.min(99, Math.max(1, Math.floor((100 * done) / (done + left))));
  }

  private deferredPending(): number {
    const { ctx } = this;
    if (ctx.deferred.size === 0) return 0;
    let n = 0;
    const now = ctx.now();
    for (const id of ctx.deferred) if (readyJob(ctx.db, id, ctx.connectionId, now)) n += 1;
    return n;
  }
}

/** The answer to the one harmless request of a session that cannot go on: nothing to apply. */
const NOTHING = { apply: () => undefined, release: () => undefined };

/** A job of a kind no unit of this session sends (a unit not registered): failed with what to do. */
function unknownKind(ctx: SessionContext): QbdUnit<never> {
  const fail = (job: OutboxJobRow) =>
    ctx.ledger.settle(
      job,
      ctx.target(null),
      'failed',
      `This QuickBooks Desktop connection cannot send '${job.kind}' jobs in this version of Ledgerbridge. Queue the item again from its page.`,
      null,
    );
  return {
    kinds: [],
    jobKinds: [],
    plan: (_message, job) => fail(job),
    apply: () => undefined,
    release: () => undefined,
    failRefused: (job) => fail(job),
  };
}
