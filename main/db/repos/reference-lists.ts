// Tax rates and list entries (accounts, items, classes, customers, ...) that documents refer to.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { ListEntry, ListKind, TaxRate } from '../../../preload/contract.js';
import { AppError, notFound } from '../../domain/errors.js';
import { newId, nowIso, toBool } from '../sql-helpers.js';

type TaxRateT = z.infer<typeof TaxRate>;
type ListEntryT = z.infer<typeof ListEntry>;
type ListKindT = z.infer<typeof ListKind>;

interface TaxRateRow {
  id: string;
  company_id: string;
  name: string;
  percent: string;
}
interface ListEntryRow {
  id: string;
  company_id: string;
  connection_id: string | null;
  kind: ListKindT;
  external_id: string | null;
  name: string;
  code: string | null;
  parent_id: string | null;
  active: number;
  data_json?: string;
  hidden_at?: string | null;
}

/** The type and purchase cost each system's list import keeps in data_json, under its own names. */
function typeAndCostOf(dataJson: string | undefined): {
  type: string | null;
  purchaseCost: string | null;
  purchasable?: false;
} {
  if (!dataJson || dataJson === '{}') return { type: null, purchaseCost: null };
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(dataJson) as Record<string, unknown>;
  } catch {
    return { type: null, purchaseCost: null };
  }
  const text = (...keys: string[]) => {
    for (const key of keys) {
      const v = data[key];
      if (typeof v === 'string' && v.trim() !== '') return v;
    }
    return null;
  };
  // QuickBooks Online: AccountType / Type; Xero: type; NetSuite and QuickBooks Desktop: accountType, itemType, itemKind.
  const type = text('AccountType', 'accountType', 'Type', 'type', 'itemType', 'itemKind');
  const cost = data['PurchaseCost'] ?? data['purchaseUnitPrice'];
  const purchaseCost =
    (typeof cost === 'number' && Number.isFinite(cost)) ||
    (typeof cost === 'string' && /^-?\d+(\.\d+)?$/.test(cost))
      ? String(cost)
      : null;
  return {
    type,
    purchaseCost: purchaseCost && /e/i.test(purchaseCost) ? null : purchaseCost,
    // Xero: IsPurchased false. Absent or null (older mirrors, or Xero saying nothing) is its default, true.
    ...(data['purchased'] === false ? { purchasable: false as const } : {}),
  };
}

const toTaxRate = (r: TaxRateRow): TaxRateT => ({
  id: r.id,
  companyId: r.company_id,
  name: r.name,
  percent: r.percent,
});
const toListEntry = (r: ListEntryRow): ListEntryT => ({
  id: r.id,
  companyId: r.company_id,
  connectionId: r.connection_id,
  kind: r.kind,
  externalId: r.external_id,
  name: r.name,
  code: r.code,
  parentId: r.parent_id,
  active: toBool(r.active),
  ...typeAndCostOf(r.data_json),
  ...(r.hidden_at ? { hidden: true } : {}),
});

export function insertTaxRate(
  db: Database,
  input: { companyId: string; name: string; percent: string },
): TaxRateT {
  const row: TaxRateRow = {
    id: newId(),
    company_id: input.companyId,
    name: input.name,
    percent: input.percent,
  };
  uniqueName(input.name, () =>
    db
      .prepare('INSERT INTO tax_rates (id, company_id, name, percent, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(row.id, row.company_id, row.name, row.percent, nowIso()),
  );
  return toTaxRate(row);
}

/** Runs the write; a name the company already has for another rate is refused on the name field. */
function uniqueName(name: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('conflict', `A tax rate named '${name}' already exists. Choose another name.`, {
        problems: [{ field: 'name', message: 'already exists: choose another name' }],
      });
    }
    throw error;
  }
}

export function getTaxRate(db: Database, id: string): TaxRateT {
  const row = db.prepare<[string], TaxRateRow>('SELECT * FROM tax_rates WHERE id = ?').get(id);
  if (!row) throw notFound('Tax rate', id);
  return toTaxRate(row);
}

export function updateTaxRate(db: Database, id: string, input: { name: string; percent: string }): TaxRateT {
  const rate = getTaxRate(db, id);
  uniqueName(input.name, () =>
    db.prepare('UPDATE tax_rates SET name = ?, percent = ? WHERE id = ?').run(input.name, input.percent, id),
  );
  return { ...rate, name: input.name, percent: input.percent };
}

/** The documents whose lines carry the rate, by number. */
export function documentsWithTaxRate(db: Database, id: string): string[] {
  return db
    .prepare<[string], { number: string }>(
      `SELECT DISTINCT d.number FROM document_lines l JOIN documents d ON d.id = l.document_id
       WHERE l.tax_rate_id = ? ORDER BY d.number`,
    )
    .all(id)
    .map((r) => r.number);
}

/** Deletes the rate and its pairings with accounting systems; supplier defaults naming it are cleared. */
export function deleteTaxRate(db: Database, id: string): void {
  db.transaction(() => {
    db.prepare("DELETE FROM external_links WHERE entity_type = 'tax_rate' AND entity_id = ?").run(id);
    db.prepare('DELETE FROM tax_rates WHERE id = ?').run(id);
  })();
}

export function listTaxRates(db: Database, companyId: string): TaxRateT[] {
  return db
    .prepare<[string], TaxRateRow>(
      'SELECT * FROM tax_rates WHERE company_id = ? ORDER BY name COLLATE NOCASE',
    )
    .all(companyId)
    .map(toTaxRate);
}

export function findTaxRateByName(db: Database, companyId: string, name: string): TaxRateT | null {
  const row = db
    .prepare<[string, string], TaxRateRow>(
      'SELECT * FROM tax_rates WHERE company_id = ? AND name = ? COLLATE NOCASE',
    )
    .get(companyId, name);
  return row ? toTaxRate(row) : null;
}

export function insertListEntry(
  db: Database,
  input: { companyId: string; kind: ListKindT; name: string; code?: string | null; parentId?: string | null },
): ListEntryT {
  const row: ListEntryRow = {
    id: newId(),
    company_id: input.companyId,
    connection_id: null,
    kind: input.kind,
    external_id: null,
    name: input.name,
    code: input.code ?? null,
    parent_id: input.parentId ?? null,
    active: 1,
  };
  db.prepare(
    `INSERT INTO list_entries (id, company_id, connection_id, kind, external_id, name, code, parent_id, active, updated_at)
     VALUES (@id, @company_id, @connection_id, @kind, @external_id, @name, @code, @parent_id, @active, @updated_at)`,
  ).run({ ...row, updated_at: nowIso() });
  return toListEntry(row);
}

export function listListEntries(
  db: Database,
  filter: {
    companyId: string;
    kind?: ListKindT | undefined;
    connectionId?: string | undefined;
    /** Hidden entries are left out (what the pickers are fed) unless asked for. */
    includeHidden?: boolean | undefined;
  },
): ListEntryT[] {
  const where = ['company_id = @companyId'];
  if (!filter.includeHidden) where.push('hidden_at IS NULL');
  if (filter.kind) where.push('kind = @kind');
  if (filter.connectionId) where.push('connection_id = @connectionId');
  const paired = pairedRecords(db, filter.companyId);
  return db
    .prepare<Record<string, unknown>, ListEntryRow>(
      `SELECT * FROM list_entries WHERE ${where.join(' AND ')} ORDER BY kind, name COLLATE NOCASE`,
    )
    .all({ companyId: filter.companyId, kind: filter.kind, connectionId: filter.connectionId })
    .map((row) => {
      const entry = toListEntry(row);
      const pairedWith = paired.get(entry.id);
      return pairedWith ? { ...entry, pairedWith } : entry;
    });
}

/** The mirrored lists an entry of ours of each kind can be paired with (accounting/pairing.ts pairs the same). */
const PAIRED_KINDS: Record<string, readonly string[]> = {
  item: ['item'],
  account: ['account'],
  class: ['class', 'tracking_option'],
  customer: ['customer', 'tracking_option'],
};

/**
 * Our entries (not mirrored) linked to a record of an accounting system, with that record as its lists are mirrored
 * here: the link's external id among the mirrored entries of a kind ours can be paired with.
 */
function pairedRecords(
  db: Database,
  companyId: string,
): Map<string, { connectionId: string; entryId: string; name: string }> {
  const rows = db
    .prepare<
      [string],
      {
        id: string;
        kind: string;
        connection_id: string;
        paired_id: string;
        paired_kind: string;
        name: string;
      }
    >(
      `SELECT e.id, e.kind, l.connection_id, m.id AS paired_id, m.kind AS paired_kind, m.name
         FROM list_entries e
         JOIN external_links l ON l.entity_type = 'list_entry' AND l.entity_id = e.id
         JOIN list_entries m ON m.connection_id = l.connection_id AND m.external_id = l.external_id
        WHERE e.company_id = ? AND e.connection_id IS NULL
        ORDER BY m.id`,
    )
    .all(companyId);
  const out = new Map<string, { connectionId: string; entryId: string; name: string }>();
  for (const r of rows) {
    if (out.has(r.id) || !PAIRED_KINDS[r.kind]?.includes(r.paired_kind)) continue;
    out.set(r.id, { connectionId: r.connection_id, entryId: r.paired_id, name: r.name });
  }
  return out;
}

export function findListEntries(db: Database, companyId: string, ids: string[]): Map<string, ListEntryT> {
  if (ids.length === 0) return new Map();
  const rows = db
    .prepare<unknown[], ListEntryRow>(
      `SELECT * FROM list_entries WHERE company_id = ? AND id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(companyId, ...ids);
  return new Map(rows.map((r) => [r.id, toListEntry(r)]));
}

export function findListEntryByName(
  db: Database,
  companyId: string,
  kind: ListKindT,
  name: string,
): ListEntryT | null {
  const row = db
    .prepare<[string, string, string], ListEntryRow>(
      'SELECT * FROM list_entries WHERE company_id = ? AND kind = ? AND name = ? COLLATE NOCASE ORDER BY connection_id IS NULL LIMIT 1',
    )
    .get(companyId, kind, name);
  return row ? toListEntry(row) : null;
}
