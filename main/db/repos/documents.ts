// Documents, their lines and their history as stored. Totals are computed by domain/totals.ts before they get
// here; this module only reads and writes them.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Discount, DocumentSummaryT, DocumentT } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { notFound } from '../../domain/errors.js';
import { availableActions, isEditable } from '../../domain/lifecycle.js';
import { formatMinor } from '../../domain/money.js';
import { searchFold } from '../../domain/search-fold.js';
import { likePattern, newId, nowIso, parseJson } from '../sql-helpers.js';

type DiscountT = z.infer<typeof Discount>;

export interface DocumentRow {
  id: string;
  company_id: string;
  type: DocumentT['type'];
  number: string;
  status: DocumentT['status'];
  revision: number;
  supplier_id: string;
  supplier_name: string;
  date: string;
  due_date: string | null;
  currency: string;
  supplier_invoice_number: string | null;
  memo: string | null;
  discount_json: string | null;
  fields_json: string;
  linked_document_id: string | null;
  subtotal_minor: number;
  discount_minor: number;
  net_minor: number;
  tax_minor: number;
  gross_minor: number;
  payment_status: DocumentT['paymentStatus'];
  sync_status: DocumentSummaryT['syncStatus'];
  created_at: string;
  updated_at: string;
}

export interface LineRow {
  id: string;
  document_id: string;
  position: number;
  description: string;
  quantity: string;
  unit_price: string;
  discount_json: string | null;
  item_id: string | null;
  account_id: string | null;
  tax_rate_id: string | null;
  tax_percent: string | null;
  customer_id: string | null;
  class_id: string | null;
  location_id: string | null;
  department_id: string | null;
  amount_minor: number;
  line_discount_minor: number;
  document_discount_minor: number;
  net_minor: number;
  tax_minor: number;
}

/** What the documents service hands over after validation and totals. */
export interface StoredDocument {
  header: Omit<DocumentRow, 'id' | 'created_at' | 'updated_at' | 'sync_status' | 'supplier_name'> & {
    supplier_name: string;
  };
  lines: Omit<LineRow, 'id' | 'document_id'>[];
}

export function findDocumentRow(db: Database, id: string): DocumentRow | null {
  return db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?').get(id) ?? null;
}

export function getDocumentRow(db: Database, id: string): DocumentRow {
  const row = findDocumentRow(db, id);
  if (!row) throw notFound('Document', id);
  return row;
}

export function findDocumentByNumber(
  db: Database,
  companyId: string,
  number: string,
  types: DocumentT['type'][],
): DocumentRow | null {
  return (
    db
      .prepare<unknown[], DocumentRow>(
        `SELECT * FROM documents WHERE company_id = ? AND number = ? AND type IN (${types.map(() => '?').join(',')}) LIMIT 1`,
      )
      .get(companyId, number, ...types) ?? null
  );
}

export function documentNumbersOfType(db: Database, companyId: string, type: DocumentT['type']): Set<string> {
  return new Set(
    db
      .prepare<[string, string], { number: string }>(
        'SELECT number FROM documents WHERE company_id = ? AND type = ?',
      )
      .all(companyId, type)
      .map((r) => r.number),
  );
}

const PREFIX: Record<DocumentT['type'], string> = {
  purchase_order: 'PO-',
  service_order: 'SO-',
  invoice: 'BILL-',
  receipt: 'RCV-',
};

/** The next free number of the form PO-1001, PO-1002, ... for documents created without one. */
export function nextDocumentNumber(db: Database, companyId: string, type: DocumentT['type']): string {
  const prefix = PREFIX[type];
  const row = db
    .prepare<[string, string, string], { n: number | null }>(
      `SELECT max(CAST(substr(number, ?) AS INTEGER)) AS n FROM documents
       WHERE company_id = ? AND type = ? AND number GLOB '${prefix}[0-9]*'`,
    )
    .get(String(prefix.length + 1), companyId, type);
  return `${prefix}${Math.max(1000, row?.n ?? 1000) + 1}`;
}

function writeLines(db: Database, documentId: string, lines: StoredDocument['lines']): void {
  db.prepare('DELETE FROM document_lines WHERE document_id = ?').run(documentId);
  const insert = db.prepare(
    `INSERT INTO document_lines (id, document_id, position, description, quantity, unit_price, discount_json, item_id,
       account_id, tax_rate_id, tax_percent, customer_id, class_id, location_id, department_id, amount_minor,
       line_discount_minor, document_discount_minor, net_minor, tax_minor)
     VALUES (@id, @document_id, @position, @description, @quantity, @unit_price, @discount_json, @item_id,
       @account_id, @tax_rate_id, @tax_percent, @customer_id, @class_id, @location_id, @department_id, @amount_minor,
       @line_discount_minor, @document_discount_minor, @net_minor, @tax_minor)`,
  );
  for (const line of lines) insert.run({ ...line, id: newId(), document_id: documentId });
}

/** Inserts a document with its lines. Call inside a transaction. */
export function insertDocument(db: Database, doc: StoredDocument): string {
  const id = newId();
  const now = nowIso();
  db.prepare(
    `INSERT INTO documents (id, company_id, type, number, status, revision, supplier_id, supplier_name, date, due_date,
       currency, supplier_invoice_number, memo, discount_json, fields_json, linked_document_id, subtotal_minor,
       discount_minor, net_minor, tax_minor, gross_minor, payment_status, sync_status, created_at, updated_at)
     VALUES (@id, @company_id, @type, @number, @status, @revision, @supplier_id, @supplier_name, @date, @due_date,
       @currency, @supplier_invoice_number, @memo, @discount_json, @fields_json, @linked_document_id, @subtotal_minor,
       @discount_minor, @net_minor, @tax_minor, @gross_minor, @payment_status, 'not_sent', @now, @now)`,
  ).run({ ...doc.header, id, now });
  writeLines(db, id, doc.lines);
  return id;
}

/** Replaces a document's editable content and lines. Call inside a transaction. */
export function replaceDocument(db: Database, id: string, doc: StoredDocument): void {
  db.prepare(
    `UPDATE documents SET number = @number, supplier_id = @supplier_id, supplier_name = @supplier_name, date = @date,
       due_date = @due_date, currency = @currency, supplier_invoice_number = @supplier_invoice_number, memo = @memo,
       discount_json = @discount_json, fields_json = @fields_json, linked_document_id = @linked_document_id,
       subtotal_minor = @subtotal_minor, discount_minor = @discount_minor, net_minor = @net_minor,
       tax_minor = @tax_minor, gross_minor = @gross_minor, updated_at = @now
     WHERE id = @id`,
  ).run({ ...doc.header, id, now: nowIso() });
  writeLines(db, id, doc.lines);
}

export function setDocumentStatus(
  db: Database,
  id: string,
  change: { status: DocumentT['status']; revision: number; paymentStatus: DocumentT['paymentStatus'] },
): void {
  db.prepare(
    'UPDATE documents SET status = ?, revision = ?, payment_status = ?, updated_at = ? WHERE id = ?',
  ).run(change.status, change.revision, change.paymentStatus, nowIso(), id);
}

export function recordTransition(
  db: Database,
  event: {
    documentId: string;
    actor: string;
    action: string;
    from: DocumentT['status'] | null;
    to: DocumentT['status'];
    comment?: string | null | undefined;
  },
): void {
  db.prepare(
    'INSERT INTO document_events (document_id, at, actor, action, from_status, to_status, comment) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(event.documentId, nowIso(), event.actor, event.action, event.from, event.to, event.comment ?? null);
}

export function loadLineRows(db: Database, documentId: string): LineRow[] {
  return db
    .prepare<[string], LineRow>('SELECT * FROM document_lines WHERE document_id = ? ORDER BY position')
    .all(documentId);
}

/** The whole document in the API's shape. */
export function loadDocument(db: Database, id: string): DocumentT {
  const row = getDocumentRow(db, id);
  const decimals = currencyDecimals(row.currency);
  const money = (minor: number) => formatMinor(minor, decimals);
  const lines = loadLineRows(db, id).map((l) => ({
    id: l.id,
    position: l.position,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    discount: parseJson<DiscountT | null>(l.discount_json, null),
    itemId: l.item_id,
    accountId: l.account_id,
    taxRateId: l.tax_rate_id,
    customerId: l.customer_id,
    classId: l.class_id,
    locationId: l.location_id,
    departmentId: l.department_id,
    amount: money(l.amount_minor),
    lineDiscount: money(l.line_discount_minor),
    documentDiscount: money(l.document_discount_minor),
    netAmount: money(l.net_minor),
    tax: money(l.tax_minor),
  }));
  const sync = db
    .prepare<
      [string],
      {
        connection_id: string;
        status: DocumentT['sync'][number]['status'];
        external_id: string | null;
        last_message: string | null;
        updated_at: string;
      }
    >('SELECT * FROM document_sync WHERE document_id = ? ORDER BY connection_id')
    .all(id)
    .map((s) => ({
      connectionId: s.connection_id,
      status: s.status,
      externalId: s.external_id,
      lastMessage: s.last_message,
      updatedAt: s.updated_at,
    }));
  const payments = db
    .prepare<
      [string],
      {
        id: string;
        connection_id: string;
        external_id: string;
        kind: DocumentT['payments'][number]['kind'];
        date: string;
        amount_minor: number;
        status: 'active' | 'canceled';
      }
    >('SELECT * FROM payments WHERE document_id = ? ORDER BY date, id')
    .all(id)
    .map((p) => ({
      id: p.id,
      connectionId: p.connection_id,
      externalId: p.external_id,
      kind: p.kind,
      date: p.date,
      amount: money(p.amount_minor),
      status: p.status,
    }));
  const history = db
    .prepare<
      [string],
      {
        at: string;
        actor: string;
        action: string;
        from_status: DocumentT['status'] | null;
        to_status: DocumentT['status'];
        comment: string | null;
      }
    >('SELECT * FROM document_events WHERE document_id = ? ORDER BY id')
    .all(id)
    .map((e) => ({
      at: e.at,
      actor: e.actor,
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      comment: e.comment,
    }));
  return {
    id: row.id,
    companyId: row.company_id,
    type: row.type,
    number: row.number,
    status: row.status,
    revision: row.revision,
    supplierId: row.supplier_id,
    supplierName: row.supplier_name,
    date: row.date,
    dueDate: row.due_date,
    currency: row.currency,
    supplierInvoiceNumber: row.supplier_invoice_number,
    memo: row.memo,
    discount: parseJson<DiscountT | null>(row.discount_json, null),
    fields: parseJson<Record<string, string | null>>(row.fields_json, {}),
    linkedDocumentId: row.linked_document_id,
    lines,
    totals: {
      subtotal: money(row.subtotal_minor),
      discount: money(row.discount_minor),
      net: money(row.net_minor),
      tax: money(row.tax_minor),
      gross: money(row.gross_minor),
    },
    sync,
    paymentStatus: row.payment_status,
    payments,
    history,
    availableActions: availableActions(row.status),
    editable: isEditable(row.status),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface DocumentFilter {
  companyId: string;
  type?: DocumentT['type'] | undefined;
  status?: DocumentT['status'] | undefined;
  syncStatus?: DocumentSummaryT['syncStatus'] | undefined;
  paymentStatus?: NonNullable<DocumentSummaryT['paymentStatus']> | undefined;
  supplierId?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  search?: string | undefined;
  sort: 'date_desc' | 'date_asc' | 'number_asc' | 'number_desc';
  offset: number;
  limit: number;
}

const ORDER_BY: Record<DocumentFilter['sort'], string> = {
  date_desc: 'date DESC, id DESC',
  date_asc: 'date ASC, id ASC',
  number_asc: 'number ASC, id ASC',
  number_desc: 'number DESC, id DESC',
};

/** Search text this long or longer is looked up in the trigram index (migration 0003); shorter text is scanned. */
const TRIGRAM = 3;

/** The search text as one FTS5 phrase: the trigram tokenizer matches it as a substring of the column. */
export function trigramPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The search text as a GLOB pattern matching it literally anywhere ('*', '?' and '[' bracketed). */
export function substringGlob(text: string): string {
  return `*${text.replace(/[*?[]/g, (c) => `[${c}]`)}*`;
}

/** document_search.text joins the fields with this character; a search containing it takes the plain LIKE path. */
const FIELD_SEPARATOR = '\u001f';

/**
 * With at most this many matches (or a few times the rows up to the page's end), a search page is built by sorting
 * the matches themselves. With more, matches are dense enough that walking the sort order's index and testing each
 * row against the narrow search text finds the page sooner.
 */
function sortMatchesUpTo(filter: DocumentFilter): number {
  return Math.max(2000, 4 * (filter.offset + filter.limit));
}

const SUMMARY_COLUMNS = `id, type, number, status, supplier_id, supplier_name, date, currency, gross_minor, sync_status,
  payment_status, updated_at`;

function toSummary(r: DocumentRow): DocumentSummaryT {
  return {
    id: r.id,
    type: r.type,
    number: r.number,
    status: r.status,
    supplierId: r.supplier_id,
    supplierName: r.supplier_name,
    date: r.date,
    currency: r.currency,
    gross: formatMinor(r.gross_minor, currencyDecimals(r.currency)),
    syncStatus: r.sync_status,
    paymentStatus: r.payment_status,
    updatedAt: r.updated_at,
  };
}

export function listDocuments(
  db: Database,
  filter: DocumentFilter,
): { total: number; items: DocumentSummaryT[] } {
  return findDocuments(db, filter, SUMMARY_COLUMNS, toSummary);
}

/**
 * The ids of the documents matching `filter`, in its order, a page at a time: "Select all matching" on the Documents
 * page walks them, however many match, without reading each document's summary.
 */
export function listDocumentIds(db: Database, filter: DocumentFilter): { total: number; ids: string[] } {
  const { total, items } = findDocuments(db, filter, 'id', (r) => r.id);
  return { total, ids: items };
}

function findDocuments<T>(
  db: Database,
  filter: DocumentFilter,
  columns: string,
  toItem: (row: DocumentRow) => T,
): { total: number; items: T[] } {
  const where = ['company_id = @companyId'];
  const params: Record<string, unknown> = {
    companyId: filter.companyId,
    limit: filter.limit,
    offset: filter.offset,
  };
  const equal = {
    type: filter.type,
    status: filter.status,
    sync_status: filter.syncStatus,
    payment_status: filter.paymentStatus,
    supplier_id: filter.supplierId,
  };
  for (const [column, value] of Object.entries(equal)) {
    if (value === undefined) continue;
    where.push(`${column} = @${column}`);
    params[column] = value;
  }
  if (filter.dateFrom) {
    where.push('date >= @dateFrom');
    params.dateFrom = filter.dateFrom;
  }
  if (filter.dateTo) {
    where.push('date <= @dateTo');
    params.dateTo = filter.dateTo;
  }
  /** The page's rows; `paged` false when `sql` already selects exactly the page's rows. */
  const page = (sql: string, paged = true): T[] =>
    db
      .prepare<Record<string, unknown>, DocumentRow>(
        `SELECT ${columns} FROM documents WHERE ${sql} ORDER BY ${ORDER_BY[filter.sort]}
         ${paged ? 'LIMIT @limit OFFSET @offset' : ''}`,
      )
      .all(params)
      .map(toItem);
  const count = (sql: string): number =>
    db.prepare<Record<string, unknown>, { n: number }>(`SELECT count(*) AS n FROM ${sql}`).get(params)?.n ??
    0;

  const search = filter.search ? searchFold(filter.search) : '';
  if (search.includes(FIELD_SEPARATOR)) {
    // Only a field that itself contains the separator could match: the plain LIKE, slow and exact.
    where.push(
      `(unicode_fold(number) LIKE @like ESCAPE '\\' OR unicode_fold(supplier_name) LIKE @like ESCAPE '\\'
        OR unicode_fold(supplier_invoice_number) LIKE @like ESCAPE '\\')`,
    );
    params.like = likePattern(search);
  }
  const clause = where.join(' AND ');
  if (!search || search.includes(FIELD_SEPARATOR)) {
    const total = count(`documents WHERE ${clause}`);
    if (total === 0 || filter.offset >= total) return { total, items: [] };
    return { total, items: page(clause) };
  }

  // The company's matches (rowids of documents), from document_search: see migration 0003.
  const companyNo = db
    .prepare<[string], { no: number }>('SELECT no FROM document_search_companies WHERE company_id = ?')
    .get(filter.companyId)?.no;
  if (companyNo === undefined) return { total: 0, items: [] };
  params.companyNo = companyNo;
  params.glob = substringGlob(search);
  // Type and status are in the narrow table too (migration 0014): the matches are narrowed there.
  let narrow = '';
  if (filter.type !== undefined) narrow += ' AND s.type = @type';
  if (filter.status !== undefined) narrow += ' AND s.status = @status';
  let matches: string;
  const trigram = [...search].length >= TRIGRAM;
  if (trigram) {
    params.phrase = trigramPhrase(search);
    matches = `SELECT s.rowid FROM document_search_fts f JOIN document_search s ON s.rowid = f.rowid
      WHERE document_search_fts MATCH @phrase AND s.company_no = @companyNo${narrow}`;
  } else {
    matches = `SELECT s.rowid FROM document_search s WHERE s.company_no = @companyNo AND s.text GLOB @glob${narrow}`;
  }
  /** For walking a sort order's index: does this document match? One lookup in the narrow table. */
  const matchesRow = `EXISTS (SELECT 1 FROM document_search s WHERE s.rowid = documents.rowid AND s.text GLOB @glob)`;
  const sortUpTo = sortMatchesUpTo(filter);
  // Filters the narrow table cannot answer (sync status, supplier, dates) need the documents rows.
  const wideFiltered =
    filter.syncStatus !== undefined ||
    filter.paymentStatus !== undefined ||
    filter.supplierId !== undefined ||
    Boolean(filter.dateFrom) ||
    Boolean(filter.dateTo);

  if (!wideFiltered) {
    // Counting needs only the index and the narrow table. Few matches: sort them; many: walk the sort order.
    const total = count(`(${matches})`);
    if (total === 0 || filter.offset >= total) return { total, items: [] };
    return {
      total,
      items: page(total <= sortUpTo ? `rowid IN (${matches})` : `${clause} AND ${matchesRow}`),
    };
  }

  if (!trigram) {
    // 1–2 characters match densely: count, then sort the few or walk the sort order's index for the many.
    const total = count(`documents WHERE rowid IN (${matches}) AND ${clause}`);
    if (total === 0 || filter.offset >= total) return { total, items: [] };
    return {
      total,
      items: page(total <= sortUpTo ? `rowid IN (${matches}) AND ${clause}` : `${clause} AND ${matchesRow}`),
    };
  }

  // Trigram matches are usually sparse: one pass filters and sorts them (often along a filter's index), giving
  // the exact total and the page's rows at once; a count and then a page would test every match twice.
  const sorted = db
    .prepare<Record<string, unknown>, number>(
      `SELECT rowid FROM documents WHERE rowid IN (${matches}) AND ${clause} ORDER BY ${ORDER_BY[filter.sort]}`,
    )
    .pluck()
    .all(params);
  const total = sorted.length;
  const onPage = sorted.slice(filter.offset, filter.offset + filter.limit);
  if (onPage.length === 0) return { total, items: [] };
  params.rowids = JSON.stringify(onPage);
  return { total, items: page('rowid IN (SELECT value FROM json_each(@rowids))', false) };
}
