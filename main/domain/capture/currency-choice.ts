// The invoice's currency as the review proposes it: the code printed; else the sign printed (€, £, ₹, Fr.), said
// to be inferred; a bare "$" (the United States', Canada's, Australia's, …) decided by the supplier's country or
// currency; with nothing printed, the supplier's currency, its country's, or the country of the IBAN it prints.
// Each inference comes with a note for the review screen, so the bookkeeper knows where the currency came from.
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
];
const COUNTRY_CURRENCY = new Map<string, string>([
  ...EURO.flatMap((names) => names.split(' ').map((n): [string, string] => [n, 'EUR'])),
  ...OTHERS.flatMap(([names, code]) => names.split(' ').map((n): [string, string] => [n, code])),
]);

/** The currencies written with a bare "$". */
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN']);

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
  if (printed && sign === '$') {
    // "$" alone: the supplier's country, or its currency, decides among the dollars.
    const country = fromCountry && DOLLARS.has(fromCountry) ? fromCountry : null;
    const own = supplier?.currency && DOLLARS.has(supplier.currency) ? supplier.currency : null;
    if (country) {
      return {
        code: country,
        confidence: Math.max(printed.confidence, 0.85),
        note: `Only “$” is printed: ${country} is taken from the supplier’s country (${supplier?.country ?? ''}).`,
        assumed: false,
      };
    }
    if (own) {
      return {
        code: own,
        confidence: Math.max(printed.confidence, 0.82),
        note: `Only “$” is printed: ${own} is taken from the supplier’s currency.`,
        assumed: false,
      };
    }
    return {
      code: printed.value,
      confidence: Math.min(printed.confidence, 0.75),
      note:
        printed.value === 'USD'
          ? 'Only “$” is printed: USD is assumed. Check it: Canada, Australia and others write “$” too.'
          : `Only “$” is printed: ${printed.value} is taken from the country the invoice names.`,
      assumed: false,
    };
  }
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
