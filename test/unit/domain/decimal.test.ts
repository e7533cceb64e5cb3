import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareDecimal,
  describeDecimalProblem,
  formatDecimal,
  MAX_DECIMAL_DIGITS,
  multiplyDecimal,
  normalizeDecimal,
  parseDecimal,
  roundDecimalToScale,
  roundHalfAwayFromZero,
  tryParseDecimal,
} from '../../../main/domain/decimal';
import { thrown } from '../../fixtures/thrown';

describe('parseDecimal', () => {
  it('reads decimals exactly', () => {
    expect(parseDecimal('12.50')).toEqual({ units: 1250n, scale: 2 });
    expect(parseDecimal('-3.5')).toEqual({ units: -35n, scale: 1 });
    expect(parseDecimal('0.125')).toEqual({ units: 125n, scale: 3 });
    expect(parseDecimal('7')).toEqual({ units: 7n, scale: 0 });
    expect(parseDecimal(' 42 ')).toEqual({ units: 42n, scale: 0 });
    expect(parseDecimal('-0')).toEqual({ units: 0n, scale: 0 });
    expect(parseDecimal('0.1')).toEqual({ units: 1n, scale: 1 });
    expect(parseDecimal('12345678901234567890.123456789')).toEqual({
      units: 12345678901234567890123456789n,
      scale: 9,
    });
  });

  it.each([
    ['12,5', 'use a point (.) for decimals'],
    ['1,234.50', 'no thousands separators'],
    ['1e3', 'exponent'],
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['abc', '"abc" is not a number'],
    ['.5', 'not a number'],
    ['5.', 'not a number'],
    ['+5', 'not a number'],
    ['1.2.3', 'not a number'],
    ['NaN', 'not a number'],
    ['Infinity', 'not a number'],
  ])('refuses %j with a plain message', (text, fragment) => {
    const error = thrown(() => parseDecimal(text));
    expect(error.code).toBe('invalid_input');
    expect(error.userMessage).toContain(fragment);
    expect(error.userMessage.startsWith('The number ')).toBe(true);
  });

  it('names what it reads in the message', () => {
    expect(thrown(() => parseDecimal('12,5', 'The quantity')).userMessage).toBe(
      'The quantity "12,5" is not a number we can read: use a point (.) for decimals and no thousands separators, e.g. 1234.50.',
    );
    expect(thrown(() => parseDecimal('1e3')).userMessage).toBe(
      'The number "1e3" is written with an exponent; write the number out in full (1e3 is 1000).',
    );
  });

  it('refuses absurdly long numbers instead of computing with them', () => {
    const long = '9'.repeat(MAX_DECIMAL_DIGITS + 1);
    expect(describeDecimalProblem(long)).toContain('too many digits');
    expect(tryParseDecimal(long)).toBeNull();
    expect(tryParseDecimal('9'.repeat(MAX_DECIMAL_DIGITS))).toEqual({
      units: BigInt('9'.repeat(MAX_DECIMAL_DIGITS)),
      scale: 0,
    });
  });

  it('says a non-string is missing', () => {
    expect(describeDecimalProblem(undefined)).toContain('missing');
    expect(describeDecimalProblem(12)).toContain('missing');
  });
});

describe('decimal helpers', () => {
  it('multiplies exactly', () => {
    expect(multiplyDecimal(parseDecimal('2.5'), parseDecimal('4.333'))).toEqual({ units: 108325n, scale: 4 });
    expect(formatDecimal(multiplyDecimal(parseDecimal('0.1'), parseDecimal('0.2')))).toBe('0.02');
  });

  it('compares by value', () => {
    expect(compareDecimal(parseDecimal('1.50'), parseDecimal('1.5'))).toBe(0);
    expect(compareDecimal(parseDecimal('1.49'), parseDecimal('1.5'))).toBe(-1);
    expect(compareDecimal(parseDecimal('-1'), parseDecimal('-1.01'))).toBe(1);
    expect(compareDecimal(parseDecimal('100'), parseDecimal('100.000'))).toBe(0);
  });

  it('normalizes and formats', () => {
    expect(normalizeDecimal(parseDecimal('12.500'))).toEqual({ units: 125n, scale: 1 });
    expect(normalizeDecimal(parseDecimal('3.00'))).toEqual({ units: 3n, scale: 0 });
    expect(formatDecimal({ units: -5n, scale: 3 })).toBe('-0.005');
    expect(formatDecimal({ units: 123450n, scale: 2 })).toBe('1234.50');
    expect(formatDecimal({ units: 0n, scale: 2 })).toBe('0.00');
  });

  it('formatDecimal and parseDecimal round-trip', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 9 }),
        (units, scale) => {
          expect(parseDecimal(formatDecimal({ units, scale }))).toEqual({ units, scale });
        },
      ),
    );
  });
});

describe('roundHalfAwayFromZero', () => {
  it('rounds halves away from zero', () => {
    expect(roundHalfAwayFromZero(5n, 2n)).toBe(3n); // 2.5
    expect(roundHalfAwayFromZero(-5n, 2n)).toBe(-3n); // -2.5
    expect(roundHalfAwayFromZero(7n, 2n)).toBe(4n); // 3.5 (not banker's 4 by accident: see 5/2)
    expect(roundHalfAwayFromZero(1n, 2n)).toBe(1n); // 0.5
    expect(roundHalfAwayFromZero(-1n, 2n)).toBe(-1n);
    expect(roundHalfAwayFromZero(14n, 10n)).toBe(1n);
    expect(roundHalfAwayFromZero(-14n, 10n)).toBe(-1n);
    expect(roundHalfAwayFromZero(16n, 10n)).toBe(2n);
    expect(roundHalfAwayFromZero(5n, -2n)).toBe(-3n);
    expect(roundHalfAwayFromZero(0n, 7n)).toBe(0n);
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });

  it('rounds 1.005 to 1.01 and 1.0049 to 1.00 (no binary float drift)', () => {
    expect(roundDecimalToScale(parseDecimal('1.005'), 2)).toBe(101n);
    expect(roundDecimalToScale(parseDecimal('-1.005'), 2)).toBe(-101n);
    expect(roundDecimalToScale(parseDecimal('1.0049'), 2)).toBe(100n);
    expect(roundDecimalToScale(parseDecimal('2.675'), 2)).toBe(268n); // 2.675 as a float rounds to 2.67
    expect(roundDecimalToScale(parseDecimal('12.5'), 3)).toBe(12500n);
  });

  it('is the nearest integer, with ties away from zero, and symmetric', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = roundHalfAwayFromZero(n, d);
          const twiceError = 2n * (q * d - n); // 2·(q − n/d)·d
          const abs = (x: bigint) => (x < 0n ? -x : x);
          // nearest: |q − n/d| ≤ 1/2
          expect(abs(twiceError) <= d).toBe(true);
          // a tie goes away from zero: q has n's sign and |q| > |n/d|
          if (abs(twiceError) === d) {
            expect(abs(q * d) > abs(n)).toBe(true);
          }
          expect(roundHalfAwayFromZero(-n, d)).toBe(-q);
          expect(roundHalfAwayFromZero(n, -d)).toBe(-q);
        },
      ),
    );
  });
});
