// The preview the bookkeeper sees before anything is written: one line per record, valid or with its problems.
import { currencyDecimals } from '../currency';
import { isAppError } from '../errors';
import { computeTotals } from '../totals';
import { formatMinorForDisplay } from './money';
import type { DocumentRecord, ImportPreviewRecord, ResolvedDocumentRecord, SupplierRecord } from './types';
import { TYPE_LABELS } from './values';

export type PreviewableRecord = DocumentRecord | ResolvedDocumentRecord | SupplierRecord;

export interface ImportPreview {
  records: ImportPreviewRecord[];
  validCount: number;
  invalidCount: number;
}

function previewRecord(r: PreviewableRecord): ImportPreviewRecord {
  return {
    key: r.key,
    label: r.label,
    rows: [...r.rows],
    valid: isValid(r),
    summary: r.kind === 'supplier' ? supplierSummary(r) : documentSummary(r),
    problems: r.problems.map((p) => ({ ...p })),
  };
}

function counted(out: ImportPreviewRecord[]): ImportPreview {
  const validCount = out.filter((r) => r.valid).length;
  return { records: out, validCount, invalidCount: out.length - validCount };
}

export function buildPreview(records: PreviewableRecord[]): ImportPreview {
  return counted(records.map(previewRecord));
}

/** The same as buildPreview, `pause`d (awaited) after every `every` records, for files of thousands. */
export async function buildPreviewPausing(
  records: PreviewableRecord[],
  pause: () => Promise<void>,
  every = 250,
): Promise<ImportPreview> {
  const out: ImportPreviewRecord[] = [];
  for (const [i, record] of records.entries()) {
    if (i > 0 && i % every === 0) await pause();
    out.push(previewRecord(record));
  }
  return counted(out);
}

/** A record may be written only after resolution (documents) and without problems. */
function isValid(r: PreviewableRecord): boolean {
  if (r.kind === 'document') return false;
  return r.problems.length === 0 && r.input !== null;
}

function documentSummary(r: DocumentRecord | ResolvedDocumentRecord): string {
  const d = r.data;
  const parts = [`${d.type ? TYPE_LABELS[d.type] : 'Document'} ${d.number ?? '(new number)'}`];
  if (d.supplierName) parts.push(d.supplierName);
  // A record that failed validation keeps no lines; "0 lines" would be misleading there.
  if (d.lines.length > 0 || r.problems.length === 0)
    parts.push(`${d.lines.length} ${d.lines.length === 1 ? 'line' : 'lines'}`);
  const complete = d.lines.every((l) => l.quantity !== null && l.unitPrice !== null);
  if (complete && d.lines.length > 0) {
    const total = grossTotal(r, d.currency ? currencyDecimals(d.currency) : 2);
    if (total !== null) parts.push(`${total}${d.currency ? ` ${d.currency}` : ''}`);
  }
  return parts.join(' · ');
}

/** The document's gross total for display, or null when its figures cannot be totalled (its problems say why). */
function grossTotal(r: DocumentRecord | ResolvedDocumentRecord, decimals: number): string | null {
  const taxPercents = r.kind === 'resolved_document' ? r.taxPercents : [];
  try {
    const { totals } = computeTotals({
      decimals,
      discount: r.data.discount,
      lines: r.data.lines.map((l, i) => ({
        quantity: l.quantity ?? '0',
        unitPrice: l.unitPrice ?? '0',
        discount: l.discount,
        taxPercent: taxPercents[i] ?? null,
      })),
    });
    return formatMinorForDisplay(totals.gross, decimals);
  } catch (error) {
    // computeTotals refuses figures it cannot total exactly (an amount finer than the currency, out of range);
    // validation reports those as problems, so the preview just leaves the total out.
    if (isAppError(error)) return null;
    throw error;
  }
}

function supplierSummary(r: SupplierRecord): string {
  const d = r.data;
  const place = [d.city, d.country].filter((v) => typeof v === 'string' && v.trim() !== '').join(', ');
  return [`Supplier ${d.name || '(no name)'}`, place, d.currency ?? ''].filter((p) => p !== '').join(' · ');
}

/** "Row 4, supplier: No supplier named …" — one problem as a line of text, for logs and plain-text reports. */
export function formatProblem(
  p: { row: number | null; column: string | null; message: string },
  format: 'csv' | 'json' = 'csv',
): string {
  const where = [p.row !== null ? `${format === 'csv' ? 'Row' : 'Record'} ${p.row}` : null, p.column]
    .filter((x) => x !== null)
    .join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}
