import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import { formatMinor } from '../../../main/domain/money';
import {
  computeTotals,
  type DiscountInput,
  formatLineTotals,
  formatTotals,
  type TotalsLineInput,
} from '../../../main/domain/totals';

describe('computeTotals: examples', () => {
  it('three lines, line discounts, a 5 % document discount and tax', () => {
    const result = computeTotals({
      decimals: 2,
      discount: { percent: '5' },
      lines: [
        { quantity: '3', unitPrice: '19.99', discount: null, taxPercent: '20' },
        { quantity: '2.5', unitPrice: '4.333', discount: { percent: '10' }, taxPercent: '20' },
        { quantity: '1', unitPrice: '100.00', discount: { amount: '5.00' }, taxPercent: null },
      ],
    });
    // amounts 59.97, 10.8325 → 10.83, 100.00; line discounts 0, 1.083 → 1.08, 5.00
    // Σ lineNet = 59.97 + 9.75 + 95.00 = 164.72; 5 % = 8.236 → 8.24, spread 300/49/475 by largest remainder
    expect(result.lines).toEqual([
      { amount: 5997, lineDiscount: 0, documentDiscount: 300, netAmount: 5697, tax: 1139 },
      { amount: 1083, lineDiscount: 108, documentDiscount: 49, netAmount: 926, tax: 185 },
      { amount: 10000, lineDiscount: 500, documentDiscount: 475, netAmount: 9025, tax: 0 },
    ]);
    expect(result.linesNet).toBe(16472);
    expect(result.documentDiscount).toBe(824);
    expect(result.totals).toEqual({ subtotal: 17080, discount: 1432, net: 15648, tax: 1324, gross: 16972 });
    expect(formatTotals(result.totals, 2)).toEqual({
      subtotal: '170.80',
      discount: '14.32',
      net: '156.48',
      tax: '13.24',
      gross: '169.72',
    });
    expect(formatLineTotals(result.lines[1]!, 2)).toEqual({
      amount: '10.83',
      netAmount: '9.26',
      tax: '1.85',
    });
  });

  it('spreads an amount discount so the lines add up to the cent', () => {
    const result = computeTotals({
      decimals: 2,
      discount: { amount: '10.00' },
      lines: [
        { quantity: '1', unitPrice: '10', taxPercent: null },
        { quantity: '1', unitPrice: '10', taxPercent: null },
        { quantity: '1', unitPrice: '10', taxPercent: null },
      ],
    });
    expect(result.lines.map((l) => l.documentDiscount)).toEqual([334, 333, 333]);
    expect(result.lines.map((l) => l.netAmount)).toEqual([666, 667, 667]);
    expect(result.totals).toEqual({ subtotal: 3000, discount: 1000, net: 2000, tax: 0, gross: 2000 });
  });

  it('works in a zero-decimal currency', () => {
    const result = computeTotals({
      decimals: 0,
      discount: { percent: '3' },
      lines: [{ quantity: '3', unitPrice: '333.5', taxPercent: '10' }],
    });
    // 1000.5 → 1001 yen; 3 % = 30.03 → 30; net 971; tax 97.1 → 97
    expect(result.lines[0]).toEqual({
      amount: 1001,
      lineDiscount: 0,
      documentDiscount: 30,
      netAmount: 971,
      tax: 97,
    });
    expect(result.totals.gross).toBe(1068);
  });

  it('returns zeros for a document without lines, leaving an unplaceable discount out of the totals', () => {
    const result = computeTotals({ decimals: 2, discount: { amount: '5' }, lines: [] });
    expect(result.lines).toEqual([]);
    expect(result.documentDiscount).toBe(500);
    expect(result.totals).toEqual({ subtotal: 0, discount: 0, net: 0, tax: 0, gross: 0 });
  });

  it('returns negative numbers, unclamped, when a discount exceeds what it applies to', () => {
    const result = computeTotals({
      decimals: 2,
      discount: null,
      lines: [{ quantity: '1', unitPrice: '10', discount: { amount: '15' }, taxPercent: '10' }],
    });
    expect(result.lines[0]).toEqual({
      amount: 1000,
      lineDiscount: 1500,
      documentDiscount: 0,
      netAmount: -500,
      tax: -50,
    });
    expect(result.totals).toEqual({ subtotal: 1000, discount: 1500, net: -500, tax: -50, gross: -550 });
  });

  it('gives no document-discount share to a line whose net is negative', () => {
    const result = computeTotals({
      decimals: 2,
      discount: { amount: '1.00' },
      lines: [
        { quantity: '1', unitPrice: '10', taxPercent: null },
        { quantity: '1', unitPrice: '1', discount: { amount: '2' }, taxPercent: null },
      ],
    });
    expect(result.lines.map((l) => l.documentDiscount)).toEqual([100, 0]);
    expect(result.totals.net).toBe(1000 - 100 - 100);
  });

  it('throws invalid_input for figures beyond the safe range', () => {
    const lines = Array.from({ length: 2 }, () => ({
      quantity: '1',
      unitPrice: '50000000000000',
      taxPercent: null,
    }));
    try {
      computeTotals({ decimals: 2, discount: null, lines });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid_input');
      expect((error as AppError).userMessage).toContain('The subtotal is too large');
    }
  });
});

const decimalText = (maxUnits: number, maxScale: number, minUnits = 0) =>
  fc
    .tuple(fc.integer({ min: minUnits, max: maxUnits }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => formatMinor(units, scale));

const discountArb = (decimals: number): fc.Arbitrary<DiscountInput> =>
  fc.oneof(
    fc.constant(null),
    decimalText(10_000, 2)
      .filter((p) => Number(p) <= 100)
      .map((percent) => ({ percent })),
    fc
      .integer({ min: -5_000_000, max: 5_000_000 })
      .map((minor) => ({ amount: formatMinor(minor, decimals) })),
  );

const lineArb = (decimals: number): fc.Arbitrary<TotalsLineInput> =>
  fc.record({
    // negative quantities and amounts are refused by validation, but the arithmetic must still add up
    quantity: decimalText(10_000, 3, -10_000),
    unitPrice: decimalText(1_000_000, 4),
    discount: discountArb(decimals),
    taxPercent: fc.oneof(fc.constant(null), decimalText(3000, 2)),
  });

describe('computeTotals: properties', () => {
  it('Σ netAmount === net, and the totals add up, for any lines and discounts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2, 3).chain((decimals) =>
          fc.record({
            decimals: fc.constant(decimals),
            discount: discountArb(decimals),
            lines: fc.array(lineArb(decimals), { minLength: 1, maxLength: 12 }),
          }),
        ),
        (input) => {
          const { lines, totals, documentDiscount } = computeTotals(input);
          const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((acc, l) => acc + f(l), 0);
          expect(sum((l) => l.netAmount)).toBe(totals.net);
          expect(sum((l) => l.amount)).toBe(totals.subtotal);
          expect(totals.net).toBe(totals.subtotal - totals.discount);
          expect(sum((l) => l.lineDiscount) + sum((l) => l.documentDiscount)).toBe(totals.discount);
          expect(sum((l) => l.documentDiscount)).toBe(documentDiscount);
          expect(sum((l) => l.tax)).toBe(totals.tax);
          expect(totals.gross).toBe(totals.net + totals.tax);
          for (const l of lines) expect(l.netAmount).toBe(l.amount - l.lineDiscount - l.documentDiscount);
        },
      ),
      { numRuns: 300 },
    );
  });
});
