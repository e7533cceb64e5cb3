import type { Database } from 'better-sqlite3';
import type { SupplierT } from '../../../preload/contract.js';
import { AppError, notFound } from '../../domain/errors.js';
import { searchFold } from '../../domain/search-fold.js';
import { likePattern, newId, nowIso, toBool } from '../sql-helpers.js';

interface SupplierRow {
  id: string;
  company_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  account_number: string | null;
  tax_id: string | null;
  currency: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export type SupplierFields = Partial<
  Pick<
    SupplierT,
    | 'name'
    | 'email'
    | 'phone'
    | 'address'
    | 'city'
    | 'state'
    | 'postalCode'
    | 'country'
    | 'accountNumber'
    | 'taxId'
    | 'currency'
  >
>;

const COLUMN_OF: Record<keyof SupplierFields, keyof SupplierRow> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  address: 'address',
  city: 'city',
  state: 'state',
  postalCode: 'postal_code',
  country: 'country',
  accountNumber: 'account_number',
  taxId: 'tax_id',
  currency: 'currency',
};

function linksOf(db: Database, ids: string[]): Map<string, { connectionId: string; externalId: string }[]> {
  const links = new Map<string, { connectionId: string; externalId: string }[]>();
  if (ids.length === 0) return links;
  const rows = db
    .prepare<unknown[], { entity_id: string; connection_id: string; external_id: string }>(
      `SELECT entity_id, connection_id, external_id FROM external_links
       WHERE entity_type = 'supplier' AND entity_id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids);
  for (const r of rows) {
    const list = links.get(r.entity_id) ?? [];
    list.push({ connectionId: r.connection_id, externalId: r.external_id });
    links.set(r.entity_id, list);
  }
  return links;
}

function toSupplier(r: SupplierRow, links: { connectionId: string; externalId: string }[]): SupplierT {
  return {
    id: r.id,
    companyId: r.company_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    address: r.address,
    city: r.city,
    state: r.state,
    postalCode: r.postal_code,
    country: r.country,
    accountNumber: r.account_number,
    taxId: r.tax_id,
    currency: r.currency,
    active: toBool(r.active),
    links,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function duplicateName(name: string): AppError {
  return new AppError(
    'conflict',
    `A supplier named '${name}' already exists. Supplier names must be unique because accounting systems require it; open the existing supplier or choose another name.`,
    { problems: [{ field: 'name', message: `A supplier named '${name}' already exists.` }] },
  );
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    (error as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

export function insertSupplier(
  db: Database,
  companyId: string,
  fields: SupplierFields & { name: string },
): SupplierT {
  const now = nowIso();
  const row: SupplierRow = {
    id: newId(),
    company_id: companyId,
    name: fields.name,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    address: fields.address ?? null,
    city: fields.city ?? null,
    state: fields.state ?? null,
    postal_code: fields.postalCode ?? null,
    country: fields.country ?? null,
    account_number: fields.accountNumber ?? null,
    tax_id: fields.taxId ?? null,
    currency: fields.currency ?? null,
    active: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    db.prepare(
      `INSERT INTO suppliers (id, company_id, name, email, phone, address, city, state, postal_code, country,
         account_number, tax_id, currency, active, created_at, updated_at)
       VALUES (@id, @company_id, @name, @email, @phone, @address, @city, @state, @postal_code, @country,
         @account_number, @tax_id, @currency, @active, @created_at, @updated_at)`,
    ).run(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(fields.name);
    throw error;
  }
  return toSupplier(row, []);
}

export function updateSupplier(db: Database, id: string, fields: SupplierFields): SupplierT {
  const current = findSupplier(db, id);
  if (!current) throw notFound('Supplier', id);
  const assignments: string[] = [];
  const values: Record<string, unknown> = { id, updated_at: nowIso() };
  for (const [key, column] of Object.entries(COLUMN_OF) as [keyof SupplierFields, string][]) {
    if (fields[key] === undefined) continue;
    assignments.push(`${column} = @${column}`);
    values[column] = fields[key] ?? null;
  }
  if (assignments.length > 0) {
    try {
      db.transaction(() => {
        db.prepare(
          `UPDATE suppliers SET ${assignments.join(', ')}, updated_at = @updated_at WHERE id = @id`,
        ).run(values);
        // documents.supplier_name is a copy kept for fast lists and search.
        if (fields.name !== undefined && fields.name !== current.name) {
          db.prepare('UPDATE documents SET supplier_name = ? WHERE supplier_id = ?').run(fields.name, id);
        }
      })();
    } catch (error) {
      if (isUniqueViolation(error) && fields.name) throw duplicateName(fields.name);
      throw error;
    }
  }
  return getSupplier(db, id);
}

export function findSupplier(db: Database, id: string): SupplierT | null {
  const row = db.prepare<[string], SupplierRow>('SELECT * FROM suppliers WHERE id = ?').get(id);
  return row ? toSupplier(row, linksOf(db, [row.id]).get(row.id) ?? []) : null;
}

export function getSupplier(db: Database, id: string): SupplierT {
  const supplier = findSupplier(db, id);
  if (!supplier) throw notFound('Supplier', id);
  return supplier;
}

export function findSupplierByName(db: Database, companyId: string, name: string): SupplierT | null {
  const row = db
    .prepare<[string, string], SupplierRow>(
      'SELECT * FROM suppliers WHERE company_id = ? AND name = ? COLLATE NOCASE',
    )
    .get(companyId, name);
  return row ? toSupplier(row, linksOf(db, [row.id]).get(row.id) ?? []) : null;
}

export function listSuppliers(
  db: Database,
  filter: { companyId: string; search?: string | undefined; offset: number; limit: number },
): { total: number; items: SupplierT[] } {
  const where = ['company_id = @companyId'];
  const params: Record<string, unknown> = {
    companyId: filter.companyId,
    offset: filter.offset,
    limit: filter.limit,
  };
  if (filter.search) {
    where.push(
      `(unicode_fold(name) LIKE @search ESCAPE '\\' OR unicode_fold(email) LIKE @search ESCAPE '\\'
        OR unicode_fold(account_number) LIKE @search ESCAPE '\\')`,
    );
    // Case folded beyond ASCII on both sides (LIKE alone folds A–Z only): 'ÅKESSON' finds 'Åkesson AB'.
    params.search = likePattern(searchFold(filter.search));
  }
  const clause = where.join(' AND ');
  const total =
    db
      .prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM suppliers WHERE ${clause}`)
      .get(params)?.n ?? 0;
  const rows = db
    .prepare<Record<string, unknown>, SupplierRow>(
      `SELECT * FROM suppliers WHERE ${clause} ORDER BY name COLLATE NOCASE LIMIT @limit OFFSET @offset`,
    )
    .all(params);
  const links = linksOf(
    db,
    rows.map((r) => r.id),
  );
  return { total, items: rows.map((r) => toSupplier(r, links.get(r.id) ?? [])) };
}
