// A supplier's defaults for new document lines (supplier_coding_defaults).
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { SupplierCodingDefaults } from '../../../preload/contracts/coding.js';
import { nowIso } from '../sql-helpers.js';

export type SupplierCodingDefaultsT = z.infer<typeof SupplierCodingDefaults>;

interface Row {
  supplier_id: string;
  item_id: string | null;
  account_id: string | null;
  class_id: string | null;
  location_id: string | null;
  tax_rate_id: string | null;
}

export function getSupplierCodingDefaults(db: Database, supplierId: string): SupplierCodingDefaultsT {
  const row = db
    .prepare<[string], Row>('SELECT * FROM supplier_coding_defaults WHERE supplier_id = ?')
    .get(supplierId);
  return {
    supplierId,
    itemId: row?.item_id ?? null,
    accountId: row?.account_id ?? null,
    classId: row?.class_id ?? null,
    locationId: row?.location_id ?? null,
    taxRateId: row?.tax_rate_id ?? null,
  };
}

export function setSupplierCodingDefaults(db: Database, defaults: SupplierCodingDefaultsT): void {
  db.prepare(
    `INSERT INTO supplier_coding_defaults (supplier_id, item_id, account_id, class_id, location_id, tax_rate_id, updated_at)
     VALUES (@supplierId, @itemId, @accountId, @classId, @locationId, @taxRateId, @at)
     ON CONFLICT (supplier_id) DO UPDATE SET item_id = excluded.item_id, account_id = excluded.account_id,
       class_id = excluded.class_id, location_id = excluded.location_id, tax_rate_id = excluded.tax_rate_id,
       updated_at = excluded.updated_at`,
  ).run({ ...defaults, at: nowIso() });
}
