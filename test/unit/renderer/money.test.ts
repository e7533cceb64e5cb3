import { describe, expect, it } from 'vitest';
import { currencyDigits, formatAmount, formatMoney } from '../../../renderer/src/lib/money';

describe('money formatting', () => {
  it('knows the minor unit of a currency', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  it('formats amounts with sign, grouping and fixed decimals', () => {
    expect(formatMoney('1234.5', 'USD')).toBe('$1,234.50');
    expect(formatMoney('-0.5', 'USD')).toBe('-$0.50');
    expect(formatMoney('1000', 'JPY')).toBe('¥1,000');
    expect(formatMoney('12345678901234567.89', 'USD')).toBe('$12,345,678,901,234,567.89');
    expect(formatMoney('2.005', 'USD')).toBe('$2.01');
  });

  it('leaves text that is not a number visible', () => {
    expect(formatMoney('abc', 'USD')).toBe('abc');
  });

  it('formats plain amounts', () => {
    expect(formatAmount('1234.5')).toBe('1,234.50');
    expect(formatAmount('7', 0)).toBe('7');
  });
});
