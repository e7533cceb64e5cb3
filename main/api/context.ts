// What every API handler gets: the core's services, built once by app.ts.
import type { Database } from 'better-sqlite3';
import type { AppEvent, MethodName, MethodOutput, ParsedInput } from '../../preload/contract.js';
import type { ConnectorContext } from '../connectors/contract.js';
import type { ConnectorRegistry } from '../connectors/registry.js';
import type { SessionRequests } from '../accounting/index.js';
import type { ConnectionT } from '../../preload/contract.js';
import type { SecretStore } from '../secrets/index.js';
import type { LogEntityType, LogResult } from '../sync/log.js';

export interface ApiContext {
  db: Database;
  dataDir: string;
  version: string;
  /** Who acts when a request names nobody: the signed-in operating-system user. */
  userName: string;
  secrets: SecretStore;
  /** Every system this app knows, and what each is and can do (connectors/registry.ts). */
  connectors: ConnectorRegistry;
  emit(event: AppEvent): void;
  /** Wakes the sync worker after jobs were queued. */
  kickSync(): void;
  /** A connector context sharing the sync worker's rate limiter for this connection. */
  connectorContext(connection: ConnectionT): ConnectorContext;
  /**
   * QuickBooks Desktop's engine: it cannot be called, its Web Connector calls us, so list imports and payments are
   * requests it carries out in the next session.
   */
  qbdRequests: SessionRequests;
  /**
   * Wrong Web Connector passwords in a row by user name, on the Web Connector service's clock (app.ts passes the
   * Web Connector's SignInThrottle).
   */
  qbdSignIns: SignInStreaks;
  /** Appends an integration log entry (redacted) and announces it. */
  log(entry: {
    companyId: string | null;
    connectionId: string | null;
    documentId?: string | null;
    /** With entityId: the ServiceTrade job or invoice the entry concerns (both or neither). */
    entityType?: LogEntityType | null;
    entityId?: string | null;
    action: string;
    result: LogResult;
    message: string;
    detail?: string | null;
  }): void;
}

/** A run of refused sign-ins of one user name: how many, since when, and when the next may be checked. */
export interface SignInStreak {
  failures: number;
  firstFailedAt: string;
  retryAfter: string;
}

export interface SignInStreaks {
  /** The current streak of a user name; null when it has none. */
  streak(userName: string): SignInStreak | null;
  /** The streak when an attempt now must wait; null when it may be checked. */
  waiting(userName: string): SignInStreak | null;
  /** Ends the user name's streak (a new password was set). */
  clear(userName: string): unknown;
}

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: ApiContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** The handlers of one area's methods (preload/contracts/<area>.ts), spread into the single map in handlers.ts. */
export type AreaHandlers<Area> = { [M in keyof Area & MethodName]: Handler<M> };
