// A supplier's defaults for new document lines (supplier_coding_defaults), and who set them: the bookkeeper on the
// supplier's page, or an import from the accounting system's own default for that supplier.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { SupplierCodingDefaults } from '../../../preload/contracts/coding.js';
import { nowIso } from '../sql-helpers.js';

export type SupplierCodingDefaultsT = z.infer<typeof SupplierCodingDefaults>;
export type DefaultsSetBy = 'bookkeeper' | 'import';

interface Row {
  supplier_id: string;
  item_id: string | null;
  account_id: string | null;
  class_id: string | null;
  location_id: string | null;
  tax_rate_id: string | null;
  set_by: DefaultsSetBy;
}

function fromRow(supplierId: string, row: Row | undefined): SupplierCodingDefaultsT {
  return {
    supplierId,
    itemId: row?.item_id ?? null,
    accountId: row?.account_id ?? null,
    classId: row?.class_id ?? null,
    locationId: row?.location_id ?? null,
    taxRateId: row?.tax_rate_id ?? null,
    setBy: row?.set_by ?? null,
  };
}

export function getSupplierCodingDefaults(db: Database, supplierId: string): SupplierCodingDefaultsT {
  const row = db
    .prepare<[string], Row>('SELECT * FROM supplier_coding_defaults WHERE supplier_id = ?')
    .get(supplierId);
  return fromRow(supplierId, row);
}

/** Who set the supplier's defaults; null when it has none. */
export function defaultsSetBy(db: Database, supplierId: string): DefaultsSetBy | null {
  return (
    db
      .prepare<[string], { set_by: DefaultsSetBy }>(
        'SELECT set_by FROM supplier_coding_defaults WHERE supplier_id = ?',
      )
      .get(supplierId)?.set_by ?? null
  );
}

export function setSupplierCodingDefaults(
  db: Database,
  defaults: Omit<SupplierCodingDefaultsT, 'setBy'>,
  setBy: DefaultsSetBy,
): void {
  db.prepare(
    `INSERT INTO supplier_coding_defaults
       (supplier_id, item_id, account_id, class_id, location_id, tax_rate_id, set_by, updated_at)
     VALUES (@supplierId, @itemId, @accountId, @classId, @locationId, @taxRateId, @setBy, @at)
     ON CONFLICT (supplier_id) DO UPDATE SET item_id = excluded.item_id, account_id = excluded.account_id,
       class_id = excluded.class_id, location_id = excluded.location_id, tax_rate_id = excluded.tax_rate_id,
       set_by = excluded.set_by, updated_at = excluded.updated_at`,
  ).run({
    supplierId: defaults.supplierId,
    itemId: defaults.itemId,
    accountId: defaults.accountId,
    classId: defaults.classId,
    locationId: defaults.locationId,
    taxRateId: defaults.taxRateId,
    setBy,
    at: nowIso(),
  });
}
