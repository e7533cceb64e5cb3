// A new document's lines start with its supplier's coding defaults (issue 16): used where lines are made without
// the editor — an invoice saved from capture. Each field is filled only where the line has none (an item or an
// account, never both; a class; Xero tracking options, one per category; a tax rate), the location only where the
// document has none, and only with entries still active in the mirrored lists.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { LineInput } from '../../preload/contract.js';
import { findConnection } from '../db/repos/connections.js';
import { findListEntries, listTaxRates } from '../db/repos/reference-lists.js';
import { getSupplierCodingDefaults } from '../db/repos/supplier-defaults.js';

type Line = z.output<typeof LineInput>;

export interface Draft {
  companyId: string;
  supplierId: string;
  lines: Line[];
  fields?: Record<string, string | null> | undefined;
}

/** The header field a location goes in: NetSuite's locationField, QuickBooks Online's departmentField. */
function locationKey(settings: Record<string, unknown>): string {
  const key = settings.locationField ?? settings.departmentField;
  return typeof key === 'string' && key !== '' ? key : 'location';
}

/**
 * Xero tracking options ride on a line's classId and customerId (Xero has neither on purchase lines): each default
 * option whose category the line has no option of goes in a free one of those two.
 */
function withTracking(
  line: Line,
  tracking: readonly string[],
  entries: ReadonlyMap<string, { parentId: string | null }>,
): Pick<Line, 'classId' | 'customerId'> {
  const slots = { classId: line.classId ?? null, customerId: line.customerId ?? null };
  const categoryOf = (id: string | null) => (id ? entries.get(id)?.parentId : undefined);
  const onLine = new Set([categoryOf(slots.classId), categoryOf(slots.customerId)]);
  for (const id of tracking) {
    if (onLine.has(categoryOf(id))) continue;
    const free = (['classId', 'customerId'] as const).find((slot) => !slots[slot]);
    if (!free) break;
    slots[free] = id;
    onLine.add(categoryOf(id));
  }
  return slots;
}

export function withSupplierDefaults<D extends Draft>(db: Database, draft: D): D {
  const d = getSupplierCodingDefaults(db, draft.supplierId);
  const ids = [d.itemId, d.accountId, d.classId, d.locationId, ...d.trackingOptionIds].filter(
    (v): v is string => !!v,
  );
  const entries = findListEntries(db, draft.companyId, ids);
  const usable = (id: string | null) => (id && entries.get(id)?.active ? id : null);
  const itemId = usable(d.itemId);
  const accountId = itemId ? null : usable(d.accountId);
  const classId = usable(d.classId);
  const tracking = d.trackingOptionIds.filter((id) => usable(id));
  const taxRateId =
    d.taxRateId && listTaxRates(db, draft.companyId).some((r) => r.id === d.taxRateId) ? d.taxRateId : null;
  const lines = draft.lines.map((line): Line => {
    const coded = Boolean(line.itemId || line.accountId);
    const filled: Line = {
      ...line,
      ...(!coded && itemId ? { itemId } : {}),
      ...(!coded && accountId ? { accountId } : {}),
      ...(!line.classId && classId ? { classId } : {}),
      ...(!line.taxRateId && taxRateId ? { taxRateId } : {}),
    };
    return tracking.length > 0 ? { ...filled, ...withTracking(filled, tracking, entries) } : filled;
  });
  const location = usable(d.locationId) ? entries.get(d.locationId!) : undefined;
  let fields = draft.fields;
  if (location) {
    const connection = location.connectionId ? findConnection(db, location.connectionId) : null;
    const key = locationKey(connection?.settings ?? {});
    if (!fields?.[key]) fields = { ...(fields ?? {}), [key]: location.id };
  }
  return { ...draft, lines, ...(fields ? { fields } : {}) };
}
