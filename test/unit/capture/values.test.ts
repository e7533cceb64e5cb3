import { describe, expect, it } from 'vitest';
import {
  currencyHits,
  detectDecimalMark,
  parseAmount,
  parseDate,
} from '../../../main/domain/capture/values.js';

describe('parseAmount', () => {
  it.each([
    ['1,234.56', 'point', '1234.56'],
    ['$1,234.56', 'point', '1234.56'],
    ['1.234,56 €', 'comma', '1234.56'],
    ['95,86', 'comma', '95.86'],
    ['£0.50', 'point', '0.50'],
    ['(12.00)', 'point', '-12.00'],
    ['12.00-', 'point', '-12.00'],
    ['AUD 5,524.98', 'point', '5524.98'],
    ['1O0.00', 'point', '100.00'], // OCR's O for 0
    ['1.41048', 'comma', '1410.48'], // decimal comma lost by OCR after a thousands point
    ['2,5', 'comma', '2.5'],
    ['1,150', 'point', '1150'],
    ['73,17¢€', 'comma', '73.17'],
  ] as const)('%s (%s) → %s', (text, mark, expected) => {
    expect(parseAmount(text, mark)).toBe(expected);
  });

  it.each(['', 'Total', 'INV-1042', '12/03/2026'])('%s is not an amount', (text) => {
    expect(parseAmount(text)).toBeNull();
  });
});

describe('detectDecimalMark', () => {
  it('reads the mark from how amounts end', () => {
    expect(detectDecimalMark(['Total 1.234,56 €', 'VAT 19% 197,11 €'])).toBe('comma');
    expect(detectDecimalMark(['Total $1,234.56', 'Tax 101.87'])).toBe('point');
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-03-12', 'dmy', '2026-03-12', false],
    ['12/03/2026', 'dmy', '2026-03-12', true],
    ['03/12/2026', 'mdy', '2026-03-12', true],
    ['28/07/2025', 'mdy', '2025-07-28', false], // the day cannot be the month
    ['07/28/2025', 'dmy', '2025-07-28', false],
    ['12.03.2026', 'mdy', '2026-03-12', false], // dotted dates are day first
    ['12 Mar 2026', 'mdy', '2026-03-12', false],
    ['March 12, 2026', 'dmy', '2026-03-12', false],
    ['12th March 2026', 'mdy', '2026-03-12', false],
    ['Date: 1-Feb-26', 'mdy', '2026-02-01', false],
  ] as const)('%s (%s) → %s', (text, order, value, ambiguous) => {
    expect(parseDate(text, order)).toMatchObject({ value, ambiguous });
  });

  it('refuses dates that do not exist', () => {
    expect(parseDate('31/02/2026', 'dmy')).toBeNull();
    expect(parseDate('no date here', 'dmy')).toBeNull();
  });

  it.each([
    ['en', 'Issued May 3 · Due May 17, 2024', '2024-05-03'],
    ['en', 'Apr 1 – Apr 30, 2024', '2024-04-01'],
    ['en', 'Dec 28 – Jan 27, 2025', '2024-12-28'],
    ['de', '3. Mai – 2. Juni 2024', '2024-05-03'],
    ['fr', 'du 3 mai au 2 juin 2024', '2024-05-03'],
    ['nl', '3 mei t/m 2 juni 2024', '2024-05-03'],
    ['es', 'del 3 de mayo al 2 de junio de 2024', '2024-05-03'],
    ['it', 'dal 3 maggio al 2 giugno 2024', '2024-05-03'],
    ['pt', 'de 3 de maio a 2 de junho de 2024', '2024-05-03'],
  ] as const)('%s: a date without its year shares the next date\'s ("%s")', (_language, text, value) => {
    expect(parseDate(text, 'dmy')?.value).toBe(value);
  });

  it('takes no year for a date without one from far away or from before it, nor a verb for a month', () => {
    expect(parseDate('May 3', 'mdy')).toBeNull();
    expect(parseDate('3 May 2024 – 17 May 2024', 'dmy')?.value).toBe('2024-05-03');
    expect(parseDate('You may 3 times a day. 12 May 2024', 'dmy')?.value).toBe('2024-05-12');
    expect(
      parseDate('Shipped May 3 to the warehouse in Utrecht, Netherlands. Invoiced 12 June 2024', 'dmy')
        ?.value,
    ).toBe('2024-06-12');
  });

  it('finds a date after a figure, a word and a figure that are not one ("12 items 12 May 2024")', () => {
    expect(parseDate('Order 12 items 12 May 2024', 'dmy')?.value).toBe('2024-05-12');
    expect(parseDate('Total 3 boxes May 12, 2024', 'dmy')?.value).toBe('2024-05-12');
  });
});

describe('currencyHits', () => {
  it('tells currencies by code and sign', () => {
    expect(currencyHits('Total AUD 12.00').map((h) => h.code)).toEqual(['AUD']);
    expect(currencyHits('12,00 €').map((h) => h.code)).toEqual(['EUR']);
    expect(currencyHits('£5').map((h) => h.code)).toEqual(['GBP']);
    expect(currencyHits('A$5').map((h) => h.code)).toEqual(['AUD']);
    expect(currencyHits('$5')[0]).toMatchObject({ code: 'USD', strength: 0.7 });
  });
});

describe('OCR slips in amounts', () => {
  it('reads a colon between digits as the decimal point', () => {
    expect(parseAmount('78:52')).toBe('78.52');
  });
});
