// Where each QuickBooks Desktop list read stands, kept across Web Connector sessions (migration 0039). A qbXML
// iterator dies with its session, so a list is read in two passes whose position is ours: the id pass records every
// ListID with its EditSequence (qbd_list_ids), then the records are fetched by ListID in batches, each batch marked
// fetched in the transaction that mirrors it. A read left by a broken session goes on at the next one with the ids
// not fetched yet; ids whose EditSequence equals the mirrored one are skipped. The Lists page sees a read through
// its list_import_runs row (none for vendors, whose progress is the supplier import's: vendor-import.ts).
import type { Database } from 'better-sqlite3';
import type { ListKindName } from '../contract.js';
import { createListRun, openListRun, type ListRunMode } from '../../db/repos/list-import-runs.js';
import { newId } from '../../db/sql-helpers.js';

export type ListReadMode = ListRunMode;
export type ListReadPhase = 'ids' | 'fetch';

export interface ListRead {
  id: string;
  connectionId: string;
  /** lists.ts's list name (accounts, classes, terms, items, vendors, customers). */
  list: string;
  mode: ListReadMode;
  phase: ListReadPhase;
  /** FromModifiedDate of the id pass; null reads every id. */
  since: string | null;
  /** Greatest TimeModified the id pass saw. */
  seen: string | null;
  runId: string | null;
  sessionId: string | null;
  /** When the read was asked for (our clock). */
  createdAt: string;
}

interface ReadRow {
  id: string;
  connection_id: string;
  list: string;
  mode: ListReadMode;
  phase: ListReadPhase;
  since: string | null;
  seen: string | null;
  run_id: string | null;
  session_id: string | null;
  created_at: string;
}

const toRead = (r: ReadRow): ListRead => ({
  id: r.id,
  connectionId: r.connection_id,
  list: r.list,
  mode: r.mode,
  phase: r.phase,
  since: r.since,
  seen: r.seen,
  runId: r.run_id,
  sessionId: r.session_id,
  createdAt: r.created_at,
});

/** The connection's unfinished reads, oldest first. */
export function openReads(db: Database, connectionId: string): ListRead[] {
  return db
    .prepare<[string], ReadRow>(
      'SELECT * FROM qbd_list_reads WHERE connection_id = ? ORDER BY created_at, rowid',
    )
    .all(connectionId)
    .map(toRead);
}

export function hasOpenRead(db: Database, connectionId: string): boolean {
  return (
    db.prepare('SELECT 1 FROM qbd_list_reads WHERE connection_id = ? LIMIT 1').get(connectionId) !== undefined
  );
}

export function getRead(db: Database, id: string): ListRead | null {
  const row = db.prepare<[string], ReadRow>('SELECT * FROM qbd_list_reads WHERE id = ?').get(id);
  return row ? toRead(row) : null;
}

/**
 * The unfinished read of this list in this mode, or a new one (with its Lists page run when the list is one the page
 * shows: `kind`). An unfinished read is continued as it stands: asking again never starts it over.
 */
export function ensureRead(
  db: Database,
  input: {
    connectionId: string;
    companyId: string;
    list: string;
    kind: ListKindName | null;
    mode: ListReadMode;
    since: string | null;
    batch: string | null;
    now: Date;
  },
): { read: ListRead; created: boolean } {
  const existing = db
    .prepare<[string, string, string], ReadRow>(
      'SELECT * FROM qbd_list_reads WHERE connection_id = ? AND list = ? AND mode = ?',
    )
    .get(input.connectionId, input.list, input.mode);
  if (existing) return { read: toRead(existing), created: false };
  let runId: string | null = null;
  if (input.kind) {
    const run =
      openListRun(db, input.connectionId, input.kind, input.mode) ??
      createListRun(db, {
        connectionId: input.connectionId,
        companyId: input.companyId,
        kind: input.kind,
        mode: input.mode,
        batch: input.batch,
      });
    runId = run.id;
  }
  const id = newId();
  const at = input.now.toISOString();
  db.prepare(
    `INSERT INTO qbd_list_reads (id, connection_id, list, mode, phase, since, run_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'ids', ?, ?, ?, ?)`,
  ).run(id, input.connectionId, input.list, input.mode, input.since, runId, at, at);
  return { read: getRead(db, id)!, created: true };
}

/** The session that sends a request of the read now. */
export function claimRead(db: Database, id: string, sessionId: string, now: Date): void {
  db.prepare('UPDATE qbd_list_reads SET session_id = ?, updated_at = ? WHERE id = ?').run(
    sessionId,
    now.toISOString(),
    id,
  );
}

/**
 * Records one page of the id pass, and the greatest TimeModified seen so far. A new id is pending (or skipped when
 * `useless` says its record could change nothing here); an id recorded before (by an earlier, broken id pass) keeps
 * its state unless its EditSequence changed, in which case it is fetched (again).
 */
export function recordIds(
  db: Database,
  readId: string,
  ids: readonly { listId: string; editSequence: string | null; useless?: boolean }[],
  seen: string | null,
  now: Date,
): void {
  const base =
    db
      .prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM qbd_list_ids WHERE read_id = ?')
      .get(readId)?.seq ?? 0;
  const upsert = db.prepare(
    `INSERT INTO qbd_list_ids (read_id, list_id, edit_sequence, state, seq) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (read_id, list_id) DO UPDATE SET
       state = CASE WHEN qbd_list_ids.edit_sequence = excluded.edit_sequence THEN qbd_list_ids.state
         ELSE excluded.state END,
       edit_sequence = excluded.edit_sequence`,
  );
  ids.forEach((id, i) =>
    upsert.run(readId, id.listId, id.editSequence, id.useless ? 'skipped' : 'pending', base + i + 1),
  );
  db.prepare('UPDATE qbd_list_reads SET seen = ?, updated_at = ? WHERE id = ?').run(
    seen,
    now.toISOString(),
    readId,
  );
}

/**
 * Ends the id pass: the ids there is nothing to fetch for are skipped, as the mode says, against the mirror
 * (list_entries for the lists the page shows, the paired vendors' links for vendors): Import new fetches the ids not
 * mirrored; Update existing the mirrored ids whose EditSequence changed; an import of every list both. An id whose
 * EditSequence is unknown (QuickBooks left it out) is fetched. Returns how many were skipped.
 */
export function endIdPass(
  db: Database,
  read: Pick<ListRead, 'id' | 'connectionId' | 'mode'>,
  mirror: { kind: ListKindName } | 'vendors',
  now: Date,
): number {
  const mirrored =
    mirror === 'vendors'
      ? `SELECT l.sync_token AS edit_sequence FROM external_links l
           WHERE l.connection_id = @connectionId AND l.entity_type = 'supplier' AND l.external_id = qbd_list_ids.list_id`
      : `SELECT json_extract(e.data_json, '$.editSequence') AS edit_sequence FROM list_entries e
           WHERE e.connection_id = @connectionId AND e.kind = @kind AND e.external_id = qbd_list_ids.list_id`;
  const same = `EXISTS (SELECT 1 FROM (${mirrored}) m WHERE m.edit_sequence = qbd_list_ids.edit_sequence)`;
  const skip =
    read.mode === 'new'
      ? `EXISTS (${mirrored})`
      : read.mode === 'update'
        ? `(NOT EXISTS (${mirrored}) OR ${same})`
        : same;
  const skipped = db
    .prepare(
      `UPDATE qbd_list_ids SET state = 'skipped' WHERE read_id = @readId AND state = 'pending' AND ${skip}`,
    )
    .run({
      readId: read.id,
      connectionId: read.connectionId,
      kind: mirror === 'vendors' ? null : mirror.kind,
    });
  db.prepare(`UPDATE qbd_list_reads SET phase = 'fetch', updated_at = ? WHERE id = ?`).run(
    now.toISOString(),
    read.id,
  );
  return skipped.changes;
}

/** The next ids to fetch, in the id pass's order. */
export function nextBatch(db: Database, readId: string, size: number): string[] {
  return db
    .prepare<[string, number], { list_id: string }>(
      `SELECT list_id FROM qbd_list_ids WHERE read_id = ? AND state = 'pending' ORDER BY seq LIMIT ?`,
    )
    .all(readId, size)
    .map((r) => r.list_id);
}

/** Marks a batch fetched (inside the transaction that mirrors it). */
export function markFetched(db: Database, readId: string, ids: readonly string[]): void {
  const mark = db.prepare(`UPDATE qbd_list_ids SET state = 'fetched' WHERE read_id = ? AND list_id = ?`);
  for (const id of ids) mark.run(readId, id);
}

export interface ReadCounts {
  ids: number;
  pending: number;
  fetched: number;
  skipped: number;
}

export function readCounts(db: Database, readId: string): ReadCounts {
  const row = db
    .prepare<
      [string],
      { ids: number; pending: number | null; fetched: number | null; skipped: number | null }
    >(
      `SELECT COUNT(*) AS ids, SUM(state = 'pending') AS pending, SUM(state = 'fetched') AS fetched,
         SUM(state = 'skipped') AS skipped
       FROM qbd_list_ids WHERE read_id = ?`,
    )
    .get(readId);
  return {
    ids: row?.ids ?? 0,
    pending: row?.pending ?? 0,
    fetched: row?.fetched ?? 0,
    skipped: row?.skipped ?? 0,
  };
}

/** A finished (or abandoned) read goes, with its ids. */
export function dropRead(db: Database, readId: string): void {
  db.prepare('DELETE FROM qbd_list_reads WHERE id = ?').run(readId);
}

/**
 * Brings the read's Lists page run in step with its ids (read = fetched + skipped, of every id recorded) after an
 * answer, in that answer's transaction; `finished` ends the run.
 */
export function stepRun(
  db: Database,
  runId: string,
  step: {
    entries: number;
    total: number | null;
    added: number;
    updated: number;
    deactivated: number;
    finished: boolean;
  },
  now: Date,
): void {
  const at = now.toISOString();
  db.prepare(
    `UPDATE list_import_runs SET status = @status, cursor_json = @cursor, pages_done = pages_done + 1,
       entries_read = @entries, total = COALESCE(@total, total), added = added + @added, updated = updated + @updated,
       deactivated = deactivated + @deactivated, requests = requests + 1, message = NULL, updated_at = @at,
       finished_at = @finishedAt
     WHERE id = @id`,
  ).run({
    id: runId,
    status: step.finished ? 'finished' : 'running',
    cursor: step.finished ? null : JSON.stringify({ session: 'next' }),
    entries: step.entries,
    total: step.total,
    added: step.added,
    updated: step.updated,
    deactivated: step.deactivated,
    at,
    finishedAt: step.finished ? at : null,
  });
}
