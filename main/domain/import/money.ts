// Money as the import preview shows it to a person: "1,234.50", with thousands separators for reading (the
// domain's formatMinor writes "1234.50" for machines).

/** 123450n at 2 decimals → "1,234.50". */
export function formatMinorForDisplay(minor: bigint | number, decimals: number): string {
  const big = BigInt(minor);
  const neg = big < 0n;
  const digits = (neg ? -big : big).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${neg ? '-' : ''}${int}${frac}`;
}
