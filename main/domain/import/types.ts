// The neutral shapes that the import parsers produce and the writer consumes. They are kept structurally equal to
// the contract's ImportProblem / ImportPreviewRecord (domain/ may not import preload/), and a unit test checks
// that what we produce passes the contract's schemas.

export type DocumentTypeName = 'purchase_order' | 'service_order' | 'invoice' | 'receipt';
export const DOCUMENT_TYPES: readonly DocumentTypeName[] = [
  'purchase_order',
  'service_order',
  'invoice',
  'receipt',
];

export interface ImportProblem {
  /** 1-based row of the file (the header is row 1); for JSON, the 1-based index of the record; null: whole file. */
  row: number | null;
  /** The file's column name (CSV) or the field path (JSON, e.g. `lines.2.quantity`); null: the whole row. */
  column: string | null;
  message: string;
}

export interface ImportPreviewRecord {
  key: string;
  label: string;
  rows: number[];
  valid: boolean;
  summary: string;
  problems: ImportProblem[];
}

export type ImportDiscount = { percent: string } | { amount: string };

/** Where a value came from, so that problems found later (resolution) point at the right cell. */
export interface Location {
  row: number | null;
  column: string | null;
}

/** A document line as read from the file: list references are still names (or ids, from JSON). */
export interface LineDraft {
  description: string;
  quantity: string | null;
  unitPrice: string | null;
  discount: ImportDiscount | null;
  itemId: string | null;
  itemName: string | null;
  accountId: string | null;
  accountName: string | null;
  taxRateId: string | null;
  taxRateName: string | null;
  customerId: string | null;
  customerName: string | null;
  classId: string | null;
  className: string | null;
  locationId: string | null;
  locationName: string | null;
  departmentId: string | null;
  departmentName: string | null;
}

/** A document as read from the file. Fields are null where the file gave nothing usable (see the problems). */
export interface DocumentDraft {
  type: DocumentTypeName | null;
  number: string | null;
  supplierId: string | null;
  supplierName: string | null;
  date: string | null;
  dueDate: string | null;
  currency: string | null;
  supplierInvoiceNumber: string | null;
  memo: string | null;
  discount: ImportDiscount | null;
  fields: Record<string, string | null> | null;
  linkedDocumentId: string | null;
  linkedDocumentNumber: string | null;
  lines: LineDraft[];
}

export type DraftHeaderField = Exclude<keyof DocumentDraft, 'lines'>;
export type DraftLineField = keyof LineDraft;

export interface DocumentLocations {
  header: Partial<Record<DraftHeaderField, Location>>;
  lines: Partial<Record<DraftLineField, Location>>[];
}

/** One document of the file, before its names are turned into ids. */
export interface DocumentRecord {
  kind: 'document';
  key: string;
  label: string;
  rows: number[];
  data: DocumentDraft;
  problems: ImportProblem[];
  locations: DocumentLocations;
}

/** What documents.create takes, minus companyId: every reference is an id. */
export interface DocumentCreateData {
  type: DocumentTypeName;
  /** Null only from JSON records that leave numbering to Ledgerbridge. */
  number: string | null;
  supplierId: string;
  date: string;
  dueDate: string | null;
  currency: string;
  supplierInvoiceNumber: string | null;
  memo: string | null;
  discount: ImportDiscount | null;
  fields?: Record<string, string | null>;
  linkedDocumentId: string | null;
  lines: {
    description: string;
    quantity: string;
    unitPrice: string;
    discount: ImportDiscount | null;
    itemId: string | null;
    accountId: string | null;
    taxRateId: string | null;
    customerId: string | null;
    classId: string | null;
    locationId: string | null;
    departmentId: string | null;
  }[];
}

/** A document after resolution. `input` is set exactly when there are no problems. */
export interface ResolvedDocumentRecord extends Omit<DocumentRecord, 'kind'> {
  kind: 'resolved_document';
  input: DocumentCreateData | null;
  /** Tax percent of each line (by position), for the preview's totals; null where unknown. */
  taxPercents: (string | null)[];
}

/** What suppliers.create takes, minus companyId. */
export interface SupplierCreateData {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
  accountNumber: string | null;
  taxId: string | null;
  currency: string | null;
}

/** One supplier of the file. `input` is set exactly when there are no problems. */
export interface SupplierRecord {
  kind: 'supplier';
  key: string;
  label: string;
  rows: number[];
  data: Partial<SupplierCreateData>;
  problems: ImportProblem[];
  input: SupplierCreateData | null;
}

export interface ParsedImport<R> {
  /** Problems with the file as a whole (encoding, syntax, missing columns). When any, `records` is empty. */
  fileProblems: ImportProblem[];
  records: R[];
}

export function fileProblem(message: string): ImportProblem {
  return { row: null, column: null, message };
}
