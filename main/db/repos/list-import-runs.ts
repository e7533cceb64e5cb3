// Import runs of one reference list of a connection (migration 0029): where the next page starts and what the pages
// written so far did. A run is advanced only inside the transaction that writes its page's entries.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { ListKind } from '../../../preload/contract.js';
import { newId, nowIso, parseJson } from '../sql-helpers.js';

type ListKindT = z.infer<typeof ListKind>;
export type ListRunMode = 'new' | 'update' | 'all';
export type ListRunStatus = 'running' | 'failed' | 'finished';

interface RunRow {
  id: string;
  connection_id: string;
  company_id: string;
  kind: ListKindT;
  mode: ListRunMode;
  batch: string | null;
  status: ListRunStatus;
  cursor_json: string | null;
  pages_done: number;
  entries_read: number;
  total: number | null;
  added: number;
  updated: number;
  deactivated: number;
  requests: number;
  message: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ListRun {
  id: string;
  connectionId: string;
  companyId: string;
  kind: ListKindT;
  mode: ListRunMode;
  batch: string | null;
  status: ListRunStatus;
  cursor: Record<string, string | number> | null;
  pagesDone: number;
  entriesRead: number;
  total: number | null;
  added: number;
  updated: number;
  deactivated: number;
  requests: number;
  message: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

function toRun(r: RunRow): ListRun {
  return {
    id: r.id,
    connectionId: r.connection_id,
    companyId: r.company_id,
    kind: r.kind,
    mode: r.mode,
    batch: r.batch,
    status: r.status,
    cursor: parseJson<Record<string, string | number> | null>(r.cursor_json, null),
    pagesDone: r.pages_done,
    entriesRead: r.entries_read,
    total: r.total,
    added: r.added,
    updated: r.updated,
    deactivated: r.deactivated,
    requests: r.requests,
    message: r.message,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

export function getListRun(db: Database, id: string): ListRun {
  const row = db.prepare<[string], RunRow>('SELECT * FROM list_import_runs WHERE id = ?').get(id);
  if (!row) throw new Error(`list import run ${id} vanished`);
  return toRun(row);
}

/** The unfinished import of this list in this mode (running after a restart, or failed), which the next continues. */
export function openListRun(
  db: Database,
  connectionId: string,
  kind: ListKindT,
  mode: ListRunMode,
): ListRun | null {
  const row = db
    .prepare<[string, string, string], RunRow>(
      `SELECT * FROM list_import_runs WHERE connection_id = ? AND kind = ? AND mode = ? AND status <> 'finished'`,
    )
    .get(connectionId, kind, mode);
  return row ? toRun(row) : null;
}

/** Every unfinished import of the connection's lists, oldest first. */
export function openListRuns(db: Database, connectionId: string): ListRun[] {
  return db
    .prepare<[string], RunRow>(
      `SELECT * FROM list_import_runs WHERE connection_id = ? AND status <> 'finished' ORDER BY started_at, rowid`,
    )
    .all(connectionId)
    .map(toRun);
}

/** The runs of one import of every list. */
export function batchRuns(db: Database, batch: string): ListRun[] {
  return db
    .prepare<[string], RunRow>('SELECT * FROM list_import_runs WHERE batch = ? ORDER BY started_at, rowid')
    .all(batch)
    .map(toRun);
}

/**
 * Finished imports kept per connection and list. Nothing reads a finished run but its own import (and, for an
 * import of every list, that batch while it runs); the rest is history that would otherwise grow with every
 * Web Connector run (QuickBooks Desktop reads its lists on a schedule) and every click of Import new.
 */
export const FINISHED_RUNS_KEPT = 20;

/**
 * A new run of the list, and the list's finished runs beyond the newest FINISHED_RUNS_KEPT removed in the same
 * transaction. Unfinished runs are never removed (the next import continues them), nor the runs of an import of
 * every list still under way (its progress is read from them).
 */
export function createListRun(
  db: Database,
  run: { connectionId: string; companyId: string; kind: ListKindT; mode: ListRunMode; batch?: string | null },
): ListRun {
  const now = nowIso();
  const id = newId();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO list_import_runs (id, connection_id, company_id, kind, mode, batch, status, started_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?)`,
    ).run(id, run.connectionId, run.companyId, run.kind, run.mode, run.batch ?? null, now, now);
    db.prepare(
      `DELETE FROM list_import_runs
       WHERE connection_id = @connectionId AND kind = @kind AND status = 'finished'
         AND id NOT IN (
           SELECT id FROM list_import_runs
           WHERE connection_id = @connectionId AND kind = @kind AND status = 'finished'
           ORDER BY started_at DESC, rowid DESC LIMIT @keep)
         AND (batch IS NULL OR batch NOT IN (
           SELECT batch FROM list_import_runs
           WHERE connection_id = @connectionId AND batch IS NOT NULL AND status <> 'finished'))`,
    ).run({ connectionId: run.connectionId, kind: run.kind, keep: FINISHED_RUNS_KEPT });
  })();
  return getListRun(db, id);
}

/** Everything a page changed in its run; written in the page's transaction. */
export interface ListPageAdvance {
  cursor: Record<string, string | number> | null;
  /** Entries of the run's list on the page. */
  entries: number;
  total: number | null;
  added: number;
  updated: number;
  deactivated: number;
  requests: number;
}

export function advanceListRun(db: Database, run: ListRun, page: ListPageAdvance): ListRun {
  const now = nowIso();
  const finished = page.cursor === null;
  db.prepare(
    `UPDATE list_import_runs SET status = @status, cursor_json = @cursor, pages_done = pages_done + 1,
       entries_read = entries_read + @entries, total = COALESCE(@total, total), added = added + @added,
       updated = updated + @updated, deactivated = deactivated + @deactivated, requests = requests + @requests,
       message = NULL, updated_at = @now, finished_at = @finishedAt
     WHERE id = @id`,
  ).run({
    id: run.id,
    status: finished ? 'finished' : 'running',
    cursor: page.cursor ? JSON.stringify(page.cursor) : null,
    entries: page.entries,
    total: page.total,
    added: page.added,
    updated: page.updated,
    deactivated: page.deactivated,
    requests: page.requests,
    now,
    finishedAt: finished ? now : null,
  });
  return getListRun(db, run.id);
}

/** Marks the run failed (its cursor stays: the next import continues from there) or running again. */
export function setListRunStatus(
  db: Database,
  id: string,
  status: 'running' | 'failed',
  message: string | null,
  requests = 0,
): ListRun {
  db.prepare(
    `UPDATE list_import_runs SET status = ?, message = ?, requests = requests + ?, updated_at = ? WHERE id = ?`,
  ).run(status, message, requests, nowIso(), id);
  return getListRun(db, id);
}

/** Moves an unfinished run into an import of every list (the one now reading it). */
export function setListRunBatch(db: Database, id: string, batch: string): ListRun {
  db.prepare('UPDATE list_import_runs SET batch = ? WHERE id = ?').run(batch, id);
  return getListRun(db, id);
}
