// Connections as the sync engine needs them: read through the repository, plus the status change the worker
// makes on its own (an expired authorization).
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../preload/contract.js';
import { findConnection, listConnections } from '../db/repos/connections.js';

export function loadConnection(db: Database, connectionId: string): ConnectionT | undefined {
  return findConnection(db, connectionId);
}

export function listCompanyConnections(db: Database, companyId: string): ConnectionT[] {
  return listConnections(db, companyId);
}

/**
 * The connection as the bookkeeper named it ("Northwind – 2026 file"), for messages: two connections of one system
 * (two Xero organisations, two QuickBooks company files, in two companies) are told apart by it. The system's name
 * when it has none.
 */
export function connectionLabel(connection: Pick<ConnectionT, 'name'>, systemLabel: string): string {
  return connection.name.trim() || systemLabel;
}

/** Whether missing references may be created in the other system; on unless the user turned it off. */
export function createMissingEnabled(connection: ConnectionT): boolean {
  return connection.settings['createMissing'] !== false;
}

export function setConnectionStatus(
  db: Database,
  connectionId: string,
  status: ConnectionT['status'],
  message: string | null,
  now: Date,
): void {
  db.prepare('UPDATE connections SET status = ?, status_message = ?, updated_at = ? WHERE id = ?').run(
    status,
    message,
    now.toISOString(),
    connectionId,
  );
}
