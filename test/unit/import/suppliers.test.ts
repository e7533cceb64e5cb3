import { describe, expect, it } from 'vitest';
import {
  buildPreview,
  parseSuppliersCsv,
  parseSuppliersJson,
  prepareImport,
} from '../../../main/domain/import';
import { fakeLookup, fixtureBase64, fixtureText } from './helpers';

describe('suppliers import', () => {
  it('reads a good CSV with aliased columns, quoted commas and newlines, CRLF', () => {
    const result = prepareImport(
      { kind: 'suppliers', format: 'csv', contentBase64: fixtureBase64('suppliers-good.csv') },
      { lookup: fakeLookup(), existingSupplierNames: () => ['Someone Else'] },
    );
    expect(result.fileProblems).toEqual([]);
    expect(result.preview.validCount).toBe(2);
    expect(result.records.map((r) => r.input)).toEqual([
      {
        name: 'Acme, Ltd',
        email: 'ap@acme.test',
        phone: '555-0100',
        address: '1 Main St\nSuite 2',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
        country: 'US',
        accountNumber: 'ACC-1',
        taxId: '12-345',
        currency: 'USD',
      },
      {
        name: 'Globex',
        email: null,
        phone: null,
        address: null,
        city: 'London',
        state: null,
        postalCode: null,
        country: 'UK',
        accountNumber: null,
        taxId: null,
        currency: 'GBP',
      },
    ]);
    expect(result.preview.records.map((r) => r.summary)).toEqual([
      'Supplier Acme, Ltd · Springfield, US · USD',
      'Supplier Globex · London, UK · GBP',
    ]);
  });

  it('reports duplicates in the file and against existing suppliers (case-insensitive), bad values, empty names', () => {
    const parsed = parseSuppliersCsv(fixtureText('suppliers-bad.csv'), {
      existingSupplierNames: ['existing co'],
    });
    expect(parsed.records.map((r) => r.problems)).toEqual([
      [],
      [
        {
          row: 3,
          column: 'name',
          message: "The supplier 'ACME' appears twice in this file (also on row 2). Keep one of them.",
        },
      ],
      [
        {
          row: 4,
          column: 'currency',
          message: 'currency must be a three-letter currency code such as "USD".',
        },
      ],
      [{ row: 5, column: 'name', message: 'name must not be empty.' }],
      [
        {
          row: 6,
          column: 'name',
          message:
            "A supplier named 'Existing Co' already exists. Remove this row, or rename the supplier if it is a different one.",
        },
      ],
    ]);
    expect(buildPreview(parsed.records)).toMatchObject({ validCount: 1, invalidCount: 4 });
  });

  it('names CSV columns, not field names, in CSV problems', () => {
    const parsed = parseSuppliersCsv(`name,postal_code\nAcme,${'9'.repeat(31)}\n`, {
      existingSupplierNames: [],
    });
    expect(parsed.records[0]?.problems).toEqual([
      { row: 2, column: 'postal_code', message: 'postal_code must be at most 30 characters.' },
    ]);
  });

  it('reads JSON and reports duplicates, unknown fields, bad values and missing names', () => {
    const parsed = parseSuppliersJson(fixtureText('suppliers.json'), { existingSupplierNames: [] });
    expect(parsed.records.map((r) => r.problems)).toEqual([
      [],
      [
        {
          row: 2,
          column: 'name',
          message:
            "The supplier 'acme, ltd' appears twice in this file (also on record 1). Keep one of them.",
        },
      ],
      [
        {
          row: 3,
          column: 'currency',
          message: 'currency must be a three-letter currency code such as "USD".',
        },
        {
          row: 3,
          column: 'fax',
          message:
            'fax is not a field Ledgerbridge knows. Known fields here: name, email, phone, address, city, state, postalCode, country, accountNumber, taxId, currency.',
        },
      ],
      [{ row: 4, column: 'name', message: 'name is required.' }],
    ]);
    expect(parsed.records[0]?.input).toMatchObject({
      name: 'Acme, Ltd',
      postalCode: '62701',
      currency: 'USD',
      city: null,
    });
  });

  it('reports missing name column and {suppliers: [...]} files', () => {
    expect(parseSuppliersCsv('email,city\na@b,c\n', { existingSupplierNames: [] }).fileProblems).toEqual([
      { row: null, column: null, message: "The file has no 'name' column. Required columns: name." },
    ]);
    expect(
      parseSuppliersJson('{"suppliers": [{"name": "A"}]}', { existingSupplierNames: [] }).records[0]?.input
        ?.name,
    ).toBe('A');
  });
});
