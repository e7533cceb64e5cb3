// A connection's supplier import history stays bounded, as its list imports' does: recording a new run removes, in
// the same transaction, the connection's finished runs beyond the newest FINISHED_RUNS_KEPT, and never an
// unfinished run (the next import continues it) or another connection's runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/db/database.js';
import { insertConnection } from '../../../main/db/repos/connections.js';
import {
  advanceRun,
  createRun,
  FINISHED_RUNS_KEPT,
  latestRun,
  setRunStatus,
  type ImportRun,
} from '../../../main/db/repos/supplier-import-runs.js';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-supplier-runs-'));
  db = openDatabase(dir);
  db.prepare(
    `INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Northwind', 'USD', ?)`,
  ).run(new Date().toISOString());
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const connectionOf = (name: string) =>
  insertConnection(db, { companyId: 'c1', system: 'test', name, settings: {} }).id;

function finish(run: ImportRun): ImportRun {
  return advanceRun(db, run, {
    cursor: null,
    entries: 3,
    total: 3,
    added: 1,
    updated: 0,
    matched: 1,
    unchanged: 1,
    skipped: [],
    requests: 1,
    finished: true,
    message: null,
  });
}

function runs(connectionId: string): { id: string; status: string }[] {
  return db
    .prepare<[string], { id: string; status: string }>(
      'SELECT id, status FROM supplier_import_runs WHERE connection_id = ? ORDER BY rowid',
    )
    .all(connectionId);
}

describe('supplier import runs', () => {
  it("keeps the connection's newest finished runs, its unfinished one, and other connections' runs", () => {
    const ledger = connectionOf('Ledger');
    const other = connectionOf('Other ledger');
    const elsewhere = [1, 2].map(() => finish(createRun(db, other, 'c1')).id);

    const finished: string[] = [];
    for (let i = 0; i < FINISHED_RUNS_KEPT + 15; i += 1) {
      finished.push(finish(createRun(db, ledger, 'c1')).id);
      expect(runs(ledger).filter((r) => r.status === 'finished').length).toBeLessThanOrEqual(
        FINISHED_RUNS_KEPT + 1,
      );
    }
    // Stopped on an error: the next import continues it, and a new run of another connection prunes nothing here.
    const failed = setRunStatus(db, createRun(db, ledger, 'c1').id, 'failed', 'Reconnect, then continue.');
    createRun(db, other, 'c1');

    expect(runs(ledger)).toEqual([
      ...finished.slice(-FINISHED_RUNS_KEPT).map((id) => ({ id, status: 'finished' })),
      { id: failed.id, status: 'failed' },
    ]);
    expect(
      runs(other)
        .map((r) => r.id)
        .slice(0, 2),
    ).toEqual(elsewhere);
    expect(latestRun(db, ledger)?.id).toBe(failed.id);
  });
});
