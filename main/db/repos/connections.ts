import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../../preload/contract.js';
import { notFound } from '../../domain/errors.js';
import { newId, nowIso, parseJson } from '../sql-helpers.js';

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

const toConnection = (r: ConnectionRow): ConnectionT => ({
  id: r.id,
  companyId: r.company_id,
  system: r.system,
  name: r.name,
  status: r.status,
  statusMessage: r.status_message,
  settings: parseJson<Record<string, unknown>>(r.settings_json, {}),
  credentialNames: parseJson<string[]>(r.credential_names_json, []),
  connectedAt: r.connected_at,
  createdAt: r.created_at,
});

export function insertConnection(
  db: Database,
  input: { companyId: string; system: string; name: string; settings: Record<string, unknown> },
): ConnectionT {
  const now = nowIso();
  const row: ConnectionRow = {
    id: newId(),
    company_id: input.companyId,
    system: input.system,
    name: input.name,
    status: 'not_connected',
    status_message: null,
    settings_json: JSON.stringify(input.settings),
    credential_names_json: '[]',
    connected_at: null,
    created_at: now,
  };
  db.prepare(
    `INSERT INTO connections (id, company_id, system, name, status, status_message, settings_json,
       credential_names_json, connected_at, created_at, updated_at)
     VALUES (@id, @company_id, @system, @name, @status, @status_message, @settings_json,
       @credential_names_json, @connected_at, @created_at, @created_at)`,
  ).run(row);
  return toConnection(row);
}

export function updateConnectionRow(
  db: Database,
  id: string,
  changes: {
    name?: string;
    settings?: Record<string, unknown>;
    credentialNames?: string[];
    status?: ConnectionT['status'];
    statusMessage?: string | null;
    connectedAt?: string | null;
  },
): ConnectionT {
  const sets: string[] = ['updated_at = @updated_at'];
  const values: Record<string, unknown> = { id, updated_at: nowIso() };
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = @${column}`);
    values[column] = value;
  };
  if (changes.name !== undefined) set('name', changes.name);
  if (changes.settings !== undefined) set('settings_json', JSON.stringify(changes.settings));
  if (changes.credentialNames !== undefined) {
    set('credential_names_json', JSON.stringify([...new Set(changes.credentialNames)].sort()));
  }
  if (changes.status !== undefined) set('status', changes.status);
  if (changes.statusMessage !== undefined) set('status_message', changes.statusMessage);
  if (changes.connectedAt !== undefined) set('connected_at', changes.connectedAt);
  const result = db.prepare(`UPDATE connections SET ${sets.join(', ')} WHERE id = @id`).run(values);
  if (result.changes === 0) throw notFound('Connection', id);
  return getConnection(db, id);
}

export function findConnection(db: Database, id: string): ConnectionT | undefined {
  const row = db.prepare<[string], ConnectionRow>('SELECT * FROM connections WHERE id = ?').get(id);
  return row ? toConnection(row) : undefined;
}

export function getConnection(db: Database, id: string): ConnectionT {
  const connection = findConnection(db, id);
  if (!connection) throw notFound('Connection', id);
  return connection;
}

export function listConnections(db: Database, companyId?: string): ConnectionT[] {
  const rows = companyId
    ? db
        .prepare<[string], ConnectionRow>(
          'SELECT * FROM connections WHERE company_id = ? ORDER BY created_at, id',
        )
        .all(companyId)
    : db.prepare<[], ConnectionRow>('SELECT * FROM connections ORDER BY created_at, id').all();
  return rows.map(toConnection);
}
