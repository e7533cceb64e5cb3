// Suppliers from CSV (one row per supplier) or JSON (SupplierInput without companyId). Names are unique per
// company, compared without regard to case or surrounding spaces, as the accounting systems compare them.
import { cell, mapHeader, readCsv, type ColumnSpec } from './csv';
import { parseJsonFile, recordsOf } from './json';
import { ImportSupplierSchema, issuesToProblems, supplierFieldsAt } from './schemas';
import {
  fileProblem,
  type ImportProblem,
  type ParsedImport,
  type SupplierCreateData,
  type SupplierRecord,
} from './types';

export const SUPPLIER_COLUMNS: ColumnSpec[] = [
  { name: 'name', required: true, aliases: ['supplier', 'supplier_name', 'vendor', 'vendor_name'] },
  { name: 'email', required: false, aliases: ['e_mail'] },
  { name: 'phone', required: false, aliases: ['telephone'] },
  { name: 'address', required: false },
  { name: 'city', required: false },
  { name: 'state', required: false, aliases: ['province', 'region'] },
  { name: 'postal_code', required: false, aliases: ['zip', 'zip_code', 'postcode'] },
  { name: 'country', required: false },
  { name: 'account_number', required: false },
  { name: 'tax_id', required: false },
  { name: 'currency', required: false },
];

const FIELD_OF_COLUMN: Record<string, keyof SupplierCreateData> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  address: 'address',
  city: 'city',
  state: 'state',
  postal_code: 'postalCode',
  country: 'country',
  account_number: 'accountNumber',
  tax_id: 'taxId',
  currency: 'currency',
};
const COLUMN_OF_FIELD = Object.fromEntries(Object.entries(FIELD_OF_COLUMN).map(([c, f]) => [f, c]));

export interface SupplierParseOptions {
  /** Names of the company's suppliers; compared case-insensitively. */
  existingSupplierNames: Iterable<string>;
}

export function parseSuppliersCsv(text: string, options: SupplierParseOptions): ParsedImport<SupplierRecord> {
  const read = readCsv(text);
  if ('problems' in read) return { fileProblems: read.problems, records: [] };
  const { table } = read;
  const mapped = mapHeader(table.header, SUPPLIER_COLUMNS);
  if ('problems' in mapped) return { fileProblems: mapped.problems, records: [] };
  if (table.problems.length > 0) return { fileProblems: table.problems, records: [] };
  if (table.rows.length === 0) {
    return {
      fileProblems: [fileProblem('The file has a header row but no suppliers below it.')],
      records: [],
    };
  }
  const candidates = table.rows.map((row) => {
    const raw: Record<string, string> = {};
    for (const [column, field] of Object.entries(FIELD_OF_COLUMN)) {
      const value = cell(row, mapped.columns, column);
      if (value !== '' || field === 'name') raw[field] = value;
    }
    return { row: row.row, raw, columnOf: (field: string) => COLUMN_OF_FIELD[field] ?? field };
  });
  return { fileProblems: [], records: validate(candidates, options, 'Row') };
}

export function parseSuppliersJson(
  text: string,
  options: SupplierParseOptions,
): ParsedImport<SupplierRecord> {
  const parsed = parseJsonFile(text);
  if ('problem' in parsed) return { fileProblems: [parsed.problem], records: [] };
  const list = recordsOf(parsed.value, 'suppliers', 'suppliers');
  if ('problem' in list) return { fileProblems: [list.problem], records: [] };
  const candidates = list.records.map((raw, index) => ({
    row: index + 1,
    raw,
    columnOf: (field: string) => field,
  }));
  return { fileProblems: [], records: validate(candidates, options, 'Record') };
}

function validate(
  candidates: { row: number; raw: unknown; columnOf: (field: string) => string }[],
  options: SupplierParseOptions,
  unit: 'Row' | 'Record',
): SupplierRecord[] {
  const existing = new Set([...options.existingSupplierNames].map(nameKey));
  const seen = new Map<string, number>();
  return candidates.map(({ row, raw, columnOf }): SupplierRecord => {
    const obj =
      raw !== null && typeof raw === 'object' && !Array.isArray(raw)
        ? (raw as Record<string, unknown>)
        : null;
    const rawName = typeof obj?.name === 'string' ? obj.name.trim() : '';
    const base = {
      kind: 'supplier' as const,
      key: `${unit.toLowerCase()}:${row}`,
      label: rawName || `${unit} ${row}`,
      rows: [row],
    };
    if (obj === null) {
      return {
        ...base,
        data: {},
        input: null,
        problems: [{ row, column: null, message: 'This record is not a supplier object {...}.' }],
      };
    }
    const problems: ImportProblem[] = [];
    const result = ImportSupplierSchema.safeParse(obj, { reportInput: true });
    if (!result.success) {
      for (const p of issuesToProblems(result.error.issues, row, supplierFieldsAt)) {
        const field = p.column ?? '';
        const column = columnOf(field);
        // CSV users know the column, not our field name: "postal_code must be ...", not "postalCode must be ...".
        problems.push({
          ...p,
          column: p.column === null ? null : column,
          message: p.message.replace(field, column),
        });
      }
    }
    if (rawName !== '') {
      const key = nameKey(rawName);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({
          row,
          column: columnOf('name'),
          message: `The supplier '${rawName}' appears twice in this file (also on ${unit.toLowerCase()} ${earlier}). Keep one of them.`,
        });
      } else seen.set(key, row);
      if (existing.has(key)) {
        problems.push({
          row,
          column: columnOf('name'),
          message: `A supplier named '${rawName}' already exists. Remove this row, or rename the supplier if it is a different one.`,
        });
      }
    }
    const data = result.success ? toCreateData(result.data) : null;
    return {
      ...base,
      data: data ?? { name: rawName },
      input: problems.length === 0 ? data : null,
      problems,
    };
  });
}

function toCreateData(s: {
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  country?: string | null;
  accountNumber?: string | null;
  taxId?: string | null;
  currency?: string | null;
}): SupplierCreateData {
  const orNull = (v: string | null | undefined) => (v == null || v === '' ? null : v);
  return {
    name: s.name,
    email: orNull(s.email),
    phone: orNull(s.phone),
    address: orNull(s.address),
    city: orNull(s.city),
    state: orNull(s.state),
    postalCode: orNull(s.postalCode),
    country: orNull(s.country),
    accountNumber: orNull(s.accountNumber),
    taxId: orNull(s.taxId),
    currency: orNull(s.currency),
  };
}

function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
