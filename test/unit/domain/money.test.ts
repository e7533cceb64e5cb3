import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import {
  allocateLargestRemainder,
  allocateLargestRemainderBig,
  formatMinor,
  lineAmountMinor,
  percentOfMinor,
  toMinor,
} from '../../../main/domain/money';
import { thrown } from '../../fixtures/thrown';

describe('toMinor', () => {
  it('converts exactly', () => {
    expect(toMinor('1234.5', 2)).toBe(123450);
    expect(toMinor('1234.50', 2)).toBe(123450);
    expect(toMinor('0.01', 2)).toBe(1);
    expect(toMinor('-0.05', 2)).toBe(-5);
    expect(toMinor('12', 0)).toBe(12);
    expect(toMinor('1.234', 3)).toBe(1234);
    expect(toMinor('0.29', 2)).toBe(29); // 0.29 * 100 is 28.999999999999996 as a float
    expect(toMinor('12.500', 2)).toBe(1250); // trailing zeros are not extra precision
  });

  it('refuses more decimals than the currency has, and suggests the rounded value', () => {
    const error = thrown(() => toMinor('1.005', 2, 'USD'));
    expect(error.code).toBe('invalid_input');
    expect(error.userMessage).toBe(
      'The amount 1.005 has too many decimal places: USD amounts have at most 2 decimal places. Round it, for example to 1.01.',
    );
    expect(thrown(() => toMinor('100.5', 0, 'JPY')).userMessage).toBe(
      'The amount 100.5 has too many decimal places: JPY amounts are whole numbers. Round it, for example to 101.',
    );
    expect(thrown(() => toMinor('1.0001', 3)).userMessage).toContain(
      'amounts in this currency have at most 3',
    );
  });

  it('refuses malformed text', () => {
    expect(thrown(() => toMinor('12,50', 2)).userMessage).toContain('use a point (.) for decimals');
    expect(thrown(() => toMinor('', 2)).userMessage).toBe(
      'The amount is empty; enter a number such as 12.50.',
    );
  });

  it('refuses amounts beyond the safe-integer range', () => {
    expect(toMinor('90071992547409.91', 2)).toBe(Number.MAX_SAFE_INTEGER);
    const error = thrown(() => toMinor('90071992547409.92', 2));
    expect(error.code).toBe('invalid_input');
    expect(error.userMessage).toContain('too large');
    expect(error.userMessage).toContain('90071992547409.91');
  });
});

describe('formatMinor', () => {
  it('formats with the currency decimals', () => {
    expect(formatMinor(123450, 2)).toBe('1234.50');
    expect(formatMinor(-5, 2)).toBe('-0.05');
    expect(formatMinor(12, 0)).toBe('12');
    expect(formatMinor(0, 2)).toBe('0.00');
    expect(formatMinor(-0, 2)).toBe('0.00');
    expect(formatMinor(1, 3)).toBe('0.001');
    expect(formatMinor(-1234567, 3)).toBe('-1234.567');
    expect(formatMinor(Number.MAX_SAFE_INTEGER, 2)).toBe('90071992547409.91');
    expect(formatMinor(10n ** 20n, 2)).toBe('1000000000000000000.00');
  });

  it('refuses non-integers', () => {
    expect(thrown(() => formatMinor(1.5, 2)).code).toBe('internal');
    expect(thrown(() => formatMinor(Number.NaN, 2)).code).toBe('internal');
    expect(thrown(() => formatMinor(1, -1)).code).toBe('internal');
  });

  it('round-trips with toMinor for every safe amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(0, 2, 3, 4),
        (minor, decimals) => {
          const text = formatMinor(minor, decimals);
          expect(toMinor(text, decimals)).toBe(minor);
          expect(text).toMatch(decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${decimals}}$`));
        },
      ),
    );
  });

  it('toMinor then formatMinor gives the text back, padded to the currency decimals', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 2 }),
        (negative, units, scale) => {
          const digits = units.toString().padStart(scale + 1, '0');
          const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
          const text = negative && units !== 0n ? `-${body}` : body;
          const padded = formatMinor(toMinor(text, 2), 2);
          expect(padded.startsWith(text)).toBe(true);
          expect(padded.length - text.length).toBe(scale === 0 ? 3 : 2 - scale);
        },
      ),
    );
  });
});

describe('lineAmountMinor', () => {
  it('multiplies and rounds half away from zero to the minor unit', () => {
    expect(lineAmountMinor('3', '19.99', 2)).toBe(5997);
    expect(lineAmountMinor('2.5', '4.333', 2)).toBe(1083); // 10.8325
    expect(lineAmountMinor('3', '0.335', 2)).toBe(101); // 1.005 → 1.01
    expect(lineAmountMinor('1', '0.125', 2)).toBe(13); // 0.125 → 0.13
    expect(lineAmountMinor('-1', '0.125', 2)).toBe(-13); // symmetric
    expect(lineAmountMinor('1.5', '333', 0)).toBe(500); // 499.5 → 500 in JPY
    expect(lineAmountMinor('0.333', '1.5', 3)).toBe(500); // 0.4995 → 0.500 in KWD
    expect(lineAmountMinor('0', '12.34', 2)).toBe(0);
  });

  it('throws invalid_input for malformed numbers and for overflow', () => {
    expect(thrown(() => lineAmountMinor('12,5', '1', 2)).userMessage).toContain('The quantity "12,5"');
    expect(thrown(() => lineAmountMinor('1', 'abc', 2)).userMessage).toContain('The unit price "abc"');
    const overflow = thrown(() => lineAmountMinor('1000000000', '1000000000', 2));
    expect(overflow.code).toBe('invalid_input');
    expect(overflow.userMessage).toContain('The line amount is too large');
  });

  it('equals the exact product rounded, for any quantity and price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 4 }),
        (qUnits, qScale, pUnits, pScale) => {
          const q = formatMinor(qUnits, qScale);
          const p = formatMinor(pUnits, pScale);
          const amount = lineAmountMinor(q, p, 2);
          // amount/100 is the nearest to q·p: |amount·10^(qs+ps) − 100·qU·pU| ≤ half of 10^(qs+ps)
          const denominator = 10n ** BigInt(qScale + pScale);
          const exact = 100n * BigInt(qUnits) * BigInt(pUnits);
          const error = BigInt(amount) * denominator - exact;
          const abs = error < 0n ? -error : error;
          expect(2n * abs <= denominator).toBe(true);
          // a tie goes away from zero: |amount|·10^(qs+ps) > |exact|
          const absAmount = amount < 0 ? -BigInt(amount) : BigInt(amount);
          if (2n * abs === denominator)
            expect(absAmount * denominator > (exact < 0n ? -exact : exact)).toBe(true);
          expect(lineAmountMinor(formatMinor(-qUnits, qScale), p, 2)).toBe(-amount || 0);
        },
      ),
    );
  });
});

describe('percentOfMinor', () => {
  it('takes a percentage, rounded half away from zero', () => {
    expect(percentOfMinor(1999, '5')).toBe(100); // 99.95 → 100
    expect(percentOfMinor(16472, '5')).toBe(824); // 823.6
    expect(percentOfMinor(10000, '7.25')).toBe(725);
    expect(percentOfMinor(10, '5')).toBe(1); // 0.5 → 1
    expect(percentOfMinor(-10, '5')).toBe(-1); // −0.5 → −1
    expect(percentOfMinor(30, '5')).toBe(2); // 1.5 → 2
    expect(percentOfMinor(29, '5')).toBe(1); // 1.45 → 1
    expect(percentOfMinor(12345, '0')).toBe(0);
    expect(percentOfMinor(12345, '100')).toBe(12345);
    expect(percentOfMinor(1, '33.3333333333')).toBe(0);
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 3 }),
        (minor, pUnits, pScale) => {
          const percent = formatMinor(pUnits, pScale);
          expect(percentOfMinor(-minor, percent)).toBe(-percentOfMinor(minor, percent) || 0);
        },
      ),
    );
  });
});

describe('allocateLargestRemainder', () => {
  it('gives leftover units to the largest remainders', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(824, [5997, 975, 9500])).toEqual([300, 49, 475]);
    expect(allocateLargestRemainder(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocateLargestRemainder(5, [1, 2])).toEqual([2, 3]); // 1.67, 3.33: remainder 2/3 wins
    expect(allocateLargestRemainder(1, [1, 1])).toEqual([1, 0]); // tie → lower index
    expect(allocateLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    expect(allocateLargestRemainder(7, [0, 5, 0])).toEqual([0, 7, 0]);
  });

  it('is symmetric for negative totals', () => {
    expect(allocateLargestRemainder(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  it('spreads evenly when all weights are zero', () => {
    expect(allocateLargestRemainder(10, [0, 0, 0])).toEqual([4, 3, 3]);
    expect(allocateLargestRemainder(0, [0, 0])).toEqual([0, 0]);
  });

  it('returns [] for no weights and a zero total, and refuses to lose a non-zero total', () => {
    expect(allocateLargestRemainder(0, [])).toEqual([]);
    const error = (() => {
      try {
        allocateLargestRemainder(5, []);
      } catch (e) {
        return e as AppError;
      }
      return null;
    })();
    expect(error?.code).toBe('invalid_input');
    expect(error?.userMessage).toContain('nothing to spread');
  });

  it('refuses negative or fractional weights', () => {
    expect(() => allocateLargestRemainder(5, [1, -1])).toThrow(AppError);
    expect(() => allocateLargestRemainder(5, [1.5])).toThrow(AppError);
    expect(() => allocateLargestRemainder(0.5, [1])).toThrow(AppError);
  });

  it('sums to the total, and each share is within one unit of its exact proportional share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1e12 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (total, weights) => {
          const shares = allocateLargestRemainder(total, weights);
          expect(shares).toHaveLength(weights.length);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
          const effective = sum === 0n ? weights.map(() => 1n) : weights.map(BigInt);
          const divisor = sum === 0n ? BigInt(weights.length) : sum;
          shares.forEach((share, i) => {
            // |share − total·w/W| < 1  ⇔  |share·W − total·w| < W
            const diff = BigInt(share) * divisor - BigInt(total) * (effective[i] ?? 0n);
            expect((diff < 0n ? -diff : diff) < divisor).toBe(true);
          });
        },
      ),
    );
  });

  it('bigint variant agrees beyond the safe range', () => {
    const total = 10n ** 20n + 1n;
    const shares = allocateLargestRemainderBig(total, [1n, 1n]);
    expect(shares).toEqual([5n * 10n ** 19n + 1n, 5n * 10n ** 19n]);
  });
});
