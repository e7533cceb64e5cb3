import { describe, expect, it } from 'vitest';
import { parseDocumentsCsv, prepareImport, resolveDocumentRecords } from '../../../main/domain/import';
import { fakeLookup, fixtureBase64, fixtureText } from './helpers';

const NUMBER_HINT =
  'Write numbers with digits and a point for decimals, without thousands separators, e.g. 1234.50.';
const context = { lookup: fakeLookup(), existingSupplierNames: () => [] };

describe('documents CSV', () => {
  it('reads a good file: CRLF, BOM, quoted commas and newlines, non-adjacent rows of one document, trailing blank lines', () => {
    const result = prepareImport(
      { kind: 'documents', format: 'csv', contentBase64: fixtureBase64('documents-good.csv') },
      { ...context, lookup: fakeLookup({}) },
    );
    expect(result.fileProblems).toEqual([]);
    expect(result.preview).toEqual({
      validCount: 3,
      invalidCount: 0,
      records: [
        {
          key: 'document:PO-1001',
          label: 'Purchase order PO-1001',
          rows: [2, 3, 5],
          valid: true,
          // 100 × 0.25 + 20 % tax = 30.00; 100 × 0.10 − 10 % + 20 % tax = 10.80; 1000 × 0.012 = 12.00
          summary: 'Purchase order PO-1001 · Acme, Ltd · 3 lines · 52.80 USD',
          problems: [],
        },
        {
          key: 'document:INV-7',
          label: 'Invoice INV-7',
          rows: [4],
          valid: true,
          summary: 'Invoice INV-7 · Globex · 1 line · 950.00 EUR',
          problems: [],
        },
        {
          key: 'document:SO-3',
          label: 'Service order SO-3',
          rows: [6],
          valid: true,
          summary: 'Service order SO-3 · Initech · 1 line · 1,234.50 USD',
          problems: [],
        },
      ],
    });
    const [po, inv] = result.records;
    expect(po?.input).toEqual({
      type: 'purchase_order',
      number: 'PO-1001',
      supplierId: 's1',
      date: '2024-03-01',
      dueDate: '2024-03-31',
      currency: 'USD',
      supplierInvoiceNumber: null,
      memo: 'Urgent, please',
      discount: null,
      linkedDocumentId: null,
      lines: [
        {
          description: 'Bolts, M8 zinc',
          quantity: '100',
          unitPrice: '0.25',
          discount: null,
          itemId: 'i1',
          accountId: null,
          taxRateId: 't1',
          customerId: null,
          classId: null,
          locationId: null,
          departmentId: null,
        },
        {
          description: 'Nuts, M8',
          quantity: '100',
          unitPrice: '0.10',
          discount: { percent: '10' },
          itemId: null,
          accountId: null,
          taxRateId: 't1',
          customerId: null,
          classId: null,
          locationId: null,
          departmentId: null,
        },
        {
          description: 'Washers',
          quantity: '1000',
          unitPrice: '0.012',
          discount: null,
          itemId: null,
          accountId: null,
          taxRateId: null,
          customerId: null,
          classId: null,
          locationId: null,
          departmentId: null,
        },
      ],
    });
    expect(inv?.input).toMatchObject({
      type: 'invoice',
      memo: 'Two lines\nof memo',
      supplierInvoiceNumber: 'G-2024-17',
      discount: { amount: '50.00' },
      linkedDocumentId: 'd900',
      currency: 'EUR',
    });
  });

  it('accepts a semicolon-delimited file', () => {
    const parsed = parseDocumentsCsv(fixtureText('documents-semicolon.csv'));
    expect(parsed.fileProblems).toEqual([]);
    expect(parsed.records[0]?.data).toMatchObject({
      supplierName: 'Acme; Ltd',
      lines: [{ description: 'Bolts, M8', quantity: '2', unitPrice: '10.50' }],
    });
  });

  it('names every missing required column and every unknown column', () => {
    const required = 'Required columns: number, type, supplier, date, description, quantity, unit_price.';
    const parsed = parseDocumentsCsv(fixtureText('documents-missing-columns.csv'));
    expect(parsed.records).toEqual([]);
    expect(parsed.fileProblems.map((p) => p.message)).toEqual([
      `The file has no 'quantity' column. ${required}`,
      `The file has no 'unit_price' column. ${required}`,
      expect.stringMatching(
        /^The column 'qty_ordered' is not one Ledgerbridge knows, so its values would be lost\. Rename it to one of: number, type, /,
      ),
    ]);
    expect(parsed.fileProblems.every((p) => p.row === null && p.column === null)).toBe(true);
  });

  it('reports malformed numbers, dates and types at their row and column', () => {
    const parsed = parseDocumentsCsv(fixtureText('documents-bad-values.csv'));
    expect(parsed.fileProblems).toEqual([]);
    expect(parsed.records.flatMap((r) => r.problems)).toEqual([
      {
        row: 3,
        column: 'quantity',
        message: `'12,50' contains a comma; a comma could be a decimal point or a thousands separator. ${NUMBER_HINT}`,
      },
      { row: 4, column: 'unit_price', message: `'abc' is not a number. ${NUMBER_HINT}` },
      { row: 5, column: 'quantity', message: `'1e5' is written in scientific notation. ${NUMBER_HINT}` },
      {
        row: 6,
        column: 'date',
        message:
          "'01.03.2024' is not a date in the form YYYY-MM-DD. Write dates as YYYY-MM-DD, e.g. 2024-01-31; other formats are not accepted because 03/04/2024 means different days in different countries.",
      },
      {
        row: 7,
        column: 'unit_price',
        message: `'1,234.50' contains a comma; a comma could be a decimal point or a thousands separator. ${NUMBER_HINT}`,
      },
      {
        row: 8,
        column: 'type',
        message:
          "'sales order' is not a document type. Write purchase_order, service_order, invoice or receipt.",
      },
      { row: 8, column: 'date', message: "'2024-02-30' is not a real calendar date." },
    ]);
  });

  it('groups non-adjacent rows of one number and reports header disagreements and existing numbers', () => {
    const parsed = parseDocumentsCsv(fixtureText('documents-duplicates.csv'));
    const records = resolveDocumentRecords(parsed.records, fakeLookup({ purchase_order: ['PO-1001'] }));
    expect(records.map((r) => [r.key, r.rows, r.problems])).toEqual([
      [
        'document:PO-1',
        [2, 3, 5],
        [
          {
            row: 5,
            column: 'supplier',
            message:
              "'Globex' differs from 'Acme' on row 2. All rows of document PO-1 must have the same supplier; give different documents different numbers.",
          },
          {
            row: 5,
            column: 'date',
            message:
              "'2024-03-02' differs from '2024-03-01' on row 2. All rows of document PO-1 must have the same date; give different documents different numbers.",
          },
        ],
      ],
      ['document:PO-2', [4], []],
      [
        'document:PO-1001',
        [6],
        [
          {
            row: 6,
            column: 'number',
            message:
              'Document number PO-1001 already exists. Give this purchase order another number, or remove it from the file if it was imported before.',
          },
        ],
      ],
    ]);
    expect(records.map((r) => r.input !== null)).toEqual([false, true, false]);
  });

  it('reports unknown names at the cell they came from', () => {
    const csv = [
      'number,type,supplier,date,description,quantity,unit_price,item,tax_rate,linked_document',
      'INV-1,invoice,Acme Ltd,2024-03-01,a,1,1,,,PO-9',
      'INV-1,invoice,,,b,1,1,Screws,VAT 7,',
    ].join('\n');
    const records = resolveDocumentRecords(parseDocumentsCsv(csv).records, fakeLookup());
    expect(records[0]?.problems).toEqual([
      {
        row: 2,
        column: 'supplier',
        message: "No supplier named 'Acme Ltd' exists. Create it first or import suppliers first.",
      },
      {
        row: 2,
        column: 'linked_document',
        message:
          "No purchase order or service order numbered 'PO-9' exists. Correct the number, or leave it empty.",
      },
      {
        row: 3,
        column: 'item',
        message:
          "No item named 'Screws' exists. Import the item list from your accounting system first, or correct the name.",
      },
      {
        row: 3,
        column: 'tax_rate',
        message:
          "No tax rate named 'VAT 7' exists. Add it under Tax rates on the Company page first, or correct the name.",
      },
    ]);
  });

  it('refuses a line with both an item and an account, at the account cell', () => {
    const csv = [
      'number,type,supplier,date,description,quantity,unit_price,item,account',
      'PO-7,purchase_order,Acme,2024-03-01,a,1,1,Bolts,Repairs',
      'PO-7,purchase_order,Acme,2024-03-01,b,1,1,Bolts,',
      'PO-7,purchase_order,Acme,2024-03-01,c,1,1,,Repairs',
    ].join('\n');
    const [record] = resolveDocumentRecords(parseDocumentsCsv(csv).records, fakeLookup());
    expect(record?.problems).toEqual([
      {
        row: 2,
        column: 'account',
        message:
          'This line has both an item and an account. A line goes as an item or to an account, never both: clear one of them.',
      },
    ]);
    expect(record?.input).toBeNull();
  });

  it('checks the rules between cells: discounts, links, due dates, empty values', () => {
    const csv = [
      'number,type,supplier,date,due_date,description,quantity,unit_price,discount_percent,discount_amount,line_discount_percent,linked_document',
      'PO-1,purchase_order,Acme,2024-03-10,2024-03-01,a,,1,5,10,101,PO-0900',
      ',purchase_order,Acme,2024-03-10,,a,1,1,,,,',
      'PO-2,purchase_order,Acme,2024-03-10,,a,1,1,5,,,',
      'PO-2,purchase_order,Acme,2024-03-10,,b,1,1,5.00,,,',
      'PO-2,purchase_order,Acme,2024-03-10,,c,1,1,6,,,',
    ].join('\r\n');
    const parsed = parseDocumentsCsv(csv);
    expect(parsed.records.map((r) => r.problems)).toEqual([
      [
        {
          row: 2,
          column: 'linked_document',
          message:
            'A purchase order cannot be linked to another document; only invoices and receipts link to the order they belong to.',
        },
        {
          row: 2,
          column: 'due_date',
          message: 'The due date 2024-03-01 is before the document date 2024-03-10.',
        },
        {
          row: 2,
          column: 'discount_amount',
          message: 'Give the discount either as discount_percent or as discount_amount, not both.',
        },
        { row: 2, column: 'quantity', message: 'The quantity is empty. Write how many, e.g. 1 or 2.5.' },
        { row: 2, column: 'line_discount_percent', message: "'101' is not a percentage between 0 and 100." },
      ],
      [
        {
          row: 3,
          column: 'number',
          message: 'The document number is empty. Every row needs the number of the document it belongs to.',
        },
      ],
      [
        {
          row: 6,
          column: 'discount_percent',
          message:
            "'6' differs from '5' on row 4. All rows of document PO-2 must have the same discount_percent; give different documents different numbers.",
        },
      ],
    ]);
    expect(parsed.records[1]?.label).toBe('Row 3');
  });

  it('reports an unclosed quote, a row with too many values and a header-only file as file problems', () => {
    const head = 'number,type,supplier,date,description,quantity,unit_price';
    expect(
      parseDocumentsCsv(`${head}\nPO-1,purchase_order,Acme,2024-03-01,"open,1,1\n`).fileProblems,
    ).toEqual([
      expect.objectContaining({
        row: 2,
        column: null,
        message: expect.stringContaining('A quoted value is never closed'),
      }),
    ]);
    expect(
      parseDocumentsCsv(`${head}\nPO-1,purchase_order,Acme,2024-03-01,Bolts, M8,1,1\n`).fileProblems,
    ).toEqual([
      {
        row: 2,
        column: null,
        message:
          "This row has 8 values but the header names 7 columns. A value that contains ',' must be put in double quotes.",
      },
    ]);
    expect(parseDocumentsCsv(`${head}\r\n\r\n`).fileProblems).toEqual([
      { row: null, column: null, message: 'The file has a header row but no documents below it.' },
    ]);
  });

  it('applies the document rules of documents.create and points their problems at the file cell', () => {
    const csv = [
      'number,type,supplier,date,currency,description,quantity,unit_price,discount_amount',
      'PO-1,purchase_order,Globex,2024-03-01,USD,a,1,10,',
      'PO-2,purchase_order,Acme,2024-03-01,,a,1,10,10.005',
    ].join('\n');
    const records = resolveDocumentRecords(parseDocumentsCsv(csv).records, fakeLookup());
    expect(records.map((r) => r.problems.map((p) => [p.row, p.column]))).toEqual([
      [[2, 'currency']],
      [[3, 'discount_amount']],
    ]);
    expect(records[0]?.problems[0]?.message).toContain('Globex bills in EUR');
    expect(records.every((r) => r.input === null)).toBe(true);
  });

  it('matches column names regardless of case, spaces, underscores and dashes', () => {
    const parsed = parseDocumentsCsv(
      ' NUMBER ,Type,supplier-name,DATE,Description,qty,Unit  Price\nPO-1,bill,Acme,2024-01-31,x,1,2\n',
    );
    expect(parsed.fileProblems).toEqual([]);
    expect(parsed.records[0]?.data).toMatchObject({
      type: 'invoice',
      supplierName: 'Acme',
      lines: [{ quantity: '1', unitPrice: '2' }],
    });
  });
});
