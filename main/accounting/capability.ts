// Every accounting system offers list imports, supplier sync and payments as optional connector capabilities
// (main/connectors/contract.ts). These helpers find the capability for a connection, or say plainly why there is
// none, and turn a connector's error into the caller's AppError.
import type { ConnectionT } from '../../preload/contract.js';
import { getConnection } from '../db/repos/connections.js';
import { AppError } from '../domain/errors.js';
import { ConnectorError, isSession, type Connector } from '../connectors/contract.js';
import type { AccountingContext, SessionRequests } from './context.js';

export type Capability =
  | 'readListPage'
  | 'listSuppliers'
  | 'readSupplierPage'
  | 'upsertSupplier'
  | 'importPayments'
  | 'createTaxCodes';

const WHAT: Record<Capability, string> = {
  readListPage: 'import lists',
  listSuppliers: 'sync suppliers',
  readSupplierPage: 'import the supplier list',
  upsertSupplier: 'create or update suppliers',
  importPayments: 'import payments',
  createTaxCodes: 'create tax codes',
};

export function capable<C extends Capability>(
  ctx: AccountingContext,
  connectionId: string,
  capability: C,
): { connection: ConnectionT; connector: Connector & Required<Pick<Connector, C>> } {
  const connection = getConnection(ctx.db, connectionId);
  const connector = ctx.connectors.get(connection.system);
  if (!connector || typeof connector[capability] !== 'function') {
    const label = connector?.label ?? connection.system;
    const session = connector !== undefined && isSession(connector);
    throw new AppError(
      'not_supported',
      session
        ? `${label} does this during its own Web Connector session; it cannot ${WHAT[capability]} on demand from here.`
        : `Ledgerbridge cannot ${WHAT[capability]} with ${label} in this version.`,
    );
  }
  if (connection.status !== 'connected') {
    throw new AppError(
      'conflict',
      `${connection.name} is not connected (${connection.statusMessage ?? connection.status}). Connect it in Connections first.`,
    );
  }
  // A company signed in to but not confirmed yet (QuickBooks Online) may not be the bookkeeper's: nothing is
  // written there (tax codes, suppliers), and nothing read from it joins what this connection knows (lists,
  // suppliers, payments) until it is confirmed — on a switch, the old company's ids are still in place till then.
  const hold = 'holdSends' in connector ? (connector.holdSends?.(connection) ?? null) : null;
  if (hold) throw new AppError('conflict', hold);
  return { connection, connector: connector as Connector & Required<Pick<Connector, C>> };
}

/** A connector's error, as the caller's AppError (the message says what to do; the detail goes to the log). */
export function asAppError(
  ctx: AccountingContext,
  connection: ConnectionT,
  action: string,
  error: unknown,
): never {
  if (error instanceof ConnectorError) {
    ctx.log({
      companyId: connection.companyId,
      connectionId: connection.id,
      action,
      result: 'failure',
      message: error.userMessage,
      detail: error.detail ?? null,
    });
    throw new AppError(
      error.kind === 'auth' ? 'unauthorized' : error.kind === 'needs_user' ? 'validation_failed' : 'conflict',
      error.userMessage,
      {
        ...(error.detail ? { detail: error.detail } : {}),
      },
    );
  }
  throw error;
}

/**
 * A request for lists or payments to a system reached through a session (QuickBooks Desktop) is handed to its
 * engine, which asks in the next session; true when it was, and the log says what will happen and how to make it
 * happen now. `what` names what will be read ("Lists", "Payments dated 2026-10-01 to 2026-10-31").
 */
export function queueForSession(
  ctx: AccountingContext,
  connectionId: string,
  what: string,
  request: (engine: SessionRequests) => void,
): boolean {
  const connection = getConnection(ctx.db, connectionId);
  const connector = ctx.connectors.get(connection.system);
  if (!connector || !isSession(connector)) return false;
  request(ctx.qbdRequests);
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'request',
    result: 'info',
    message: `${what} will be read from ${connector.label} at the next Web Connector run of ${connection.name}. To run it now, click Update Selected in the Web Connector.`,
  });
  return true;
}
