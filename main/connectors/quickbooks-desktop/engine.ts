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
import { LIST_NAMES } from './lists.js';
import type { QbdEngineDeps } from './session-context.js';
import { listCheckpoints, loadState, peekState, updateState } from './state.js';
import { withStatementCache } from './statement-cache.js';
import type { QbdUnitFactory } from './unit.js';
import { paymentsDue } from './units/payments.js';

export type { QbdEngineDeps } from './session-context.js';
export type { QbdUnit, QbdUnitFactory, Release, RequestHandler, UnitParts } from './unit.js';
export { pickQbxmlVersion, QBXML_VERSION } from './host.js';
export { isParseRefusal } from './refusal.js';
export { PAYMENTS_EVERY_MS } from './units/payments.js';

export interface QbdEngine extends QbdExchange {
  /** Imports (or refreshes) every list on the next session. */
  requestListImport(connectionId: string): void;
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
      if (hasDueOrRunningJob(db, connectionId, now())) return true;
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
      return new Session(deps, connectionId, sessionId, units);
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
