// Dates as real invoices print them beyond the plain forms: ordinal days in English, French, Spanish, Portuguese
// and Italian, month abbreviations with or without their dot in the seven languages, dashed and slashed forms,
// two-digit years, and the compact ISO date ("20240301") — read only where a date label stands beside it, never
// as any eight-digit number (an order or a customer number).
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { readReference } from '../../../main/domain/capture/fields.js';
import { fullYear, parseDate, type DateOrder } from '../../../main/domain/capture/values.js';
import { pageOf } from '../../fixtures/capture/page.js';

describe('ordinal days', () => {
  it.each([
    ['5th of March 2024', '2024-03-05'],
    ['the 1st of December, 2024', '2024-12-01'],
    ['March 5th, 2024', '2024-03-05'],
    ['Dec. 22nd 2024', '2024-12-22'],
    ['1st Mar 2024', '2024-03-01'],
    ['23rd April 2024', '2024-04-23'],
    ['5TH OF MARCH 2024', '2024-03-05'],
    ['1er mars 2024', '2024-03-01'],
    ['1ER JANVIER 2025', '2025-01-01'],
    ['1º de marzo de 2024', '2024-03-01'],
    ['1.º de marzo de 2024', '2024-03-01'],
    ['1.º de março de 2024', '2024-03-01'],
    ['1º de Abril de 2024', '2024-04-01'],
    ['1° marzo 2024', '2024-03-01'],
    ['1º maggio 2024', '2024-05-01'],
  ])('"%s" → %s', (text, value) => {
    expect(parseDate(text, 'mdy')?.value).toBe(value);
    expect(parseDate(text, 'dmy')?.value).toBe(value);
  });

  it('gives the whole printed date as its place in the text, ordinal ending included', () => {
    // Callers pick the words of the date by these positions (the review screen's box around it).
    const text = 'Invoice date: March 5th, 2024 (net 30)';
    const parsed = parseDate(text, 'mdy');
    expect(parsed && text.slice(parsed.index, parsed.index + parsed.length)).toBe('March 5th, 2024');
    const french = 'Date : 1er mars 2024';
    const fr = parseDate(french, 'dmy');
    expect(fr && french.slice(fr.index, fr.index + fr.length)).toBe('1er mars 2024');
  });

  it('takes the year of the next date for an ordinal day and month without one', () => {
    expect(parseDate('from the 3rd of May to the 2nd of June 2024', 'dmy')?.value).toBe('2024-05-03');
    expect(parseDate('du 1er mai au 31 mai 2024', 'dmy')?.value).toBe('2024-05-01');
  });
});

describe('month abbreviations, with or without their dot', () => {
  it.each([
    ['en', 'Jan. 5, 2024', '2024-01-05'],
    ['en', 'Jan 5, 2024', '2024-01-05'],
    ['en', '5 Sept. 2024', '2024-09-05'],
    ['de', '5. Jän. 2024', '2024-01-05'],
    ['de', '5. Jän 2024', '2024-01-05'],
    ['de', '5. Mrz. 2024', '2024-03-05'],
    ['de', '5 Mrz 2024', '2024-03-05'],
    ['de', '5. Dez. 2024', '2024-12-05'],
    ['fr', '5 janv. 2024', '2024-01-05'],
    ['fr', '5 janv 2024', '2024-01-05'],
    ['fr', '5 févr. 2024', '2024-02-05'],
    ['fr', '5 juil. 2024', '2024-07-05'],
    ['nl', '5 jan. 2024', '2024-01-05'],
    ['nl', '5 mrt 2024', '2024-03-05'],
    ['nl', '5 okt. 2024', '2024-10-05'],
    ['es', '5 ene. 2024', '2024-01-05'],
    ['es', '5-ene-2024', '2024-01-05'],
    ['es', '5 de sept. de 2024', '2024-09-05'],
    ['it', '5 genn. 2024', '2024-01-05'],
    ['it', '5 gen 2024', '2024-01-05'],
    ['it', '5 set. 2024', '2024-09-05'],
    ['pt', '5 de jan. de 2024', '2024-01-05'],
    ['pt', '5 fev 2024', '2024-02-05'],
    ['pt', '5 de out. de 2024', '2024-10-05'],
  ])('%s: "%s" → %s', (_language, text, value) => {
    expect(parseDate(text, 'dmy')?.value).toBe(value);
    expect(parseDate(text, 'mdy')?.value).toBe(value);
  });
});

describe('dashed, slashed and two-digit-year forms', () => {
  it.each([
    ['2024/03/01', 'mdy', '2024-03-01', false],
    ['01-Mar-2024', 'mdy', '2024-03-01', false],
    ['01-MAR-24', 'mdy', '2024-03-01', false],
    ['Mar-01-2024', 'dmy', '2024-03-01', false],
    ['MAR-01-24', 'dmy', '2024-03-01', false],
    ['Mar 01, 24', 'dmy', '2024-03-01', false],
    // Two-digit years are decided as four-digit ones are: by a day over 12, else the page's convention.
    ['03/05/24', 'dmy', '2024-05-03', true],
    ['03/05/24', 'mdy', '2024-03-05', true],
    ['13/05/24', 'mdy', '2024-05-13', false],
    ['05/13/24', 'dmy', '2024-05-13', false],
    ['03.05.24', 'mdy', '2024-05-03', false],
  ] as const)('"%s" (%s) → %s', (text, order, value, ambiguous) => {
    expect(parseDate(text, order)).toMatchObject({ value, ambiguous });
  });

  it('takes no two-digit year after a month and day with only a space between', () => {
    // "May 12 24" may be a day and a count; a comma or dashes make it a year.
    expect(parseDate('May 12 24', 'mdy')).toBeNull();
  });

  it('reads a two-digit year within 80 years before and 20 after the present, not always as 20xx', () => {
    // A contract start, a date of birth on a folio, an old reference date: "98" is 1998, not 2098.
    expect(parseDate('12/31/98', 'mdy')?.value).toBe('1998-12-31');
    expect(parseDate('31-Dec-98', 'dmy')?.value).toBe('1998-12-31');
    expect(parseDate('Dec 31, 98', 'mdy')?.value).toBe('1998-12-31');
    // The window slides with the year it is read in.
    expect(fullYear(98, 2026)).toBe(1998);
    expect(fullYear(24, 2026)).toBe(2024);
    expect(fullYear(46, 2026)).toBe(2046);
    expect(fullYear(47, 2026)).toBe(1947);
    expect(fullYear(5, 2090)).toBe(2105);
    expect(fullYear(10, 2090)).toBe(2110);
    expect(fullYear(11, 2090)).toBe(2011);
    expect(fullYear(0, 2000)).toBe(2000);
    expect(fullYear(99, 2000)).toBe(1999);
  });

  it('decides a two-digit-year date by the page', () => {
    expect(parseDate('03/05/24', 'dmy', { decided: true })).toMatchObject({
      value: '2024-05-03',
      ambiguous: false,
    });
  });
});

describe('compact ISO dates ("20240301")', () => {
  it('reads one at the start of what a date label holds', () => {
    for (const text of ['20240301', ': 20240301', '20240301 (net 30)']) {
      expect(parseDate(text, 'dmy', { labelled: true })?.value, text).toBe('2024-03-01');
    }
    const text = ': 20240301';
    const parsed = parseDate(text, 'dmy', { labelled: true });
    expect(parsed && text.slice(parsed.index, parsed.index + parsed.length)).toBe('20240301');
  });

  it('reads none without a label, nor one that is no date or is part of a longer number', () => {
    expect(parseDate('20240301', 'dmy')).toBeNull();
    expect(parseDate('Order 20240301', 'dmy')).toBeNull();
    for (const text of ['20241301', '20240231', '12345678', '20240301-0042', '202403011', '20240301A']) {
      expect(parseDate(text, 'dmy', { labelled: true }), text).toBeNull();
    }
  });

  it('leaves an eight-digit number a number', () => {
    const words = [{ text: '20240301', page: 1, confidence: 1, box: { x: 0.1, y: 0.1, w: 0.1, h: 0.01 } }];
    expect(readReference(words)?.value).toBe('20240301');
  });

  const page = (dateCells: [number, number, string, number?][]) =>
    pageOf([
      [40, 40, 'Harbour Freight Forwarding BV', 18],
      [40, 130, 'Northwind Facilities', 10],
      [330, 120, 'Invoice no.', 10],
      [460, 120, 'HF-88213', 10],
      [330, 152, 'Order no.', 10],
      [460, 152, '20240215', 10],
      [330, 168, 'Customer no.', 10],
      [460, 168, '20231107', 10],
      ...dateCells,
      [330, 300, 'Subtotal', 10],
      [480, 300, '100.00', 10],
      [330, 316, 'VAT 21%', 10],
      [480, 316, '21.00', 10],
      [330, 332, 'Total', 10],
      [480, 332, '121.00', 10],
    ]);

  it('reads the invoice date printed compact beside its label, and no order number as a date', () => {
    const x = extractInvoice(
      [
        page([
          [330, 136, 'Invoice date:', 10],
          [460, 136, '20240301', 10],
        ]),
      ],
      { dateOrder: 'dmy' as DateOrder, ownNames: ['Northwind Facilities'] },
    );
    expect(x.date?.value).toBe('2024-03-01');
    expect(x.orderNumber?.value).toBe('20240215');
    expect(x.dueDate).toBeNull();
  });

  it('finds no date on a page whose only eight-digit figures are numbers', () => {
    const x = extractInvoice([page([])], { dateOrder: 'dmy', ownNames: ['Northwind Facilities'] });
    expect(x.date).toBeNull();
    expect(x.orderNumber?.value).toBe('20240215');
  });
});
