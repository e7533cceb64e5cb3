// The QuickBooks Desktop sync engine: what each Web Connector session asks QuickBooks and what it does with the
// answers. createQbdEngine answers the SOAP service (qbwc/) whether a connection has work and begins a session
// (conversation.ts) for it; the API asks it for list imports and payments on the next session. The outbox stays
// the truth: a job is claimed ('running') only when its request leaves, and a session that ends before the
// answer puts it back (the job ledger, sync/jobs.ts). ENGINE.md describes the parts.
import { findConnection } from '../../db/repos/connections.js';
import { hasDueOrRunningJob } from '../../sync/jobs.js';
import type { QbdExchange } from './exchange.js';
import { Session } from './conversation.js';
import { QBD_SYSTEM } from './connector.js';
import type { ListKindName } from '../contract.js';
import { hasOpenRead } from './list-reads.js';
import type { QbdEngineDeps } from './session-context.js';
import { peekState, updateState } from './state.js';
import { withStatementCache } from './statement-cache.js';
import type { QbdUnitFactory } from './unit.js';
import { requestListReads, requestVendorRead } from './units/lists.js';
import { paymentsDue } from './units/payments.js';

export type { QbdEngineDeps } from './session-context.js';
export type { QbdUnit, QbdUnitFactory, Release, RequestHandler, UnitParts } from './unit.js';
export { pickQbxmlVersion, QBXML_VERSION } from './host.js';
export { isParseRefusal } from './refusal.js';
export { PAYMENTS_EVERY_MS } from './units/payments.js';

export interface QbdEngine extends QbdExchange {
  /**
   * Reads lists at the next session: every list (Import every list), or one list in one of the Lists page's modes
   * (Import new, Update existing). An unfinished read of the same list and mode is continued, not started over.
   */
  requestListImport(connectionId: string, scope?: { kind: ListKindName; mode: 'new' | 'update' }): void;
  /**
   * Reads the whole vendor list at the next session, and no other list (the supplier import's): every vendor, not
   * only those changed since the last read, so vendors read while the connection only paired them by name come in
   * once it adds them.
   */
  requestVendorImport(connectionId: string): void;
  /** Brings payments back on the next session: dated in `range`, or (null) changed since the last import. */
  requestPayments(connectionId: string, range: { from: string; to: string } | null): void;
}

export function createQbdEngine(
  deps: QbdEngineDeps & {
    /** Units other parts of Ledgerbridge register (ServiceTrade's jobs and invoices: main/job-costing/). */
    units?: readonly QbdUnitFactory[];
  },
): QbdEngine {
  const now = deps.now ?? (() => new Date());
  const db = withStatementCache(deps.db);
  const units = deps.units ?? [];
  return {
    hasWork(connectionId) {
      const connection = findConnection(db, connectionId);
      if (!connection || connection.system !== QBD_SYSTEM) return false;
      // Waiting documents are not work. One waiting for a pairing cannot go: no run pairs a supplier, and pairing it
      // (or Create in QuickBooks Desktop) queues it again. One QuickBooks refused access goes when something changed:
      // the bookkeeper says access is allowed (qbd.retryAccess queues it), or a run for other work shows it is.
      if (hasDueOrRunningJob(db, connectionId, now())) return true;
      const state = peekState(db, connectionId);
      if (!state || state.lists_requested === 1 || state.payments_requested_json !== null) return true;
      if (hasOpenRead(db, connectionId)) return true;
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
      return new Session(deps, connectionId, sessionId, units);
    },
    requestListImport(connectionId, scope) {
      const connection = findConnection(db, connectionId);
      if (!connection) return;
      requestListReads(db, connection, scope ?? null, now());
    },
    requestVendorImport(connectionId) {
      const connection = findConnection(db, connectionId);
      if (!connection) return;
      requestVendorRead(db, connection, now());
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
