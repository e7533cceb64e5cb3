// Learned supplier layouts (migrations 0016, 0022, 0031, 0040): when the bookkeeper saves an invoice from the review screen,
// how that supplier prints each field they corrected or confirmed (saved unchanged) is remembered per company —
// label, position, value format, and the line table's columns and the currency too; the next invoice from the
// supplier reads them that way first and the review screen shows them as learned. Exportable as JSON
// (capture.learned.export).
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { CaptureField } from '../../preload/contracts/capture.js';
import { getCompany } from '../db/repos/companies.js';
import { newId, nowIso } from '../db/sql-helpers.js';
import type { ExtractField, Extraction, LearnableField, LearnedField } from '../domain/capture/extract.js';
import { learnField, learnLines } from '../domain/capture/learned.js';
import type { SavedLine } from '../domain/capture/learned-table.js';
import type { PageText } from '../domain/capture/words.js';

type Field = z.infer<typeof CaptureField>;

/** The review screen's field names and extraction's. */
export const EXTRACT_FIELD: Partial<Record<Field, ExtractField>> = {
  supplier: 'supplierName',
  supplierInvoiceNumber: 'invoiceNumber',
  date: 'date',
  dueDate: 'dueDate',
  printedOrderNumber: 'orderNumber',
  currency: 'currency',
  subtotal: 'subtotal',
  tax: 'tax',
  total: 'total',
};

export const CAPTURE_FIELD: Record<LearnableField, Field> = {
  supplierName: 'supplier',
  invoiceNumber: 'supplierInvoiceNumber',
  date: 'date',
  dueDate: 'dueDate',
  orderNumber: 'printedOrderNumber',
  currency: 'currency',
  subtotal: 'subtotal',
  tax: 'tax',
  total: 'total',
  lines: 'lines',
};

const Column = z.object({
  role: z.enum(['quantity', 'unitPrice', 'amount']),
  x: z.number(),
  w: z.number(),
});

const Box = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

interface Row {
  supplier_id: string;
  supplier_name: string;
  field: string;
  label: string | null;
  placement: string | null;
  page: string;
  box_json: string;
  format: string | null;
  example: string;
  columns_json: string | null;
  row_label: string | null;
  value_index: number | null;
  taught_by: string;
  times_taught: number;
  updated_at: string;
}

const FieldName = z.enum([
  'supplierName',
  'invoiceNumber',
  'date',
  'dueDate',
  'orderNumber',
  'currency',
  'subtotal',
  'tax',
  'total',
  'lines',
]);

function toRule(row: Row): LearnedField | null {
  const field = FieldName.safeParse(row.field);
  const box = Box.safeParse(JSON.parse(row.box_json));
  if (!field.success || !box.success) return null;
  const placement = z.enum(['same', 'right', 'below']).nullable().safeParse(row.placement);
  const columns = row.columns_json ? z.array(Column).safeParse(JSON.parse(row.columns_json)) : null;
  return {
    field: field.data,
    label: row.label,
    placement: placement.success ? placement.data : null,
    page: row.page === 'last' ? 'last' : 'first',
    box: box.data,
    format: row.format,
    example: row.example,
    taughtBy: row.taught_by === 'confirmation' ? 'confirmation' : 'correction',
    ...(columns?.success ? { columns: columns.data } : {}),
    ...(row.row_label ? { row: row.row_label } : {}),
    ...(row.value_index ? { index: row.value_index } : {}),
  };
}

function rows(db: Database, companyId: string): Row[] {
  return db
    .prepare<[string], Row>(
      `SELECT l.supplier_id, s.name AS supplier_name, l.field, l.label, l.placement, l.page, l.box_json, l.format,
              l.example, l.columns_json, l.row_label, l.value_index, l.taught_by, l.times_taught, l.updated_at
       FROM capture_learned_fields l JOIN suppliers s ON s.id = l.supplier_id
       WHERE l.company_id = ? ORDER BY s.name COLLATE NOCASE, l.field`,
    )
    .all(companyId);
}

/** Every supplier's learned fields of a company, by supplier id. */
export function learnedBySupplier(db: Database, companyId: string): Map<string, LearnedField[]> {
  const out = new Map<string, LearnedField[]>();
  for (const row of rows(db, companyId)) {
    const rule = toRule(row);
    if (rule) out.set(row.supplier_id, [...(out.get(row.supplier_id) ?? []), rule]);
  }
  return out;
}

export type TaughtBy = 'correction' | 'confirmation';

export function saveLearned(
  db: Database,
  companyId: string,
  supplierId: string,
  rule: LearnedField,
  taughtBy: TaughtBy = 'correction',
): void {
  const now = nowIso();
  db.prepare(
    `INSERT INTO capture_learned_fields
       (id, company_id, supplier_id, field, label, placement, page, box_json, format, example, columns_json,
        row_label, value_index, taught_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(company_id, supplier_id, field) DO UPDATE SET label = excluded.label,
       placement = excluded.placement, page = excluded.page, box_json = excluded.box_json,
       format = excluded.format, example = excluded.example, columns_json = excluded.columns_json,
       row_label = excluded.row_label, value_index = excluded.value_index, taught_by = excluded.taught_by, times_taught = times_taught + 1, updated_at = excluded.updated_at`,
  ).run(
    newId(),
    companyId,
    supplierId,
    rule.field,
    rule.label,
    rule.placement,
    rule.page,
    JSON.stringify(rule.box),
    rule.format,
    rule.example,
    rule.columns ? JSON.stringify(rule.columns) : null,
    rule.row ?? null,
    rule.index ?? null,
    taughtBy,
    now,
    now,
  );
}

/** The value read and the value saved are one (amounts by their figure: "1200" is "1200.00"). */
function sameValue(field: ExtractField, read: string, saved: string): boolean {
  if (field === 'subtotal' || field === 'tax' || field === 'total') {
    return read.trim() !== '' && Number(read) === Number(saved);
  }
  return read.trim() === saved;
}

export interface Correction {
  field: Field;
  /** The right value as the bookkeeper saved it (for the supplier: the supplier's name). */
  value: string;
}

/**
 * Learns the fields the bookkeeper corrected or confirmed (saved as read) from the invoice's pages, and the line
 * table from the lines saved, and stores them for the supplier. A field whose right value is not printed on the
 * invoice teaches nothing (the currency, which may be only implied, always teaches). Returns the fields learned.
 */
export function learnCorrections(
  db: Database,
  input: {
    companyId: string;
    supplierId: string;
    pages: readonly PageText[];
    corrections: readonly Correction[];
    /** Fields saved as they were read: right, so learned the same way. */
    confirmed?: readonly Correction[];
    /** The lines as saved, when the bookkeeper reviewed them. */
    lines?: readonly SavedLine[];
    /** What extraction read, for the supplier's printed name when it is far from the name on file. */
    extraction?: Extraction | null;
  },
): LearnableField[] {
  const learned: LearnableField[] = [];
  const taught: [Correction, TaughtBy][] = [
    ...input.corrections.map((c): [Correction, TaughtBy] => [c, 'correction']),
    ...(input.confirmed ?? [])
      .filter((c) => !input.corrections.some((k) => k.field === c.field))
      .map((c): [Correction, TaughtBy] => [c, 'confirmation']),
  ];
  // The invoice date as saved: a due date printed only as payment terms ("Net 30") is learned from it.
  const date = taught.find(([c]) => c.field === 'date')?.[0].value.trim() || null;
  // And the due date as saved: due the day it is dated, the one date printed twice is learned at two places.
  const due = taught.find(([c]) => c.field === 'dueDate')?.[0].value.trim() || null;
  for (const [correction, by] of taught) {
    const field: ExtractField | undefined = EXTRACT_FIELD[correction.field];
    if (!field || !correction.value.trim()) continue;
    // A confirmed value is learned where it was read, when the reader read this very value.
    const read = by === 'confirmation' && field !== 'currency' ? input.extraction?.[field] : null;
    const at = read && sameValue(field, read.value, correction.value.trim()) ? read : null;
    let rule = learnField(input.pages, field, correction.value.trim(), { date, due, at });
    if (!rule && field === 'supplierName' && input.extraction?.supplierName) {
      // The invoice prints a name unlike the one on file ("Telesur" for "Telecomunicaciones del Sur S.A."):
      // the issuer's name as read identifies this supplier from now on.
      const read = input.extraction.supplierName;
      rule = {
        field,
        label: null,
        placement: null,
        page: 'first',
        box: read.box,
        format: null,
        example: read.value,
      };
    }
    if (!rule) continue;
    saveLearned(db, input.companyId, input.supplierId, rule, rule.taughtBy ?? by);
    learned.push(field);
  }
  if (input.lines && input.lines.length > 0) {
    const rule = learnLines(input.pages, input.lines);
    if (rule) {
      saveLearned(db, input.companyId, input.supplierId, rule, 'confirmation');
      learned.push('lines');
    }
  }
  return learned;
}

export const LearnedExport = z.object({
  format: z.literal('ledgerbridge.capture-learned-fields'),
  version: z.literal(1),
  companyId: z.string(),
  companyName: z.string(),
  exportedAt: z.string(),
  suppliers: z.array(
    z.object({
      supplierId: z.string(),
      supplierName: z.string(),
      fields: z.array(
        z.object({
          field: z.string(),
          label: z.string().nullable(),
          placement: z.string().nullable(),
          page: z.string(),
          box: Box,
          format: z.string().nullable(),
          example: z.string(),
          columns: z.array(Column).nullable(),
          row: z.string().nullable().optional(),
          index: z.number().int().nullable().optional(),
          taughtBy: z.string(),
          timesTaught: z.number().int(),
          updatedAt: z.string(),
        }),
      ),
    }),
  ),
});

/** The company's learned supplier layouts as one JSON document. */
export function exportLearned(db: Database, companyId: string): z.infer<typeof LearnedExport> {
  const company = getCompany(db, companyId);
  const bySupplier = new Map<string, z.infer<typeof LearnedExport>['suppliers'][number]>();
  for (const row of rows(db, companyId)) {
    const entry = bySupplier.get(row.supplier_id) ?? {
      supplierId: row.supplier_id,
      supplierName: row.supplier_name,
      fields: [],
    };
    entry.fields.push({
      field: row.field,
      label: row.label,
      placement: row.placement,
      page: row.page,
      box: Box.parse(JSON.parse(row.box_json)),
      format: row.format,
      example: row.example,
      columns: row.columns_json ? z.array(Column).parse(JSON.parse(row.columns_json)) : null,
      row: row.row_label,
      index: row.value_index,
      taughtBy: row.taught_by,
      timesTaught: row.times_taught,
      updatedAt: row.updated_at,
    });
    bySupplier.set(row.supplier_id, entry);
  }
  return {
    format: 'ledgerbridge.capture-learned-fields',
    version: 1,
    companyId: company.id,
    companyName: company.name,
    exportedAt: nowIso(),
    suppliers: [...bySupplier.values()],
  };
}
