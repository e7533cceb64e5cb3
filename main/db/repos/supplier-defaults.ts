// A supplier's defaults for new document lines (supplier_coding_defaults, and its Xero tracking options in
// supplier_tracking_defaults, one per category), and who set them: the bookkeeper on the supplier's page, or an
// import from the accounting system's own default for that supplier.
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

function fromRow(
  supplierId: string,
  row: Row | undefined,
  trackingOptionIds: string[],
): SupplierCodingDefaultsT {
  return {
    supplierId,
    itemId: row?.item_id ?? null,
    accountId: row?.account_id ?? null,
    classId: row?.class_id ?? null,
    locationId: row?.location_id ?? null,
    taxRateId: row?.tax_rate_id ?? null,
    trackingOptionIds,
    setBy: row?.set_by ?? null,
  };
}

export function getSupplierCodingDefaults(db: Database, supplierId: string): SupplierCodingDefaultsT {
  const row = db
    .prepare<[string], Row>('SELECT * FROM supplier_coding_defaults WHERE supplier_id = ?')
    .get(supplierId);
  const tracking = db
    .prepare<[string], { option_id: string }>(
      `SELECT t.option_id FROM supplier_tracking_defaults t JOIN list_entries c ON c.id = t.category_id
        WHERE t.supplier_id = ? ORDER BY c.name COLLATE NOCASE, c.id`,
    )
    .all(supplierId)
    .map((r) => r.option_id);
  return fromRow(supplierId, row, tracking);
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

/**
 * Replaces the supplier's defaults. Each tracking option is kept under its category (the caller checked that each
 * is a tracking option with a category, at most one per category and two in all).
 */
export function setSupplierCodingDefaults(
  db: Database,
  defaults: Omit<SupplierCodingDefaultsT, 'setBy'>,
  setBy: DefaultsSetBy,
): void {
  db.transaction(() => {
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
    db.prepare('DELETE FROM supplier_tracking_defaults WHERE supplier_id = ?').run(defaults.supplierId);
    const add = db.prepare(
      `INSERT INTO supplier_tracking_defaults (supplier_id, category_id, option_id)
       SELECT ?, parent_id, id FROM list_entries WHERE id = ? AND kind = 'tracking_option' AND parent_id IS NOT NULL`,
    );
    for (const optionId of defaults.trackingOptionIds) add.run(defaults.supplierId, optionId);
  })();
}
