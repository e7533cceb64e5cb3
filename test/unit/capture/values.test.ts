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
