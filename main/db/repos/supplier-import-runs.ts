// Import runs of a connection's supplier list (migration 0017): where the next page starts and what the pages
// written so far did. A run is advanced only inside the transaction that writes its page's suppliers.
import type { Database } from 'better-sqlite3';
import type { SupplierImportRunT } from '../../../preload/contracts/supplier-import.js';
import { newId, nowIso, parseJson } from '../sql-helpers.js';

interface RunRow {
  id: string;
  connection_id: string;
  company_id: string;
  status: 'running' | 'failed' | 'finished';
  cursor_json: string | null;
  pages_done: number;
  entries_read: number;
  total: number | null;
  added: number;
  updated: number;
  matched: number;
  unchanged: number;
  skipped: number;
  skipped_json: string;
  requests: number;
  message: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

export type SupplierCursorJson = Record<string, string | number>;

export interface ImportRun extends SupplierImportRunT {
  companyId: string;
  cursor: SupplierCursorJson | null;
}

/** How many skipped names a run keeps to show; the count goes on. */
export const SKIPPED_KEPT = 50;

function toRun(r: RunRow): ImportRun {
  return {
    id: r.id,
    connectionId: r.connection_id,
    companyId: r.company_id,
    status: r.status,
    cursor: parseJson<SupplierCursorJson | null>(r.cursor_json, null),
    pagesDone: r.pages_done,
    entriesRead: r.entries_read,
    total: r.total,
    added: r.added,
    updated: r.updated,
    matched: r.matched,
    unchanged: r.unchanged,
    skipped: r.skipped,
    skippedNames: parseJson<{ name: string; reason: string }[]>(r.skipped_json, []),
    requests: r.requests,
    message: r.message,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

/** The run a new import continues: the connection's unfinished one (running after a restart, or failed). */
export function openRun(db: Database, connectionId: string): ImportRun | null {
  const row = db
    .prepare<[string], RunRow>(
      `SELECT * FROM supplier_import_runs WHERE connection_id = ? AND status <> 'finished'`,
    )
    .get(connectionId);
  return row ? toRun(row) : null;
}

export function latestRun(db: Database, connectionId: string): ImportRun | null {
  const row = db
    .prepare<[string], RunRow>(
      `SELECT * FROM supplier_import_runs WHERE connection_id = ?
       ORDER BY (status <> 'finished') DESC, started_at DESC, rowid DESC LIMIT 1`,
    )
    .get(connectionId);
  return row ? toRun(row) : null;
}

export function getRun(db: Database, id: string): ImportRun {
  const row = db.prepare<[string], RunRow>('SELECT * FROM supplier_import_runs WHERE id = ?').get(id);
  if (!row) throw new Error(`supplier import run ${id} vanished`);
  return toRun(row);
}

/**
 * Finished imports kept per connection, as for the lists (list-import-runs.ts). Only the newest is read (the
 * connection's card); the rest is history that would otherwise grow with every Web Connector run that reads vendors.
 */
export const FINISHED_RUNS_KEPT = 20;

/**
 * A new run, and the connection's finished runs beyond the newest FINISHED_RUNS_KEPT removed in the same
 * transaction. The unfinished run is never removed: the next import continues it.
 */
export function createRun(db: Database, connectionId: string, companyId: string): ImportRun {
  const now = nowIso();
  const id = newId();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO supplier_import_runs (id, connection_id, company_id, status, started_at, updated_at)
       VALUES (?, ?, ?, 'running', ?, ?)`,
    ).run(id, connectionId, companyId, now, now);
    db.prepare(
      `DELETE FROM supplier_import_runs
       WHERE connection_id = @connectionId AND status = 'finished'
         AND id NOT IN (
           SELECT id FROM supplier_import_runs
           WHERE connection_id = @connectionId AND status = 'finished'
           ORDER BY started_at DESC, rowid DESC LIMIT @keep)`,
    ).run({ connectionId, keep: FINISHED_RUNS_KEPT });
  })();
  return getRun(db, id);
}

/** Everything a page changed in its run; written in the page's transaction. */
export interface PageAdvance {
  cursor: SupplierCursorJson | null;
  entries: number;
  total: number | null;
  added: number;
  updated: number;
  matched: number;
  unchanged: number;
  skipped: { name: string; reason: string }[];
  requests: number;
  finished: boolean;
  message: string | null;
}

export function advanceRun(db: Database, run: ImportRun, page: PageAdvance): ImportRun {
  const now = nowIso();
  const skippedNames = [...run.skippedNames, ...page.skipped].slice(0, SKIPPED_KEPT);
  db.prepare(
    `UPDATE supplier_import_runs SET status = @status, cursor_json = @cursor, pages_done = pages_done + 1,
       entries_read = entries_read + @entries, total = COALESCE(@total, total), added = added + @added,
       updated = updated + @updated, matched = matched + @matched, unchanged = unchanged + @unchanged,
       skipped = skipped + @skipped, skipped_json = @skippedJson, requests = requests + @requests,
       message = @message, updated_at = @now, finished_at = @finishedAt
     WHERE id = @id`,
  ).run({
    id: run.id,
    status: page.finished ? 'finished' : 'running',
    cursor: page.cursor ? JSON.stringify(page.cursor) : null,
    entries: page.entries,
    total: page.total,
    added: page.added,
    updated: page.updated,
    matched: page.matched,
    unchanged: page.unchanged,
    skipped: page.skipped.length,
    skippedJson: JSON.stringify(skippedNames),
    requests: page.requests,
    message: page.message,
    now,
    finishedAt: page.finished ? now : null,
  });
  return getRun(db, run.id);
}

/** Marks the run failed (its cursor stays: the next import continues from there) or running again. */
export function setRunStatus(
  db: Database,
  id: string,
  status: 'running' | 'failed',
  message: string | null,
  requests = 0,
): ImportRun {
  db.prepare(
    `UPDATE supplier_import_runs SET status = ?, message = ?, requests = requests + ?, updated_at = ? WHERE id = ?`,
  ).run(status, message, requests, nowIso(), id);
  return getRun(db, id);
}

/** The run as the API shows it (no cursor, no company). */
export function publicRun(run: ImportRun): SupplierImportRunT {
  const { companyId: _companyId, cursor: _cursor, ...shown } = run;
  return shown;
}
