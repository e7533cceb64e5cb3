// Rules found on the invoices of further tools and suppliers (the world corpus's version 21 layouts, tune-world.ts):
// each block is one rule, with the wording or arrangement of real invoices that needs it.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { readReference } from '../../../main/domain/capture/fields.js';
import { pageOf } from '../../fixtures/capture/page.js';

const words = (text: string) => pageOf([[40, 100, text, 10]]).words;

describe('invoice numbers with a three-letter prefix', () => {
  it('keeps three capitals that start a number whose figures follow', () => {
    expect(readReference(words('FPR 48/24'))?.value).toBe('FPR 48/24');
    expect(readReference(words('INV 2024 0008'))?.value).toBe('INV 2024 0008');
  });

  it('still stops at a currency code, and takes no three-letter word without figures after it', () => {
    expect(readReference(words('EUR 1234'))).toBeNull();
    expect(readReference(words('12345 EUR'))?.value).toBe('12345');
    expect(readReference(words('for 12 items'))).toBeNull();
    expect(readReference(words('ABC Datum'))).toBeNull();
  });

  it('reads one under its heading in a row of headings', () => {
    const x = extractInvoice(
      [
        pageOf([
          [40, 40, 'Rossi Forniture S.r.l.', 14],
          [40, 100, 'Tipologia documento', 8],
          [200, 100, 'Numero documento', 8],
          [340, 100, 'Data documento', 8],
          [40, 114, 'TD01 fattura', 8],
          [200, 114, 'FPR 48/24', 8],
          [340, 114, '28-02-2024', 8],
        ]),
      ],
      { dateOrder: 'dmy' },
    );
    expect(x.invoiceNumber?.value).toBe('FPR 48/24');
    expect(x.date?.value).toBe('2024-02-28');
  });
});
