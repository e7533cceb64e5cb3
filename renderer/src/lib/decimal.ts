// Exact decimal arithmetic on text, through BigInt. Amounts on the wire are decimal strings and must never
// pass through binary floats, or a preview could be a cent away from what the server computes.

const DECIMAL = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** A decimal string as an integer and the number of decimals it was written with: "12.50" → 1250n, 2. */
export function parseDecimal(text: string): { value: bigint; scale: number } | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '0', fraction = ''] = match;
  const value = BigInt(whole + fraction);
  return { value: sign === '-' ? -value : value, scale: fraction.length };
}

/** numerator / denominator rounded half away from zero to an integer. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  if ((n % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/** Re-expresses `value` (written with `from` decimals) with `to` decimals, rounding half away from zero. */
export function rescale(value: bigint, from: number, to: number): bigint {
  if (to >= from) return value * 10n ** BigInt(to - from);
  return divRound(value, 10n ** BigInt(from - to));
}

/** A decimal string as an integer count of minor units (cents for digits = 2), rounded half away from zero. */
export function toMinor(text: string, digits: number): bigint | null {
  const parsed = parseDecimal(text);
  return parsed ? rescale(parsed.value, parsed.scale, digits) : null;
}

/** Minor units back to a decimal string with exactly `digits` decimals: 123450n, 2 → "1234.50". */
export function fromMinor(minor: bigint, digits: number): string {
  const negative = minor < 0n;
  const digitsText = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digitsText.slice(0, digitsText.length - digits);
  const fraction = digits > 0 ? `.${digitsText.slice(digitsText.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** a × b rounded half away from zero to `digits` decimals, as minor units. */
export function multiplyToMinor(a: string, b: string, digits: number): bigint | null {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return null;
  return rescale(x.value * y.value, x.scale + y.scale, digits);
}

/** `minor` × percent / 100, rounded half away from zero, in the same minor units. */
export function percentOf(minor: bigint, percent: string): bigint | null {
  const p = parseDecimal(percent);
  if (!p) return null;
  return divRound(minor * p.value, 100n * 10n ** BigInt(p.scale));
}
