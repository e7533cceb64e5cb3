// Learned supplier layouts (migration 0016): when the bookkeeper corrects a field on the review screen and saves,
// how that supplier prints the field is remembered per company; the next invoice from the supplier reads it that
// way first and the review screen shows it as learned. Exportable as JSON (capture.learned.export).
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { CaptureField } from '../../preload/contracts/capture.js';
import { getCompany } from '../db/repos/companies.js';
import { newId, nowIso } from '../db/sql-helpers.js';
import type { ExtractField, Extraction, LearnedField } from '../domain/capture/extract.js';
import { learnField } from '../domain/capture/learned.js';
import type { PageText } from '../domain/capture/words.js';

type Field = z.infer<typeof CaptureField>;

/** The review screen's field names and extraction's. */
export const EXTRACT_FIELD: Partial<Record<Field, ExtractField>> = {
  supplier: 'supplierName',
  supplierInvoiceNumber: 'invoiceNumber',
  date: 'date',
  dueDate: 'dueDate',
  printedOrderNumber: 'orderNumber',
  subtotal: 'subtotal',
  tax: 'tax',
  total: 'total',
};

export const CAPTURE_FIELD: Record<ExtractField, Field> = {
  supplierName: 'supplier',
  invoiceNumber: 'supplierInvoiceNumber',
  date: 'date',
  dueDate: 'dueDate',
  orderNumber: 'printedOrderNumber',
  subtotal: 'subtotal',
  tax: 'tax',
  total: 'total',
};

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
  times_taught: number;
  updated_at: string;
}

const FieldName = z.enum([
  'supplierName',
  'invoiceNumber',
  'date',
  'dueDate',
  'orderNumber',
  'subtotal',
  'tax',
  'total',
]);

function toRule(row: Row): LearnedField | null {
  const field = FieldName.safeParse(row.field);
  const box = Box.safeParse(JSON.parse(row.box_json));
  if (!field.success || !box.success) return null;
  const placement = z.enum(['same', 'right', 'below']).nullable().safeParse(row.placement);
  return {
    field: field.data,
    label: row.label,
    placement: placement.success ? placement.data : null,
    page: row.page === 'last' ? 'last' : 'first',
    box: box.data,
    format: row.format,
    example: row.example,
  };
}

function rows(db: Database, companyId: string): Row[] {
  return db
    .prepare<[string], Row>(
      `SELECT l.supplier_id, s.name AS supplier_name, l.field, l.label, l.placement, l.page, l.box_json, l.format,
              l.example, l.times_taught, l.updated_at
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

export function saveLearned(db: Database, companyId: string, supplierId: string, rule: LearnedField): void {
  const now = nowIso();
  db.prepare(
    `INSERT INTO capture_learned_fields
       (id, company_id, supplier_id, field, label, placement, page, box_json, format, example, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(company_id, supplier_id, field) DO UPDATE SET label = excluded.label,
       placement = excluded.placement, page = excluded.page, box_json = excluded.box_json,
       format = excluded.format, example = excluded.example, times_taught = times_taught + 1,
       updated_at = excluded.updated_at`,
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
    now,
    now,
  );
}

export interface Correction {
  field: Field;
  /** The right value as the bookkeeper saved it (for the supplier: the supplier's name). */
  value: string;
}

/**
 * Learns the corrected fields from the invoice's pages and stores them for the supplier. A field whose right
 * value is not printed on the invoice teaches nothing. Returns the fields learned.
 */
export function learnCorrections(
  db: Database,
  input: {
    companyId: string;
    supplierId: string;
    pages: readonly PageText[];
    corrections: readonly Correction[];
    /** What extraction read, for the supplier's printed name when it is far from the name on file. */
    extraction?: Extraction | null;
  },
): ExtractField[] {
  const learned: ExtractField[] = [];
  for (const correction of input.corrections) {
    const field = EXTRACT_FIELD[correction.field];
    if (!field || !correction.value.trim()) continue;
    let rule = learnField(input.pages, field, correction.value.trim());
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
    saveLearned(db, input.companyId, input.supplierId, rule);
    learned.push(field);
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
