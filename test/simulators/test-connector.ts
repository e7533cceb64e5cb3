// A real, stateful in-memory accounting system behind the Connector contract, for the sync engine's tests.
// It keeps vendors, list records and documents; enforces unique names and duplicate document numbers; checks
// SyncTokens on update; honours idempotency keys (a key that already succeeded returns its first answer without
// writing again — failures are not cached, so a corrected resend goes through); enforces its own rate limit
// (counting violations, answering 429); and can be scripted to fail. Every call is recorded with its time.
import { z } from 'zod';
import {
  ConnectorError,
  type PushConnector,
  type ConnectResult,
  type ConnectorContext,
  type SignInRequest,
  type ExternalMatch,
  type OutgoingDocument,
  type ReferenceKind,
  type ReferenceOutcome,
  type ReferenceRecord,
  type SendOutcome,
  type SyncPolicy,
} from '../../main/connectors/contract.js';
import type { ConnectionT } from '../../preload/contract.js';

export type Fault =
  | { type: 'transient'; message?: string; retryAfterMs?: number; detail?: string }
  | { type: 'needs_user'; message?: string; detail?: string }
  | { type: 'auth'; detail?: string }
  /** A raw Error as a buggy client or the network stack would throw it. */
  | { type: 'throw'; error?: Error }
  /** Apply the write, then lose the answer (a transient error reaches the caller). */
  | { type: 'lose_answer' };

export type Method =
  | 'findReferences'
  | 'createReference'
  | 'findReferencesBulk'
  | 'createReferences'
  | 'sendDocuments'
  | 'cancelDocument'
  | 'test'
  | 'connect';

export interface CallRecord {
  method: Method;
  /** Time from the injected clock when the call passed the rate limiter. */
  at: number;
  connectionId: string;
  /** Idempotency keys of the documents in the call. */
  keys: string[];
  documentNumbers: string[];
  kind?: ReferenceKind;
  name?: string;
  fault?: Fault['type'];
  /** Writes actually applied by this call (not answered from the idempotency cache). */
  applied: number;
}

export interface StoredDocument {
  externalId: string;
  type: string;
  number: string;
  supplierExternalId: string;
  total: string;
  syncToken: number;
  voided: boolean;
  revision: number;
  idempotencyKeys: string[];
}

export interface StoredReference {
  externalId: string;
  kind: ReferenceKind;
  name: string;
  data: unknown;
}

interface ScriptEntry {
  fault: Fault;
  remaining: number;
  method: Method | undefined;
}

export interface TestConnectorOptions {
  system?: string;
  label?: string;
  policy?: Partial<SyncPolicy>;
  /** The clock calls are stamped with (ms). Default Date.now. */
  now?: () => number;
  /** Real milliseconds each call takes (lets concurrency show). Default 0 (one macrotask). */
  latencyMs?: number;
  /** Offer findReferencesBulk and createReferences (many names, many suppliers in one call). Default false. */
  bulk?: boolean;
  /** Connector.createsReferenceKinds. Default: not stated (every kind). */
  createsReferenceKinds?: readonly ReferenceKind[];
}

export class TestConnector implements PushConnector {
  readonly system: string;
  readonly label: string;
  readonly settingsSchema = z.object({}).catchall(z.unknown());
  readonly createsReferenceKinds?: readonly ReferenceKind[];
  policyValue: SyncPolicy;

  readonly references = new Map<ReferenceKind, Map<string, StoredReference>>();
  readonly documents = new Map<string, StoredDocument>();
  readonly calls: CallRecord[] = [];
  rateLimitViolations = 0;
  maxInFlight = 0;

  private readonly idempotency = new Map<string, Extract<SendOutcome, { ok: true }>>();
  private readonly script: ScriptEntry[] = [];
  private readonly rejections = new Map<string, Fault & { type: 'needs_user' }>();
  private readonly startTimes: number[] = [];
  private inFlight = 0;
  private nextId = 1000;
  private gate: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly latencyMs: number;

  findReferencesBulk?: (
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ) => Promise<Map<string, ExternalMatch[]>>;
  createReferences?: (
    ctx: ConnectorContext,
    records: readonly ReferenceRecord[],
  ) => Promise<ReferenceOutcome[]>;

  constructor(options: TestConnectorOptions = {}) {
    if (options.bulk) {
      this.findReferencesBulk = (ctx, kind, names) => this.findMany(ctx, kind, names);
      this.createReferences = (ctx, records) => this.createMany(ctx, records);
    }
    this.system = options.system ?? 'test_ledger';
    this.label = options.label ?? 'Test Ledger';
    if (options.createsReferenceKinds) this.createsReferenceKinds = options.createsReferenceKinds;
    this.policyValue = { concurrency: 1, requestsPerMinute: 10_000, batchSize: 1, ...options.policy };
    this.now = options.now ?? Date.now;
    this.latencyMs = options.latencyMs ?? 0;
  }

  // ---------- scripting ----------

  /** The next `times` calls (of `method`, or of any method) fail with `fault`. Entries are used in order. */
  failNext(fault: Fault, options: { times?: number; method?: Method } = {}): this {
    this.script.push({ fault, remaining: options.times ?? 1, method: options.method });
    return this;
  }

  /** Every send of the document with this number is refused (validation), until cleared. */
  rejectDocument(number: string, message = `Document ${number} is not valid.`): this {
    this.rejections.set(number, { type: 'needs_user', message });
    return this;
  }

  clearRejection(number: string): this {
    this.rejections.delete(number);
    return this;
  }

  /** Calls wait at the gate (after being recorded) until release() is called. */
  hold(): { release: () => void } {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => {
      release = () => {
        this.gate = null;
        resolve();
      };
    });
    return { release };
  }

  seed(kind: ReferenceKind, name: string, data: unknown = {}): string {
    const externalId = this.newId(kind);
    this.referenceMap(kind).set(externalId, { externalId, kind, name, data });
    return externalId;
  }

  callsOf(method: Method): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  liveDocuments(): StoredDocument[] {
    return [...this.documents.values()].filter((d) => !d.voided);
  }

  // ---------- the Connector contract ----------

  policy(_connection: ConnectionT): SyncPolicy {
    return this.policyValue;
  }

  async connect(ctx: ConnectorContext, _signIn?: SignInRequest): Promise<ConnectResult> {
    await this.enter(ctx, 'connect', {});
    this.leave();
    return { authorizeUrl: null };
  }

  async test(ctx: ConnectorContext) {
    await this.enter(ctx, 'test', {});
    this.leave();
    return { ok: true, message: `Connected to ${this.label}.` };
  }

  async findReferences(ctx: ConnectorContext, kind: ReferenceKind, name: string): Promise<ExternalMatch[]> {
    const { fault } = await this.enter(ctx, 'findReferences', { kind, name });
    try {
      if (fault) this.raise(fault);
      return [...this.referenceMap(kind).values()]
        .filter((r) => r.name.toLowerCase() === name.toLowerCase())
        .map((r) => ({ externalId: r.externalId, name: r.name }));
    } finally {
      this.leave();
    }
  }

  /** Each name answered as findReferences answers it, in one call (recorded with the names joined by '|'). */
  private async findMany(
    ctx: ConnectorContext,
    kind: ReferenceKind,
    names: readonly string[],
  ): Promise<Map<string, ExternalMatch[]>> {
    const { fault } = await this.enter(ctx, 'findReferencesBulk', { kind, name: names.join('|') });
    try {
      if (fault) this.raise(fault);
      const stored = [...this.referenceMap(kind).values()];
      return new Map(
        names.map((name) => [
          name,
          stored
            .filter((r) => r.name.toLowerCase() === name.toLowerCase())
            .map((r) => ({ externalId: r.externalId, name: r.name })),
        ]),
      );
    } finally {
      this.leave();
    }
  }

  /** Each record created as createReference creates it (a duplicate name refused on its own), in one call. */
  private async createMany(
    ctx: ConnectorContext,
    records: readonly ReferenceRecord[],
  ): Promise<ReferenceOutcome[]> {
    const { fault, call } = await this.enter(ctx, 'createReferences', {
      name: records.map((r) => r.name).join('|'),
    });
    try {
      if (fault && fault.type !== 'lose_answer') this.raise(fault);
      const outcomes = records.map((record): ReferenceOutcome => {
        const duplicate = [...this.referenceMap(record.kind).values()].find(
          (r) => r.name.toLowerCase() === record.name.toLowerCase(),
        );
        if (duplicate) {
          return {
            ok: false,
            error: new ConnectorError(
              'needs_user',
              `The name '${record.name}' is already used in ${this.label}.`,
              {
                detail: `400 Duplicate Name Exists Error (${duplicate.externalId})`,
              },
            ),
          };
        }
        call.applied += 1;
        return {
          ok: true,
          match: { externalId: this.seed(record.kind, record.name, record.data), name: record.name },
        };
      });
      if (fault?.type === 'lose_answer') this.raise(fault);
      return outcomes;
    } finally {
      this.leave();
    }
  }

  async createReference(ctx: ConnectorContext, record: ReferenceRecord): Promise<ExternalMatch> {
    const { fault, call } = await this.enter(ctx, 'createReference', {
      kind: record.kind,
      name: record.name,
    });
    try {
      if (fault && fault.type !== 'lose_answer') this.raise(fault);
      // Names are unique per list in accounting systems (vendors even across other name lists).
      const duplicate = [...this.referenceMap(record.kind).values()].find(
        (r) => r.name.toLowerCase() === record.name.toLowerCase(),
      );
      if (duplicate) {
        throw new ConnectorError(
          'needs_user',
          `The name '${record.name}' is already used in ${this.label}.`,
          {
            detail: `400 Duplicate Name Exists Error (${duplicate.externalId})`,
          },
        );
      }
      const externalId = this.seed(record.kind, record.name, record.data);
      call.applied += 1;
      if (fault?.type === 'lose_answer') this.raise(fault);
      return { externalId, name: record.name };
    } finally {
      this.leave();
    }
  }

  async sendDocuments(ctx: ConnectorContext, documents: OutgoingDocument[]): Promise<SendOutcome[]> {
    if (documents.length > this.policyValue.batchSize) {
      throw new Error(`batch of ${documents.length} exceeds batchSize ${this.policyValue.batchSize}`);
    }
    const { fault, call } = await this.enter(ctx, 'sendDocuments', {
      keys: documents.map((d) => d.idempotencyKey),
      documentNumbers: documents.map((d) => d.document.number),
    });
    try {
      if (fault && fault.type !== 'lose_answer') this.raise(fault);
      const outcomes = documents.map((d) => this.applyDocument(d, call));
      if (fault?.type === 'lose_answer') this.raise(fault);
      return outcomes;
    } finally {
      this.leave();
    }
  }

  async cancelDocument(ctx: ConnectorContext, document: OutgoingDocument): Promise<SendOutcome> {
    const { fault, call } = await this.enter(ctx, 'cancelDocument', {
      keys: [document.idempotencyKey],
      documentNumbers: [document.document.number],
    });
    try {
      if (fault && fault.type !== 'lose_answer') this.raise(fault);
      const cached = this.idempotency.get(document.idempotencyKey);
      let outcome: SendOutcome;
      if (cached) outcome = cached;
      else {
        const stored = document.existing ? this.documents.get(document.existing.externalId) : undefined;
        if (!stored) {
          outcome = {
            ok: false,
            error: new ConnectorError('needs_user', `${this.label} has no such document.`, { detail: '404' }),
          };
        } else {
          stored.voided = true;
          stored.syncToken += 1;
          call.applied += 1;
          const ok = {
            ok: true as const,
            externalId: stored.externalId,
            syncToken: String(stored.syncToken),
          };
          this.idempotency.set(document.idempotencyKey, ok);
          outcome = ok;
        }
      }
      if (fault?.type === 'lose_answer') this.raise(fault);
      return outcome;
    } finally {
      this.leave();
    }
  }

  // ---------- internals ----------

  private applyDocument(d: OutgoingDocument, call: CallRecord): SendOutcome {
    const cached = this.idempotency.get(d.idempotencyKey);
    if (cached) return cached;
    const rejection = this.rejections.get(d.document.number);
    if (rejection) {
      return {
        ok: false,
        error: new ConnectorError('needs_user', rejection.message ?? 'Rejected', { detail: '400' }),
      };
    }
    const supplierExternalId = d.references[d.supplier.id];
    if (!supplierExternalId || !this.referenceMap('supplier').has(supplierExternalId)) {
      return {
        ok: false,
        error: new ConnectorError(
          'needs_user',
          `The vendor of ${d.document.number} does not exist in ${this.label}.`,
          {
            detail: `400 Invalid Reference Id: vendor ${supplierExternalId ?? '(none)'}`,
          },
        ),
      };
    }
    for (const line of d.document.lines) {
      for (const ref of [line.itemId, line.accountId, line.classId, line.customerId, line.taxRateId]) {
        if (ref && !d.references[ref]) {
          return {
            ok: false,
            error: new ConnectorError(
              'needs_user',
              `A line of ${d.document.number} refers to an unmapped record.`,
              {
                detail: `missing reference for ${ref}`,
              },
            ),
          };
        }
      }
    }
    let stored: StoredDocument;
    if (d.existing) {
      const current = this.documents.get(d.existing.externalId);
      if (!current || current.voided) {
        return { ok: false, error: new ConnectorError('needs_user', `${this.label} has no such document.`) };
      }
      if (d.existing.syncToken !== String(current.syncToken)) {
        return {
          ok: false,
          error: new ConnectorError(
            'needs_user',
            `The document was changed in ${this.label} since it was sent. Reload it there and send again.`,
            { detail: `Stale Object Error: SyncToken ${d.existing.syncToken} ≠ ${current.syncToken}` },
          ),
        };
      }
      current.total = d.document.totals.gross;
      current.revision = d.document.revision;
      current.syncToken += 1;
      current.idempotencyKeys.push(d.idempotencyKey);
      stored = current;
    } else {
      const duplicate = this.liveDocuments().find(
        (x) => x.type === d.document.type && x.number === d.document.number,
      );
      if (duplicate) {
        return {
          ok: false,
          error: new ConnectorError(
            'needs_user',
            `${this.label} already has a document numbered ${d.document.number}.`,
            { detail: `6140 Duplicate Document Number Error (${duplicate.externalId})` },
          ),
        };
      }
      stored = {
        externalId: this.newId('document'),
        type: d.document.type,
        number: d.document.number,
        supplierExternalId,
        total: d.document.totals.gross,
        syncToken: 0,
        voided: false,
        revision: d.document.revision,
        idempotencyKeys: [d.idempotencyKey],
      };
      this.documents.set(stored.externalId, stored);
    }
    call.applied += 1;
    const ok = { ok: true as const, externalId: stored.externalId, syncToken: String(stored.syncToken) };
    this.idempotency.set(d.idempotencyKey, ok);
    return ok;
  }

  private async enter(
    ctx: ConnectorContext,
    method: Method,
    fields: Partial<Pick<CallRecord, 'kind' | 'name' | 'keys' | 'documentNumbers'>>,
  ): Promise<{ fault: Fault | undefined; call: CallRecord }> {
    ctx.signal.throwIfAborted();
    await ctx.acquireRequestSlot();
    const at = this.now();
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const fault = this.takeFault(method);
    const call: CallRecord = {
      method,
      at,
      connectionId: ctx.connection.id,
      keys: fields.keys ?? [],
      documentNumbers: fields.documentNumbers ?? [],
      kind: fields.kind,
      name: fields.name,
      fault: fault?.type,
      applied: 0,
    };
    this.calls.push(call);
    try {
      this.checkRateLimit(at);
      if (this.gate) await Promise.race([this.gate, aborted(ctx.signal)]);
      await new Promise<void>((resolve) => setTimeout(resolve, this.latencyMs));
      ctx.signal.throwIfAborted();
    } catch (error) {
      this.leave();
      throw error;
    }
    return { fault, call };
  }

  private leave(): void {
    this.inFlight -= 1;
  }

  private checkRateLimit(at: number): void {
    while (this.startTimes.length > 0 && (this.startTimes[0] ?? 0) <= at - 60_000) this.startTimes.shift();
    this.startTimes.push(at);
    if (this.startTimes.length > this.policyValue.requestsPerMinute) {
      this.rateLimitViolations += 1;
      throw new ConnectorError('transient', `${this.label} is receiving too many requests.`, {
        detail: '429 Too Many Requests',
        retryAfterMs: 60_000,
      });
    }
  }

  private takeFault(method: Method): Fault | undefined {
    const entry = this.script.find((e) => e.method === undefined || e.method === method);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.script.splice(this.script.indexOf(entry), 1);
    return entry.fault;
  }

  private raise(fault: Fault): never {
    switch (fault.type) {
      case 'transient':
        throw new ConnectorError('transient', fault.message ?? `${this.label} is busy; try again shortly.`, {
          detail: fault.detail ?? '503 Service Unavailable',
          retryAfterMs: fault.retryAfterMs,
        });
      case 'needs_user':
        throw new ConnectorError(
          'needs_user',
          fault.message ?? 'The accounting system refused the request.',
          {
            detail: fault.detail ?? '400 Bad Request',
          },
        );
      case 'auth':
        throw new ConnectorError('auth', `Your ${this.label} sign-in has expired.`, {
          detail: fault.detail ?? '401 Unauthorized: invalid_grant',
        });
      case 'throw':
        throw fault.error ?? new Error('boom');
      case 'lose_answer':
        throw new ConnectorError('transient', 'The connection dropped before the answer arrived.', {
          detail: 'socket hang up after request was written',
        });
    }
  }

  private referenceMap(kind: ReferenceKind): Map<string, StoredReference> {
    let map = this.references.get(kind);
    if (!map) {
      map = new Map();
      this.references.set(kind, map);
    }
    return map;
  }

  private newId(_prefix: string): string {
    this.nextId += 1;
    return String(this.nextId);
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
