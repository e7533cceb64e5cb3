import { describe, expect, it } from 'vitest';
import { currencyDecimals, isCurrencyCode } from '../../../main/domain/currency';

describe('currencyDecimals', () => {
  it.each(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'UGX', 'XAF', 'XOF', 'PYG'])('%s has no minor unit', (code) => {
    expect(currencyDecimals(code)).toBe(0);
  });
  it.each(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'])('%s has 3 decimals', (code) => {
    expect(currencyDecimals(code)).toBe(3);
  });
  it.each(['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'XYZ'])('%s has 2 decimals', (code) => {
    expect(currencyDecimals(code)).toBe(2);
  });
  it('follows ISO 4217 for the 4-decimal units of account', () => {
    expect(currencyDecimals('CLF')).toBe(4);
  });
  it('ignores case and surrounding spaces', () => {
    expect(currencyDecimals('jpy')).toBe(0);
    expect(currencyDecimals(' kwd ')).toBe(3);
  });
  it('recognises ISO-shaped codes', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('US')).toBe(false);
  });
});
