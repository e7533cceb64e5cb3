// How many decimals a currency's minor unit has, after ISO 4217 (the list-one "minor unit" column).
// Amounts are stored as integers of that unit, so this number decides what "1" in the database means.

const ZERO_DECIMALS = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);

const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

// Unidad de Fomento (Chile) and Unidad Previsional (Uruguay) are units of account with four decimals in ISO 4217.
const FOUR_DECIMALS = new Set(['CLF', 'UYW']);

/**
 * The number of decimals of the currency's minor unit: 0 for JPY, 3 for KWD, 2 for USD and for any code not listed
 * (ISO codes without a minor unit, such as XAU, also get 2: the accounting systems treat them that way).
 * The code is compared case-insensitively.
 */
export function currencyDecimals(code: string): number {
  const upper = code.trim().toUpperCase();
  if (ZERO_DECIMALS.has(upper)) return 0;
  if (THREE_DECIMALS.has(upper)) return 3;
  if (FOUR_DECIMALS.has(upper)) return 4;
  return 2;
}

/** Whether `code` looks like an ISO 4217 alphabetic code (three capital letters). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}
