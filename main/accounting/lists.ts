// List mirroring: the accounting system's reference lists (accounts, classes, departments, customers, items, tax
// codes and rates, terms, tracking categories) copied into list_entries, owned by the connection. Importing adds
// the entries not yet mirrored and refreshes the others; an entry made inactive there is counted as such.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ConnectionT } from '../../preload/contract.js';
import { recordListImport } from '../db/repos/list-page.js';
import { nowIso } from '../db/sql-helpers.js';
import type { ExternalListEntry, ListKindName } from '../connectors/contract.js';
import { asAppError, capable, queueForSession } from './capability.js';
import type { AccountingContext } from './context.js';

/** Every kind a connector may offer; each imports the ones its system has and skips the others. */
export const DEFAULT_LIST_KINDS: ListKindName[] = [
  'account',
  'class',
  'department',
  'customer',
  'item',
  'tax_code',
  'tax_rate',
  'tax_agency',
  'term',
  'tracking_category',
  'tracking_option',
];

export interface MirrorCounts {
  added: number;
  updated: number;
  deactivated: number;
  byKind: Record<string, number>;
  /** Per kind: entries read, and what was done with them. */
  perKind?: Record<string, { seen: number; added: number; updated: number; deactivated: number }>;
}

/**
 * Writes the entries into list_entries in one transaction, parents linked after every entry is in. `mode` 'new'
 * only adds the entries not yet mirrored (those mirrored are left as they are); 'update' only refreshes those
 * mirrored (names, codes, active flags, details, parents) and adds none; 'all' does both.
 */
export function mirrorListEntries(
  db: Database,
  connection: Pick<ConnectionT, 'id' | 'companyId'>,
  entries: readonly ExternalListEntry[],
  mode: 'new' | 'update' | 'all' = 'all',
): MirrorCounts {
  const result: MirrorCounts = { added: 0, updated: 0, deactivated: 0, byKind: {} };
  const perKind: NonNullable<MirrorCounts['perKind']> = {};
  const now = nowIso();
  db.transaction(() => {
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
      result.byKind[entry.kind] = (result.byKind[entry.kind] ?? 0) + 1;
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
        result.added++;
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
        if (existing.active === 1 && !entry.active) {
          result.deactivated++;
          counts.deactivated++;
        } else {
          result.updated++;
          counts.updated++;
        }
      }
    }
    const parent = db.prepare('UPDATE list_entries SET parent_id = ? WHERE id = ?');
    for (const entry of entries) {
      if (!entry.parentExternalId) continue;
      const child = ids.get(`${entry.kind}:${entry.externalId}`);
      // A tracking option's parent is its category (another kind), perhaps mirrored by an earlier import.
      const parentKind = entry.kind === 'tracking_option' ? 'tracking_category' : entry.kind;
      const of =
        ids.get(`${parentKind}:${entry.parentExternalId}`) ??
        find.get(connection.id, parentKind, entry.parentExternalId)?.id;
      if (child && of) parent.run(of, child);
    }
    for (const [kind, counts] of Object.entries(perKind)) {
      recordListImport(db, connection.id, kind as ListKindName, mode, counts);
    }
  })();
  return { ...result, perKind };
}

/**
 * Imports the connection's lists now, reporting progress as pages are read; a QuickBooks Desktop connection is
 * asked at its next Web Connector session instead (queued: true).
 */
export async function importLists(
  ctx: AccountingContext,
  connectionId: string,
  kinds: ListKindName[] | undefined,
): Promise<MirrorCounts & { queued: boolean }> {
  if (queueForSession(ctx, connectionId, 'Lists', (engine) => engine.requestListImport(connectionId))) {
    return { added: 0, updated: 0, deactivated: 0, byKind: {}, queued: true };
  }
  const { connection, connector } = capable(ctx, connectionId, 'importLists');
  const task = `lists.import:${connection.id}`;
  let entries;
  try {
    entries = await connector.importLists(
      ctx.connectorContext(connection),
      // Every list the system states (NetSuite's locations and subsidiaries among them), else every kind there is.
      kinds ?? (connector.listKinds ? [...connector.listKinds] : DEFAULT_LIST_KINDS),
      (report) =>
        ctx.emit({
          type: 'progress',
          task,
          done: report.done,
          total: null,
          message: `Reading ${report.kind.replace('_', ' ')} list: ${report.done}`,
        }),
    );
  } catch (error) {
    asAppError(ctx, connection, 'import_lists', error);
  }
  const result = mirrorListEntries(ctx.db, connection, entries);
  ctx.emit({
    type: 'progress',
    task,
    done: entries.length,
    total: entries.length,
    message: 'Lists imported',
  });
  ctx.log({
    companyId: connection.companyId,
    connectionId: connection.id,
    action: 'import_lists',
    result: 'success',
    message: `Imported lists from ${connection.name}: ${result.added} new, ${result.updated} updated, ${result.deactivated} made inactive.`,
    detail: JSON.stringify(result.byKind),
  });
  return { ...result, queued: false };
}
