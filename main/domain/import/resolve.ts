// Turns the names in parsed documents into ids through a lookup the caller implements (over the database), and
// reports every name that matches nothing at the cell it came from.
import type {
  DocumentCreateData,
  DocumentRecord,
  DocumentTypeName,
  DraftHeaderField,
  DraftLineField,
  ImportProblem,
  ResolvedDocumentRecord,
} from './types';
import { TYPE_LABELS } from './values';
import { currencyDecimals } from '../currency';
import { isAppError } from '../errors';
import { validateDocument, type SupplierLookup } from '../validation';

export type ImportListKind = 'item' | 'account' | 'class' | 'customer' | 'location' | 'department';

export interface ImportLookup {
  /** The company's base currency: the currency of a document that names none and whose supplier has none. */
  baseCurrency: string;
  /** Case-insensitive match on the supplier's name; null when none. */
  supplierByName(name: string): SupplierLookup | null;
  /** For JSON records that give supplierId. */
  supplierById(id: string): SupplierLookup | null;
  taxRateByName(name: string): { id: string; percent: string } | null;
  /** For JSON records that give taxRateId. */
  taxRateById(id: string): { id: string; percent: string } | null;
  listEntryByName(kind: ImportListKind, name: string): { id: string } | null;
  /** A document of one of `types` with this number, or null. */
  documentByNumber(
    number: string,
    types: DocumentTypeName[],
  ): { id: string; type: DocumentTypeName; supplierId: string; currency: string } | null;
  /** For JSON records that give linkedDocumentId. */
  documentById(
    id: string,
  ): { id: string; type: DocumentTypeName; supplierId: string; currency: string; number: string } | null;
  /** The numbers already used by the company's documents of a type. */
  existingNumbers(type: DocumentTypeName): { has(number: string): boolean };
}

type RefField =
  | 'itemName'
  | 'itemId'
  | 'accountName'
  | 'accountId'
  | 'className'
  | 'classId'
  | 'customerName'
  | 'customerId'
  | 'locationName'
  | 'locationId'
  | 'departmentName'
  | 'departmentId';
const LIST_REFS: { kind: ImportListKind; name: RefField; id: RefField; noun: string; fix: string }[] = [
  {
    kind: 'item',
    name: 'itemName',
    id: 'itemId',
    noun: 'item',
    fix: 'Import the item list from your accounting system first, or correct the name.',
  },
  {
    kind: 'account',
    name: 'accountName',
    id: 'accountId',
    noun: 'account',
    fix: 'Import the chart of accounts from your accounting system first, or correct the name.',
  },
  {
    kind: 'class',
    name: 'className',
    id: 'classId',
    noun: 'class',
    fix: 'Import the class list from your accounting system first, or correct the name.',
  },
  {
    kind: 'customer',
    name: 'customerName',
    id: 'customerId',
    noun: 'customer',
    fix: 'Import the customer list from your accounting system first, or correct the name.',
  },
  {
    kind: 'location',
    name: 'locationName',
    id: 'locationId',
    noun: 'location',
    fix: 'Import the location list from your accounting system first, or correct the name.',
  },
  {
    kind: 'department',
    name: 'departmentName',
    id: 'departmentId',
    noun: 'department',
    fix: 'Import the department list from your accounting system first, or correct the name.',
  },
];

const ORDER_TYPES: DocumentTypeName[] = ['purchase_order', 'service_order'];

function ordersInFileOf(records: DocumentRecord[]): Set<string | null> {
  return new Set(
    records
      .filter((r) => r.data.type && ORDER_TYPES.includes(r.data.type) && r.data.number)
      .map((r) => r.data.number),
  );
}

export function resolveDocumentRecords(
  records: DocumentRecord[],
  lookup: ImportLookup,
): ResolvedDocumentRecord[] {
  const ordersInFile = ordersInFileOf(records);
  return records.map((record) => resolveOne(record, lookup, ordersInFile));
}

/**
 * The same as resolveDocumentRecords, `pause`d (awaited) after every `every` records: the caller's thread can
 * serve other work between them while a file of thousands of documents is resolved.
 */
export async function resolveDocumentRecordsPausing(
  records: DocumentRecord[],
  lookup: ImportLookup,
  pause: () => Promise<void>,
  every = 250,
): Promise<ResolvedDocumentRecord[]> {
  const ordersInFile = ordersInFileOf(records);
  const out: ResolvedDocumentRecord[] = [];
  for (const [i, record] of records.entries()) {
    if (i > 0 && i % every === 0) await pause();
    out.push(resolveOne(record, lookup, ordersInFile));
  }
  return out;
}

function resolveOne(
  record: DocumentRecord,
  lookup: ImportLookup,
  ordersInFile: Set<string | null>,
): ResolvedDocumentRecord {
  const { data, locations } = record;
  const problems: ImportProblem[] = [...record.problems];
  const atHeader = (field: DraftHeaderField, message: string) =>
    problems.push({ ...(locations.header[field] ?? { row: record.rows[0] ?? null, column: null }), message });

  if (data.number && data.type && lookup.existingNumbers(data.type).has(data.number)) {
    atHeader(
      'number',
      `Document number ${data.number} already exists. Give this ${TYPE_LABELS[data.type].toLowerCase()} another number, or remove it from the file if it was imported before.`,
    );
  }

  let supplier: SupplierLookup | null = null;
  if (data.supplierName) {
    supplier = lookup.supplierByName(data.supplierName);
    if (!supplier) {
      atHeader(
        'supplierName',
        `No supplier named '${data.supplierName}' exists. Create it first or import suppliers first.`,
      );
    }
  } else if (data.supplierId) {
    supplier = lookup.supplierById(data.supplierId);
    if (!supplier) atHeader('supplierId', `No supplier has the id '${data.supplierId}'.`);
  }
  const currency = data.currency ?? supplier?.currency ?? lookup.baseCurrency;

  let linkedDocumentId = data.linkedDocumentId;
  let linkedDocument: {
    type: DocumentTypeName;
    supplierId: string;
    currency: string;
    number: string;
  } | null = null;
  if (data.linkedDocumentNumber) {
    const order = lookup.documentByNumber(data.linkedDocumentNumber, ORDER_TYPES);
    if (order) {
      linkedDocumentId = order.id;
      linkedDocument = { ...order, number: data.linkedDocumentNumber };
      // Same supplier, same currency, an order type: validateDocument below checks the link like create does.
    } else if (ordersInFile.has(data.linkedDocumentNumber)) {
      atHeader(
        'linkedDocumentNumber',
        `Order ${data.linkedDocumentNumber} is in this same file and does not exist yet. Import the orders first, then the invoices and receipts that link to them.`,
      );
    } else {
      atHeader(
        'linkedDocumentNumber',
        `No purchase order or service order numbered '${data.linkedDocumentNumber}' exists. Correct the number, or leave it empty.`,
      );
    }
  }

  const taxPercents: (string | null)[] = [];
  const lines = data.lines.map((line, index) => {
    const at = (field: DraftLineField, message: string) =>
      problems.push({
        ...(locations.lines[index]?.[field] ?? { row: record.rows[index] ?? null, column: null }),
        message,
      });
    const ids: Record<ImportListKind, string | null> = {
      item: null,
      account: null,
      class: null,
      customer: null,
      location: null,
      department: null,
    };
    for (const ref of LIST_REFS) {
      const name = line[ref.name];
      if (name) {
        const entry = lookup.listEntryByName(ref.kind, name);
        if (entry) ids[ref.kind] = entry.id;
        else at(ref.name, `No ${ref.noun} named '${name}' exists. ${ref.fix}`);
      } else ids[ref.kind] = line[ref.id];
    }
    if ((line.itemName || line.itemId) && (line.accountName || line.accountId)) {
      at(
        line.accountName ? 'accountName' : 'accountId',
        'This line has both an item and an account. A line goes as an item or to an account, never both: clear one of them.',
      );
    }
    let taxRateId = line.taxRateId;
    let taxPercent: string | null = null;
    if (line.taxRateName) {
      const rate = lookup.taxRateByName(line.taxRateName);
      if (rate) {
        taxRateId = rate.id;
        taxPercent = rate.percent;
      } else {
        at(
          'taxRateName',
          `No tax rate named '${line.taxRateName}' exists. Add it under Tax rates on the Company page first, or correct the name.`,
        );
      }
    } else if (taxRateId) {
      taxPercent = lookup.taxRateById(taxRateId)?.percent ?? null;
    }
    taxPercents.push(taxPercent);
    return { line, ids, taxRateId };
  });

  // The document rules (DESIGN §3; dates, discounts, totals, supplier and linked-order consistency) are the same
  // as for documents.create, so that a record the preview calls valid is one that create accepts.
  const complete = lines.every(({ line }) => line.quantity !== null && line.unitPrice !== null);
  if (supplier && data.type && data.date && complete) {
    const taxRates = new Map<string, string>();
    lines.forEach(({ taxRateId }, i) => {
      const percent = taxPercents[i];
      if (taxRateId && percent != null) taxRates.set(taxRateId, percent);
    });
    let found: { field: string; message: string }[];
    try {
      found = validateDocument({
        type: data.type,
        supplierId: supplier.id,
        currency,
        date: data.date,
        dueDate: data.dueDate,
        discount: data.discount,
        lines: lines.map(({ line, taxRateId }) => ({
          quantity: line.quantity as string,
          unitPrice: line.unitPrice as string,
          discount: line.discount,
          taxRateId,
        })),
        linkedDocumentId,
        ...(linkedDocumentId
          ? { linkedDocument: linkedDocument ?? lookup.documentById(linkedDocumentId) }
          : {}),
        supplierInvoiceNumber: data.supplierInvoiceNumber,
        supplier,
        taxRates,
        decimals: currencyDecimals(currency),
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      found = [{ field: '', message: error.userMessage }];
    }
    for (const p of found) {
      const where = locate(record, p.field);
      // One problem per cell: our own, more specific message wins over the general rule's.
      if (!problems.some((q) => q.row === where.row && q.column === where.column))
        problems.push({ ...where, message: p.message });
    }
  }

  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  let input: DocumentCreateData | null = null;
  if (problems.length === 0 && data.type && supplier && data.date) {
    if (complete) {
      input = {
        type: data.type,
        number: data.number,
        supplierId: supplier.id,
        date: data.date,
        dueDate: data.dueDate,
        currency,
        supplierInvoiceNumber: data.supplierInvoiceNumber,
        memo: data.memo,
        discount: data.discount,
        ...(data.fields ? { fields: data.fields } : {}),
        linkedDocumentId,
        lines: lines.map(({ line, ids, taxRateId }) => ({
          description: line.description,
          quantity: line.quantity as string,
          unitPrice: line.unitPrice as string,
          discount: line.discount,
          itemId: ids.item,
          accountId: ids.account,
          taxRateId,
          customerId: ids.customer,
          classId: ids.class,
          locationId: ids.location,
          departmentId: ids.department,
        })),
      };
    }
  }
  if (problems.length === 0 && input === null) {
    // Parsers report every gap as a problem; reaching here means a parser forgot one. Say so rather than pass it.
    problems.push({
      row: record.rows[0] ?? null,
      column: null,
      message: 'This document is incomplete and cannot be imported.',
    });
  }
  return {
    ...record,
    kind: 'resolved_document',
    data: { ...data, currency, supplierId: supplier?.id ?? data.supplierId, linkedDocumentId },
    problems,
    input,
    taxPercents,
  };
}

/** The file cell behind a validation field path (`lines.2.quantity`, `discount.percent`, `supplierId`). */
function locate(record: DocumentRecord, field: string): { row: number | null; column: string | null } {
  const fallback = { row: record.rows[0] ?? null, column: null };
  const { header, lines } = record.locations;
  const line = /^lines\.(\d+)\.([A-Za-z]+)/.exec(field);
  if (line) {
    const index = Number(line[1]);
    const name = line[2] as string;
    const at = lines[index];
    const byName = `${name.replace(/Id$/, '')}Name` as keyof typeof at & string;
    const data = record.data.lines[index];
    const useName =
      name.endsWith('Id') && data && (data as unknown as Record<string, unknown>)[byName] != null;
    const loc = at?.[(useName ? byName : name) as keyof typeof at];
    return loc ?? { row: record.rows[index] ?? fallback.row, column: null };
  }
  const top = field.split('.')[0] ?? '';
  const key =
    top === 'supplierId' && record.data.supplierName !== null
      ? 'supplierName'
      : top === 'linkedDocumentId' && record.data.linkedDocumentNumber !== null
        ? 'linkedDocumentNumber'
        : top;
  return header[key as keyof typeof header] ?? fallback;
}
