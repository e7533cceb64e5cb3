import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareImport, type ImportLookup } from '../../../main/domain/import';
import { fakeLookup } from './helpers';

const context = { lookup: fakeLookup(), existingSupplierNames: () => ['Acme'] };
const kinds = ['documents', 'suppliers'] as const;
const formats = ['csv', 'json'] as const;

function run(file: { content?: string; contentBase64?: string }, lookup: ImportLookup = context.lookup) {
  for (const kind of kinds) {
    for (const format of formats) {
      const result = prepareImport({ kind, format, ...file }, { ...context, lookup });
      expect(result.preview.validCount + result.preview.invalidCount).toBe(result.records.length);
      if (result.fileProblems.length > 0) expect(result.records).toEqual([]);
      for (const r of result.records) expect(r.input === null).toBe(r.problems.length > 0);
    }
  }
}

const header =
  'number,type,supplier,date,description,quantity,unit_price,discount_percent,line_discount_amount,tax_rate';
const cellText = fc.oneof(
  fc.constantFrom(
    '',
    'PO-1',
    'PO-2',
    'purchase_order',
    'bill',
    'Acme',
    'Globex',
    '2024-01-31',
    '1',
    '0.5',
    '-2',
    '1e5',
    '12,50',
    'VAT 20',
    '100',
    '"',
    '""',
    '\r\n',
    ';',
  ),
  fc.string({ maxLength: 8 }),
);
const csvText = fc
  .array(fc.array(cellText, { minLength: 1, maxLength: 12 }), { maxLength: 8 })
  .chain((rows) =>
    fc
      .constantFrom(',', ';', '\t')
      .map((d) => [header.replaceAll(',', d), ...rows.map((r) => r.join(d))].join('\r\n')),
  );

describe('the importer never throws on bad input', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
        run({ contentBase64: Buffer.from(bytes).toString('base64') }),
      ),
      { numRuns: 300 },
    );
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (content) => run({ content })),
      { numRuns: 300 },
    );
  });

  it('random CSV built from plausible and implausible cells', () => {
    fc.assert(
      fc.property(csvText, (content) => run({ content })),
      { numRuns: 300 },
    );
  });

  it('random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        run({ content: JSON.stringify(value) });
        run({ content: JSON.stringify({ documents: [value], suppliers: [value] }) });
      }),
      { numRuns: 300 },
    );
  });
});
