// A fresh database in a temporary folder for each test, holding one company ('c1'), with a way to add its
// connections and a look at the import runs recorded: the set-up the repository tests of import runs share.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '../../../main/db/database.js';
import { insertConnection } from '../../../main/db/repos/connections.js';

/** An import run as the tests look at it. */
export interface RunRow {
  id: string;
  status: string;
}

export function useCompanyDatabase(prefix: string): {
  db: () => Database;
  connectionOf: (name: string) => string;
  /** A connection's runs in `table` (of one `kind` of list, in list_import_runs), oldest first. */
  runsIn: (
    table: 'supplier_import_runs' | 'list_import_runs',
    connectionId: string,
    kind?: string,
  ) => RunRow[];
} {
  let dir = '';
  let db: Database | null = null;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    db = openDatabase(dir);
    db.prepare(
      `INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Northwind', 'USD', ?)`,
    ).run(new Date().toISOString());
  });
  afterEach(() => {
    db?.close();
    db = null;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const current = (): Database => {
    if (!db) throw new Error('The database is open only inside a test.');
    return db;
  };
  return {
    db: current,
    connectionOf: (name) =>
      insertConnection(current(), { companyId: 'c1', system: 'test', name, settings: {} }).id,
    runsIn: (table, connectionId, kind) =>
      current()
        .prepare<string[], RunRow>(
          `SELECT id, status FROM ${table} WHERE connection_id = ?${kind === undefined ? '' : ' AND kind = ?'} ORDER BY rowid`,
        )
        .all(connectionId, ...(kind === undefined ? [] : [kind])),
  };
}
