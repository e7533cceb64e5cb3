// What the Lists page reads and writes (migration 0018): each mirrored list of a connection with its counts and
// last import, a page of its entries under their full hierarchical names, and the per-company "hidden from the
// pickers" flag. Hiding changes nothing in the accounting system: the entry stays mirrored and may still be sent.
import type { Database } from 'better-sqlite3';
import type { ListKind } from '../../../preload/contract.js';
import type { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { nowIso } from '../sql-helpers.js';

type ListKindT = z.infer<typeof ListKind>;
export type ImportMode = 'new' | 'update' | 'all';

export interface ListImportRecord {
  at: string;
  mode: ImportMode;
  seen: number;
  added: number;
  updated: number;
  deactivated: number;
}

export interface ListSummaryRow {
  kind: ListKindT;
  count: number;
  active: number;
  hidden: number;
  /** The latest change an import wrote to an entry of this list (for lists imported before 0018, or by a session). */
  lastChangedAt: string | null;
  lastImport: ListImportRecord | null;
}

export interface ListPageEntry {
  id: string;
  kind: ListKindT;
  externalId: string | null;
  name: string;
  fullName: string;
  code: string | null;
  active: boolean;
  hidden: boolean;
  parentId: string | null;
  updatedAt: string;
}

interface EntryRow {
  id: string;
  kind: ListKindT;
  external_id: string | null;
  name: string;
  code: string | null;
  parent_id: string | null;
  active: number;
  hidden_at: string | null;
  updated_at: string;
}

/** Each list the connection mirrors, with its counts and its last import (by kind name). */
export function listSummaries(db: Database, connectionId: string): ListSummaryRow[] {
  const counts = db
    .prepare<
      [string],
      { kind: ListKindT; count: number; active: number; hidden: number; changed: string | null }
    >(
      `SELECT kind, COUNT(*) AS count, SUM(active) AS active, SUM(hidden_at IS NOT NULL) AS hidden,
         MAX(updated_at) AS changed
       FROM list_entries WHERE connection_id = ? GROUP BY kind`,
    )
    .all(connectionId);
  const imports = new Map(
    db
      .prepare<
        [string],
        {
          kind: ListKindT;
          mode: ImportMode;
          imported_at: string;
          seen: number;
          added: number;
          updated: number;
          deactivated: number;
        }
      >('SELECT * FROM list_imports WHERE connection_id = ?')
      .all(connectionId)
      .map((r) => [r.kind, r]),
  );
  const kinds = new Set<ListKindT>([...counts.map((c) => c.kind), ...imports.keys()]);
  return [...kinds]
    .map((kind) => {
      const c = counts.find((x) => x.kind === kind);
      const i = imports.get(kind);
      return {
        kind,
        count: c?.count ?? 0,
        active: c?.active ?? 0,
        hidden: c?.hidden ?? 0,
        lastChangedAt: c?.changed ?? null,
        lastImport: i
          ? {
              at: i.imported_at,
              mode: i.mode,
              seen: i.seen,
              added: i.added,
              updated: i.updated,
              deactivated: i.deactivated,
            }
          : null,
      };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Remembers an import of one list of the connection (the latest one is what the page shows). */
export function recordListImport(
  db: Database,
  connectionId: string,
  kind: ListKindT,
  mode: ImportMode,
  counts: { seen: number; added: number; updated: number; deactivated: number },
): void {
  db.prepare(
    `INSERT INTO list_imports (connection_id, kind, mode, imported_at, seen, added, updated, deactivated)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, kind) DO UPDATE SET mode = excluded.mode, imported_at = excluded.imported_at,
       seen = excluded.seen, added = excluded.added, updated = excluded.updated, deactivated = excluded.deactivated`,
  ).run(connectionId, kind, mode, nowIso(), counts.seen, counts.added, counts.updated, counts.deactivated);
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Full names from parent chains, as the pickers show them: a name that already starts with its parent's full name
 * and ':' (QuickBooks' FullyQualifiedName) is kept; a loop or a missing parent ends the chain.
 */
function fullNames(rows: readonly EntryRow[]): Map<string, string> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const done = new Map<string, string>();
  const visiting = new Set<string>();
  const resolve = (row: EntryRow): string => {
    const known = done.get(row.id);
    if (known !== undefined) return known;
    visiting.add(row.id);
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    let full = row.name;
    if (parent && !visiting.has(parent.id)) {
      const parentFull = resolve(parent);
      if (!row.name.startsWith(`${parentFull}:`)) full = `${parentFull}:${row.name}`;
    }
    visiting.delete(row.id);
    done.set(row.id, full);
    return full;
  };
  for (const row of rows) resolve(row);
  return done;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * One page of a list's entries, by full name, narrowed by every word of `search` (anywhere in the full name or
 * code, accents and case ignored). Hidden and inactive entries are listed, marked.
 */
export function listPageEntries(
  db: Database,
  filter: {
    connectionId: string;
    kind: ListKindT;
    search?: string | undefined;
    offset: number;
    limit: number;
  },
): { total: number; items: ListPageEntry[] } {
  const rows = db
    .prepare<[string, string], EntryRow>(
      `SELECT id, kind, external_id, name, code, parent_id, active, hidden_at, updated_at
       FROM list_entries WHERE connection_id = ? AND kind = ?`,
    )
    .all(filter.connectionId, filter.kind);
  // A parent of another list (a Xero tracking option's category) names its children too.
  const ids = new Set(rows.map((r) => r.id));
  const outside = [...new Set(rows.map((r) => r.parent_id).filter((p): p is string => !!p && !ids.has(p)))];
  const parents =
    outside.length === 0
      ? []
      : db
          .prepare<string[], EntryRow>(
            `SELECT id, kind, external_id, name, code, parent_id, active, hidden_at, updated_at
             FROM list_entries WHERE id IN (${outside.map(() => '?').join(',')})`,
          )
          .all(...outside);
  const names = fullNames([...rows, ...parents]);
  const words = fold(filter.search ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const entries = rows
    .map((r) => ({ row: r, fullName: names.get(r.id) ?? r.name }))
    .filter(({ row, fullName }) => {
      if (words.length === 0) return true;
      const haystack = fold(row.code ? `${fullName} ${row.code}` : fullName);
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => collator.compare(a.fullName, b.fullName));
  return {
    total: entries.length,
    items: entries.slice(filter.offset, filter.offset + filter.limit).map(({ row, fullName }) => ({
      id: row.id,
      kind: row.kind,
      externalId: row.external_id,
      name: row.name,
      fullName,
      code: row.code,
      active: row.active === 1,
      hidden: row.hidden_at !== null,
      parentId: row.parent_id,
      updatedAt: row.updated_at,
    })),
  };
}

/** Hides the entry from the pickers (or shows it again); the company's own flag, never sent anywhere. */
export function setListEntryHidden(
  db: Database,
  id: string,
  hidden: boolean,
): { id: string; companyId: string; connectionId: string | null; name: string; hidden: boolean } {
  const row = db
    .prepare<[string], { id: string; company_id: string; connection_id: string | null; name: string }>(
      'SELECT id, company_id, connection_id, name FROM list_entries WHERE id = ?',
    )
    .get(id);
  if (!row) {
    throw new AppError(
      'not_found',
      'That list entry no longer exists (a later import may have replaced it). Reload the Lists page.',
    );
  }
  db.prepare('UPDATE list_entries SET hidden_at = ? WHERE id = ?').run(hidden ? nowIso() : null, id);
  return { id: row.id, companyId: row.company_id, connectionId: row.connection_id, name: row.name, hidden };
}
