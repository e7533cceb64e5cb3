// Exact decimal arithmetic on text such as "12.50". Quantities, prices and percentages arrive as text and must
// never pass through a binary float, so a decimal is kept as an integer count of 10^-scale units.
import { AppError } from './errors';

/** The value units × 10^-scale, exactly. "12.50" is { units: 1250n, scale: 2 }. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/**
 * More digits than any real quantity, price or percentage needs. The cap keeps a pasted megabyte of digits from
 * turning into a huge bigint; anything longer is reported as a mistake rather than computed.
 */
export const MAX_DECIMAL_DIGITS = 40;

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Why `text` is not a decimal number, in words a bookkeeper understands (no trailing period, so that callers can
 * prefix it: `Line 3: the quantity ${reason}.`), or null when it is one.
 */
export function describeDecimalProblem(text: unknown): string | null {
  if (typeof text !== 'string') return 'is missing; enter a number such as 12.50';
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty; enter a number such as 12.50';
  const match = DECIMAL_PATTERN.exec(trimmed);
  const shown = trimmed.length > 30 ? `${trimmed.slice(0, 30)}…` : trimmed;
  if (!match) {
    if (/^-?[\d.]*\d[\d.]*[eE][+-]?\d+$/.test(trimmed)) {
      return `"${shown}" is written with an exponent; write the number out in full (1e3 is 1000)`;
    }
    if (/^-?[\d.,\s']+$/.test(trimmed) && /\d/.test(trimmed)) {
      return `"${shown}" is not a number we can read: use a point (.) for decimals and no thousands separators, e.g. 1234.50`;
    }
    return `"${shown}" is not a number: write it with digits and an optional decimal point, e.g. 12.50`;
  }
  const digits = (match[2]?.length ?? 0) + (match[3]?.length ?? 0);
  if (digits > MAX_DECIMAL_DIGITS) return `"${shown}" has too many digits (at most ${MAX_DECIMAL_DIGITS})`;
  return null;
}

/** Reads a decimal number exactly. Surrounding spaces are ignored, as the API's schemas trim them too. */
export function tryParseDecimal(text: unknown): Decimal | null {
  if (describeDecimalProblem(text) !== null) return null;
  const match = DECIMAL_PATTERN.exec((text as string).trim());
  if (!match) return null;
  const [, minus, whole = '', fraction = ''] = match;
  const magnitude = BigInt(whole + fraction);
  return { units: minus ? -magnitude : magnitude, scale: fraction.length };
}

/** Reads a decimal number exactly, or throws AppError('invalid_input') saying what is wrong with the text. */
export function parseDecimal(text: string, label = 'The number'): Decimal {
  const problem = describeDecimalProblem(text);
  const parsed = problem === null ? tryParseDecimal(text) : null;
  if (!parsed) throw new AppError('invalid_input', `${label} ${problem ?? 'is not a number'}.`);
  return parsed;
}

export function pow10(exponent: number): bigint {
  if (!Number.isInteger(exponent) || exponent < 0) throw new RangeError(`pow10 needs a whole exponent ≥ 0`);
  return 10n ** BigInt(exponent);
}

/** Drops trailing zeros of the fraction: 12.500 → 12.5, 3.00 → 3. Same value. */
export function normalizeDecimal(value: Decimal): Decimal {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** −1, 0 or 1 as a is less than, equal to or greater than b (by value: 1.50 equals 1.5). */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const left = a.units * pow10(scale - a.scale);
  const right = b.units * pow10(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isNegativeDecimal(value: Decimal): boolean {
  return value.units < 0n;
}

export function isZeroDecimal(value: Decimal): boolean {
  return value.units === 0n;
}

/** The value as text with exactly its scale's digits after the point ("-0.050"); no exponent, ever. */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  const body = value.scale > 0 ? `${whole}.${fraction}` : whole;
  return negative && value.units !== 0n ? `-${body}` : body;
}

/**
 * numerator / denominator rounded to an integer, halves away from zero (2.5 → 3, −2.5 → −3), the rule for money
 * in this app. Symmetric: round(−x) = −round(x).
 */
export function roundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('roundHalfAwayFromZero: division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator; // carries the numerator's sign
  const twiceRemainder = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twiceRemainder >= denominator) return numerator < 0n ? quotient - 1n : quotient + 1n;
  return quotient;
}

/** The value expressed as a whole number of 10^-scale units, rounded half away from zero: (1.005, 2) → 101n. */
export function roundDecimalToScale(value: Decimal, scale: number): bigint {
  if (scale >= value.scale) return value.units * pow10(scale - value.scale);
  return roundHalfAwayFromZero(value.units, pow10(value.scale - scale));
}
