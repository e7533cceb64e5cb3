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

/** Sync's messages name the connection by it (domain/text.ts); re-exported for the worker's modules. */
export { connectionLabel } from '../domain/text.js';

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
