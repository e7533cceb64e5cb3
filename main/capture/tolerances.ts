// Per-company matching tolerances (migration 0006). Without a row a company gets the defaults: prices may be
// 2 % above the order's (rounding, small surcharges), quantities not above what was ordered or received.
import type { Database } from 'better-sqlite3';
import { getCompany } from '../db/repos/companies.js';
import { nowIso } from '../db/sql-helpers.js';

export const DEFAULT_TOLERANCES = { pricePercent: '2', quantityPercent: '0' } as const;

export interface TolerancesRecord {
  companyId: string;
  pricePercent: string;
  quantityPercent: string;
}

export function getTolerances(db: Database, companyId: string): TolerancesRecord {
  getCompany(db, companyId);
  const row = db
    .prepare<[string], { price_percent: string; quantity_percent: string }>(
      'SELECT price_percent, quantity_percent FROM matching_tolerances WHERE company_id = ?',
    )
    .get(companyId);
  return {
    companyId,
    pricePercent: row?.price_percent ?? DEFAULT_TOLERANCES.pricePercent,
    quantityPercent: row?.quantity_percent ?? DEFAULT_TOLERANCES.quantityPercent,
  };
}

export function setTolerances(db: Database, input: TolerancesRecord): TolerancesRecord {
  getCompany(db, input.companyId);
  db.prepare(
    `INSERT INTO matching_tolerances (company_id, price_percent, quantity_percent, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(company_id) DO UPDATE SET price_percent = excluded.price_percent,
       quantity_percent = excluded.quantity_percent, updated_at = excluded.updated_at`,
  ).run(input.companyId, input.pricePercent.trim(), input.quantityPercent.trim(), nowIso());
  return getTolerances(db, input.companyId);
}
