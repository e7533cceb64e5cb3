// Formatting money for people. The value stays a decimal string all the way to Intl, which formats
// strings exactly (no float rounding for large amounts).
import { fromMinor, toMinor } from './decimal';

const digitsCache = new Map<string, number>();

/** Decimals of a currency's minor unit: USD 2, JPY 0, KWD 3. Unknown codes fall back to 2. */
export function currencyDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  let digits: number;
  try {
    digits =
      new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2;
  } catch {
    digits = 2;
  }
  digitsCache.set(currency, digits);
  return digits;
}

/**
 * "1234.5", "USD" → "$1,234.50". Text that is not a number is returned as it is, so a bad value shows up
 * instead of turning into a plausible zero.
 */
export function formatMoney(amount: string, currency: string, locale = 'en-US'): string {
  const digits = currencyDigits(currency);
  const minor = toMinor(amount, digits);
  if (minor === null) return amount;
  const exact = fromMinor(minor, digits) as `${number}`;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(exact);
  } catch {
    return `${exact} ${currency}`;
  }
}

/** A plain amount without the currency sign, grouped: "1234.5" → "1,234.50". */
export function formatAmount(amount: string, digits = 2, locale = 'en-US'): string {
  const minor = toMinor(amount, digits);
  if (minor === null) return amount;
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fromMinor(minor, digits) as `${number}`);
}
