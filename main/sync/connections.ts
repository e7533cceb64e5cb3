// Reading connections as the sync engine needs them: the contract shape, and the status changes the worker
// makes on its own (an expired authorization).
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../preload/contract.js';

interface ConnectionRow {
  id: string;
  company_id: string;
  system: string;
  name: string;
  status: ConnectionT['status'];
  status_message: string | null;
  settings_json: string;
  credential_names_json: string;
  connected_at: string | null;
  created_at: string;
}

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function parseStrings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rowToConnection(row: ConnectionRow): ConnectionT {
  return {
    id: row.id,
    companyId: row.company_id,
    system: row.system,
    name: row.name,
    status: row.status,
    statusMessage: row.status_message,
    settings: parseObject(row.settings_json),
    credentialNames: parseStrings(row.credential_names_json),
    connectedAt: row.connected_at,
    createdAt: row.created_at,
  };
}

export function loadConnection(db: Database, connectionId: string): ConnectionT | undefined {
  const row = db.prepare<[string], ConnectionRow>('SELECT * FROM connections WHERE id = ?').get(connectionId);
  return row ? rowToConnection(row) : undefined;
}

export function listCompanyConnections(db: Database, companyId: string): ConnectionT[] {
  return db
    .prepare<[string], ConnectionRow>(
      'SELECT * FROM connections WHERE company_id = ? ORDER BY created_at, id',
    )
    .all(companyId)
    .map(rowToConnection);
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
