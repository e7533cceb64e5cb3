// Documents from CSV: one row per line, rows grouped into documents by their number. Header columns (type,
// supplier, date, ...) must agree across a document's rows; a blank header cell on a later row means "same as the
// document", so both "repeat on every row" and "fill in the first row only" files are accepted.
import { cell, mapHeader, rawCell, readCsv, type ColumnSpec, type CsvRow } from './csv';
import {
  fileProblem,
  type DocumentDraft,
  type DocumentLocations,
  type DocumentRecord,
  type DraftHeaderField,
  type ImportDiscount,
  type ImportProblem,
  type LineDraft,
  type ParsedImport,
} from './types';
import {
  readAmount,
  readCurrency,
  readDate,
  readDecimal,
  readDocumentType,
  readPercent,
  sameDecimal,
  TYPE_LABELS,
  type Read,
} from './values';

export const DOCUMENT_COLUMNS: ColumnSpec[] = [
  { name: 'number', required: true, aliases: ['document_number', 'doc_number'] },
  { name: 'type', required: true, aliases: ['document_type'] },
  { name: 'supplier', required: true, aliases: ['supplier_name', 'vendor', 'vendor_name'] },
  { name: 'date', required: true, aliases: ['document_date'] },
  { name: 'description', required: true },
  { name: 'quantity', required: true, aliases: ['qty'] },
  { name: 'unit_price', required: true },
  { name: 'due_date', required: false },
  { name: 'currency', required: false },
  { name: 'supplier_invoice_number', required: false, aliases: ['vendor_invoice_number'] },
  { name: 'memo', required: false },
  { name: 'discount_percent', required: false },
  { name: 'discount_amount', required: false },
  { name: 'line_discount_percent', required: false },
  { name: 'line_discount_amount', required: false },
  { name: 'tax_rate', required: false },
  { name: 'linked_document', required: false },
  { name: 'item', required: false },
  { name: 'account', required: false },
  { name: 'class', required: false },
  { name: 'customer', required: false },
  { name: 'location', required: false },
  { name: 'department', required: false },
];

/** Header columns: one value per document. `compare` decides whether two cells say the same thing. */
const HEADER_COLUMNS: { column: string; compare: (a: string, b: string) => boolean }[] = [
  { column: 'type', compare: (a, b) => sameRead(readDocumentType(a), readDocumentType(b), a, b) },
  { column: 'supplier', compare: (a, b) => a === b },
  { column: 'date', compare: (a, b) => a === b },
  { column: 'due_date', compare: (a, b) => a === b },
  { column: 'currency', compare: (a, b) => a.toUpperCase() === b.toUpperCase() },
  { column: 'supplier_invoice_number', compare: (a, b) => a === b },
  { column: 'memo', compare: (a, b) => a === b },
  { column: 'discount_percent', compare: sameNumber },
  { column: 'discount_amount', compare: sameNumber },
  { column: 'linked_document', compare: (a, b) => a === b },
];

const MAX_LINES = 1000;

export function parseDocumentsCsv(text: string): ParsedImport<DocumentRecord> {
  const read = readCsv(text);
  if ('problems' in read) return { fileProblems: read.problems, records: [] };
  const { table } = read;
  const mapped = mapHeader(table.header, DOCUMENT_COLUMNS);
  if ('problems' in mapped) return { fileProblems: mapped.problems, records: [] };
  if (table.problems.length > 0) return { fileProblems: table.problems, records: [] };
  if (table.rows.length === 0) {
    return {
      fileProblems: [fileProblem('The file has a header row but no documents below it.')],
      records: [],
    };
  }
  const { columns } = mapped;

  // Group by number, in order of first appearance; rows without a number stand alone (and are invalid).
  const groups = new Map<string, CsvRow[]>();
  for (const row of table.rows) {
    const number = cell(row, columns, 'number');
    const key = number === '' ? `row:${row.row}` : `document:${number}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const records = [...groups.entries()].map(([key, rows]) => buildRecord(key, rows, columns));
  return { fileProblems: [], records };
}

function buildRecord(key: string, rows: CsvRow[], columns: Map<string, number>): DocumentRecord {
  const problems: ImportProblem[] = [];
  const first = rows[0] as CsvRow;
  const number = cell(first, columns, 'number');
  const add = (row: number, column: string, message: string) => problems.push({ row, column, message });

  if (number === '') {
    add(
      first.row,
      'number',
      'The document number is empty. Every row needs the number of the document it belongs to.',
    );
  } else if (number.length > 50) {
    add(first.row, 'number', `The document number has ${number.length} characters; at most 50 are allowed.`);
  }

  // One value per header column: the first non-blank cell; any other non-blank cell must agree with it.
  const header = new Map<string, { row: number; value: string }>();
  for (const { column, compare } of HEADER_COLUMNS) {
    if (!columns.has(column)) continue;
    for (const row of rows) {
      const value = cell(row, columns, column);
      if (value === '') continue;
      const chosen = header.get(column);
      if (!chosen) header.set(column, { row: row.row, value });
      else if (!compare(chosen.value, value)) {
        add(
          row.row,
          column,
          `'${value}' differs from '${chosen.value}' on row ${chosen.row}. All rows of document ${number} must have the same ${column}; give different documents different numbers.`,
        );
      }
    }
  }
  const at = (column: string) => header.get(column)?.row ?? first.row;
  const headerValue = (column: string) => header.get(column)?.value ?? '';

  /** Reads a header cell; blank gives null (with a problem when required). */
  function readHeader<T>(
    column: string,
    reader: (raw: string) => Read<T>,
    required: string | null,
  ): T | null {
    const raw = headerValue(column);
    if (raw === '') {
      if (required) add(first.row, column, required);
      return null;
    }
    const r = reader(raw);
    if (!r.ok) {
      add(at(column), column, r.message);
      return null;
    }
    return r.value;
  }

  const type = readHeader(
    'type',
    readDocumentType,
    'The document type is empty. Write purchase_order, service_order, invoice or receipt.',
  );
  const supplierName = readHeader(
    'supplier',
    text,
    'The supplier is empty. Every document needs the name of its supplier.',
  );
  const date = readHeader(
    'date',
    readDate,
    'The date is empty. Write the document date as YYYY-MM-DD, e.g. 2024-01-31.',
  );
  const dueDate = readHeader('due_date', readDate, null);
  const currency = readHeader('currency', readCurrency, null);
  const supplierInvoiceNumber = readHeader('supplier_invoice_number', maxLength(50), null);
  const memo = readHeader('memo', maxLength(4000), null);
  const linkedDocumentNumber = readHeader('linked_document', maxLength(50), null);
  if (linkedDocumentNumber !== null && (type === 'purchase_order' || type === 'service_order')) {
    add(
      at('linked_document'),
      'linked_document',
      `A ${TYPE_LABELS[type].toLowerCase()} cannot be linked to another document; only invoices and receipts link to the order they belong to.`,
    );
  }
  if (dueDate !== null && date !== null && dueDate < date) {
    add(at('due_date'), 'due_date', `The due date ${dueDate} is before the document date ${date}.`);
  }
  const discount = readDiscount(
    { percent: headerValue('discount_percent'), amount: headerValue('discount_amount') },
    { percent: 'discount_percent', amount: 'discount_amount' },
    (column) => at(column),
    add,
  );

  const lines: LineDraft[] = [];
  const lineLocations: DocumentLocations['lines'] = [];
  for (const row of rows) {
    const here = (column: string) => ({ row: row.row, column });
    const description = cell(row, columns, 'description');
    if (description.length > 4000) {
      add(
        row.row,
        'description',
        `The description has ${description.length} characters; at most 4000 are allowed.`,
      );
    }
    const quantity = readLineNumber(
      row,
      columns,
      'quantity',
      'The quantity is empty. Write how many, e.g. 1 or 2.5.',
      add,
    );
    const unitPrice = readLineNumber(
      row,
      columns,
      'unit_price',
      'The unit price is empty. Write the price of one unit, e.g. 1234.50.',
      add,
    );
    const lineDiscount = readDiscount(
      {
        percent: cell(row, columns, 'line_discount_percent'),
        amount: cell(row, columns, 'line_discount_amount'),
      },
      { percent: 'line_discount_percent', amount: 'line_discount_amount' },
      () => row.row,
      add,
    );
    const name = (column: string) => cell(row, columns, column) || null;
    lines.push({
      description,
      quantity,
      unitPrice,
      discount: lineDiscount,
      itemId: null,
      itemName: name('item'),
      accountId: null,
      accountName: name('account'),
      taxRateId: null,
      taxRateName: name('tax_rate'),
      customerId: null,
      customerName: name('customer'),
      classId: null,
      className: name('class'),
      locationId: null,
      locationName: name('location'),
      departmentId: null,
      departmentName: name('department'),
    });
    lineLocations.push({
      description: here('description'),
      quantity: here('quantity'),
      unitPrice: here('unit_price'),
      discount: here(
        cell(row, columns, 'line_discount_amount') ? 'line_discount_amount' : 'line_discount_percent',
      ),
      itemName: here('item'),
      accountName: here('account'),
      taxRateName: here('tax_rate'),
      customerName: here('customer'),
      className: here('class'),
      locationName: here('location'),
      departmentName: here('department'),
    });
  }
  if (lines.length > MAX_LINES) {
    add(
      first.row,
      'number',
      `Document ${number} has ${lines.length} lines; at most ${MAX_LINES} are allowed.`,
    );
  }

  const data: DocumentDraft = {
    type,
    number: number === '' ? null : number,
    supplierId: null,
    supplierName,
    date,
    dueDate,
    currency,
    supplierInvoiceNumber,
    memo,
    discount,
    fields: null,
    linkedDocumentId: null,
    linkedDocumentNumber,
    lines,
  };
  const headerAt = (column: string) => ({ row: at(column), column });
  const headerLocations: Partial<Record<DraftHeaderField, { row: number; column: string }>> = {
    type: headerAt('type'),
    number: { row: first.row, column: 'number' },
    supplierName: headerAt('supplier'),
    date: headerAt('date'),
    dueDate: headerAt('due_date'),
    currency: headerAt('currency'),
    supplierInvoiceNumber: headerAt('supplier_invoice_number'),
    memo: headerAt('memo'),
    discount: headerAt(headerValue('discount_amount') ? 'discount_amount' : 'discount_percent'),
    linkedDocumentNumber: headerAt('linked_document'),
  };
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    kind: 'document',
    key,
    label: number === '' ? `Row ${first.row}` : `${type ? TYPE_LABELS[type] : 'Document'} ${number}`,
    rows: rows.map((r) => r.row),
    data,
    problems,
    locations: { header: headerLocations, lines: lineLocations },
  };
}

function readLineNumber(
  row: CsvRow,
  columns: Map<string, number>,
  column: string,
  emptyMessage: string,
  add: (row: number, column: string, message: string) => void,
): string | null {
  const raw = rawCell(row, columns, column);
  if (raw.trim() === '') {
    add(row.row, column, emptyMessage);
    return null;
  }
  const r = readDecimal(raw);
  if (!r.ok) {
    add(row.row, column, r.message);
    return null;
  }
  return r.value;
}

function readDiscount(
  raw: { percent: string; amount: string },
  column: { percent: string; amount: string },
  rowOf: (column: string) => number,
  add: (row: number, column: string, message: string) => void,
): ImportDiscount | null {
  if (raw.percent !== '' && raw.amount !== '') {
    add(
      rowOf(column.amount),
      column.amount,
      `Give the discount either as ${column.percent} or as ${column.amount}, not both.`,
    );
    return null;
  }
  if (raw.percent !== '') {
    const r = readPercent(raw.percent);
    if (!r.ok) add(rowOf(column.percent), column.percent, r.message);
    return r.ok ? { percent: r.value } : null;
  }
  if (raw.amount !== '') {
    const r = readAmount(raw.amount);
    if (!r.ok) add(rowOf(column.amount), column.amount, r.message);
    return r.ok ? { amount: r.value } : null;
  }
  return null;
}

function text(raw: string): Read<string> {
  return raw.length > 200
    ? { ok: false, message: `The name has ${raw.length} characters; at most 200 are allowed.` }
    : { ok: true, value: raw };
}

function maxLength(max: number): (raw: string) => Read<string> {
  return (raw) =>
    raw.length > max
      ? { ok: false, message: `The value has ${raw.length} characters; at most ${max} are allowed.` }
      : { ok: true, value: raw };
}

function sameNumber(a: string, b: string): boolean {
  const ra = readDecimal(a);
  const rb = readDecimal(b);
  return ra.ok && rb.ok ? sameDecimal(ra.value, rb.value) : a === b;
}

function sameRead<T>(ra: Read<T>, rb: Read<T>, a: string, b: string): boolean {
  return ra.ok && rb.ok ? ra.value === rb.value : a === b;
}
