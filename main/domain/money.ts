// Money in minor units (cents). Amounts are integers of the currency's minor unit; the arithmetic is done on
// bigint so nothing is ever rounded by a binary float, and results are handed back as safe JS integers.
import {
  describeDecimalProblem,
  formatDecimal,
  multiplyDecimal,
  normalizeDecimal,
  parseDecimal,
  pow10,
  roundDecimalToScale,
  roundHalfAwayFromZero,
} from './decimal';
import { AppError } from './errors';

/** The largest amount, in minor units, that the app stores and computes with (2^53 − 1). */
export const MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

/** Most currencies have 0, 2 or 3 decimals; ISO 4217 tops out at 4. Anything else is a programming error. */
export function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 8) {
    throw new AppError('internal', `A currency cannot have ${String(decimals)} decimals.`);
  }
}

/** Whether a minor-unit amount fits the range the app can store exactly. */
export function isSafeMinor(value: bigint): boolean {
  return value <= MAX_MINOR && value >= -MAX_MINOR;
}

/**
 * Converts an exact minor-unit amount to a JS number, or throws AppError('invalid_input') when it is beyond what
 * can be stored exactly, naming `what` ("The line amount") in the message.
 */
export function toSafeNumber(value: bigint, what = 'This amount', decimals = 2): number {
  if (!isSafeMinor(value)) {
    throw new AppError(
      'invalid_input',
      `${what} is too large: amounts must stay below ${formatMinor(MAX_MINOR, decimals)}. Check for a mistyped number.`,
    );
  }
  return Number(value);
}

/**
 * Why `text` is not an amount of this currency (not a number, or more decimals than the currency has), as a
 * phrase to follow a subject ("the discount amount …"), or null when it is one.
 */
export function describeMinorProblem(text: string, decimals: number, currency?: string): string | null {
  assertDecimals(decimals);
  const problem = describeDecimalProblem(text);
  if (problem !== null) return problem;
  const value = normalizeDecimal(parseDecimal(text));
  // Trailing zeros are harmless ("12.500" dollars is 1250 cents); only real extra precision is refused.
  if (value.scale <= decimals) return null;
  const suggestion = formatMinor(roundDecimalToScale(value, decimals), decimals);
  const who = currency ? `${currency} amounts` : 'amounts in this currency';
  const rule =
    decimals === 0
      ? 'are whole numbers'
      : `have at most ${decimals} decimal place${decimals === 1 ? '' : 's'}`;
  return `${text.trim()} has too many decimal places: ${who} ${rule}. Round it, for example to ${suggestion}`;
}

/** "1234.5" → 123450n for 2 decimals, exactly; throws when the text is not a number or is more precise than the currency. */
export function toMinorBig(text: string, decimals: number, currency?: string): bigint {
  const problem = describeMinorProblem(text, decimals, currency);
  if (problem !== null) throw new AppError('invalid_input', `The amount ${problem}.`);
  const value = normalizeDecimal(parseDecimal(text));
  return value.units * pow10(decimals - value.scale);
}

/**
 * "1234.5" → 123450 for a 2-decimal currency. Exact: "1.005" in USD is refused with a message, never rounded
 * silently. Throws AppError('invalid_input') for malformed text and for amounts beyond the safe-integer range.
 */
export function toMinor(text: string, decimals: number, currency?: string): number {
  return toSafeNumber(toMinorBig(text, decimals, currency), 'The amount', decimals);
}

/** 123450 → "1234.50", −5 → "-0.05", 12 with 0 decimals → "12". The inverse of toMinor. */
export function formatMinor(minor: number | bigint, decimals: number): string {
  assertDecimals(decimals);
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new AppError('internal', `An amount in minor units must be a safe integer, not ${String(minor)}.`);
  }
  return formatDecimal({ units: BigInt(minor), scale: decimals });
}

/** quantity × unit price, rounded half away from zero to the minor unit, as an exact bigint. */
export function lineAmountBig(quantity: string, unitPrice: string, decimals: number): bigint {
  assertDecimals(decimals);
  const product = multiplyDecimal(
    parseDecimal(quantity, 'The quantity'),
    parseDecimal(unitPrice, 'The unit price'),
  );
  return roundDecimalToScale(product, decimals);
}

/** quantity × unit price, rounded half away from zero to the minor unit: ("3", "0.335", 2) → 101. */
export function lineAmountMinor(quantity: string, unitPrice: string, decimals: number): number {
  return toSafeNumber(lineAmountBig(quantity, unitPrice, decimals), 'The line amount', decimals);
}

/** percent % of an amount in minor units, rounded half away from zero to the minor unit, as an exact bigint. */
export function percentOfBig(minor: bigint, percentText: string): bigint {
  const percent = parseDecimal(percentText, 'The percentage');
  return roundHalfAwayFromZero(minor * percent.units, 100n * pow10(percent.scale));
}

/** percent % of an amount in minor units, rounded half away from zero: (1999, "5") → 100 (99.95 → 100). */
export function percentOfMinor(minor: number, percentText: string): number {
  if (!Number.isSafeInteger(minor)) {
    throw new AppError('internal', `An amount in minor units must be a safe integer, not ${String(minor)}.`);
  }
  return toSafeNumber(percentOfBig(BigInt(minor), percentText), 'The percentage of this amount');
}

/**
 * Splits `total` into shares proportional to `weights`, exactly: each share is the floor of its proportional
 * part, and the units left over go one each to the largest remainders (ties to the lower index), so the shares
 * always add up to `total`. A negative total is split as its absolute value and negated, so the rule is
 * symmetric. All-zero weights spread the total evenly by the same rule. Weights must be integers ≥ 0.
 *
 * No weights: a total of 0 gives []; a non-zero total cannot be placed anywhere, and rather than lose it the
 * function throws AppError('invalid_input').
 */
export function allocateLargestRemainderBig(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) {
    if (total === 0n) return [];
    throw new AppError(
      'invalid_input',
      'There is nothing to spread this amount over: add at least one line, or remove the document discount.',
    );
  }
  if (weights.some((weight) => weight < 0n)) {
    throw new AppError('internal', 'allocateLargestRemainder: weights must not be negative.');
  }
  const sign = total < 0n ? -1n : 1n;
  const magnitude = total * sign;
  const sum = weights.reduce((acc, weight) => acc + weight, 0n);
  const effective = sum === 0n ? weights.map(() => 1n) : weights;
  const divisor = sum === 0n ? BigInt(weights.length) : sum;

  const shares = effective.map((weight) => (magnitude * weight) / divisor);
  const remainders = effective.map((weight) => (magnitude * weight) % divisor);
  let leftover = magnitude - shares.reduce((acc, share) => acc + share, 0n);
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  // leftover < weights.length, because each floor loses less than one unit.
  for (const { index } of order) {
    if (leftover === 0n) break;
    shares[index] = (shares[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return shares.map((share) => share * sign);
}

/** allocateLargestRemainderBig on safe JS integers; see there for the rule. */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) {
    throw new AppError(
      'internal',
      `allocateLargestRemainder: the total must be a safe integer, not ${total}.`,
    );
  }
  const bigWeights = weights.map((weight) => {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new AppError(
        'internal',
        `allocateLargestRemainder: weights must be safe integers ≥ 0, not ${weight}.`,
      );
    }
    return BigInt(weight);
  });
  return allocateLargestRemainderBig(BigInt(total), bigWeights).map((share) => Number(share));
}
