// The invoice's currency as the review proposes it: the code printed; else the sign printed (€, £, ₹, Fr., A$),
// said to be inferred; a bare "$" (the United States', Canada's, Australia's, …) decided, in turn, by the
// supplier's country or currency on file, the country its address on the page names, and the company's own
// currency when that is written "$" too (a supplier nothing places is most likely at home) — else USD, marked for
// a check. With nothing printed: the supplier's currency, its country's, or the country of the IBAN it prints.
// Each inference comes with a note for the review screen, so the bookkeeper knows where the currency came from.
import { countryCode, countryKey } from '../countries.js';
import type { Extraction } from './extraction.js';

/** A country's currency, from its ISO code or its name in English or its own language; null when unknown. */
export function countryCurrency(country: string | null | undefined): string | null {
  if (!country) return null;
  const key = country
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return COUNTRY_CURRENCY.get(key) ?? null;
}

const EURO = [
  'at austria osterreich',
  'be belgium belgie belgique belgien',
  'cy cyprus',
  'de deu germany deutschland allemagne duitsland alemania germania alemanha',
  'ee estonia',
  'es esp spain espana espagne spanje spanien spagna espanha',
  'fi finland suomi',
  'fr fra france frankrijk frankreich francia franca',
  'gr greece',
  'hr croatia hrvatska',
  'ie ireland',
  'it ita italy italia italie italien',
  'lt lithuania',
  'lu luxembourg luxemburg',
  'lv latvia',
  'mt malta',
  'nl nld netherlands thenetherlands nederland holland paysbas niederlande paisesbajos paesibassi paisesbaixos',
  'pt prt portugal',
  'si slovenia',
  'sk slovakia',
];
const OTHERS: [string, string][] = [
  ['us usa unitedstates unitedstatesofamerica', 'USD'],
  ['gb uk unitedkingdom greatbritain england scotland wales', 'GBP'],
  ['ch switzerland schweiz suisse svizzera', 'CHF'],
  ['in ind india bharat', 'INR'],
  ['ca canada', 'CAD'],
  ['au australia', 'AUD'],
  ['nz newzealand', 'NZD'],
  ['se sweden sverige', 'SEK'],
  ['no norway norge', 'NOK'],
  ['dk denmark danmark', 'DKK'],
  ['pl poland polska', 'PLN'],
  ['cz czechia czechrepublic', 'CZK'],
  ['jp japan', 'JPY'],
  ['za southafrica', 'ZAR'],
  ['sg singapore', 'SGD'],
  ['hk hongkong', 'HKD'],
  ['mx mexico', 'MXN'],
  ['br brazil brasil', 'BRL'],
  ['tw taiwan', 'TWD'],
];
const COUNTRY_CURRENCY = new Map<string, string>([
  ...EURO.flatMap((names) => names.split(' ').map((n): [string, string] => [n, 'EUR'])),
  ...OTHERS.flatMap(([names, code]) => names.split(' ').map((n): [string, string] => [n, code])),
]);

/**
 * The countries whose own currency is written with a bare "$" — the dollars, and the pesos of Latin America — and
 * that currency.
 */
const DOLLAR_SIGN_CURRENCY: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'EC', 'SV', 'PA', 'TL', 'FM', 'MH', 'PW'].map((c) => [c, 'USD']),
  ),
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  SG: 'SGD',
  HK: 'HKD',
  TW: 'TWD',
  BN: 'BND',
  FJ: 'FJD',
  JM: 'JMD',
  BS: 'BSD',
  BB: 'BBD',
  BZ: 'BZD',
  TT: 'TTD',
  LR: 'LRD',
  GY: 'GYD',
  SR: 'SRD',
  KY: 'KYD',
  MX: 'MXN',
  AR: 'ARS',
  CL: 'CLP',
  CO: 'COP',
  UY: 'UYU',
  DO: 'DOP',
  CU: 'CUP',
};

/** The currency a country (ISO 3166-1 alpha-2) writes with a bare "$", or null when its own is not written so. */
export function dollarSignCurrency(country: string): string | null {
  return DOLLAR_SIGN_CURRENCY[country] ?? null;
}

/** The currencies written with a bare "$". */
const DOLLARS = new Set(Object.values(DOLLAR_SIGN_CURRENCY));

/** The currency a country writes with a bare "$", or null when its own is not written so. */
function dollarOf(country: string | null | undefined): string | null {
  const code = countryCode(country);
  const byName = countryCurrency(country);
  return (code ? DOLLAR_SIGN_CURRENCY[code] : undefined) ?? (byName && DOLLARS.has(byName) ? byName : null);
}

/**
 * The country the supplier's address names on the page, as its last line prints it: a line that is a country's
 * name ("Australia"), the part after its last comma ("Sydney NSW 2000, Australia"), or its last words after a
 * postcode ("Auckland 1010 New Zealand"). Names only, not two-letter codes, which are words too ("IN", "NO").
 * The customer's block is not in `issuerText`.
 */
export function addressCountry(issuerText: readonly string[]): string | null {
  const named = (text: string | undefined): string | null => {
    if (!text || countryKey(text).length < 4) return null;
    return countryCode(text);
  };
  for (const line of issuerText) {
    const words = line.trim().split(/\s+/);
    const afterPostcode = [1, 2].map((n) =>
      words.length > n && /\d/.test(words[words.length - n - 1] ?? '')
        ? words.slice(-n).join(' ')
        : undefined,
    );
    const found =
      named(line) ??
      named(line.includes(',') ? line.slice(line.lastIndexOf(',') + 1) : undefined) ??
      named(afterPostcode[0]) ??
      named(afterPostcode[1]);
    if (found) return found;
  }
  return null;
}

export interface CurrencyChoice {
  code: string | null;
  /** 0–1, as the review screen reads it (below 0.8 is marked for a check). */
  confidence: number;
  /** How the currency was inferred, for the review screen; null when it was printed as a code. */
  note: string | null;
  /** Nothing printed at all: the note is a warning too. */
  assumed: boolean;
}

export function chooseCurrency(
  x: Pick<Extraction, 'currency' | 'currencySign' | 'learned' | 'issuer'>,
  supplier: { country: string | null; currency: string | null } | null,
  /** The company: its own currency, and its country (ISO 3166-1 alpha-2) once entered on the Company page. */
  company: { currency: string; country: string | null } | null = null,
): CurrencyChoice {
  const printed = x.currency;
  const fromCountry = countryCurrency(supplier?.country);
  if (printed && x.learned.includes('currency')) {
    return { code: printed.value, confidence: printed.confidence, note: null, assumed: false };
  }
  const sign = x.currencySign ?? null;
  if (printed && sign && /^[A-Z]{3}$/.test(sign)) {
    return { code: printed.value, confidence: printed.confidence, note: null, assumed: false };
  }
  if (printed && sign === '$') return bareDollar(printed, x.issuer.text, supplier, company);
  if (printed) {
    return {
      code: printed.value,
      confidence: printed.confidence,
      note: `Inferred from the “${sign ?? printed.value}” printed on the invoice (no currency code is printed).`,
      assumed: false,
    };
  }
  if (supplier?.currency) {
    return {
      code: supplier.currency,
      confidence: 0.5,
      note: `No currency is printed; ${supplier.currency} (the supplier’s) is assumed.`,
      assumed: true,
    };
  }
  if (fromCountry) {
    return {
      code: fromCountry,
      confidence: 0.5,
      note: `No currency is printed; ${fromCountry} is assumed from the supplier’s country (${supplier?.country ?? ''}).`,
      assumed: true,
    };
  }
  const iban = x.issuer.ibans
    .map((i) => ({ iban: i, code: countryCurrency(i.slice(0, 2)) }))
    .find((i) => i.code);
  if (iban?.code) {
    return {
      code: iban.code,
      confidence: 0.45,
      note: `No currency is printed; ${iban.code} is assumed from the country of the IBAN printed (${iban.iban.slice(0, 2)}).`,
      assumed: true,
    };
  }
  return { code: null, confidence: 0, note: null, assumed: false };
}

/**
 * A bare "$": the supplier's country or currency on file, the country its address on the page names, a country the
 * page names otherwise (its tax words: "GST/HST", "ABN"), then the company's own currency when it is written "$" and
 * the supplier is not known to be abroad; else USD, marked for a check.
 */
function bareDollar(
  printed: NonNullable<Extraction['currency']>,
  issuerText: readonly string[],
  supplier: { country: string | null; currency: string | null } | null,
  company: { currency: string; country: string | null } | null,
): CurrencyChoice {
  const country = dollarOf(supplier?.country);
  if (country) {
    return {
      code: country,
      confidence: Math.max(printed.confidence, 0.85),
      note: `Only “$” is printed: ${country} is taken from the supplier’s country (${supplier?.country ?? ''}).`,
      assumed: false,
    };
  }
  const own = supplier?.currency && DOLLARS.has(supplier.currency) ? supplier.currency : null;
  if (own) {
    return {
      code: own,
      confidence: Math.max(printed.confidence, 0.82),
      note: `Only “$” is printed: ${own} is taken from the supplier’s currency.`,
      assumed: false,
    };
  }
  const onPage = addressCountry(issuerText);
  const pageDollar = onPage ? (DOLLAR_SIGN_CURRENCY[onPage] ?? null) : null;
  if (pageDollar) {
    return {
      code: pageDollar,
      confidence: Math.max(printed.confidence, 0.82),
      note: `Only “$” is printed: ${pageDollar} is taken from the supplier’s address (${onPage ?? ''}).`,
      assumed: false,
    };
  }
  if (printed.value !== 'USD') {
    return {
      code: printed.value,
      confidence: Math.min(printed.confidence, 0.75),
      note: `Only “$” is printed: ${printed.value} is taken from the country the invoice names.`,
      assumed: false,
    };
  }
  // A supplier placed in a country without "$" (on file or on the page) bills its "$" in US dollars, not in the
  // company's: only a supplier nothing places is taken to be at home.
  const abroad = Boolean(countryCode(supplier?.country) ?? onPage ?? supplier?.currency);
  const home = company && DOLLARS.has(company.currency) && !abroad ? company : null;
  const agrees = home?.country ? DOLLAR_SIGN_CURRENCY[home.country] === home.currency : null;
  if (home && agrees !== false) {
    return {
      code: home.currency,
      // Without the company's country, its books alone say where it is: proposed, but marked for a check.
      confidence: agrees ? Math.max(printed.confidence, 0.8) : Math.min(printed.confidence, 0.75),
      note: agrees
        ? `Only “$” is printed: ${home.currency}, your company’s currency, is taken (nothing places the supplier abroad).`
        : `Only “$” is printed: ${home.currency}, your company’s currency, is assumed. Check it, and enter the company’s country on the Company page.`,
      assumed: false,
    };
  }
  return {
    code: printed.value,
    confidence: Math.min(printed.confidence, 0.75),
    note: 'Only “$” is printed: USD is assumed. Check it: Canada, Australia and others write “$” too.',
    assumed: false,
  };
}
