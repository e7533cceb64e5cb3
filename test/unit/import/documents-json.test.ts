import { describe, expect, it } from 'vitest';
import { buildPreview, parseDocumentsJson, resolveDocumentRecords } from '../../../main/domain/import';
import { fakeLookup, fixtureText } from './helpers';

describe('documents JSON', () => {
  it('reads {documents: [...]} with names for references and resolves them', () => {
    const parsed = parseDocumentsJson(fixtureText('documents-good.json'));
    expect(parsed.fileProblems).toEqual([]);
    const records = resolveDocumentRecords(parsed.records, fakeLookup());
    expect(records[0]?.input).toEqual({
      type: 'purchase_order',
      number: 'PO-2001',
      supplierId: 's1',
      date: '2024-04-01',
      dueDate: null,
      currency: 'USD',
      supplierInvoiceNumber: null,
      memo: null,
      discount: { percent: '5' },
      linkedDocumentId: null,
      lines: [
        {
          description: 'Bolts',
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
          description: 'Labour',
          quantity: '2',
          unitPrice: '45.00',
          discount: null,
          itemId: null,
          accountId: 'a1',
          taxRateId: null,
          customerId: null,
          classId: null,
          locationId: null,
          departmentId: null,
        },
      ],
    });
    // PO-0900 belongs to Globex in EUR; this invoice is Acme's in USD.
    expect(records[1]?.problems).toEqual([
      {
        row: 2,
        column: 'linkedDocumentNumber',
        message:
          'The linked purchase order PO-0900 is for another supplier; link an order of the same supplier, or change the supplier.',
      },
      {
        row: 2,
        column: 'currency',
        message:
          'This invoice is in USD, but the linked purchase order PO-0900 is in EUR; both must use the same currency.',
      },
    ]);
    // 25.00 + 90.00 = 115.00, less 5 % = 109.25 (23.75 + 85.50); tax 20 % of 23.75 = 4.75 → 114.00
    expect(buildPreview(records).records.map((r) => r.summary)).toEqual([
      'Purchase order PO-2001 · Acme, Ltd · 2 lines · 114.00 USD',
      'Invoice INV-9 · Acme, Ltd · 1 line · 12.50 USD',
    ]);
  });

  it('accepts a bare array', () => {
    const parsed = parseDocumentsJson(
      JSON.stringify([{ type: 'receipt', supplierId: 's1', date: '2024-01-01', lines: [] }]),
    );
    expect(parsed.records[0]?.problems).toEqual([]);
    expect(parsed.records[0]?.label).toBe('Receipt (record 1)');
  });

  it('maps zod issues to problems with the record index and the field path', () => {
    const records = resolveDocumentRecords(
      parseDocumentsJson(fixtureText('documents-bad.json')).records,
      fakeLookup(),
    );
    expect(records.map((r) => r.problems)).toEqual([
      [
        { row: 1, column: 'date', message: 'date is not a real calendar date.' },
        {
          row: 1,
          column: 'lines.2.quantity',
          message:
            'quantity must be a number written as text with digits and an optional decimal point, e.g. "1234.50".',
        },
        {
          row: 1,
          column: 'lines.2.unitPrice',
          message:
            'unitPrice must be a number written as text with digits and an optional decimal point, e.g. "1234.50": put it in quotes ("3.5") so that no digits are lost.',
        },
      ],
      [
        {
          row: 2,
          column: 'type',
          message: 'type must be one of "purchase_order", "service_order", "invoice", "receipt".',
        },
        {
          row: 2,
          column: 'lines.0.unitprice',
          message:
            'unitprice is not a field Ledgerbridge knows. Known fields here: description, quantity, unitPrice, discount, itemId, itemName, accountId, accountName, taxRateId, taxRateName, customerId, customerName, classId, className, locationId, locationName, departmentId, departmentName.',
        },
        {
          row: 2,
          column: 'companyId',
          message:
            'companyId is not allowed here: records are imported into the company you are importing into.',
        },
      ],
      [{ row: 3, column: null, message: 'This record is not a document object {...}.' }],
      [
        {
          row: 4,
          column: 'supplierName',
          message: "No supplier named 'Nobody Inc' exists. Create it first or import suppliers first.",
        },
        {
          row: 4,
          column: 'lines.0.className',
          message:
            "No class named 'Nope' exists. Import the class list from your accounting system first, or correct the name.",
        },
      ],
    ]);
    expect(records.every((r) => r.input === null)).toBe(true);
  });

  it('reports required fields, conflicting references and duplicate numbers', () => {
    const parsed = parseDocumentsJson(
      JSON.stringify([
        {
          type: 'invoice',
          number: 'I-1',
          date: '2024-01-01',
          lines: [{ quantity: '1', unitPrice: '1', itemId: 'x', itemName: 'y' }],
        },
        { type: 'invoice', number: 'I-2', supplierName: 'Acme', date: '2024-01-01', lines: [] },
        { type: 'invoice', number: 'I-2', supplierName: 'Acme', date: '2024-01-01', lines: [] },
        { type: 'receipt', number: 'I-2', supplierName: 'Acme', date: '2024-01-01' },
      ]),
    );
    expect(parsed.records.map((r) => r.problems)).toEqual([
      [
        { row: 1, column: 'lines.0.itemName', message: 'itemName give either itemId or itemName, not both.' },
        { row: 1, column: 'supplierName', message: 'supplierName is required (or give supplierId).' },
      ],
      [],
      [
        {
          row: 3,
          column: 'number',
          message: 'Document number I-2 is also used by record 2. Give each document its own number.',
        },
      ],
      [{ row: 4, column: 'lines', message: 'lines is required.' }],
    ]);
  });

  it('reports malformed JSON with the line and column of the syntax error', () => {
    expect(parseDocumentsJson(fixtureText('documents-syntax.json.txt')).fileProblems).toEqual([
      {
        row: null,
        column: null,
        message: "The file is not valid JSON: Expected ',' or '}' after property value at line 5, column 5.",
      },
    ]);
    expect(parseDocumentsJson('[{"type": "invoice",').fileProblems[0]?.message).toBe(
      'The file is not valid JSON: Expected double-quoted property name at line 1, column 21.',
    );
    expect(parseDocumentsJson('[\n1,').fileProblems[0]?.message).toBe(
      'The file is not valid JSON: the file ends at line 2, column 3 before the JSON is complete (a ] or } may be missing).',
    );
    expect(parseDocumentsJson('{"docs": []}').fileProblems[0]?.message).toBe(
      'The JSON must be a list of documents ([ {...}, {...} ]) or an object {"documents": [ ... ]}.',
    );
    expect(parseDocumentsJson('[]').fileProblems[0]?.message).toBe('The file contains no documents.');
  });
});
