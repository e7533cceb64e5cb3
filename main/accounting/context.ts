// What the accounting work needs from the core. The API's context (main/api/context.ts) provides all of it, and so
// does the composition root for the schedules; main/accounting never reaches up into main/api for it.
import type { Database } from 'better-sqlite3';
import type { AppEvent, ConnectionT } from '../../preload/contract.js';
import type { Connector, ConnectorContext, ListKindName } from '../connectors/contract.js';
import type { LogEntityType } from '../sync/log.js';

/**
 * QuickBooks Desktop cannot be called: its Web Connector calls us. List imports and payments are requests its
 * engine carries out in the next session.
 */
export interface SessionRequests {
  /** Every list, or one list in one of the Lists page's modes (Import new, Update existing). */
  requestListImport(connectionId: string, scope?: { kind: ListKindName; mode: 'new' | 'update' }): void;
  /** The supplier import's: the whole vendor list, and no other list. */
  requestVendorImport(connectionId: string): void;
  requestPayments(connectionId: string, range: { from: string; to: string } | null): void;
}

export interface AccountingLogEntry {
  companyId: string | null;
  connectionId: string | null;
  documentId?: string | null;
  entityType?: LogEntityType | null;
  entityId?: string | null;
  action: string;
  result: 'success' | 'failure' | 'retry' | 'info';
  message: string;
  detail?: string | null;
}

export interface AccountingContext {
  db: Database;
  connectors: Pick<ReadonlyMap<string, Connector>, 'get'>;
  emit(event: AppEvent): void;
  /** Wakes the sync worker after jobs may go again. */
  kickSync(): void;
  /** A connector context sharing the sync worker's rate limiter for this connection. */
  connectorContext(connection: ConnectionT): ConnectorContext;
  qbdRequests: SessionRequests;
  /** Appends an integration log entry (redacted) and announces it. */
  log(entry: AccountingLogEntry): void;
}
