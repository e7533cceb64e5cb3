// Documents from JSON: the API's own document input (without companyId), with names allowed for references.
// Each array element is one document; its row is its 1-based index.
import { parseJsonFile, recordsOf } from './json';
import {
  documentFieldsAt,
  DocumentTypeSchema,
  ImportDocumentSchema,
  issuesToProblems,
  type ImportDocumentJson,
} from './schemas';
import type { DocumentDraft, DocumentLocations, DocumentRecord, ImportProblem, ParsedImport } from './types';
import { TYPE_LABELS } from './values';

export function parseDocumentsJson(text: string): ParsedImport<DocumentRecord> {
  const parsed = parseJsonFile(text);
  if ('problem' in parsed) return { fileProblems: [parsed.problem], records: [] };
  const list = recordsOf(parsed.value, 'documents', 'documents');
  if ('problem' in list) return { fileProblems: [list.problem], records: [] };

  const seen = new Map<string, number>();
  const records = list.records.map((raw, index): DocumentRecord => {
    const row = index + 1;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return invalid(row, raw, [
        { row, column: null, message: 'This record is not a document object {...}.' },
      ]);
    }
    const result = ImportDocumentSchema.safeParse(raw, { reportInput: true });
    if (!result.success)
      return invalid(row, raw, issuesToProblems(result.error.issues, row, documentFieldsAt));

    const doc = result.data;
    const problems: ImportProblem[] = [];
    if (doc.number != null) {
      const dupKey = `${doc.type}:${doc.number}`;
      const earlier = seen.get(dupKey);
      if (earlier !== undefined) {
        problems.push({
          row,
          column: 'number',
          message: `Document number ${doc.number} is also used by record ${earlier}. Give each document its own number.`,
        });
      } else seen.set(dupKey, row);
    }
    return {
      kind: 'document',
      key: `record:${row}`,
      label: `${TYPE_LABELS[doc.type]} ${doc.number ?? `(record ${row})`}`,
      rows: [row],
      data: toDraft(doc),
      problems,
      locations: locations(row, doc.lines.length),
    };
  });
  return { fileProblems: [], records };
}

function toDraft(doc: ImportDocumentJson): DocumentDraft {
  return {
    type: doc.type,
    number: doc.number ?? null,
    supplierId: doc.supplierId ?? null,
    supplierName: doc.supplierName ?? null,
    date: doc.date,
    dueDate: doc.dueDate ?? null,
    currency: doc.currency ?? null,
    supplierInvoiceNumber: doc.supplierInvoiceNumber ?? null,
    memo: doc.memo ?? null,
    discount: doc.discount ?? null,
    fields: doc.fields ?? null,
    linkedDocumentId: doc.linkedDocumentId ?? null,
    linkedDocumentNumber: doc.linkedDocumentNumber ?? null,
    lines: doc.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      discount: l.discount ?? null,
      itemId: l.itemId ?? null,
      itemName: l.itemName ?? null,
      accountId: l.accountId ?? null,
      accountName: l.accountName ?? null,
      taxRateId: l.taxRateId ?? null,
      taxRateName: l.taxRateName ?? null,
      customerId: l.customerId ?? null,
      customerName: l.customerName ?? null,
      classId: l.classId ?? null,
      className: l.className ?? null,
      locationId: l.locationId ?? null,
      locationName: l.locationName ?? null,
      departmentId: l.departmentId ?? null,
      departmentName: l.departmentName ?? null,
    })),
  };
}

function locations(row: number, lineCount: number): DocumentLocations {
  const header: DocumentLocations['header'] = {};
  for (const field of [
    'type',
    'number',
    'supplierId',
    'supplierName',
    'date',
    'dueDate',
    'currency',
    'supplierInvoiceNumber',
    'memo',
    'discount',
    'fields',
    'linkedDocumentId',
    'linkedDocumentNumber',
  ] as const) {
    header[field] = { row, column: field };
  }
  const lines: DocumentLocations['lines'] = [];
  for (let i = 0; i < lineCount; i++) {
    const at = (field: string) => ({ row, column: `lines.${i}.${field}` });
    lines.push({
      description: at('description'),
      quantity: at('quantity'),
      unitPrice: at('unitPrice'),
      discount: at('discount'),
      itemId: at('itemId'),
      itemName: at('itemName'),
      accountId: at('accountId'),
      accountName: at('accountName'),
      taxRateId: at('taxRateId'),
      taxRateName: at('taxRateName'),
      customerId: at('customerId'),
      customerName: at('customerName'),
      classId: at('classId'),
      className: at('className'),
      locationId: at('locationId'),
      locationName: at('locationName'),
      departmentId: at('departmentId'),
      departmentName: at('departmentName'),
    });
  }
  return { header, lines };
}

/** A record that failed validation: keep what identifies it for the preview, nothing else. */
function invalid(row: number, raw: unknown, problems: ImportProblem[]): DocumentRecord {
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const type = DocumentTypeSchema.safeParse(obj.type);
  const number = typeof obj.number === 'string' && obj.number.trim() !== '' ? obj.number.trim() : null;
  return {
    kind: 'document',
    key: `record:${row}`,
    label: `${type.success ? TYPE_LABELS[type.data] : 'Document'} ${number ?? `(record ${row})`}`,
    rows: [row],
    data: {
      type: type.success ? type.data : null,
      number,
      supplierId: null,
      supplierName: typeof obj.supplierName === 'string' ? obj.supplierName : null,
      date: null,
      dueDate: null,
      currency: null,
      supplierInvoiceNumber: null,
      memo: null,
      discount: null,
      fields: null,
      linkedDocumentId: null,
      linkedDocumentNumber: null,
      lines: [],
    },
    problems,
    locations: locations(row, 0),
  };
}
