// The QuickBooks Desktop sync engine: what each Web Connector session asks QuickBooks and what it does with the
// answers. A session reads the host (qbXML version, company, closing date), imports lists when asked (and on the
// first session), sends the connection's outbox jobs in batched, dependency-ordered messages, and brings payments
// back. The outbox stays the truth: a job is claimed ('running') only when its request leaves, and a session that
// ends before the answer puts it back. An Add is recorded in qbd_inflight (committed) before it leaves, so an
// answer lost anywhere is found again by a query instead of being added twice.
import type { Database } from 'better-sqlite3';
import type { AppEvent, ConnectionT } from '../../../preload/contract.js';
import { MAX_ATTEMPTS } from '../../sync/backoff.js';
import { EventsAfterCommit } from '../../sync/events-after-commit.js';
import { attemptDetail, JobLedger, type JobTarget } from '../../sync/jobs.js';
import { redactText } from '../../sync/redact.js';
import { paymentStateSentence } from '../../domain/payment-state.js';
import { loadConnection } from '../../sync/connections.js';
import { getDocumentSync, type SyncStatus } from '../../sync/document-sync.js';
import type { IntegrationLog } from '../../sync/log.js';
import type { OutboxJobRow } from '../../sync/outbox.js';
import { findLink, upsertLink } from '../../sync/references.js';
import { QBD_BATCH_SIZE, QBD_LABEL, QBD_SYSTEM } from './connector.js';
import type { QbdConversation, QbdExchange, QbdHostInfo, QbdSessionSummary } from './exchange.js';
import { applyListResponse, LIST_NAMES, listRequest, type ListName, type ListProgress } from './lists.js';
import {
  applyDeleted,
  applyPaidStatus,
  applyPayments,
  billsQuery,
  deletedQuery,
  paymentQuery,
  type PaymentQueryType,
  type PaymentsCursor,
  type PaymentsRun,
} from './payments.js';
import {
  QbxmlFieldError,
  type LinkToTxn,
  type ListRef,
  type QbxmlRequest,
  type QbxmlResponse,
  type UnreadableRecord,
  type VendorAdd,
} from './qbxml/types.js';
import {
  loadQbdDocument,
  loadQbdDocuments,
  loadQbdSupplier,
  type QbdDocument,
  type QbdSupplier,
} from './records.js';
import { qbdSettings, type QbdSettings } from './settings.js';
import {
  clearInflight,
  externalGuid,
  getInflight,
  listCheckpoints,
  loadState,
  peekState,
  recordInflight,
  updateState,
  type InflightLookup,
  type ListCheckpoint,
  type QbdStateRow,
} from './state.js';
import {
  cancelRequest,
  defaultItemsNeeded,
  documentRequest,
  findTxnRequest,
  NOUN,
  refNumberOf,
  TXN_TYPE,
  type RefResolver,
} from './translate.js';
import { markJobFailed, markJobSent, SendJobPayload, SEND_JOB_KIND } from '../servicetrade/jobs.js';
import {
  jobInQuickBooks,
  markInvoiceFailed,
  markInvoiceSent,
  SendInvoicePayload,
  SEND_INVOICE_KIND,
} from '../servicetrade/invoice-queue.js';
import { withStatementCache } from './statement-cache.js';
import { qbxmlWire, type Classified, type QbxmlWire } from './wire.js';

export interface QbdEngineDeps {
  db: Database;
  log: IntegrationLog;
  emit: (event: AppEvent) => void;
  now?: () => Date;
  /** For backoff jitter (tests pin it). */
  random?: () => number;
  /** The qbXML layer; the real one unless a test replaces it. */
  wire?: QbxmlWire;
  /** Requests per message (default QBD_BATCH_SIZE). */
  batchSize?: number;
}

export interface QbdEngine extends QbdExchange {
  /** Imports (or refreshes) every list on the next session. */
  requestListImport(connectionId: string): void;
  /** Brings payments back on the next session: dated in `range`, or (null) changed since the last import. */
  requestPayments(connectionId: string, range: { from: string; to: string } | null): void;
}

/** The highest qbXML version we write; QuickBooks that supports less gets the highest it supports below. */
export const QBXML_VERSION = '13.0';
/** Scheduled payment imports run at most this often. */
export const PAYMENTS_EVERY_MS = 60 * 60_000;

/** Picks 13.0 or the highest supported version below it; null when QuickBooks supports nothing usable. */
export function pickQbxmlVersion(supported: readonly string[]): string | null {
  const usable = supported
    .map((v) => v.trim())
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) <= Number(QBXML_VERSION))
    .sort((a, b) => Number(b) - Number(a));
  if (usable.length === 0) return null;
  const best = usable[0]!;
  return best.includes('.') ? best : `${best}.0`;
}

function payloadRevision(job: OutboxJobRow): number {
  try {
    const value = JSON.parse(job.payload_json) as { revision?: unknown };
    return typeof value.revision === 'number' ? value.revision : 0;
  } catch {
    return 0;
  }
}

type RefState =
  | { state: 'probing' }
  | { state: 'absent' }
  | { state: 'adding'; requestID: string }
  | { state: 'known'; ref: ListRef }
  | { state: 'failed'; error: Classified; detail: string };

type Pending =
  | { kind: 'list'; name: ListName }
  | { kind: 'vendorProbe'; supplier: QbdSupplier }
  | { kind: 'vendorAdd'; supplier: QbdSupplier }
  | { kind: 'itemProbe'; name: string }
  | { kind: 'itemAdd'; name: string }
  | {
      kind: 'recoveryProbe';
      job: OutboxJobRow;
      guid: string;
      vendorName: string;
      vendorListId: string | null;
      lookup: InflightLookup;
    }
  | { kind: 'editSequence'; job: OutboxJobRow }
  | {
      kind: 'send';
      job: OutboxJobRow;
      document: QbdDocument;
      supplier: QbdSupplier;
      update: boolean;
      guid: string;
    }
  | { kind: 'cancel'; job: OutboxJobRow; document: QbdDocument; txnId: string; voiding: boolean }
  | { kind: 'payments'; type: PaymentQueryType }
  | { kind: 'deletedPayments' }
  | { kind: 'paidStatus' }
  | { kind: 'customerProbe'; fullName: string }
  | { kind: 'customerAdd'; fullName: string; job: OutboxJobRow; last: boolean }
  | { kind: 'vendorMod'; supplierId: string; name: string; listId: string }
  | { kind: 'vendorReread'; supplierId: string }
  | {
      kind: 'invoiceProbe';
      job: OutboxJobRow;
      guid: string;
      payload: SendInvoicePayload;
      /** False when the InvoiceAdd went out below qbXML 9.0 (no ExternalGUID): memo and date identify it. */
      guidSent: boolean;
    }
  | { kind: 'invoiceSend'; job: OutboxJobRow; guid: string; payload: SendInvoicePayload; fullName: string }
  | { kind: 'companyCheck' };

interface SupplierLinkRow {
  id: string;
  updated_at: string;
  external_id: string;
  sync_token: string | null;
}

interface Built {
  requests: QbxmlRequest[];
  pending: Map<string, Pending>;
  /** What each request was planned for: an outbox job (`j:<id>`) or a paired vendor's update (`v:<supplier id>`). */
  owners: Map<string, string>;
  /** Set when the message was built from one group of a refused message's units (see isolate). */
  group?: string[];
}

/** Jobs first in outbox order, then vendor updates: the order groups of a refused message are sent in. */
function byUnit(a: string, b: string): number {
  const job = (u: string) => (u.startsWith('j:') ? Number(u.slice(2)) : Number.POSITIVE_INFINITY);
  return job(a) - job(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A whole message QuickBooks could not read (0x80040400): nothing in it was applied. */
export function isParseRefusal(hresult: string, message: string): boolean {
  const h = hresult.trim();
  const code = /^-\d+$/.test(h) ? `0x${(Number(h) >>> 0).toString(16)}` : h;
  return /^(0x)?80040400$/i.test(code) || /error when parsing the provided XML/i.test(message);
}

/** Refused messages a session splits at most; past it, the refusal ends the session like any other HRESULT. */
const MAX_REFUSALS = 200;

export function createQbdEngine(deps: QbdEngineDeps): QbdEngine {
  const now = deps.now ?? (() => new Date());
  const db = withStatementCache(deps.db);
  return {
    hasWork(connectionId) {
      const connection = loadConnection(db, connectionId);
      if (!connection || connection.system !== QBD_SYSTEM) return false;
      const at = now().toISOString();
      const job = db
        .prepare(
          `SELECT 1 FROM outbox_jobs WHERE connection_id = ?
             AND ((status = 'pending' AND next_attempt_at <= ?) OR status = 'running') LIMIT 1`,
        )
        .get(connectionId, at);
      if (job) return true;
      const state = peekState(db, connectionId);
      if (!state || state.lists_requested === 1 || state.payments_requested_json !== null) return true;
      const changedSupplier = db
        .prepare(
          `SELECT 1 FROM external_links l JOIN suppliers s ON s.id = l.entity_id
           WHERE l.connection_id = ? AND l.entity_type = 'supplier' AND s.updated_at > l.updated_at LIMIT 1`,
        )
        .get(connectionId);
      if (changedSupplier) return true;
      return paymentsDue(db, connection, state, now());
    },
    begin(connectionId, sessionId) {
      return new Session(deps, connectionId, sessionId);
    },
    requestListImport(connectionId) {
      db.transaction(() => {
        const state = loadState(db, connectionId, now());
        const checkpoints = listCheckpoints(state);
        for (const name of LIST_NAMES) {
          const c = checkpoints[name];
          checkpoints[name] = { since: c?.since ?? null, done: false, seen: null };
        }
        updateState(db, connectionId, { lists_requested: 1, lists_json: JSON.stringify(checkpoints) }, now());
      })();
    },
    requestPayments(connectionId, range) {
      updateState(
        db,
        connectionId,
        { payments_requested_json: JSON.stringify(range ?? { since: 'checkpoint' }) },
        now(),
      );
    },
  };
}

/** Whether the scheduled payments import is due: payments on, bills sent and not yet paid, an hour since the last. */
function paymentsDue(db: Database, connection: ConnectionT, state: QbdStateRow, at: Date): boolean {
  if (!qbdSettings(connection).importPayments) return false;
  if (state.payments_checkpoint && at.getTime() - Date.parse(state.payments_checkpoint) < PAYMENTS_EVERY_MS)
    return false;
  return (
    db
      .prepare(
        `SELECT 1 FROM external_links l JOIN documents d ON d.id = l.entity_id
         WHERE l.connection_id = ? AND l.entity_type = 'document' AND d.type = 'invoice'
           AND d.status = 'approved' AND (d.payment_status IS NULL OR d.payment_status <> 'paid') LIMIT 1`,
      )
      .get(connection.id) !== undefined
  );
}

class Session implements QbdConversation {
  private readonly db: Database;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly wire: QbxmlWire;
  private readonly batchSize: number;
  private connection: ConnectionT;
  private settings: QbdSettings;
  private state: QbdStateRow;

  private started = false;
  private fatal: string | null = null;
  private lastErrorText = '';
  private version = QBXML_VERSION;
  private outstanding = new Map<string, Pending>();
  /** The message in flight: which job each request was planned for, and the group it was built from. */
  private outstandingOwners = new Map<string, string>();
  private outstandingGroup: string[] | null = null;
  /**
   * Jobs and vendor updates of messages QuickBooks refused to read (0x80040400), waiting to be sent again in
   * smaller groups: the first group goes alone, a refused group is halved, and one refused on its own fails.
   */
  private isolating: string[][] = [];
  private refusals = 0;
  /** Vendor updates of a refused message that may go once more, in their group's message. */
  private readonly vendorRetries = new Set<string>();
  /** The unit being planned: requests added meanwhile are its own (Built.owners). */
  private planning: string | null = null;
  private messageNo = 0;
  private readonly events: EventsAfterCommit;

  // lists
  private listsActive: boolean;
  private listsFresh = false;
  private readonly listProgress = new Map<ListName, ListProgress>();
  private checkpoints: Record<string, ListCheckpoint>;

  // references resolved in this session
  private readonly vendors = new Map<string, RefState>();
  private readonly items = new Map<string, RefState>();
  private readonly recovery = new Map<number, 'probing' | 'absent'>();
  private readonly editSequences = new Map<number, 'probing' | string>();
  private readonly retried3200 = new Set<number>();
  /** Jobs that wait for something later in this session (a purchase order's TxnID). */
  private deferred = new Set<number>();
  /** Customers, locations and jobs (by lower-cased full name) resolved in this session. */
  private readonly customers = new Map<string, RefState>();
  /** ServiceTrade jobs settled in this session (a failed level fails the job once). */
  private readonly settledJobs = new Set<number>();
  /** Suppliers changed since their vendor was last written: done (or given up) in this session. */
  private readonly vendorsSynced = new Set<string>();
  /** Suppliers whose VendorMod met a stale EditSequence: the vendor's current one, once read again. */
  private readonly vendorEditSequences = new Map<string, string>();
  /** Vendors whose EditSequence must be read again (3200), and those already retried once. */
  private readonly staleVendors = new Set<string>();
  private readonly vendorRetried = new Set<string>();
  /** Documents read ahead for the message being built. */
  private documents = new Map<string, QbdDocument>();
  /** The last exact count of ready jobs, and how many documents were done then (see percent). */
  private counted: { ready: number; done: number; message: number } | null = null;
  /** Every change of a job after it was queued, with its redaction, events and log entry (sync/jobs.ts). */
  private readonly ledger: JobLedger;
  /** An answer said QuickBooks refused Ledgerbridge's access: the connection shows it after the session. */
  private authLost: string | null = null;
  /** Documents claimed for the message being built (shown as sending together). */
  private claimed: string[] = [];
  /** Documents the answer being applied shows as sent (written together). */
  private sent: { id: string; message: string; externalId: string }[] = [];
  /** Requests already written while planning (each document is written alone to check its values). */
  private prebuilt = new Map<string, string>();

  // payments
  private payments: PaymentsRun | null = null;
  private paymentsDone = false;

  // summary
  private readonly summary: QbdSessionSummary = {
    messages: 0,
    requests: 0,
    documentsSent: 0,
    documentsFailed: 0,
    listRecords: 0,
    paymentsImported: 0,
    problems: [],
  };
  private documentsDone = 0;

  constructor(
    private readonly deps: QbdEngineDeps,
    private readonly connectionId: string,
    private readonly sessionId: string,
  ) {
    this.db = withStatementCache(deps.db);
    // A listener's failure is not the session's.
    this.events = new EventsAfterCommit(this.db, (event) => deps.emit(event));
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.wire = deps.wire ?? qbxmlWire;
    this.batchSize = Math.max(2, deps.batchSize ?? QBD_BATCH_SIZE);
    this.ledger = new JobLedger({
      db: this.db,
      log: deps.log,
      emit: (event) => this.emit(event),
      tx: (fn) => this.tx(fn),
      redact: redactText,
      now: this.now,
      random: this.random,
    });
    const connection = loadConnection(this.db, connectionId);
    if (!connection) throw new Error(`QuickBooks Desktop connection ${connectionId} does not exist`);
    this.connection = connection;
    this.settings = qbdSettings(connection);
    this.state = this.tx(() => loadState(this.db, connectionId, this.now()));
    this.checkpoints = listCheckpoints(this.state);
    this.listsActive = this.state.lists_requested === 1;
  }

  // ---------------------------------------------------------------------------------------------------------
  // QbdConversation

  nextRequest(host: QbdHostInfo | null): string {
    if (!this.started) {
      this.started = true;
      this.start(host);
    }
    if (this.fatal) {
      if (this.summary.messages > 0) return '';
      // One harmless request, so receiveResponse can end the session with an error the Web Connector shows.
      return this.send({
        requests: [{ type: 'CompanyQuery', requestID: 'company', body: {} }],
        pending: new Map([['company', { kind: 'companyCheck' }]]),
        owners: new Map(),
      });
    }
    const built = this.build();
    if (built.requests.length === 0) return '';
    return this.send(built);
  }

  receiveResponse(answer: { response: string; hresult: string; message: string }): number {
    if (this.fatal) {
      this.outstanding.clear();
      return -1;
    }
    const pending = this.outstanding;
    const owners = this.outstandingOwners;
    const group = this.outstandingGroup;
    this.outstanding = new Map();
    this.outstandingOwners = new Map();
    this.outstandingGroup = null;
    if (answer.hresult || !answer.response.trim()) {
      if (isParseRefusal(answer.hresult, answer.message) && this.isolate(pending, owners, group, answer)) {
        return this.percent();
      }
      const classified = this.wire.classifyHresult(answer.hresult || '', answer.message || '');
      this.problem(answer.hresult || 'no-response', classified.userMessage);
      this.tx(() => {
        for (const p of pending.values()) this.releaseUnanswered(p, classified);
      });
      this.lastErrorText = classified.userMessage;
      return -1;
    }
    let responses: QbxmlResponse[];
    try {
      responses = this.wire.parseResponse(answer.response);
    } catch (error) {
      const message = `QuickBooks answered with a message Ledgerbridge could not read (${error instanceof Error ? error.message : String(error)}). The documents in it will be checked on the next run.`;
      this.problem('unreadable-response', message);
      this.tx(() => {
        for (const p of pending.values())
          this.releaseUnanswered(p, { kind: 'transient', userMessage: message });
      });
      this.lastErrorText = message;
      return -1;
    }
    this.tx(() => {
      const byId = new Map(responses.map((r) => [r.requestID, r]));
      for (const [requestID, p] of pending) {
        const response = byId.get(requestID);
        if (!response) {
          this.releaseUnanswered(p, {
            kind: 'transient',
            userMessage: 'QuickBooks did not answer this request; it is sent again on the next run.',
          });
          continue;
        }
        if (response.unreadable && this.applyUnreadable(p, response, response.unreadable)) continue;
        this.apply(p, response);
      }
      this.flushSent();
    });
    if (this.fatal) {
      this.lastErrorText = this.fatal;
      return -1;
    }
    // Finish what the last answers completed, so the percentage can say 100 without another round trip.
    if (this.listsActive && LIST_NAMES.every((n) => this.checkpoints[n]?.done)) this.finishLists();
    if (this.payments && !this.paymentsDone && this.paymentsRemaining() === 0) this.finishPayments();
    return this.percent();
  }

  connectionError(hresult: string, message: string): void {
    const classified = this.wire.classifyHresult(hresult, message);
    this.problem(hresult || 'connection', classified.userMessage);
    this.lastErrorText = classified.userMessage;
    const pending = this.outstanding;
    this.outstanding = new Map();
    this.tx(() => {
      for (const p of pending.values()) this.releaseUnanswered(p, classified);
    });
  }

  lastError(): string {
    return this.fatal ?? this.lastErrorText;
  }

  close(): QbdSessionSummary {
    const pending = this.outstanding;
    this.outstanding = new Map();
    const at = this.now();
    this.tx(() => {
      for (const p of pending.values())
        this.releaseUnanswered(p, {
          kind: 'transient',
          userMessage:
            'The Web Connector session ended before QuickBooks answered; checked again on the next run.',
        });
      const ok =
        this.fatal === null && this.summary.documentsFailed === 0 && this.summary.problems.length === 0;
      const parts = [
        `${this.summary.documentsSent} document${this.summary.documentsSent === 1 ? '' : 's'} sent`,
        this.summary.documentsFailed ? `${this.summary.documentsFailed} failed` : null,
        this.summary.listRecords ? `${this.summary.listRecords} list records imported` : null,
        this.summary.paymentsImported ? `${this.summary.paymentsImported} payments imported` : null,
      ].filter(Boolean);
      const message = this.fatal
        ? `Last Web Connector session (${at.toISOString().slice(0, 16).replace('T', ' ')} UTC) stopped: ${this.fatal}`
        : `Last Web Connector session (${at.toISOString().slice(0, 16).replace('T', ' ')} UTC): ${parts.join(', ')}.` +
          (this.summary.problems.length ? ` Problem: ${this.summary.problems[0]!.message}` : '');
      updateState(
        this.db,
        this.connectionId,
        { last_session_at: at.toISOString(), last_session_ok: ok ? 1 : 0, last_session_message: message },
        at,
      );
      if (this.authLost) this.ledger.setConnectionStatus(this.connectionId, 'needs_reconnect', this.authLost);
      else this.ledger.setConnectionStatus(this.connectionId, this.fatal ? 'error' : 'connected', message);
    });
    return { ...this.summary, problems: [...this.summary.problems] };
  }

  // ---------------------------------------------------------------------------------------------------------
  // start: host, company, closing date; jobs a crash left running

  private start(host: QbdHostInfo | null): void {
    this.tx(() => {
      // A crashed session (or process) may have left jobs claimed; only one session per connection runs at a time.
      this.ledger.recoverAfterCrash(this.connectionId);
      // The Web Connector signed in: jobs that waited for QuickBooks to allow access are tried again.
      this.ledger.resumeWaiting(this.connectionId);
      if (host) this.readHost(host);
      this.version = this.state.qbxml_version ?? QBXML_VERSION;
    });
    this.progress('Connected to QuickBooks');
  }

  private readHost(host: QbdHostInfo): void {
    const patch: Partial<QbdStateRow> = { company_file: host.companyFileName || null };
    if (host.hcpResponse.trim()) {
      let responses: QbxmlResponse[];
      try {
        responses = this.wire.parseResponse(host.hcpResponse);
      } catch {
        responses = [];
      }
      for (const r of responses) {
        if (r.type === 'HostQuery' && r.records[0]) {
          const hostRet = r.records[0];
          const version = pickQbxmlVersion(hostRet.SupportedQBXMLVersion);
          if (!version) {
            this.fatal = `This QuickBooks supports only qbXML ${hostRet.SupportedQBXMLVersion.join(', ')}, which Ledgerbridge cannot use. Update QuickBooks Desktop to a current release.`;
          } else patch.qbxml_version = version;
          patch.host_json = JSON.stringify(hostRet);
        } else if (r.type === 'CompanyQuery' && r.records[0]) {
          patch.company_name = r.records[0].CompanyName ?? r.records[0].LegalCompanyName ?? null;
        } else if (r.type === 'PreferencesQuery' && r.records[0]) {
          patch.closing_date = r.records[0].ClosingDate ?? null;
        }
      }
    } else if (host.qbXMLMajorVers > 0) {
      const version = pickQbxmlVersion([`${host.qbXMLMajorVers}.${host.qbXMLMinorVers}`]);
      if (version) patch.qbxml_version = version;
    }
    const wanted = this.settings.companyFile?.trim();
    if (wanted && host.companyFileName && !sameFile(wanted, host.companyFileName)) {
      this.fatal = `QuickBooks has the company file '${host.companyFileName}' open, but this connection is for '${wanted}'. Open the right company file in QuickBooks (or change the company file in the connection's settings), then run the Web Connector again.`;
    }
    updateState(this.db, this.connectionId, patch, this.now());
    this.state = loadState(this.db, this.connectionId, this.now());
  }

  // ---------------------------------------------------------------------------------------------------------
  // building a message

  private send(built: Built): string {
    let xml: string;
    try {
      const parts = built.requests.map(
        (r) => this.prebuilt.get(r.requestID) ?? this.wire.buildRequest(r, this.version),
      );
      this.prebuilt.clear();
      xml = this.wire.assemble(parts, { version: this.version, onError: 'continueOnError' });
    } catch (error) {
      // Every document request was built alone first, so this is a bug of ours; nothing left yet.
      this.tx(() => {
        for (const p of built.pending.values())
          this.releaseUnanswered(p, {
            kind: 'needs_user',
            userMessage: `Ledgerbridge could not write the request for QuickBooks: ${error instanceof Error ? error.message : String(error)}`,
          });
      });
      throw error;
    }
    this.outstanding = built.pending;
    this.outstandingOwners = built.owners;
    this.outstandingGroup = built.group ?? null;
    this.messageNo += 1;
    this.summary.messages += 1;
    this.summary.requests += built.requests.length;
    return xml;
  }

  private build(): Built {
    const built: Built = { requests: [], pending: new Map(), owners: new Map() };
    if (this.listsActive) {
      this.buildLists(built);
      if (built.requests.length > 0) return built;
    }
    this.tx(() => {
      this.buildDocuments(built);
      this.flushClaims();
    });
    if (built.requests.length > 0) return built;
    this.buildPayments(built);
    return built;
  }

  private rid(tag: string): string {
    return `${this.messageNo + 1}.${tag}`.slice(0, 50);
  }

  private add(built: Built, request: QbxmlRequest, pending: Pending): void {
    built.requests.push(request);
    built.pending.set(request.requestID, pending);
    if (this.planning !== null) built.owners.set(request.requestID, this.planning);
  }

  private buildLists(built: Built): void {
    for (const name of LIST_NAMES) {
      const checkpoint = this.checkpoints[name];
      if (checkpoint?.done) continue;
      const requestID = this.rid(`list.${name}`);
      this.add(built, listRequest(name, checkpoint, this.listProgress.get(name), requestID), {
        kind: 'list',
        name,
      });
    }
    if (built.requests.length === 0) this.finishLists();
  }

  private finishLists(): void {
    this.listsActive = false;
    this.listsFresh = true;
    this.tx(() =>
      updateState(
        this.db,
        this.connectionId,
        {
          lists_requested: 0,
          lists_json: JSON.stringify(this.checkpoints),
          lists_imported_at: this.now().toISOString(),
        },
        this.now(),
      ),
    );
    this.deps.log.append({
      companyId: this.connection.companyId,
      connectionId: this.connectionId,
      action: 'import_lists',
      result: 'success',
      message: `Imported lists from ${QBD_LABEL}`,
      detail: `${this.summary.listRecords} records (accounts, classes, terms, items, vendors, customers and jobs)`,
    });
  }

  /**
   * The first ready jobs in outbox order whose document has no earlier job still open (a cancel never overtakes
   * its send). The ordering check runs only for the rows fetched: as a correlated NOT EXISTS over every pending
   * row it made each message cost as much as the whole queue.
   */
  private readyJobs(limit: number): OutboxJobRow[] {
    return this.ledger.readyJobs(this.connectionId, limit);
  }

  /** Fills the message with document work, in outbox order, references before the documents that need them. */
  private buildDocuments(built: Built): void {
    // Jobs of a refused message go first, one group per message, until each group is through or has failed.
    while (this.isolating.length > 0) {
      const group = this.isolating[0]!;
      const before = built.requests.length;
      this.planVendorRetries(built, group);
      const jobs = this.groupJobs(group);
      if (jobs.length > 0) this.planJobs(built, jobs, this.batchSize);
      if (built.requests.length > before) {
        built.group = group;
        return;
      }
      // Nothing of this group can go now (sent, failed, or waiting for something else): on to the next one.
      this.isolating.shift();
    }
    this.buildVendorUpdates(built);
    const scanLimit = this.batchSize * 4 + this.deferred.size;
    this.planJobs(
      built,
      this.readyJobs(scanLimit).filter((j) => !this.deferred.has(j.id)),
      this.batchSize,
    );
  }

  private planJobs(built: Built, jobs: OutboxJobRow[], budget: number): void {
    const inMessage = new Set<string>(); // documents sent in this message (a bill's PO must be answered first)
    // The documents of the jobs likely to fit, read together; the rest are read one by one if they are reached.
    this.documents = loadQbdDocuments(
      this.db,
      jobs.slice(0, budget + 10).map((j) => j.entity_id),
    );
    try {
      for (const job of jobs) {
        if (built.requests.length >= budget) break;
        this.planning = `j:${job.id}`;
        if (job.kind === 'cancel_document') this.planCancel(built, job);
        else if ((job.kind as string) === SEND_JOB_KIND) this.planJob(built, job);
        else if ((job.kind as string) === SEND_INVOICE_KIND) this.planInvoice(built, job);
        else this.planSend(built, job, inMessage);
      }
    } finally {
      this.planning = null;
      this.documents = new Map();
    }
  }

  /** The jobs of a group that can go now, in outbox order. */
  private groupJobs(group: readonly string[]): OutboxJobRow[] {
    const row = this.db.prepare<[number, string, string], OutboxJobRow>(
      `SELECT * FROM outbox_jobs WHERE id = ? AND connection_id = ? AND status = 'pending' AND next_attempt_at <= ?`,
    );
    const at = this.now().toISOString();
    return group
      .filter((u) => u.startsWith('j:'))
      .map((u) => Number(u.slice(2)))
      .sort((a, b) => a - b)
      .filter((id) => !this.deferred.has(id))
      .map((id) => row.get(id, this.connectionId, at))
      .filter((j): j is OutboxJobRow => j !== undefined);
  }

  private documentOf(id: string): QbdDocument | null {
    return this.documents.get(id) ?? loadQbdDocument(this.db, id);
  }

  /**
   * Keeps paired vendors in step with our suppliers (name, address, phone, e-mail, account number): a supplier
   * changed after its vendor was last written gets a VendorMod with the vendor's EditSequence, ahead of the
   * documents in the same message. A stale EditSequence (3200: edited in QuickBooks too) is read again once.
   */
  private changedVendors(): SupplierLinkRow[] {
    return this.db
      .prepare<[string, number], SupplierLinkRow>(
        `SELECT s.id, s.updated_at, l.external_id, l.sync_token FROM external_links l JOIN suppliers s ON s.id = l.entity_id
         WHERE l.connection_id = ? AND l.entity_type = 'supplier' AND s.updated_at > l.updated_at
         ORDER BY s.updated_at LIMIT ?`,
      )
      .all(this.connectionId, this.batchSize + this.vendorsSynced.size)
      .filter((row) => !this.vendorsSynced.has(row.id));
  }

  private buildVendorUpdates(built: Built): void {
    for (const row of this.changedVendors()) {
      if (built.requests.length >= Math.floor(this.batchSize / 2)) return;
      if (this.vendorsSynced.has(row.id)) continue;
      this.planVendorUpdate(built, row);
    }
  }

  /** The vendor updates of a refused message's group, once more each (they are done for the session otherwise). */
  private planVendorRetries(built: Built, group: readonly string[]): void {
    const changed = this.db.prepare<[string, string], SupplierLinkRow>(
      `SELECT s.id, s.updated_at, l.external_id, l.sync_token FROM external_links l JOIN suppliers s ON s.id = l.entity_id
       WHERE l.connection_id = ? AND l.entity_type = 'supplier' AND l.entity_id = ? AND s.updated_at > l.updated_at`,
    );
    for (const unit of group) {
      const supplierId = unit.startsWith('v:') ? unit.slice(2) : null;
      if (!supplierId || !this.vendorRetries.delete(supplierId)) continue;
      const row = changed.get(this.connectionId, supplierId);
      if (!row) continue;
      this.vendorsSynced.delete(supplierId);
      this.planVendorUpdate(built, row);
    }
  }

  private planVendorUpdate(built: Built, row: SupplierLinkRow): void {
    const outer = this.planning;
    this.planning = `v:${row.id}`;
    try {
      const fresh = this.vendorEditSequences.get(row.id);
      const supplier = loadQbdSupplier(this.db, row.id);
      if (!supplier) return;
      if (this.staleVendors.has(row.id) || (fresh === undefined && row.sync_token === null)) {
        this.staleVendors.delete(row.id);
        this.vendorsSynced.add(row.id);
        this.add(
          built,
          { type: 'VendorQuery', requestID: this.rid(`vr.${row.id}`), body: { ListID: [row.external_id] } },
          {
            kind: 'vendorReread',
            supplierId: row.id,
          },
        );
        return;
      }
      const { ExternalGUID: _guid, ...fields } = vendorAddOf(supplier);
      const request: QbxmlRequest = {
        type: 'VendorMod',
        requestID: this.rid(`vm.${row.id}`),
        body: { ...fields, ListID: row.external_id, EditSequence: fresh ?? row.sync_token ?? '0' },
      };
      try {
        this.prebuilt.set(request.requestID, this.wire.buildRequest(request, this.version));
      } catch (error) {
        this.vendorsSynced.add(row.id);
        const message = `Supplier '${supplier.name}' could not be updated in ${QBD_LABEL}: ${error instanceof Error ? error.message : String(error)}`;
        this.problem('vendor', message);
        this.deps.log.append({
          companyId: this.connection.companyId,
          connectionId: this.connectionId,
          action: 'update_reference',
          result: 'failure',
          message,
          detail: `supplier ${row.id} → vendor ${row.external_id}`,
        });
        return;
      }
      this.vendorsSynced.add(row.id);
      this.add(built, request, {
        kind: 'vendorMod',
        supplierId: row.id,
        name: supplier.name,
        listId: row.external_id,
      });
    } finally {
      this.planning = outer;
    }
  }

  private applyVendorMod(p: Extract<Pending, { kind: 'vendorMod' }>, r: QbxmlResponse, ok: boolean): void {
    const record = r.records[0] as { ListID?: string; EditSequence?: string } | undefined;
    if (ok && record) {
      // Without an EditSequence in the answer the next update reads the vendor first (sync_token null).
      upsertLink(this.db, {
        connectionId: this.connectionId,
        entityType: 'supplier',
        entityId: p.supplierId,
        externalId: p.listId,
        syncToken: record.EditSequence ?? null,
        now: this.now(),
      });
      this.vendorEditSequences.delete(p.supplierId);
      this.deps.log.append({
        companyId: this.connection.companyId,
        connectionId: this.connectionId,
        action: 'update_reference',
        result: 'success',
        message: `Updated vendor '${p.name}' in ${QBD_LABEL}`,
        detail: `supplier ${p.supplierId} → ${p.listId}; EditSequence ${record.EditSequence ?? 'not answered'}`,
      });
      return;
    }
    if (r.statusCode === 3200 && !this.vendorRetried.has(p.supplierId)) {
      // Edited in QuickBooks since we last wrote it: read its EditSequence and write once more.
      this.vendorRetried.add(p.supplierId);
      this.vendorsSynced.delete(p.supplierId);
      this.staleVendors.add(p.supplierId);
      return;
    }
    const classified = this.wire.classifyStatus(r.statusCode, r.statusMessage);
    this.problem(String(r.statusCode), classified.userMessage);
    this.deps.log.append({
      companyId: this.connection.companyId,
      connectionId: this.connectionId,
      action: 'update_reference',
      result: 'failure',
      message: `Vendor '${p.name}' was not updated in ${QBD_LABEL}: ${classified.userMessage}`,
      detail: `VendorMod status ${r.statusCode}: ${r.statusMessage}`,
    });
  }

  /**
   * A ServiceTrade job for job costing (main/connectors/servicetrade/jobs.ts describes the contract): each level
   * (customer, [location], [job]) is looked up by full name and linked, or added under its parent, in order; the
   * job level is an empty sub-customer with its status and description.
   */
  private planJob(built: Built, job: OutboxJobRow): void {
    let payload: SendJobPayload;
    try {
      payload = SendJobPayload.parse(JSON.parse(job.payload_json));
    } catch (error) {
      return this.failJob(
        job,
        {
          kind: 'needs_user',
          userMessage:
            'The job queued for QuickBooks Desktop could not be read; send it again from the Jobs page.',
        },
        error instanceof Error ? error.message : String(error),
      );
    }
    const adds: { request: QbxmlRequest; pending: Pending }[] = [];
    let waiting = false;
    let lastListId: string | null = null;
    payload.levels.forEach((level, index) => {
      if (waiting) return;
      const state = this.customerState(level.fullName);
      if (state.state === 'probing' || state.state === 'adding') {
        waiting = state.state === 'probing';
        return;
      }
      if (state.state === 'failed') {
        waiting = true;
        this.failJob(job, state.error, state.detail);
        return;
      }
      if (state.state === 'known') {
        lastListId = state.ref.ListID ?? null;
        return;
      }
      if (state.state === 'unknown') {
        this.customers.set(level.fullName.toLowerCase(), { state: 'probing' });
        this.add(
          built,
          {
            type: 'CustomerQuery',
            requestID: this.rid(`cq.${job.id}.${index}`),
            body: { FullName: [level.fullName] },
          },
          {
            kind: 'customerProbe',
            fullName: level.fullName,
          },
        );
        waiting = true;
        return;
      }
      const parent = index > 0 ? payload.levels[index - 1]!.fullName : null;
      adds.push({
        request: {
          type: 'CustomerAdd',
          requestID: this.rid(`ca.${job.id}.${index}`),
          body: {
            Name: level.name,
            ...(parent ? { ParentRef: { FullName: parent } } : {}),
            ...(level.level === 'job'
              ? {
                  JobStatus: payload.job.qbdJobStatus,
                  ...(payload.job.description ? { JobDesc: payload.job.description } : {}),
                }
              : {}),
          },
        },
        pending: {
          kind: 'customerAdd',
          fullName: level.fullName,
          job,
          last: index === payload.levels.length - 1,
        },
      });
    });
    if (waiting || this.settledJobs.has(job.id)) return;
    if (adds.length === 0) {
      // Every level is in QuickBooks already (made by hand, or by an earlier job of the same customer): link.
      this.settledJobs.add(job.id);
      markJobSent(this.db, {
        jobId: job.entity_id,
        connectionId: this.connectionId,
        listId: lastListId,
        now: this.now(),
      });
      this.finishJob(job, 'done', null);
      this.deps.log.append({
        companyId: this.connection.companyId,
        connectionId: this.connectionId,
        action: 'send_job',
        entityType: 'job',
        entityId: job.entity_id,
        result: 'success',
        message: `Job ${payload.fullName} is in ${QBD_LABEL} (linked to the existing customer)`,
        detail: `key ${job.idempotency_key}; ListID ${lastListId ?? 'unknown'}`,
      });
      return;
    }
    try {
      for (const a of adds)
        this.prebuilt.set(a.request.requestID, this.wire.buildRequest(a.request, this.version));
    } catch (error) {
      if (error instanceof QbxmlFieldError) {
        return this.failJob(
          job,
          { kind: 'needs_user', userMessage: `${QBD_LABEL} cannot take this job: ${error.message}` },
          error.field,
        );
      }
      throw error;
    }
    this.ledger.claim([job]);
    for (const a of adds) {
      this.customers.set((a.pending as { fullName: string }).fullName.toLowerCase(), {
        state: 'adding',
        requestID: a.request.requestID,
      });
      this.add(built, a.request, a.pending);
    }
  }

  private customerState(fullName: string): RefState | { state: 'unknown' } {
    const key = fullName.toLowerCase();
    const state = this.customers.get(key);
    if (state) return state;
    const mirrored = this.db
      .prepare<[string, string], { external_id: string }>(
        `SELECT external_id FROM list_entries WHERE connection_id = ? AND kind = 'customer' AND name = ? COLLATE NOCASE
           AND external_id IS NOT NULL LIMIT 1`,
      )
      .get(this.connectionId, fullName);
    if (mirrored) {
      const known: RefState = { state: 'known', ref: { ListID: mirrored.external_id } };
      this.customers.set(key, known);
      return known;
    }
    return { state: 'unknown' };
  }

  private applyCustomer(
    p: Extract<Pending, { kind: 'customerProbe' | 'customerAdd' }>,
    r: QbxmlResponse,
    ok: boolean,
  ): void {
    const key = p.fullName.toLowerCase();
    const record = r.records[0] as
      { ListID: string; FullName?: string; Name: string; EditSequence?: string } | undefined;
    if (ok && r.statusCode !== 1 && record) {
      this.mirrorCustomer(record.ListID, record.FullName ?? record.Name, record.EditSequence ?? null);
      this.customers.set(key, { state: 'known', ref: { ListID: record.ListID } });
      if (p.kind === 'customerAdd' && p.last && !this.settledJobs.has(p.job.id)) {
        this.settledJobs.add(p.job.id);
        markJobSent(this.db, {
          jobId: p.job.entity_id,
          connectionId: this.connectionId,
          listId: record.ListID,
          now: this.now(),
        });
        this.finishJob(p.job, 'done', null);
        this.deps.log.append({
          companyId: this.connection.companyId,
          connectionId: this.connectionId,
          action: 'send_job',
          entityType: 'job',
          entityId: p.job.entity_id,
          result: 'success',
          message: `Created job ${p.fullName} in ${QBD_LABEL}`,
          detail: `key ${p.job.idempotency_key}; ListID ${record.ListID}`,
        });
      }
      return;
    }
    if (ok) {
      this.customers.set(key, { state: 'absent' });
      return;
    }
    const failure = this.refFailure(r);
    this.customers.set(key, failure);
    if (p.kind === 'customerAdd') this.failJob(p.job, failure.error, failure.detail);
  }

  private mirrorCustomer(listId: string, fullName: string, editSequence: string | null): void {
    this.db
      .prepare(
        `INSERT INTO list_entries (id, company_id, connection_id, kind, external_id, name, active, data_json, updated_at)
         VALUES (lower(hex(randomblob(16))), ?, ?, 'customer', ?, ?, 1, ?, ?)
         ON CONFLICT (connection_id, kind, external_id) WHERE connection_id IS NOT NULL AND external_id IS NOT NULL
         DO UPDATE SET name = excluded.name, data_json = excluded.data_json, updated_at = excluded.updated_at`,
      )
      .run(
        this.connection.companyId,
        this.connectionId,
        listId,
        fullName,
        JSON.stringify({ editSequence }),
        this.now().toISOString(),
      );
  }

  /** A ServiceTrade job QuickBooks refused: shown on the Jobs page (or retried later when transient). */
  private failJob(job: OutboxJobRow, error: Classified, detail: string): void {
    if (this.settledJobs.has(job.id)) return;
    this.settledJobs.add(job.id);
    this.problem(error.kind, error.userMessage);
    const attempt = job.attempts + 1;
    if (error.kind === 'transient' && attempt < MAX_ATTEMPTS) {
      this.ledger.retryLater(job, this.target(null), error, { log: null });
      this.deferred.add(job.id);
      return;
    }
    this.ledger.finishJob(job, 'failed', error.userMessage, attempt);
    markJobFailed(this.db, {
      jobId: job.entity_id,
      connectionId: this.connectionId,
      message: error.userMessage,
      now: this.now(),
    });
    this.deps.log.append({
      companyId: this.connection.companyId,
      connectionId: this.connectionId,
      action: 'send_job',
      entityType: 'job',
      entityId: job.entity_id,
      result: 'failure',
      message: error.userMessage,
      detail: `attempt ${attempt}; key ${job.idempotency_key}; ${detail}`,
    });
  }

  /**
   * A ServiceTrade invoice (main/connectors/servicetrade/invoice-queue.ts describes the contract): InvoiceAdd on
   * the job's full name once the job is in QuickBooks, lines on the matching item or the default service item
   * (created when missing). Duplicate guard like the documents': an Add in flight is looked up by customer and
   * ExternalGUID before it is sent again.
   */
  private planInvoice(built: Built, job: OutboxJobRow): void {
    if (this.settledJobs.has(job.id)) return;
    let payload: SendInvoicePayload;
    try {
      payload = SendInvoicePayload.parse(JSON.parse(job.payload_json));
    } catch (error) {
      return this.failInvoice(
        job,
        null,
        {
          kind: 'needs_user',
          userMessage:
            'The invoice queued for QuickBooks Desktop could not be read; send it again from the Jobs page.',
        },
        error instanceof Error ? error.message : String(error),
      );
    }
    const label = `ServiceTrade invoice for job ${payload.jobNumber}`;
    const jobState = jobInQuickBooks(this.db, payload.jobId, this.connectionId);
    if (!jobState || jobState.state === 'failed' || jobState.state === 'invalid') {
      return this.failInvoice(
        job,
        payload,
        {
          kind: 'needs_user',
          userMessage: `${label} waits for its job, which is not in ${QBD_LABEL}${jobState?.message ? `: ${jobState.message}` : ''}. Fix the job on the Jobs page, send it, then send the invoice again.`,
        },
        `job ${payload.jobId} state ${jobState?.state ?? 'none'}`,
      );
    }
    if (jobState.state !== 'sent') return; // queued: its send_job row goes first (an earlier id)
    const fullName = jobState.fullName;
    const inflight = getInflight(this.db, this.connectionId, job.idempotency_key);
    if (inflight && this.recovery.get(job.id) !== 'absent') {
      if (this.recovery.get(job.id) === 'probing') return;
      this.recovery.set(job.id, 'probing');
      this.add(
        built,
        {
          type: 'InvoiceQuery',
          requestID: this.rid(`r${job.id}`),
          body: { EntityFilter: { FullName: [fullName] } },
        },
        {
          kind: 'invoiceProbe',
          job,
          guid: inflight.external_guid,
          payload,
          guidSent: (JSON.parse(inflight.lookup_json) as InflightLookup).guidSent !== false,
        },
      );
      return;
    }
    // Items: a ServiceTrade item named like a QuickBooks item uses it; every other line the default service item.
    const known = (name: string | null) =>
      name !== null &&
      this.db
        .prepare(
          `SELECT 1 FROM list_entries WHERE connection_id = ? AND kind = 'item' AND name = ? COLLATE NOCASE LIMIT 1`,
        )
        .get(this.connectionId, name) !== undefined;
    const itemFor = payload.lines.map((l) =>
      known(l.itemName) ? l.itemName! : this.settings.defaultInvoiceItem,
    );
    const before: { request: QbxmlRequest; pending: Pending }[] = [];
    if (itemFor.some((n) => n === this.settings.defaultInvoiceItem) || payload.lines.length === 0) {
      const name = this.settings.defaultInvoiceItem;
      const item = this.itemState(name);
      if (item.state === 'probing') return;
      if (item.state === 'failed') return this.failInvoice(job, payload, item.error, item.detail);
      if (item.state === 'absent') {
        before.push({
          request: {
            type: 'ItemServiceAdd',
            requestID: this.rid(`ia.${name.slice(0, 30)}`),
            body: {
              Name: name,
              SalesOrPurchase: { Desc: name, AccountRef: { FullName: this.settings.defaultIncomeAccount } },
            },
          },
          pending: { kind: 'itemAdd', name },
        });
      } else if (item.state === 'unknown') {
        this.items.set(name.toLowerCase(), { state: 'probing' });
        this.add(
          built,
          { type: 'ItemQuery', requestID: this.rid(`iq.${name.slice(0, 40)}`), body: { FullName: [name] } },
          { kind: 'itemProbe', name },
        );
        return;
      }
    }
    const guid = externalGuid(job.idempotency_key);
    const lines = payload.lines.length
      ? payload.lines.map((l, i) => ({
          ItemRef: { FullName: itemFor[i]! },
          ...(l.description ? { Desc: l.description.slice(0, 4095) } : {}),
          Quantity: String(l.quantity),
          Rate: l.price.toFixed(2),
          Amount: (Math.round(l.quantity * l.price * 100) / 100).toFixed(2),
        }))
      : [{ ItemRef: { FullName: this.settings.defaultInvoiceItem }, Desc: payload.memo.slice(0, 4095) }];
    const request: QbxmlRequest = {
      type: 'InvoiceAdd',
      requestID: this.rid(`j${job.id}`),
      body: {
        CustomerRef: { FullName: fullName },
        ...(payload.txnDate ? { TxnDate: payload.txnDate } : {}),
        Memo: payload.memo,
        ExternalGUID: guid,
        InvoiceLineAdd: lines,
      },
    };
    try {
      for (const b of before)
        this.prebuilt.set(b.request.requestID, this.wire.buildRequest(b.request, this.version));
      this.prebuilt.set(request.requestID, this.wire.buildRequest(request, this.version));
    } catch (error) {
      if (error instanceof QbxmlFieldError) {
        return this.failInvoice(
          job,
          payload,
          { kind: 'needs_user', userMessage: `${QBD_LABEL} cannot take the ${label}: ${error.message}` },
          error.field,
        );
      }
      throw error;
    }
    for (const b of before) {
      this.add(built, b.request, b.pending);
      this.items.set(this.settings.defaultInvoiceItem.toLowerCase(), {
        state: 'adding',
        requestID: b.request.requestID,
      });
    }
    recordInflight(this.db, {
      connectionId: this.connectionId,
      key: job.idempotency_key,
      requestType: 'InvoiceAdd',
      guid,
      lookup: {
        refNumber: null,
        vendor: fullName,
        txnDate: payload.txnDate ?? '',
        guidSent: Number(this.version) >= 9,
      },
      sessionId: this.sessionId,
      now: this.now(),
    });
    this.ledger.claim([job]);
    this.add(built, request, { kind: 'invoiceSend', job, guid, payload, fullName });
  }

  private applyInvoiceProbe(
    p: Extract<Pending, { kind: 'invoiceProbe' }>,
    r: QbxmlResponse,
    ok: boolean,
  ): void {
    if (!ok) {
      // Cannot tell: leave it for the next run rather than risk a second invoice.
      this.recovery.delete(p.job.id);
      this.deferred.add(p.job.id);
      this.problem(String(r.statusCode), this.wire.classifyStatus(r.statusCode, r.statusMessage).userMessage);
      return;
    }
    const records = r.records as {
      TxnID: string;
      RefNumber?: string;
      ExternalGUID?: string;
      Memo?: string;
      TxnDate?: string;
    }[];
    let found = records.find((rec) => rec.ExternalGUID?.toUpperCase() === p.guid.toUpperCase());
    if (!found && !p.guidSent) {
      // Sent below qbXML 9.0 (no ExternalGUID): on this job, our memo and date identify the invoice.
      const candidates = records.filter(
        (rec) => rec.Memo === p.payload.memo && (!p.payload.txnDate || rec.TxnDate === p.payload.txnDate),
      );
      if (candidates.length > 1) {
        this.recovery.delete(p.job.id);
        clearInflight(this.db, this.connectionId, p.job.idempotency_key);
        return this.failInvoice(
          p.job,
          p.payload,
          {
            kind: 'needs_user',
            userMessage: `The answer to the last attempt to create the invoice for job ${p.payload.jobNumber} in ${QBD_LABEL} was lost, and the job now has ${candidates.length} invoices like it. Delete the extra one in QuickBooks, then send the invoice again.`,
          },
          `no ExternalGUID below qbXML 9.0; TxnIDs ${candidates.map((c) => c.TxnID).join(', ')}`,
        );
      }
      found = candidates[0];
    }
    if (!found) {
      clearInflight(this.db, this.connectionId, p.job.idempotency_key);
      this.recovery.set(p.job.id, 'absent');
      this.deps.log.append({
        companyId: this.connection.companyId,
        connectionId: this.connectionId,
        action: SEND_INVOICE_KIND,
        entityType: 'st_invoice',
        entityId: p.job.entity_id,
        result: 'info',
        message: `Checked ${QBD_LABEL} after a lost answer: the invoice for job ${p.payload.jobNumber} is not there, so it is sent again`,
        detail: `key ${p.job.idempotency_key}; ExternalGUID ${p.guid}`,
      });
      return;
    }
    this.recovery.delete(p.job.id);
    this.invoiceAccepted(p.job, p.payload, found.TxnID, found.RefNumber ?? null, true);
  }

  private applyInvoiceSend(
    p: Extract<Pending, { kind: 'invoiceSend' }>,
    r: QbxmlResponse,
    ok: boolean,
  ): void {
    const record = r.records[0] as { TxnID?: string; RefNumber?: string } | undefined;
    if (ok && record?.TxnID)
      return this.invoiceAccepted(p.job, p.payload, record.TxnID, record.RefNumber ?? null, false);
    clearInflight(this.db, this.connectionId, p.job.idempotency_key);
    const classified = this.wire.classifyStatus(r.statusCode, r.statusMessage);
    this.failInvoice(p.job, p.payload, classified, `InvoiceAdd status ${r.statusCode}: ${r.statusMessage}`);
  }

  private invoiceAccepted(
    job: OutboxJobRow,
    payload: SendInvoicePayload,
    txnId: string,
    refNumber: string | null,
    recovered: boolean,
  ): void {
    this.settledJobs.add(job.id);
    clearInflight(this.db, this.connectionId, job.idempotency_key);
    markInvoiceSent(this.db, {
      invoiceId: payload.invoiceId,
      connectionId: this.connectionId,
      txnId,
      refNumber,
      now: this.now(),
    });
    this.finishJob(job, 'done', null);
    this.deps.log.append({
      companyId: this.connection.companyId,
      connectionId: this.connectionId,
      action: SEND_INVOICE_KIND,
      entityType: 'st_invoice',
      entityId: job.entity_id,
      result: 'success',
      message: recovered
        ? `Found invoice ${refNumber ?? ''} for job ${payload.jobNumber} in ${QBD_LABEL} after a lost answer; linked, not sent again. Its number goes back to ServiceTrade at the next refresh.`
        : `Created invoice ${refNumber ?? ''} for job ${payload.jobNumber} in ${QBD_LABEL}. Its number goes back to ServiceTrade at the next refresh.`,
      detail: `key ${job.idempotency_key}; TxnID ${txnId}`,
    });
  }

  private failInvoice(
    job: OutboxJobRow,
    payload: SendInvoicePayload | null,
    error: Classified,
    detail: string,
  ): void {
    if (this.settledJobs.has(job.id)) return;
    this.settledJobs.add(job.id);
    this.problem(error.kind, error.userMessage);
    const attempt = job.attempts + 1;
    if (error.kind === 'transient' && attempt < MAX_ATTEMPTS) {
      this.ledger.retryLater(job, this.target(null), error, { log: null });
      this.deferred.add(job.id);
      return;
    }
    this.ledger.finishJob(job, 'failed', error.userMessage, attempt);
    if (payload)
      markInvoiceFailed(this.db, {
        invoiceId: payload.invoiceId,
        connectionId: this.connectionId,
        message: error.userMessage,
        now: this.now(),
      });
    this.deps.log.append({
      companyId: this.connection.companyId,
      connectionId: this.connectionId,
      action: SEND_INVOICE_KIND,
      entityType: 'st_invoice',
      entityId: job.entity_id,
      result: 'failure',
      message: error.userMessage,
      detail: `attempt ${attempt}; key ${job.idempotency_key}; ${detail}`,
    });
  }

  private planCancel(built: Built, job: OutboxJobRow): void {
    const document = this.documentOf(job.entity_id);
    if (!document) return this.finish(job, 'superseded', 'The document was deleted.', null, 'info');
    const link = findLink(this.db, this.connectionId, 'document', document.id);
    if (!link) {
      this.finishJob(job, 'done', null);
      this.setSync(document.id, 'not_sent', `Never created in ${QBD_LABEL}; nothing to remove.`);
      this.deps.log.append({
        companyId: this.connection.companyId,
        documentId: document.id,
        connectionId: this.connectionId,
        action: 'cancel_document',
        result: 'info',
        message: `Nothing to remove in ${QBD_LABEL}: the document was never created there`,
        detail: `job ${job.id} (${job.idempotency_key})`,
      });
      return;
    }
    if (this.closed(document)) return this.failClosed(job, document);
    const voiding = TXN_TYPE[document.type] === 'Bill' && this.settings.billCancel === 'void';
    const requestID = this.rid(`j${job.id}`);
    this.claim(job, document.id);
    this.add(built, cancelRequest(document, link.external_id, this.settings, requestID), {
      kind: 'cancel',
      job,
      document,
      txnId: link.external_id,
      voiding,
    });
  }

  private planSend(built: Built, job: OutboxJobRow, inMessage: Set<string>): void {
    const document = this.documentOf(job.entity_id);
    if (!document)
      return this.finish(job, 'superseded', 'The document was deleted before it was sent.', null, 'info');
    const link = findLink(this.db, this.connectionId, 'document', document.id);
    const inflight = link ? undefined : getInflight(this.db, this.connectionId, job.idempotency_key);
    const revision = payloadRevision(job);
    if ((document.status !== 'approved' || document.revision !== revision) && !inflight) {
      return this.settleStale(job, document, revision);
    }
    if (this.closed(document)) return this.failClosed(job, document);
    const supplier = loadQbdSupplier(this.db, document.supplierId);
    if (!supplier)
      return this.finish(
        job,
        'failed',
        'The supplier of this document no longer exists.',
        null,
        'failure',
        document.id,
      );
    const txnType = TXN_TYPE[document.type];

    // Duplicate guard: an Add went out before and its answer never came back.
    if (inflight && this.recovery.get(job.id) !== 'absent') {
      if (this.recovery.get(job.id) === 'probing') return;
      const vendorRef = this.vendorRefIfKnown(supplier);
      const lookup = JSON.parse(inflight.lookup_json) as InflightLookup;
      const requestID = this.rid(`r${job.id}`);
      const query = findTxnRequest(txnType, requestID, {
        refNumber: lookup.refNumber ?? refNumberOf(document),
        vendor: vendorRef ?? { FullName: supplier.name },
      });
      this.recovery.set(job.id, 'probing');
      this.add(built, query, {
        kind: 'recoveryProbe',
        job,
        guid: inflight.external_guid,
        vendorName: supplier.name,
        vendorListId: vendorRef?.ListID ?? null,
        lookup,
      });
      return;
    }

    // A bill or receipt linked to a purchase order waits for the order's TxnID when the order is on its way.
    let lineLinks: Map<string, LinkToTxn> | null = null;
    if (
      document.linkedDocumentId &&
      document.type !== 'purchase_order' &&
      document.type !== 'service_order'
    ) {
      if (inMessage.has(document.linkedDocumentId) || this.orderOnItsWay(document.linkedDocumentId)) return;
      const orderLink = findLink(this.db, this.connectionId, 'document', document.linkedDocumentId);
      // A revision keeps the links its lines already have in QuickBooks (ItemLineMod cannot link).
      if (orderLink && !link)
        lineLinks = this.lineLinks(document, document.linkedDocumentId, orderLink.external_id);
    }

    // A revision needs the current EditSequence; after a 3200 it is read again first.
    let existing: { txnId: string; editSequence: string } | null = null;
    if (link) {
      const fresh = this.editSequences.get(job.id);
      if (fresh === 'probing') return;
      if (this.retried3200.has(job.id) && fresh === undefined) {
        const requestID = this.rid(`e${job.id}`);
        this.editSequences.set(job.id, 'probing');
        this.add(built, findTxnRequest(txnType, requestID, { txnId: link.external_id }), {
          kind: 'editSequence',
          job,
        });
        return;
      }
      existing = { txnId: link.external_id, editSequence: fresh ?? link.sync_token ?? '0' };
    }

    // References: the vendor, and the default items the document's lines fall back on.
    const before: { request: QbxmlRequest; pending: Pending }[] = [];
    const vendor = this.vendorState(supplier);
    let vendorRef: ListRef;
    if (vendor.state === 'probing') return;
    if (vendor.state === 'failed') return this.failWith(job, document, vendor.error, vendor.detail);
    if (vendor.state === 'known') vendorRef = vendor.ref;
    else if (vendor.state === 'adding') vendorRef = { FullName: supplier.name };
    else if (vendor.state === 'absent') {
      if (!this.settings.createMissing) {
        return this.finish(
          job,
          'waiting',
          `Supplier '${supplier.name}' has no vendor in ${QBD_LABEL}. Pair it in Suppliers, or turn on 'Create missing records' in the connection's settings.`,
          null,
          'failure',
          document.id,
        );
      }
      const requestID = this.rid(`v.${supplier.id}`);
      before.push({
        request: { type: 'VendorAdd', requestID, body: vendorAddOf(supplier) },
        pending: { kind: 'vendorAdd', supplier },
      });
      vendorRef = { FullName: supplier.name };
    } else {
      // unknown: ask QuickBooks for a vendor of that exact name first.
      const requestID = this.rid(`vq.${supplier.id}`);
      this.vendors.set(supplier.id, { state: 'probing' });
      this.add(
        built,
        { type: 'VendorQuery', requestID, body: { FullName: [supplier.name] } },
        {
          kind: 'vendorProbe',
          supplier,
        },
      );
      return;
    }
    for (const name of defaultItemsNeeded(document, this.settings)) {
      const item = this.itemState(name);
      if (item.state === 'probing') return;
      if (item.state === 'failed') return this.failWith(job, document, item.error, item.detail);
      if (item.state === 'known' || item.state === 'adding') continue;
      if (item.state === 'absent') {
        const requestID = this.rid(`ia.${before.length}.${name.slice(0, 30)}`);
        before.push({
          request: {
            type: 'ItemNonInventoryAdd',
            requestID,
            body: {
              Name: name,
              SalesOrPurchase: { Desc: name, AccountRef: { FullName: this.settings.defaultExpenseAccount } },
            },
          },
          pending: { kind: 'itemAdd', name },
        });
        continue;
      }
      const requestID = this.rid(`iq.${name.slice(0, 40)}`);
      this.items.set(name.toLowerCase(), { state: 'probing' });
      this.add(
        built,
        { type: 'ItemQuery', requestID, body: { FullName: [name] } },
        { kind: 'itemProbe', name },
      );
      return;
    }

    const guid = externalGuid(job.idempotency_key);
    const requestID = this.rid(`j${job.id}`);
    const request = documentRequest(
      document,
      { vendor: vendorRef, lineLinks, existing, externalGuid: guid },
      this.resolver(),
      this.settings,
      requestID,
    );
    // Each document is written alone first: a value QuickBooks cannot take fails this document, not the message.
    try {
      for (const b of before)
        this.prebuilt.set(b.request.requestID, this.wire.buildRequest(b.request, this.version));
      this.prebuilt.set(request.requestID, this.wire.buildRequest(request, this.version));
    } catch (error) {
      if (error instanceof QbxmlFieldError) {
        const vendorProblem = before.find(
          (b) => b.request.type === 'VendorAdd' && error.field.startsWith('VendorAdd'),
        );
        const message = vendorProblem
          ? `Supplier '${supplier.name}' cannot be created as a vendor in ${QBD_LABEL}: ${error.message}`
          : `${QBD_LABEL} cannot take this ${NOUN[document.type]}: ${error.message}`;
        return this.finish(
          job,
          'failed',
          message,
          `${error.field}: ${error.problem}${error.limit ? ` (limit ${error.limit})` : ''}`,
          'failure',
          document.id,
        );
      }
      throw error;
    }
    for (const b of before) {
      this.add(built, b.request, b.pending);
      if (b.pending.kind === 'vendorAdd')
        this.vendors.set(supplier.id, { state: 'adding', requestID: b.request.requestID });
      if (b.pending.kind === 'itemAdd')
        this.items.set(b.pending.name.toLowerCase(), { state: 'adding', requestID: b.request.requestID });
    }
    if (!existing) {
      recordInflight(this.db, {
        connectionId: this.connectionId,
        key: job.idempotency_key,
        requestType: request.type,
        guid,
        lookup: {
          refNumber: refNumberOf(document),
          vendor: supplier.name,
          txnDate: document.date,
          guidSent: Number(this.version) >= 9,
        },
        sessionId: this.sessionId,
        now: this.now(),
      });
    }
    this.claim(job, document.id);
    inMessage.add(document.id);
    this.add(built, request, { kind: 'send', job, document, supplier, update: existing !== null, guid });
  }

  /**
   * Pairs the lines of a bill or receipt with the lines of its purchase order by item (in order, each order line
   * once), using the TxnLineIDs QuickBooks gave the order's lines when we sent it.
   */
  private lineLinks(document: QbdDocument, orderId: string, orderTxnId: string): Map<string, LinkToTxn> {
    const stored = this.db
      .prepare<[string, string], { position: number; txn_line_id: string }>(
        'SELECT position, txn_line_id FROM qbd_txn_lines WHERE connection_id = ? AND document_id = ? ORDER BY position',
      )
      .all(this.connectionId, orderId);
    const links = new Map<string, LinkToTxn>();
    if (stored.length === 0) return links;
    const byPosition = new Map(stored.map((r) => [r.position, r.txn_line_id]));
    const orderLines = this.db
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
  private storeOrderLines(document: QbdDocument, records: unknown[]): void {
    const lines = (records[0] as { PurchaseOrderLineRet?: { TxnLineID: string }[] } | undefined)
      ?.PurchaseOrderLineRet;
    if (!lines || document.type === 'invoice' || document.type === 'receipt') return;
    this.db
      .prepare('DELETE FROM qbd_txn_lines WHERE connection_id = ? AND document_id = ?')
      .run(this.connectionId, document.id);
    const insert = this.db.prepare(
      'INSERT INTO qbd_txn_lines (connection_id, document_id, position, txn_line_id) VALUES (?, ?, ?, ?)',
    );
    document.lines.forEach((line, index) => {
      const id = lines[index]?.TxnLineID;
      if (id) insert.run(this.connectionId, document.id, line.position, id);
    });
  }

  private orderOnItsWay(orderId: string): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM outbox_jobs WHERE connection_id = ? AND entity_type = 'document' AND entity_id = ?
             AND kind = 'send_document' AND status IN ('pending', 'running')`,
        )
        .get(this.connectionId, orderId) !== undefined
    );
  }

  private vendorRefIfKnown(supplier: QbdSupplier): ListRef | null {
    const link = findLink(this.db, this.connectionId, 'supplier', supplier.id);
    return link ? { ListID: link.external_id } : null;
  }

  private vendorState(supplier: QbdSupplier): RefState | { state: 'unknown' } {
    const link = findLink(this.db, this.connectionId, 'supplier', supplier.id);
    if (link) return { state: 'known', ref: { ListID: link.external_id } };
    const state = this.vendors.get(supplier.id);
    if (state) return state;
    // Vendors were imported in this very session: a supplier left unmatched has no vendor of that name.
    if (this.listsFresh) return { state: 'absent' };
    return { state: 'unknown' };
  }

  private itemState(name: string): RefState | { state: 'unknown' } {
    const state = this.items.get(name.toLowerCase());
    if (state) return state;
    const mirrored = this.db
      .prepare<[string, string], { external_id: string }>(
        `SELECT external_id FROM list_entries WHERE connection_id = ? AND kind = 'item' AND name = ? COLLATE NOCASE
           AND external_id IS NOT NULL LIMIT 1`,
      )
      .get(this.connectionId, name);
    if (mirrored) {
      const known: RefState = { state: 'known', ref: { ListID: mirrored.external_id } };
      this.items.set(name.toLowerCase(), known);
      return known;
    }
    if (this.listsFresh) return { state: 'absent' };
    return { state: 'unknown' };
  }

  private resolver(): RefResolver {
    const entry = this.db.prepare<
      [string],
      { kind: string; name: string; connection_id: string | null; external_id: string | null }
    >('SELECT kind, name, connection_id, external_id FROM list_entries WHERE id = ?');
    return {
      listRef: (id) => {
        if (!id) return null;
        const row = entry.get(id);
        if (!row) return null;
        if (row.connection_id === this.connectionId && row.external_id) return { ListID: row.external_id };
        const link = findLink(this.db, this.connectionId, 'list_entry', id);
        return link ? { ListID: link.external_id } : { FullName: row.name };
      },
      kindOf: (id) => entry.get(id)?.kind ?? null,
    };
  }

  private buildPayments(built: Built): void {
    if (this.paymentsDone) return;
    if (!this.payments) {
      const requested = this.state.payments_requested_json;
      let range: { from: string; to: string } | null = null;
      if (requested) {
        try {
          const parsed = JSON.parse(requested) as { from?: string; to?: string };
          if (parsed.from && parsed.to) range = { from: parsed.from, to: parsed.to };
        } catch {
          range = null;
        }
      } else if (!paymentsDue(this.db, this.connection, this.state, this.now())) {
        this.paymentsDone = true;
        return;
      }
      let cursor: PaymentsCursor;
      try {
        cursor = JSON.parse(this.state.payments_cursor_json) as PaymentsCursor;
      } catch {
        cursor = {};
      }
      this.payments = {
        range,
        cursor,
        pending: ['BillPaymentCheckQuery', 'BillPaymentCreditCardQuery'],
        iterators: {},
        deletedDone: false,
        touched: new Map(),
        billsChecked: false,
        seenModified: null,
        seenDeleted: null,
        imported: 0,
      };
    }
    const run = this.payments;
    for (const type of run.pending) {
      this.add(built, paymentQuery(run, type, this.rid(type)), { kind: 'payments', type });
    }
    if (!run.deletedDone)
      this.add(built, deletedQuery(run, this.rid('deleted')), { kind: 'deletedPayments' });
    if (built.requests.length > 0) return;
    if (!run.billsChecked) {
      run.billsChecked = true;
      const query = billsQuery(run, this.rid('bills'));
      if (query) {
        this.add(built, query, { kind: 'paidStatus' });
        return;
      }
    }
    this.finishPayments();
  }

  private finishPayments(): void {
    const run = this.payments;
    this.paymentsDone = true;
    if (!run) return;
    const cursor: PaymentsCursor = run.range
      ? run.cursor
      : {
          modified: run.seenModified ?? run.cursor.modified ?? null,
          deleted: run.seenDeleted ?? run.cursor.deleted ?? null,
        };
    this.tx(() => {
      updateState(
        this.db,
        this.connectionId,
        {
          payments_checkpoint: run.range ? this.state.payments_checkpoint : this.now().toISOString(),
          payments_cursor_json: JSON.stringify(cursor),
          payments_requested_json: null,
        },
        this.now(),
      );
      this.deps.log.append({
        companyId: this.connection.companyId,
        connectionId: this.connectionId,
        action: 'import_payments',
        result: 'success',
        message: run.range
          ? `Imported payments dated ${run.range.from} to ${run.range.to} from ${QBD_LABEL}: ${run.imported} found`
          : `Imported payments from ${QBD_LABEL}: ${run.imported} found`,
        detail: `cursor ${JSON.stringify(cursor)}`,
      });
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // applying answers

  private apply(p: Pending, r: QbxmlResponse): void {
    // Info and Warn answers (0 OK, 1 nothing found, 5xx partial) carry what was asked; Error answers nothing.
    const ok = r.statusSeverity !== 'Error';
    switch (p.kind) {
      case 'companyCheck':
        return;
      case 'list':
        return this.applyList(p.name, r, ok);
      case 'vendorProbe': {
        if (ok && r.statusCode !== 1 && r.records.length > 0) {
          const record = r.records[0] as { ListID: string; EditSequence?: string };
          this.linkVendor(p.supplier, record.ListID, record.EditSequence ?? null, false);
        } else if (ok) this.vendors.set(p.supplier.id, { state: 'absent' });
        else this.vendors.set(p.supplier.id, this.refFailure(r));
        return;
      }
      case 'vendorAdd': {
        if (ok && r.records[0]) {
          const record = r.records[0] as { ListID: string; EditSequence?: string };
          this.linkVendor(p.supplier, record.ListID, record.EditSequence ?? null, true);
        } else {
          const failure = this.refFailure(r);
          this.vendors.set(p.supplier.id, failure);
          this.problem(String(r.statusCode), failure.error.userMessage);
        }
        return;
      }
      case 'itemProbe':
      case 'itemAdd': {
        const key = p.name.toLowerCase();
        if (ok && r.statusCode !== 1 && r.records[0]) {
          const record = r.records[0] as {
            ListID: string;
            FullName?: string;
            Name: string;
            EditSequence?: string;
          };
          this.mirrorItem(record.ListID, record.FullName ?? record.Name, record.EditSequence ?? null);
          this.items.set(key, { state: 'known', ref: { ListID: record.ListID } });
          if (p.kind === 'itemAdd') {
            this.deps.log.append({
              companyId: this.connection.companyId,
              connectionId: this.connectionId,
              action: 'create_reference',
              result: 'info',
              message: `Created item '${p.name}' in ${QBD_LABEL} (non-inventory, for lines without an item)`,
              detail: `ListID ${record.ListID}`,
            });
          }
        } else if (ok) this.items.set(key, { state: 'absent' });
        else {
          const failure = this.refFailure(r);
          this.items.set(key, failure);
          this.problem(String(r.statusCode), failure.error.userMessage);
        }
        return;
      }
      case 'recoveryProbe':
        return this.applyRecovery(p, r, ok);
      case 'customerProbe':
      case 'customerAdd':
        return this.applyCustomer(p, r, ok);
      case 'invoiceProbe':
        return this.applyInvoiceProbe(p, r, ok);
      case 'invoiceSend':
        return this.applyInvoiceSend(p, r, ok);
      case 'vendorMod':
        return this.applyVendorMod(p, r, ok);
      case 'vendorReread': {
        const record = r.records[0] as { EditSequence?: string } | undefined;
        if (ok && record?.EditSequence) {
          this.vendorEditSequences.set(p.supplierId, record.EditSequence);
          this.vendorsSynced.delete(p.supplierId);
        }
        return;
      }
      case 'editSequence': {
        const record = r.records[0] as { EditSequence?: string } | undefined;
        if (ok && record?.EditSequence) this.editSequences.set(p.job.id, record.EditSequence);
        else this.editSequences.delete(p.job.id);
        if (!(ok && record?.EditSequence)) this.retried3200.delete(p.job.id);
        return;
      }
      case 'send':
        return ok ? this.applySent(p, r) : this.applySendError(p, r);
      case 'cancel':
        return this.applyCancel(p, r, ok);
      case 'payments':
        return this.applyPaymentsPage(p.type, r, ok);
      case 'deletedPayments': {
        const run = this.payments!;
        run.deletedDone = true;
        if (ok)
          applyDeleted(this.db, {
            connectionId: this.connectionId,
            records: r.type === 'TxnDeletedQuery' ? r.records : [],
            run,
            now: this.now(),
          });
        else
          this.problem(
            String(r.statusCode),
            this.wire.classifyStatus(r.statusCode, r.statusMessage).userMessage,
          );
        return;
      }
      case 'paidStatus': {
        const run = this.payments!;
        const bills = ok && r.type === 'BillQuery' ? r.records : [];
        const changed = applyPaidStatus(this.db, {
          connectionId: this.connectionId,
          bills,
          run,
          now: this.now(),
        });
        for (const change of changed) {
          this.emit({ type: 'document', documentId: change.documentId });
          this.deps.log.append({
            companyId: this.connection.companyId,
            connectionId: this.connectionId,
            documentId: change.documentId,
            action: 'payments',
            result: 'info',
            message: paymentStateSentence({ ...change, system: this.connection.name }),
          });
        }
        return;
      }
    }
  }

  /**
   * An answer holding records that cannot be read (qbxml/parse.ts: a TxnID, ListID or name missing, a value
   * of the wrong shape). Pages of lists and payments skip them with a log entry, so their iterators and
   * checkpoints still advance; a document, job or reference the request was for fails with what was missing
   * and waits for the bookkeeper, instead of going back to the queue to meet the same record at every session.
   * True when handled; false lets apply() use the records that could be read.
   */
  private applyUnreadable(p: Pending, r: QbxmlResponse, bad: UnreadableRecord[]): boolean {
    const what = bad
      .slice(0, 3)
      .map((u) => `${u.element}${u.label ? ` ${u.label}` : ''} (${u.reason})`)
      .join(', ');
    const more = bad.length > 3 ? ` and ${bad.length - 3} more` : '';
    const detail = `${r.type}Rs status ${r.statusCode}; unreadable: ${what}${more}`;
    const says = (label: string) =>
      `QuickBooks answered ${label} with a record Ledgerbridge cannot read: ${what}${more}.`;
    const needsUser = (userMessage: string): Classified => ({ kind: 'needs_user', userMessage });
    const ours = (guid: string) =>
      (r.records as { ExternalGUID?: string }[]).some(
        (rec) => rec.ExternalGUID?.toUpperCase() === guid.toUpperCase(),
      );
    switch (p.kind) {
      case 'list':
      case 'payments':
      case 'deletedPayments':
      case 'paidStatus': {
        const source =
          p.kind === 'list'
            ? `the ${p.name} list`
            : p.kind === 'paidStatus'
              ? 'the paid status of bills'
              : 'payments';
        const message = `Skipped ${bad.length} record${bad.length === 1 ? '' : 's'} of ${source} that ${QBD_LABEL} answered and Ledgerbridge cannot read: ${what}${more}. The rest was imported; correct the record in QuickBooks if it should come across.`;
        this.problem('unreadable-record', message);
        this.deps.log.append({
          companyId: this.connection.companyId,
          connectionId: this.connectionId,
          action: p.kind === 'list' ? 'import_lists' : 'payments',
          result: 'failure',
          message,
          detail,
        });
        return false;
      }
      case 'send': {
        if (r.statusSeverity === 'Error' || r.records.length > 0) return false;
        const noun = NOUN[p.document.type];
        const number = refNumberOf(p.document);
        // An Add stays in flight: sending again looks for it in QuickBooks before adding a second one.
        const after = p.update
          ? `QuickBooks may have saved the change: check ${noun} ${number} in QuickBooks, then use Send to ${QBD_LABEL} again.`
          : `QuickBooks may have created the ${noun}: Send to ${QBD_LABEL} again looks for ${number} there first and links it instead of adding a second one.`;
        this.failWith(p.job, p.document, needsUser(`${says(number)} ${after}`), detail);
        return true;
      }
      case 'recoveryProbe':
      case 'editSequence': {
        if (r.statusSeverity === 'Error' || (p.kind === 'recoveryProbe' && ours(p.guid))) return false;
        this.recovery.delete(p.job.id);
        this.editSequences.delete(p.job.id);
        const document = loadQbdDocument(this.db, p.job.entity_id);
        if (!document) return false;
        const number = refNumberOf(document);
        const after =
          p.kind === 'recoveryProbe'
            ? `Ledgerbridge cannot tell whether ${NOUN[document.type]} ${number} is already there. Check it in QuickBooks (and delete a second copy if there is one), then use Send to ${QBD_LABEL} again.`
            : `Check ${NOUN[document.type]} ${number} in QuickBooks, then use Send to ${QBD_LABEL} again.`;
        this.failWith(p.job, document, needsUser(`${says(number)} ${after}`), detail);
        return true;
      }
      case 'invoiceProbe':
      case 'invoiceSend': {
        if (r.statusSeverity === 'Error') return false;
        if (p.kind === 'invoiceProbe' ? ours(p.guid) : r.records.length > 0) return false;
        this.recovery.delete(p.job.id);
        const label = `the invoice for job ${p.payload.jobNumber}`;
        this.failInvoice(
          p.job,
          p.payload,
          needsUser(
            `${says(label)} Check the job's invoices in QuickBooks (and delete a second copy if there is one), then send the invoice again.`,
          ),
          detail,
        );
        return true;
      }
      case 'customerProbe':
      case 'customerAdd':
      case 'vendorProbe':
      case 'vendorAdd':
      case 'itemProbe':
      case 'itemAdd': {
        if (r.statusSeverity === 'Error' || r.records.length > 0) return false;
        const [noun, name, map, key] =
          p.kind === 'customerProbe' || p.kind === 'customerAdd'
            ? (['customer', p.fullName, this.customers, p.fullName.toLowerCase()] as const)
            : p.kind === 'vendorProbe' || p.kind === 'vendorAdd'
              ? (['vendor', p.supplier.name, this.vendors, p.supplier.id] as const)
              : (['item', p.name, this.items, p.name.toLowerCase()] as const);
        // What waits for this reference fails with this message (as when QuickBooks refuses the reference).
        const failure = {
          state: 'failed' as const,
          error: needsUser(
            `${says(`the ${noun} '${name}'`)} Check the ${noun} in QuickBooks (its name and whether it is listed twice), then send again.`,
          ),
          detail,
        };
        map.set(key, failure);
        this.problem('unreadable-record', failure.error.userMessage);
        if (p.kind === 'customerAdd') this.failJob(p.job, failure.error, detail);
        return true;
      }
      case 'vendorMod':
      case 'vendorReread': {
        if (r.statusSeverity === 'Error' || r.records.length > 0) return false;
        const supplier = loadQbdSupplier(this.db, p.supplierId);
        const message = `${says(`the vendor '${supplier?.name ?? p.supplierId}'`)} It is updated again when the supplier is next saved.`;
        this.problem('vendor', message);
        // Not written again at every session (the answer would be the same): the supplier's next change retries it.
        this.db
          .prepare(
            `UPDATE external_links SET updated_at = ? WHERE connection_id = ? AND entity_type = 'supplier' AND entity_id = ?`,
          )
          .run(this.now().toISOString(), this.connectionId, p.supplierId);
        this.deps.log.append({
          companyId: this.connection.companyId,
          connectionId: this.connectionId,
          action: 'update_reference',
          result: 'failure',
          message,
          detail: `supplier ${p.supplierId}; ${detail}`,
        });
        return true;
      }
      case 'cancel':
      case 'companyCheck':
        return false;
    }
  }

  private applyList(name: ListName, r: QbxmlResponse, ok: boolean): void {
    const checkpoint: ListCheckpoint = this.checkpoints[name] ?? { since: null, done: false, seen: null };
    if (!ok) {
      // A list QuickBooks refuses to read (permissions, edition) must not stop the import of the others.
      const classified = this.wire.classifyStatus(r.statusCode, r.statusMessage);
      this.problem(String(r.statusCode), classified.userMessage);
      this.checkpoints[name] = { ...checkpoint, done: true };
      return;
    }
    const result = applyListResponse(this.db, {
      connectionId: this.connectionId,
      companyId: this.connection.companyId,
      name,
      response: r,
      now: this.now(),
      importVendors: this.settings.importVendors,
    });
    this.summary.listRecords += result.records;
    const seen =
      result.seen && (!checkpoint.seen || Date.parse(result.seen) > Date.parse(checkpoint.seen))
        ? result.seen
        : checkpoint.seen;
    const progress = this.listProgress.get(name) ?? { records: 0 };
    progress.records += result.records;
    if (result.iteratorID) {
      progress.iteratorID = result.iteratorID;
      progress.remaining = result.remaining;
      this.checkpoints[name] = { ...checkpoint, seen };
    } else {
      delete progress.iteratorID;
      progress.remaining = 0;
      this.checkpoints[name] = { since: seen ?? checkpoint.since, done: true, seen: null };
    }
    this.listProgress.set(name, progress);
    updateState(this.db, this.connectionId, { lists_json: JSON.stringify(this.checkpoints) }, this.now());
  }

  private refFailure(r: QbxmlResponse): { state: 'failed'; error: Classified; detail: string } {
    const classified = this.wire.classifyStatus(r.statusCode, r.statusMessage);
    return {
      state: 'failed',
      error: classified,
      detail: `${r.type} status ${r.statusCode}: ${r.statusMessage}`,
    };
  }

  private linkVendor(
    supplier: QbdSupplier,
    listId: string,
    editSequence: string | null,
    created: boolean,
  ): void {
    const { conflictWith } = upsertLink(this.db, {
      connectionId: this.connectionId,
      entityType: 'supplier',
      entityId: supplier.id,
      externalId: listId,
      syncToken: editSequence,
      now: this.now(),
    });
    if (conflictWith) {
      this.vendors.set(supplier.id, {
        state: 'failed',
        error: {
          kind: 'needs_user',
          userMessage: `The vendor '${supplier.name}' in ${QBD_LABEL} is already paired with another supplier here. Check the pairing in Suppliers.`,
        },
        detail: `vendor ${listId} already linked to supplier ${conflictWith}`,
      });
      return;
    }
    this.vendors.set(supplier.id, { state: 'known', ref: { ListID: listId } });
    this.deps.log.append({
      companyId: this.connection.companyId,
      connectionId: this.connectionId,
      action: created ? 'create_reference' : 'match_reference',
      result: 'info',
      message: created
        ? `Created vendor '${supplier.name}' in ${QBD_LABEL}`
        : `Matched supplier '${supplier.name}' to the existing vendor in ${QBD_LABEL}`,
      detail: `supplier ${supplier.id} → ${listId}`,
    });
  }

  private mirrorItem(listId: string, fullName: string, editSequence: string | null): void {
    const at = this.now().toISOString();
    this.db
      .prepare(
        `INSERT INTO list_entries (id, company_id, connection_id, kind, external_id, name, active, data_json, updated_at)
         VALUES (lower(hex(randomblob(16))), ?, ?, 'item', ?, ?, 1, ?, ?)
         ON CONFLICT (connection_id, kind, external_id) WHERE connection_id IS NOT NULL AND external_id IS NOT NULL
         DO UPDATE SET name = excluded.name, data_json = excluded.data_json, updated_at = excluded.updated_at`,
      )
      .run(
        this.connection.companyId,
        this.connectionId,
        listId,
        fullName,
        JSON.stringify({ editSequence }),
        at,
      );
  }

  private applyRecovery(p: Extract<Pending, { kind: 'recoveryProbe' }>, r: QbxmlResponse, ok: boolean): void {
    const { job, guid } = p;
    if (!ok) {
      // Cannot tell: leave it for the next run rather than risk a duplicate.
      this.recovery.delete(job.id);
      this.deferred.add(job.id);
      this.problem(String(r.statusCode), this.wire.classifyStatus(r.statusCode, r.statusMessage).userMessage);
      return;
    }
    const records = r.records as {
      TxnID: string;
      EditSequence?: string;
      ExternalGUID?: string;
      RefNumber?: string;
      TxnDate?: string;
      VendorRef?: { ListID?: string; FullName?: string };
    }[];
    let found = records.find((rec) => rec.ExternalGUID?.toUpperCase() === guid.toUpperCase());
    let how = `ExternalGUID ${guid}`;
    if (!found && p.lookup.guidSent === false) {
      // Sent below qbXML 9.0, where transactions carry no ExternalGUID: the same number, vendor and date is ours.
      const same = (a: string | undefined, b: string | null | undefined) =>
        (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
      const candidates = records.filter(
        (rec) =>
          same(rec.RefNumber, p.lookup.refNumber) &&
          rec.TxnDate === p.lookup.txnDate &&
          (p.vendorListId
            ? rec.VendorRef?.ListID === p.vendorListId
            : same(rec.VendorRef?.FullName, p.vendorName)),
      );
      if (candidates.length > 1) {
        this.recovery.delete(job.id);
        clearInflight(this.db, this.connectionId, job.idempotency_key);
        const document = loadQbdDocument(this.db, job.entity_id);
        if (!document) return;
        return this.failWith(
          job,
          document,
          {
            kind: 'needs_user',
            userMessage: `The answer to the last attempt to create this ${NOUN[document.type]} in ${QBD_LABEL} was lost, and QuickBooks now has ${candidates.length} with number ${p.lookup.refNumber ?? ''}, vendor '${p.vendorName}' and date ${p.lookup.txnDate ?? ''}. Delete the extra one in QuickBooks, then use Send to ${QBD_LABEL} again.`,
          },
          `no ExternalGUID below qbXML 9.0; TxnIDs ${candidates.map((c) => c.TxnID).join(', ')}`,
        );
      }
      found = candidates[0];
      how = 'the same number, vendor and date (this QuickBooks is too old to keep an ExternalGUID)';
    }
    if (!found) {
      clearInflight(this.db, this.connectionId, job.idempotency_key);
      this.recovery.set(job.id, 'absent');
      this.deps.log.append({
        companyId: this.connection.companyId,
        documentId: job.entity_id,
        connectionId: this.connectionId,
        action: job.kind,
        result: 'info',
        message: `Checked ${QBD_LABEL} after a lost answer: the document is not there, so it is sent again`,
        detail: `key ${job.idempotency_key}; ExternalGUID ${guid}; ${records.length} record(s) with that number`,
      });
      return;
    }
    this.recovery.delete(job.id);
    const document = loadQbdDocument(this.db, job.entity_id);
    if (!document) return;
    this.linkSent(
      job,
      document,
      found.TxnID,
      found.EditSequence ?? null,
      false,
      `Found in ${QBD_LABEL} after a lost answer (${how}); linked, not sent again`,
    );
  }

  private applySent(p: Extract<Pending, { kind: 'send' }>, r: QbxmlResponse): void {
    const record = r.records[0] as { TxnID?: string; EditSequence?: string } | undefined;
    if (!record?.TxnID) {
      return this.applySendError(p, {
        ...r,
        statusSeverity: 'Error',
        statusCode: r.statusCode || 1000,
      } as QbxmlResponse);
    }
    this.editSequences.delete(p.job.id);
    this.retried3200.delete(p.job.id);
    this.storeOrderLines(p.document, r.records);
    this.linkSent(p.job, p.document, record.TxnID, record.EditSequence ?? null, p.update, null);
  }

  private linkSent(
    job: OutboxJobRow,
    document: QbdDocument,
    txnId: string,
    editSequence: string | null,
    update: boolean,
    note: string | null,
  ): void {
    const noun = NOUN[document.type];
    const { conflictWith } = upsertLink(this.db, {
      connectionId: this.connectionId,
      entityType: 'document',
      entityId: document.id,
      externalId: txnId,
      syncToken: editSequence,
      now: this.now(),
    });
    clearInflight(this.db, this.connectionId, job.idempotency_key);
    if (conflictWith) {
      this.summary.documentsFailed += 1;
      return this.finish(
        job,
        'failed',
        `${QBD_LABEL} answered with ${noun} ${txnId}, which is already linked to another document here. Check both documents in QuickBooks before sending again.`,
        `TxnID ${txnId} already linked to document ${conflictWith}`,
        'failure',
        document.id,
      );
    }
    const message = `${update ? 'Updated' : 'Created'} ${noun} ${refNumberOf(document)} in ${QBD_LABEL}`;
    this.finishJob(job, 'done', null);
    this.sent.push({ id: document.id, message, externalId: txnId });
    this.deps.log.append({
      companyId: this.connection.companyId,
      documentId: document.id,
      connectionId: this.connectionId,
      action: job.kind,
      result: 'success',
      message: note ? `${message} — ${note}` : message,
      detail: [
        `attempt ${job.attempts + 1}`,
        `key ${job.idempotency_key}`,
        `TxnID ${txnId}`,
        editSequence ? `EditSequence ${editSequence}` : null,
      ]
        .filter(Boolean)
        .join('; '),
    });
    this.summary.documentsSent += 1;
    this.documentsDone += 1;
  }

  private applySendError(p: Extract<Pending, { kind: 'send' }>, r: QbxmlResponse): void {
    const { job, document } = p;
    // QuickBooks answered: whatever the error, the Add did not create anything.
    if (!p.update) clearInflight(this.db, this.connectionId, job.idempotency_key);
    if (r.statusCode === 3200 && p.update && !this.retried3200.has(job.id)) {
      // Someone changed it in QuickBooks since our last write: read the current EditSequence and try once more.
      this.retried3200.add(job.id);
      this.editSequences.delete(job.id);
      this.release(job, document.id);
      this.deps.log.append({
        companyId: this.connection.companyId,
        documentId: document.id,
        connectionId: this.connectionId,
        action: job.kind,
        result: 'retry',
        message: `The ${NOUN[document.type]} was changed in ${QBD_LABEL} since Ledgerbridge last wrote it; reading it again and retrying`,
        detail: `status 3200: ${r.statusMessage}`,
      });
      return;
    }
    let classified = this.wire.classifyStatus(r.statusCode, r.statusMessage);
    // The vendor added in the same message failed: its reason is the useful one (e.g. 3100, the name is taken).
    const vendor = this.vendors.get(p.supplier.id);
    if (vendor?.state === 'failed') classified = vendor.error;
    this.failWith(
      job,
      document,
      classified,
      `${r.type} status ${r.statusCode} (${r.statusSeverity}): ${r.statusMessage}`,
    );
  }

  private applyCancel(p: Extract<Pending, { kind: 'cancel' }>, r: QbxmlResponse, ok: boolean): void {
    const { job, document } = p;
    const noun = NOUN[document.type];
    if (ok || r.statusCode === 3120) {
      const gone = !ok;
      const message = gone
        ? `The ${noun} was already gone from ${QBD_LABEL}`
        : `${p.voiding ? 'Voided' : 'Deleted'} ${noun} ${refNumberOf(document)} in ${QBD_LABEL}`;
      this.finishJob(job, 'done', null);
      this.setSync(document.id, 'sent', message);
      this.deps.log.append({
        companyId: this.connection.companyId,
        documentId: document.id,
        connectionId: this.connectionId,
        action: 'cancel_document',
        result: 'success',
        message,
        detail: `key ${job.idempotency_key}; TxnID ${p.txnId}${gone ? `; status 3120: ${r.statusMessage}` : ''}`,
      });
      this.documentsDone += 1;
      return;
    }
    this.failWith(
      job,
      document,
      this.wire.classifyStatus(r.statusCode, r.statusMessage),
      `${r.type} status ${r.statusCode}: ${r.statusMessage}`,
    );
  }

  private applyPaymentsPage(type: PaymentQueryType, r: QbxmlResponse, ok: boolean): void {
    const run = this.payments!;
    if (!ok) {
      this.problem(String(r.statusCode), this.wire.classifyStatus(r.statusCode, r.statusMessage).userMessage);
      run.pending = run.pending.filter((t) => t !== type);
      return;
    }
    const records =
      r.type === 'BillPaymentCheckQuery' || r.type === 'BillPaymentCreditCardQuery' ? r.records : [];
    const written = applyPayments(this.db, {
      connectionId: this.connectionId,
      type,
      records,
      run,
      now: this.now(),
    });
    run.imported += written;
    this.summary.paymentsImported += written;
    if ((r.iteratorRemainingCount ?? 0) > 0 && r.iteratorID) run.iterators[type] = r.iteratorID;
    else {
      delete run.iterators[type];
      run.pending = run.pending.filter((t) => t !== type);
    }
  }

  /**
   * QuickBooks refused to read a whole message (0x80040400): nothing in it was applied, so one document it
   * cannot read would otherwise fail every document sent with it. Its units (jobs, and the vendor updates that
   * rode along) go back (no attempt counted, nothing left in flight) and are sent again in the following round
   * trips in halves, each half in its own message; a half that is refused again is halved again, and a unit
   * refused in a message holding only its own requests fails with the plain-language reason. One bad document
   * among 50 costs about a dozen round trips. False when the message held neither (lists, payments): that is
   * ours to fix, the session ends.
   */
  private isolate(
    pending: Map<string, Pending>,
    owners: Map<string, string>,
    group: string[] | null,
    answer: { hresult: string; message: string },
  ): boolean {
    const suspects = [...new Set(owners.values())].sort(byUnit);
    if (suspects.length === 0 || this.refusals >= MAX_REFUSALS) return false;
    this.refusals += 1;
    const alone = suspects.length === 1 && owners.size === pending.size;
    this.tx(() => {
      for (const p of pending.values()) this.releaseRefused(p);
      if (group) {
        // The group this message was built from: its other units (not in the message) keep their own group.
        this.isolating = this.isolating.filter((g) => g !== group);
        const rest = group.filter((u) => !suspects.includes(u));
        if (rest.length > 0) this.isolating.unshift(rest);
      }
      if (alone) {
        const unit = suspects[0]!;
        if (unit.startsWith('j:')) this.failRefused(Number(unit.slice(2)), answer);
        else this.failRefusedVendor(unit.slice(2), answer);
        return;
      }
      for (const u of suspects) if (u.startsWith('v:')) this.vendorRetries.add(u.slice(2));
      const half = Math.ceil(suspects.length / 2);
      const halves = [suspects.slice(0, half), suspects.slice(half)].filter((h) => h.length > 0);
      this.isolating.unshift(...halves);
      const documents = suspects.filter((u) => u.startsWith('j:')).length;
      const vendors = suspects.length - documents;
      this.deps.log.append({
        companyId: this.connection.companyId,
        connectionId: this.connectionId,
        action: 'qbd_message_refused',
        result: 'retry',
        message: `${QBD_LABEL} could not read a message of ${documents} document${documents === 1 ? '' : 's'}${vendors ? ` and ${vendors} vendor update${vendors === 1 ? '' : 's'}` : ''}; sending them again in smaller groups to find the one it refuses, so the others go through`,
        detail: `${answer.hresult || 'no HRESULT'}: ${answer.message}; ${suspects.join(', ')}`,
      });
    });
    return true;
  }

  /** A vendor update QuickBooks refuses to read even on its own: logged, and left until the supplier changes again. */
  private failRefusedVendor(supplierId: string, answer: { hresult: string; message: string }): void {
    const supplier = loadQbdSupplier(this.db, supplierId);
    const said =
      answer.message.trim() || 'QuickBooks found an error when parsing the provided XML text stream.';
    const message = `Vendor '${supplier?.name ?? supplierId}' was not updated in ${QBD_LABEL}: QuickBooks refused to read the update, even sent on its own (${answer.hresult || '0x80040400'}: "${said}"). Check the supplier's name, address, phone, e-mail and account number for unusual characters and correct them; the vendor is updated when the supplier is saved again.`;
    this.problem('vendor', message);
    // Not tried again at every session (it would be refused every time): the supplier's next change retries it.
    this.db
      .prepare(
        `UPDATE external_links SET updated_at = ? WHERE connection_id = ? AND entity_type = 'supplier' AND entity_id = ?`,
      )
      .run(this.now().toISOString(), this.connectionId, supplierId);
    this.deps.log.append({
      companyId: this.connection.companyId,
      connectionId: this.connectionId,
      action: 'update_reference',
      result: 'failure',
      message,
      detail: `supplier ${supplierId}; ${answer.hresult || 'no HRESULT'}: ${said}; refused alone`,
    });
  }

  /** A request of a refused message: nothing was applied, so it is simply planned again (no attempt counted). */
  private releaseRefused(p: Pending): void {
    switch (p.kind) {
      case 'send':
        if (!p.update) clearInflight(this.db, this.connectionId, p.job.idempotency_key);
        return this.release(p.job, p.document.id);
      case 'cancel':
        return this.release(p.job, p.document.id);
      case 'invoiceSend':
      case 'customerAdd': {
        if (p.kind === 'invoiceSend') clearInflight(this.db, this.connectionId, p.job.idempotency_key);
        else this.customers.delete(p.fullName.toLowerCase());
        this.ledger.release(p.job, this.target(null));
        return;
      }
      case 'customerProbe':
        this.customers.delete(p.fullName.toLowerCase());
        return;
      case 'vendorProbe':
      case 'vendorAdd':
        this.vendors.delete(p.supplier.id);
        return;
      case 'itemProbe':
      case 'itemAdd':
        this.items.delete(p.name.toLowerCase());
        return;
      case 'recoveryProbe':
      case 'invoiceProbe':
        this.recovery.delete(p.job.id);
        return;
      case 'editSequence':
        this.editSequences.delete(p.job.id);
        return;
      default:
        // VendorMod and re-reads: done for this session (vendorsSynced), tried again at the next one.
        return;
    }
  }

  /** The job QuickBooks refuses to read even alone: it fails with what to check. */
  private failRefused(jobId: number, answer: { hresult: string; message: string }): void {
    const job = this.db.prepare<[number], OutboxJobRow>('SELECT * FROM outbox_jobs WHERE id = ?').get(jobId);
    if (!job) return;
    const said =
      answer.message.trim() || 'QuickBooks found an error when parsing the provided XML text stream.';
    const detail = `${answer.hresult || 'no HRESULT'}: ${said}; refused alone`;
    const reason = (what: string) =>
      `${QBD_LABEL} refused to read the request for this ${what}, even sent on its own (${answer.hresult || '0x80040400'}: "${said}"); the other documents were not held up. Something in it that QuickBooks cannot take stops it: check the supplier's name and address, the numbers, descriptions and memo for unusual characters, correct them, and send it again. If it is refused again, report it to Ledgerbridge support with the Web Connector log.`;
    if ((job.kind as string) === SEND_JOB_KIND) {
      return this.failJob(job, { kind: 'needs_user', userMessage: reason('job') }, detail);
    }
    if ((job.kind as string) === SEND_INVOICE_KIND) {
      let payload: SendInvoicePayload | null;
      try {
        payload = SendInvoicePayload.parse(JSON.parse(job.payload_json));
      } catch {
        payload = null;
      }
      return this.failInvoice(job, payload, { kind: 'needs_user', userMessage: reason('invoice') }, detail);
    }
    const document = loadQbdDocument(this.db, job.entity_id);
    if (!document) return this.finish(job, 'superseded', 'The document was deleted.', detail, 'info');
    const noun = job.kind === 'cancel_document' ? `${NOUN[document.type]} removal` : NOUN[document.type];
    this.failWith(job, document, { kind: 'needs_user', userMessage: reason(noun) }, detail);
  }

  /** A request that got no answer: its job goes back to the queue (its Add stays in flight, checked next time). */
  private releaseUnanswered(p: Pending, why: Classified): void {
    if (p.kind === 'send' || p.kind === 'cancel') {
      const job = p.job;
      if (why.kind !== 'transient' && why.kind !== 'auth') {
        return this.failWith(job, p.document, why, 'the whole message failed');
      }
      // No backoff of our own: the Web Connector's schedule spaces the sessions, and the next one first checks
      // (duplicate guard) whatever this message may have done in QuickBooks.
      this.ledger.retryLater(job, this.target(p.document.id), why, {
        next: this.now(),
        syncMessage: `Will retry on the next Web Connector run: ${why.userMessage}`,
        log: null,
      });
      return;
    }
    if (p.kind === 'customerProbe' || p.kind === 'customerAdd')
      this.customers.delete(p.fullName.toLowerCase());
    if (p.kind === 'customerAdd' && !this.settledJobs.has(p.job.id)) {
      // Looked up by full name first next time, so a level QuickBooks did add is linked, not added twice.
      this.settledJobs.add(p.job.id);
      this.ledger.release(p.job, this.target(null));
    }
    if (p.kind === 'vendorProbe' || p.kind === 'vendorAdd') this.vendors.delete(p.supplier.id);
    if (p.kind === 'itemProbe' || p.kind === 'itemAdd') this.items.delete(p.name.toLowerCase());
    if (p.kind === 'recoveryProbe' || p.kind === 'invoiceProbe') this.recovery.delete(p.job.id);
    if (p.kind === 'invoiceSend' && !this.settledJobs.has(p.job.id)) {
      // Its ExternalGUID stays in flight: the next attempt looks for it in QuickBooks before adding again.
      this.settledJobs.add(p.job.id);
      this.ledger.retryLater(p.job, this.target(null), why, { next: this.now(), log: null });
    }
    if (p.kind === 'editSequence') this.editSequences.delete(p.job.id);
  }

  /**
   * Acts on a classified failure of one job (sync/jobs.ts): retry later (transient), QuickBooks refusing access
   * (the connection shows it and the job waits for the next session), or show it on the document.
   */
  private failWith(job: OutboxJobRow, document: QbdDocument, error: Classified, detail: string): void {
    const attempt = job.attempts + 1;
    this.problem(error.kind, error.userMessage);
    const target = this.target(document.id);
    if (error.kind === 'transient' && attempt < MAX_ATTEMPTS) {
      this.ledger.retryLater(job, target, error, {
        log: { detail: () => attemptDetail(job, detail) },
      });
      this.deferred.add(job.id);
      return;
    }
    if (error.kind === 'auth') {
      this.authLost = error.userMessage;
      this.ledger.lostAuthorization(job, target, { ...error, detail }, error.userMessage);
    } else if (error.kind === 'transient') {
      this.ledger.giveUp(job, target, { ...error, detail });
    } else {
      this.ledger.settle(job, target, 'failed', error.userMessage, detail, { countAttempt: true });
    }
    this.summary.documentsFailed += 1;
    this.documentsDone += 1;
  }

  private target(documentId: string | null): JobTarget {
    return { connectionId: this.connectionId, label: QBD_LABEL, documentId };
  }

  // ---------------------------------------------------------------------------------------------------------
  // job bookkeeping

  private closed(document: QbdDocument): boolean {
    const closing = this.state.closing_date;
    return Boolean(closing && document.date <= closing);
  }

  private failClosed(job: OutboxJobRow, document: QbdDocument): void {
    this.failWith(
      job,
      document,
      {
        kind: 'needs_user',
        userMessage: `QuickBooks' books are closed through ${this.state.closing_date}, and this ${NOUN[document.type]} is dated ${document.date}. Revise the document with a date after the closing date, or ask the QuickBooks administrator to move the closing date (Company → Set Closing Date).`,
      },
      `closing date ${this.state.closing_date}; not sent`,
    );
  }

  private claim(job: OutboxJobRow, documentId: string): void {
    this.ledger.claim([job]);
    this.claimed.push(documentId);
  }

  /** Writes the sent documents of the applied answer at once (the ledger's setSyncMany: two statements). */
  private flushSent(): void {
    if (this.sent.length === 0) return;
    this.ledger.setSyncMany(
      this.connectionId,
      'sent',
      this.sent.map((d) => ({ documentId: d.id, message: d.message, externalId: d.externalId })),
    );
    this.sent = [];
  }

  /** Shows the documents of the message as sending, all at once (the ledger's setSyncMany). */
  private flushClaims(): void {
    if (this.claimed.length === 0) return;
    this.ledger.setSyncMany(
      this.connectionId,
      'sending',
      this.claimed.map((documentId) => ({ documentId, message: null })),
    );
    this.claimed = [];
  }

  /** Back to the queue without counting an attempt (it waits for something in this session). */
  private release(job: OutboxJobRow, documentId: string): void {
    this.ledger.release(job, this.target(null));
    this.setSync(documentId, 'queued', null);
  }

  private finishJob(
    job: OutboxJobRow,
    status: 'done' | 'failed' | 'waiting' | 'superseded',
    error: string | null,
  ): void {
    this.ledger.finishJob(job, status, error);
  }

  private finish(
    job: OutboxJobRow,
    status: 'failed' | 'waiting' | 'superseded',
    message: string,
    detail: string | null,
    result: 'failure' | 'info',
    documentId?: string,
  ): void {
    this.finishJob(job, status, message);
    if (documentId && status !== 'superseded') this.setSync(documentId, 'failed', message);
    if (status === 'failed') {
      this.summary.documentsFailed += 1;
      this.problem('document', message);
    }
    this.documentsDone += 1;
    this.deps.log.append({
      companyId: this.connection.companyId,
      documentId: documentId ?? (this.documentExists(job.entity_id) ? job.entity_id : null),
      connectionId: this.connectionId,
      action: job.kind,
      result,
      message,
      detail: [`attempt ${job.attempts + 1}`, `key ${job.idempotency_key}`, detail]
        .filter(Boolean)
        .join('; '),
    });
  }

  private documentExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  private settleStale(job: OutboxJobRow, document: QbdDocument, revision: number): void {
    const linked = findLink(this.db, this.connectionId, 'document', document.id) !== undefined;
    this.ledger.settleStale(job, this.target(document.id), document, revision, linked);
  }

  private setSync(documentId: string, status: SyncStatus, message: string | null, externalId?: string): void {
    const current = getDocumentSync(this.db, documentId, this.connectionId);
    if (current && current.status === status && current.last_message === message && externalId === undefined)
      return;
    this.ledger.setSync(documentId, this.connectionId, status, message, externalId);
  }

  // ---------------------------------------------------------------------------------------------------------
  // progress, problems, events

  private percent(): number {
    // Counting the ready jobs reads the whole queue's index; between counts (every 10 messages, and every message
    // near the end) the documents done since are subtracted instead.
    const estimate = this.counted ? this.counted.ready - (this.documentsDone - this.counted.done) : 0;
    if (!this.counted || this.messageNo - this.counted.message >= 10 || estimate <= this.batchSize * 2) {
      const ready =
        this.db
          .prepare<[string, string], { n: number }>(
            `SELECT COUNT(*) AS n FROM outbox_jobs WHERE connection_id = ? AND status = 'pending' AND next_attempt_at <= ?`,
          )
          .get(this.connectionId, this.now().toISOString())?.n ?? 0;
      this.counted = { ready, done: this.documentsDone, message: this.messageNo };
    }
    let remaining = this.counted.ready - (this.documentsDone - this.counted.done) - this.deferredPending();
    // Jobs queued behind one that waits for the bookkeeper cannot go now: say 100 rather than keep the Web
    // Connector waiting (NoOp) for nothing.
    if (
      remaining > 0 &&
      !this.readyJobs(this.batchSize * 4 + this.deferred.size).some((j) => !this.deferred.has(j.id))
    )
      remaining = 0;
    remaining += this.changedVendors().length + this.vendorRetries.size;
    const listsLeft = this.listsActive ? LIST_NAMES.filter((n) => !this.checkpoints[n]?.done).length : 0;
    const paymentsLeft = this.paymentsRemaining();
    const left = Math.max(0, remaining) + listsLeft + paymentsLeft;
    const done = this.documentsDone + LIST_NAMES.length - listsLeft + this.summary.paymentsImported;
    this.progress(
      `${this.documentsDone} documents done, ${Math.max(0, remaining)} waiting`,
      done,
      done + left,
    );
    if (left === 0) return 100;
    return Math.min(99, Math.max(1, Math.floor((100 * done) / (done + left))));
  }

  private deferredPending(): number {
    if (this.deferred.size === 0) return 0;
    let n = 0;
    const row = this.db.prepare<[number], { status: string; next_attempt_at: string }>(
      'SELECT status, next_attempt_at FROM outbox_jobs WHERE id = ?',
    );
    const at = this.now().toISOString();
    for (const id of this.deferred) {
      const job = row.get(id);
      if (job?.status === 'pending' && job.next_attempt_at <= at) n += 1;
    }
    return n;
  }

  /** Requests the payments import still needs (an estimate before it starts). */
  private paymentsRemaining(): number {
    if (this.paymentsDone) return 0;
    const run = this.payments;
    if (!run) return this.paymentsWanted() ? 3 : 0;
    return (
      run.pending.length + (run.deletedDone ? 0 : 1) + (run.billsChecked || run.touched.size === 0 ? 0 : 1)
    );
  }

  private paymentsWanted(): boolean {
    return (
      this.state.payments_requested_json !== null ||
      paymentsDue(this.db, this.connection, this.state, this.now())
    );
  }

  private problem(code: string, message: string): void {
    if (this.summary.problems.some((p) => p.message === message)) return;
    if (this.summary.problems.length < 20) this.summary.problems.push({ code, message });
  }

  private progress(message: string, done = 0, total: number | null = null): void {
    this.emit({ type: 'progress', task: `qbd:${this.connectionId}`, done, total, message });
  }

  private tx<T>(fn: () => T): T {
    return this.events.tx(fn);
  }

  private emit(event: AppEvent): void {
    this.events.emit(event);
  }
}

function sameFile(a: string, b: string): boolean {
  const norm = (p: string) => p.trim().replace(/\//g, '\\').toLowerCase();
  return norm(a) === norm(b);
}

function vendorAddOf(supplier: QbdSupplier): VendorAdd {
  const address = {
    Addr1: supplier.address ?? undefined,
    City: supplier.city ?? undefined,
    State: supplier.state ?? undefined,
    PostalCode: supplier.postalCode ?? undefined,
    Country: supplier.country ?? undefined,
  };
  const hasAddress = Object.values(address).some((v) => v);
  return Object.fromEntries(
    Object.entries({
      Name: supplier.name,
      CompanyName: supplier.name,
      VendorAddress: hasAddress
        ? Object.fromEntries(Object.entries(address).filter(([, v]) => v))
        : undefined,
      Phone: supplier.phone ?? undefined,
      Email: supplier.email ?? undefined,
      AccountNumber: supplier.accountNumber ?? undefined,
      VendorTaxIdent: supplier.taxId ?? undefined,
      ExternalGUID: externalGuid(`supplier:${supplier.id}`),
    }).filter(([, v]) => v !== undefined),
  ) as unknown as VendorAdd;
}
