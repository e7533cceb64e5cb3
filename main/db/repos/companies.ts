import type { Database } from 'better-sqlite3';
import type { CompanyT } from '../../../preload/contract.js';
import { notFound } from '../../domain/errors.js';
import { newId, nowIso } from '../sql-helpers.js';

interface CompanyRow {
  id: string;
  name: string;
  base_currency: string;
  created_at: string;
}

const toCompany = (r: CompanyRow): CompanyT => ({
  id: r.id,
  name: r.name,
  baseCurrency: r.base_currency,
  createdAt: r.created_at,
});

export function insertCompany(db: Database, input: { name: string; baseCurrency: string }): CompanyT {
  const row: CompanyRow = {
    id: newId(),
    name: input.name,
    base_currency: input.baseCurrency,
    created_at: nowIso(),
  };
  db.prepare(
    'INSERT INTO companies (id, name, base_currency, created_at) VALUES (@id, @name, @base_currency, @created_at)',
  ).run(row);
  return toCompany(row);
}

export function listCompanies(db: Database): CompanyT[] {
  return db
    .prepare<[], CompanyRow>('SELECT * FROM companies ORDER BY name COLLATE NOCASE')
    .all()
    .map(toCompany);
}

export function getCompany(db: Database, id: string): CompanyT {
  const row = db.prepare<[string], CompanyRow>('SELECT * FROM companies WHERE id = ?').get(id);
  if (!row) throw notFound('Company', id);
  return toCompany(row);
}

export function renameCompany(db: Database, id: string, name: string): void {
  db.prepare('UPDATE companies SET name = ? WHERE id = ?').run(name, id);
}
