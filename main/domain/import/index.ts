// The pure half of documents.import: file → records → preview. The handler that writes calls prepareImport (or
// the steps one by one), shows `preview` on a dry run, and otherwise creates each record's `input`.
import { decodeImportFile } from './decode';
import { parseDocumentsCsv } from './documents-csv';
import { parseDocumentsJson } from './documents-json';
import { buildPreview, type ImportPreview } from './preview';
import { resolveDocumentRecords, type ImportLookup } from './resolve';
import { parseSuppliersCsv, parseSuppliersJson } from './suppliers';
import type { DocumentRecord, ImportProblem, ResolvedDocumentRecord, SupplierRecord } from './types';

export { decodeImportFile, decodeBytes, type DecodeResult } from './decode';
export { parseDocumentsCsv, DOCUMENT_COLUMNS } from './documents-csv';
export { parseDocumentsJson } from './documents-json';
export {
  parseSuppliersCsv,
  parseSuppliersJson,
  SUPPLIER_COLUMNS,
  type SupplierParseOptions,
} from './suppliers';
export {
  resolveDocumentRecords,
  resolveDocumentRecordsPausing,
  type ImportLookup,
  type ImportListKind,
} from './resolve';
export {
  buildPreview,
  buildPreviewPausing,
  formatProblem,
  type ImportPreview,
  type PreviewableRecord,
} from './preview';
export * from './types';

export interface ImportFile {
  kind: 'documents' | 'suppliers';
  format: 'csv' | 'json';
  content?: string;
  contentBase64?: string;
}

export interface ImportContext {
  /** Used for documents: names → ids, existing numbers, base currency. */
  lookup: ImportLookup;
  /** Used for suppliers: the names the company already has (compared case-insensitively). Called at most once. */
  existingSupplierNames: () => Iterable<string>;
}

export type PreparedImport =
  | {
      kind: 'documents';
      fileProblems: ImportProblem[];
      records: ResolvedDocumentRecord[];
      preview: ImportPreview;
    }
  | { kind: 'suppliers'; fileProblems: ImportProblem[]; records: SupplierRecord[]; preview: ImportPreview };

/** An import file decoded and parsed, before any name is looked up: what a worker thread can do alone. */
export type ParsedFile =
  | { kind: 'documents'; fileProblems: ImportProblem[]; records: DocumentRecord[] }
  | { kind: 'suppliers'; fileProblems: ImportProblem[]; records: SupplierRecord[] };

/**
 * Decodes and parses an import file (the costly part of a large file). Never throws on bad input: every failure is
 * a problem in `fileProblems` (then `records` is empty) or in a record's `problems`. Suppliers are complete here;
 * documents still need resolveDocumentRecords.
 */
export function parseImportFile(file: ImportFile, existingSupplierNames: () => Iterable<string>): ParsedFile {
  const decoded = decodeImportFile(file);
  if ('problem' in decoded) return { kind: file.kind, fileProblems: [decoded.problem], records: [] };
  if (file.kind === 'suppliers') {
    const options = { existingSupplierNames: existingSupplierNames() };
    const parsed =
      file.format === 'csv'
        ? parseSuppliersCsv(decoded.text, options)
        : parseSuppliersJson(decoded.text, options);
    return { kind: 'suppliers', ...parsed };
  }
  const parsed = file.format === 'csv' ? parseDocumentsCsv(decoded.text) : parseDocumentsJson(decoded.text);
  return { kind: 'documents', ...parsed };
}

/**
 * Decodes, parses, resolves and previews an import file. Never throws on bad input: every failure is a problem in
 * `fileProblems` (then `records` is empty) or in a record's `problems`. A record is valid, and its `input` set,
 * exactly when it has no problems.
 */
export function prepareImport(file: ImportFile, context: ImportContext): PreparedImport {
  const parsed = parseImportFile(file, context.existingSupplierNames);
  if (parsed.kind === 'suppliers') return { ...parsed, preview: buildPreview(parsed.records) };
  const records = resolveDocumentRecords(parsed.records, context.lookup);
  return { kind: 'documents', fileProblems: parsed.fileProblems, records, preview: buildPreview(records) };
}
