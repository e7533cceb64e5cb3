// The engine's own tables (migration 0004): what the last sessions learned about QuickBooks, where imports
// stopped, and the Adds whose answers have not been applied yet (the duplicate guard).
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface ListCheckpoint {
  /** FromModifiedDate for the next import of this list (QuickBooks' own TimeModified), null for a full import. */
  since: string | null;
  /** The import that is running finished this list. */
  done: boolean;
  /** Greatest TimeModified seen by the running import; becomes `since` when the list is done. */
  seen: string | null;
  /**
   * Vendors: when the last read that listed every vendor was asked for (our clock). A supplier here that is unpaired
   * and was added or renamed since may carry the name of a vendor no read since has listed (unchanged in QuickBooks,
   * so before `since`), so the next read lists every vendor again (units/lists.ts).
   */
  listedAt?: string | null;
}

export interface QbdStateRow {
  connection_id: string;
  qbxml_version: string | null;
  host_json: string | null;
  company_name: string | null;
  company_file: string | null;
  closing_date: string | null;
  lists_requested: number;
  lists_json: string;
  lists_imported_at: string | null;
  payments_checkpoint: string | null;
  payments_requested_json: string | null;
  payments_cursor_json: string;
  last_session_at: string | null;
  last_session_ok: number | null;
  last_session_message: string | null;
  updated_at: string;
}

export function loadState(db: Database, connectionId: string, now: Date): QbdStateRow {
  const existing = db
    .prepare<[string], QbdStateRow>('SELECT * FROM qbd_state WHERE connection_id = ?')
    .get(connectionId);
  if (existing) return existing;
  db.prepare('INSERT OR IGNORE INTO qbd_state (connection_id, updated_at) VALUES (?, ?)').run(
    connectionId,
    now.toISOString(),
  );
  return db
    .prepare<[string], QbdStateRow>('SELECT * FROM qbd_state WHERE connection_id = ?')
    .get(connectionId)!;
}

/** Reads without creating: hasWork must not write. */
export function peekState(db: Database, connectionId: string): QbdStateRow | undefined {
  return db
    .prepare<[string], QbdStateRow>('SELECT * FROM qbd_state WHERE connection_id = ?')
    .get(connectionId);
}

type Patch = Partial<Omit<QbdStateRow, 'connection_id' | 'updated_at'>>;

export function updateState(db: Database, connectionId: string, patch: Patch, now: Date): void {
  const keys = Object.keys(patch) as (keyof Patch)[];
  loadState(db, connectionId, now);
  if (keys.length === 0) return;
  const sets = keys.map((k) => `${k} = @${k}`).join(', ');
  db.prepare(
    `UPDATE qbd_state SET ${sets}, updated_at = @updated_at WHERE connection_id = @connection_id`,
  ).run({
    ...patch,
    updated_at: now.toISOString(),
    connection_id: connectionId,
  });
}

export function listCheckpoints(row: QbdStateRow): Record<string, ListCheckpoint> {
  try {
    const parsed = JSON.parse(row.lists_json) as Record<string, ListCheckpoint>;
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

// ---------- the duplicate guard ----------

export interface InflightRow {
  connection_id: string;
  idempotency_key: string;
  request_type: string;
  external_guid: string;
  lookup_json: string;
  session_id: string;
  sent_at: string;
}

export interface InflightLookup {
  refNumber?: string | null;
  vendor?: string | null;
  txnDate?: string | null;
  fullName?: string;
  /**
   * False when the Add went out below qbXML 9.0, which has no ExternalGUID on transactions: the look-up then
   * matches number, vendor and date instead. Absent (older rows) means it was sent.
   */
  guidSent?: boolean;
}

/**
 * The ExternalGUID of an Add, derived from its idempotency key: the same key always gets the same GUID, so a
 * record found after a lost answer can be recognised as ours (and not as someone else's with the same number).
 */
export function externalGuid(idempotencyKey: string): string {
  const h = createHash('sha256').update(`ledgerbridge:${idempotencyKey}`).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

export function getInflight(db: Database, connectionId: string, key: string): InflightRow | undefined {
  return db
    .prepare<[string, string], InflightRow>(
      'SELECT * FROM qbd_inflight WHERE connection_id = ? AND idempotency_key = ?',
    )
    .get(connectionId, key);
}

export function allInflight(db: Database, connectionId: string): Map<string, InflightRow> {
  return new Map(
    db
      .prepare<[string], InflightRow>('SELECT * FROM qbd_inflight WHERE connection_id = ?')
      .all(connectionId)
      .map((r) => [r.idempotency_key, r]),
  );
}

export function recordInflight(
  db: Database,
  row: {
    connectionId: string;
    key: string;
    requestType: string;
    guid: string;
    lookup: InflightLookup;
    sessionId: string;
    now: Date;
  },
): void {
  db.prepare(
    `INSERT INTO qbd_inflight (connection_id, idempotency_key, request_type, external_guid, lookup_json, session_id, sent_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, idempotency_key) DO UPDATE SET request_type = excluded.request_type,
       external_guid = excluded.external_guid, lookup_json = excluded.lookup_json, session_id = excluded.session_id,
       sent_at = excluded.sent_at`,
  ).run(
    row.connectionId,
    row.key,
    row.requestType,
    row.guid,
    JSON.stringify(row.lookup),
    row.sessionId,
    row.now.toISOString(),
  );
}

export function clearInflight(db: Database, connectionId: string, key: string): void {
  db.prepare('DELETE FROM qbd_inflight WHERE connection_id = ? AND idempotency_key = ?').run(
    connectionId,
    key,
  );
}
