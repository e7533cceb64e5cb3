// What every part of a Web Connector session shares: the database, the connection and its settings, the
// QuickBooks state row, the job ledger (sync/jobs.ts), the summary the Web Connector's session ends with, and
// the few session-wide facts the parts read (jobs deferred to a later run, lists imported in this session).
// The conversation (conversation.ts) creates one per session and hands it to the references and the units.
import type { Database } from 'better-sqlite3';
import type { AppEvent, ConnectionT } from '../../../preload/contract.js';
import { findConnection } from '../../db/repos/connections.js';
import { connectionLabel } from '../../domain/text.js';
import { EventsAfterCommit } from '../../sync/events-after-commit.js';
import { JobLedger, type JobTarget } from '../../sync/jobs.js';
import type { IntegrationLog, LogInput } from '../../sync/log.js';
import { redactText } from '../../sync/redact.js';
import { QBD_BATCH_SIZE, QBD_LABEL } from './connector.js';
import { emptySummary, type QbdSessionSummary } from './exchange.js';
import { QBXML_VERSION } from './host.js';
import type { QbxmlResponse } from './qbxml/types.js';
import { qbdSettings, type QbdSettings } from './settings.js';
import { loadState, type QbdStateRow } from './state.js';
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
  /** Ids per page of a list's id pass and records per fetch by ListID (lists.ts's ID_PAGE, FETCH_BATCH; tests). */
  listPages?: { ids?: number; fetch?: number };
}

export class SessionContext {
  readonly db: Database;
  readonly now: () => Date;
  readonly random: () => number;
  readonly wire: QbxmlWire;
  readonly batchSize: number;
  readonly listPages: { ids?: number; fetch?: number } | undefined;
  readonly connection: ConnectionT;
  readonly settings: QbdSettings;
  /**
   * The connection as the bookkeeper knows it in messages: its name ("Acme – 2026 file"), so that two company files
   * are told apart, or the system's name when it has none.
   */
  readonly label: string;
  state: QbdStateRow;
  /** The qbXML version of this QuickBooks (host.ts), set when the session starts. */
  version = QBXML_VERSION;
  /** Every change of a job after it was queued, with its redaction, events and log entry (sync/jobs.ts). */
  readonly ledger: JobLedger;
  readonly summary: QbdSessionSummary = emptySummary();
  /** Jobs settled in this session (sent, failed, gone): the progress counts them. */
  documentsDone = 0;
  /** Jobs that wait for something later in this session or the next run (a purchase order's TxnID, a backoff). */
  readonly deferred = new Set<number>();
  /** Lists were imported in this very session: a name not found in them is not in QuickBooks. */
  listsFresh = false;
  /** An answer said QuickBooks refused Ledgerbridge's access: the connection shows it after the session. */
  authLost: string | null = null;
  private readonly events: EventsAfterCommit;

  constructor(
    private readonly deps: QbdEngineDeps,
    readonly connectionId: string,
    readonly sessionId: string,
  ) {
    this.db = withStatementCache(deps.db);
    // A listener's failure is not the session's.
    this.events = new EventsAfterCommit(this.db, (event) => deps.emit(event));
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
    this.wire = deps.wire ?? qbxmlWire;
    this.batchSize = Math.max(2, deps.batchSize ?? QBD_BATCH_SIZE);
    this.listPages = deps.listPages;
    this.ledger = new JobLedger({
      db: this.db,
      log: deps.log,
      emit: (event) => this.emit(event),
      tx: (fn) => this.tx(fn),
      redact: redactText,
      now: this.now,
      random: this.random,
    });
    const connection = findConnection(this.db, connectionId);
    if (!connection) throw new Error(`QuickBooks Desktop connection ${connectionId} does not exist`);
    this.connection = connection;
    this.settings = qbdSettings(connection);
    this.label = connectionLabel(connection, QBD_LABEL);
    this.state = this.tx(() => loadState(this.db, connectionId, this.now()));
  }

  /** An integration log entry of this connection. */
  log(entry: Omit<LogInput, 'companyId' | 'connectionId'>): void {
    this.deps.log.append({ companyId: this.connection.companyId, connectionId: this.connectionId, ...entry });
  }

  /** A problem for the session's summary (the first few, each once). */
  problem(code: string, message: string): void {
    if (this.summary.problems.some((p) => p.message === message)) return;
    if (this.summary.problems.length < 20) this.summary.problems.push({ code, message });
  }

  /** What QuickBooks' status on a response means for the bookkeeper. */
  classify(r: QbxmlResponse): Classified {
    return this.wire.classifyStatus(r.statusCode, r.statusMessage);
  }

  /** A job's target in the ledger: this connection, and the job's document when it has one. */
  target(documentId: string | null): JobTarget {
    return { connectionId: this.connectionId, label: this.label, documentId };
  }

  progress(message: string, done = 0, total: number | null = null): void {
    this.emit({ type: 'progress', task: `qbd:${this.connectionId}`, done, total, message });
  }

  tx<T>(fn: () => T): T {
    return this.events.tx(fn);
  }

  emit(event: AppEvent): void {
    this.events.emit(event);
  }
}
