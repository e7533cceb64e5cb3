// Writes pages of another system's reference list into list_entries, inside the caller's transaction (the one that
// also advances the import's run: main/accounting/list-import.ts for the systems we call, the QuickBooks Desktop
// engine's list reads for the one that calls us).
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../../preload/contract.js';
import type { ExternalListEntry, ListKindName } from '../../connectors/contract.js';
import { nowIso } from '../sql-helpers.js';

export interface KindCounts {
  seen: number;
  added: number;
  updated: number;
  deactivated: number;
}

/**
 * Writes one page of entries into list_entries; call inside the transaction that also records the page. `mode`
 * 'new' only adds the entries not yet mirrored (those mirrored are left as they are); 'update' only refreshes those
 * mirrored (names, codes, active flags, details, parents) and adds none; 'all' does both. Entries are matched by
 * external id, so a page written twice changes nothing the second time. A parent not mirrored yet (on a later page)
 * is remembered by its external id and linked when it arrives.
 */
export function writeListPage(
  db: Database,
  connection: Pick<ConnectionT, 'id' | 'companyId'>,
  entries: readonly ExternalListEntry[],
  mode: 'new' | 'update' | 'all',
  now = nowIso(),
): Record<string, KindCounts> {
  const perKind: Record<string, KindCounts> = {};
  const find = db.prepare<
    [string, string, string],
    { id: string; name: string; code: string | null; active: number; data_json: string }
  >(
    'SELECT id, name, code, active, data_json FROM list_entries WHERE connection_id = ? AND kind = ? AND external_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO list_entries (id, company_id, connection_id, kind, external_id, name, code, active, data_json, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    'UPDATE list_entries SET name = ?, code = ?, active = ?, data_json = ?, updated_at = ? WHERE id = ?',
  );
  const ids = new Map<string, string>();
  for (const entry of entries) {
    const counts = (perKind[entry.kind] ??= { seen: 0, added: 0, updated: 0, deactivated: 0 });
    counts.seen++;
    const data = JSON.stringify(entry.data);
    const existing = find.get(connection.id, entry.kind, entry.externalId);
    if (!existing && mode === 'update') continue;
    if (!existing) {
      const id = randomUUID();
      insert.run(
        id,
        connection.companyId,
        connection.id,
        entry.kind,
        entry.externalId,
        entry.name,
        entry.code,
        entry.active ? 1 : 0,
        data,
        now,
      );
      ids.set(`${entry.kind}:${entry.externalId}`, id);
      counts.added++;
      continue;
    }
    if (mode === 'new') continue;
    ids.set(`${entry.kind}:${entry.externalId}`, existing.id);
    if (
      existing.name !== entry.name ||
      existing.code !== entry.code ||
      existing.active !== (entry.active ? 1 : 0) ||
      existing.data_json !== data
    ) {
      update.run(entry.name, entry.code, entry.active ? 1 : 0, data, now, existing.id);
      if (existing.active === 1 && !entry.active) counts.deactivated++;
      else counts.updated++;
    }
  }
  const parent = db.prepare('UPDATE list_entries SET parent_id = ?, parent_external_id = ? WHERE id = ?');
  for (const entry of entries) {
    if (!entry.parentExternalId) continue;
    const child = ids.get(`${entry.kind}:${entry.externalId}`);
    if (!child) continue;
    const parentKind = parentKindOf(entry.kind);
    const of =
      ids.get(`${parentKind}:${entry.parentExternalId}`) ??
      find.get(connection.id, parentKind, entry.parentExternalId)?.id ??
      null;
    parent.run(of, entry.parentExternalId, child);
  }
  // Children written on earlier pages whose parent this page brought.
  db.prepare(
    `UPDATE list_entries SET parent_id = (
       SELECT p.id FROM list_entries p WHERE p.connection_id = list_entries.connection_id
         AND p.kind = CASE list_entries.kind WHEN 'tracking_option' THEN 'tracking_category' ELSE list_entries.kind END
         AND p.external_id = list_entries.parent_external_id)
     WHERE connection_id = ? AND parent_id IS NULL AND parent_external_id IS NOT NULL`,
  ).run(connection.id);
  return perKind;
}

/** A tracking option's parent is its category (another kind); every other entry's parent is of its own kind. */
function parentKindOf(kind: ListKindName): ListKindName {
  return kind === 'tracking_option' ? 'tracking_category' : kind;
}
