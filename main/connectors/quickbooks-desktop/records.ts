// The parts of our documents and suppliers the engine sends, read with a few cached statements. The API's full
// document (sync rows, payments, history, available actions) costs several more queries per document, which a
// session sending thousands of documents does not need.
import type { Database } from 'better-sqlite3';
import type { DocumentT, SupplierT } from '../../../preload/contract.js';
import { currencyDecimals } from '../../domain/currency.js';
import { formatMinor } from '../../domain/money.js';
import type { DocumentRow, LineRow } from '../../db/repos/documents.js';

export type QbdLine = Pick<
  DocumentT['lines'][number],
  | 'id'
  | 'position'
  | 'description'
  | 'quantity'
  | 'unitPrice'
  | 'itemId'
  | 'accountId'
  | 'customerId'
  | 'classId'
  | 'amount'
  | 'netAmount'
>;

export type QbdDocument = Pick<
  DocumentT,
  | 'id'
  | 'companyId'
  | 'type'
  | 'number'
  | 'status'
  | 'revision'
  | 'supplierId'
  | 'date'
  | 'dueDate'
  | 'currency'
  | 'supplierInvoiceNumber'
  | 'memo'
  | 'fields'
  | 'linkedDocumentId'
> & { lines: QbdLine[] };

export type QbdSupplier = Pick<
  SupplierT,
  | 'id'
  | 'name'
  | 'email'
  | 'phone'
  | 'address'
  | 'city'
  | 'state'
  | 'postalCode'
  | 'country'
  | 'accountNumber'
  | 'taxId'
>;

/** The document as the engine sends it; null when it no longer exists. `db` should cache statements. */
export function loadQbdDocument(db: Database, id: string): QbdDocument | null {
  const row = db.prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id = ?').get(id);
  if (!row) return null;
  const lines = db
    .prepare<[string], LineRow>('SELECT * FROM document_lines WHERE document_id = ? ORDER BY position')
    .all(id);
  return toQbdDocument(row, lines);
}

function toQbdDocument(row: DocumentRow, lineRows: LineRow[]): QbdDocument {
  const decimals = currencyDecimals(row.currency);
  const lines = lineRows.map((l) => ({
    id: l.id,
    position: l.position,
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    itemId: l.item_id,
    accountId: l.account_id,
    customerId: l.customer_id,
    classId: l.class_id,
    amount: formatMinor(l.amount_minor, decimals),
    netAmount: formatMinor(l.net_minor, decimals),
  }));
  let fields: Record<string, string | null>;
  try {
    fields = JSON.parse(row.fields_json || '{}') as Record<string, string | null>;
  } catch {
    fields = {};
  }
  return {
    id: row.id,
    companyId: row.company_id,
    type: row.type,
    number: row.number,
    status: row.status,
    revision: row.revision,
    supplierId: row.supplier_id,
    date: row.date,
    dueDate: row.due_date,
    currency: row.currency,
    supplierInvoiceNumber: row.supplier_invoice_number,
    memo: row.memo,
    fields,
    linkedDocumentId: row.linked_document_id,
    lines,
  };
}

interface SupplierRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  account_number: string | null;
  tax_id: string | null;
}

export function loadQbdSupplier(db: Database, id: string): QbdSupplier | null {
  const r = db
    .prepare<[string], SupplierRow>(
      `SELECT id, name, email, phone, address, city, state, postal_code, country, account_number, tax_id
       FROM suppliers WHERE id = ?`,
    )
    .get(id);
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    address: r.address,
    city: r.city,
    state: r.state,
    postalCode: r.postal_code,
    country: r.country,
    accountNumber: r.account_number,
    taxId: r.tax_id,
  };
}

/** Several documents at once (two statements), for the jobs of one message. Missing ids are left out. */
export function loadQbdDocuments(db: Database, ids: readonly string[]): Map<string, QbdDocument> {
  const result = new Map<string, QbdDocument>();
  if (ids.length === 0) return result;
  const list = JSON.stringify(ids);
  const rows = db
    .prepare<[string], DocumentRow>('SELECT * FROM documents WHERE id IN (SELECT value FROM json_each(?))')
    .all(list);
  const lines = new Map<string, LineRow[]>();
  for (const line of db
    .prepare<[string], LineRow>(
      'SELECT * FROM document_lines WHERE document_id IN (SELECT value FROM json_each(?)) ORDER BY document_id, position',
    )
    .all(list)) {
    const forDocument = lines.get(line.document_id);
    if (forDocument) forDocument.push(line);
    else lines.set(line.document_id, [line]);
  }
  for (const row of rows) result.set(row.id, toQbdDocument(row, lines.get(row.id) ?? []));
  return result;
}
