import { describe, expect, it } from 'vitest';
import {
  divRound,
  fromMinor,
  multiplyToMinor,
  parseDecimal,
  percentOf,
  toMinor,
} from '../../../renderer/src/lib/decimal';

describe('decimal', () => {
  it('parses decimal text exactly', () => {
    expect(parseDecimal('12.50')).toEqual({ value: 1250n, scale: 2 });
    expect(parseDecimal('-0.125')).toEqual({ value: -125n, scale: 3 });
    expect(parseDecimal('1e3')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });

  it('rounds half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(toMinor('0.005', 2)).toBe(1n);
    expect(toMinor('-0.005', 2)).toBe(-1n);
    expect(toMinor('0.0049', 2)).toBe(0n);
  });

  it('writes minor units back as text', () => {
    expect(fromMinor(123450n, 2)).toBe('1234.50');
    expect(fromMinor(-5n, 2)).toBe('-0.05');
    expect(fromMinor(7n, 0)).toBe('7');
    expect(fromMinor(1n, 3)).toBe('0.001');
  });

  it('multiplies without float error', () => {
    // 0.1 × 3 is 0.30000000000000004 in floats
    expect(multiplyToMinor('0.1', '3', 2)).toBe(30n);
    expect(multiplyToMinor('3', '19.995', 2)).toBe(5999n); // 59.985 → 59.99
    expect(multiplyToMinor('1.5', '0.0333', 2)).toBe(5n); // 0.04995 → 0.05
    expect(multiplyToMinor('123456789012345', '100.01', 2)).toBe(1234691346912462345n);
  });

  it('takes percentages', () => {
    expect(percentOf(1000n, '8.25')).toBe(83n); // 82.5 → 83
    expect(percentOf(-1000n, '8.25')).toBe(-83n);
    expect(percentOf(999n, '10')).toBe(100n);
  });
});
