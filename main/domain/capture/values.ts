// Reading printed values: amounts in either number format (1,234.56 / 1.234,56), with currency signs and
// codes, as OCR tends to misread them; dates in the common formats, deciding day/month order from the values when
// they are unambiguous and from the company's convention when they are not.

export type DecimalMark = 'point' | 'comma';
export type DateOrder = 'dmy' | 'mdy';

const CURRENCY_NOISE =
  /(?:\b(?:USD|EUR|GBP|AUD|CAD|NZD|CHF|JPY|SEK|NOK|DKK|PLN|CZK|ZAR|SGD|HKD|INR|MXN)\b|[A-Z]{0,2}\$|€|£|¥|\bkr\.?|\bfr\.)/g;

/** OCR's usual letter-for-digit slips, fixed only inside something that is otherwise a number. */
function fixDigits(text: string): string {
  if (!/\d/.test(text)) return text;
  return text
    .replace(/[OoDQ]/g, '0')
    .replace(/[lI|]/g, '1')
    .replace(/[S]/g, '5')
    .replace(/[B]/g, '8');
}

/** Which decimal mark a document uses, from how its amounts end ("95,86" or "95.86"). */
export function detectDecimalMark(texts: readonly string[]): DecimalMark {
  let comma = 0;
  let point = 0;
  for (const text of texts) {
    for (const m of text.matchAll(/\d([.,])(\d+)(?![\d.,])/g)) {
      if (m[2]?.length === 2) {
        if (m[1] === ',') comma += 1;
        else point += 1;
      }
    }
  }
  return comma > point ? 'comma' : 'point';
}

/**
 * A printed amount as a decimal string ("1234.56", "-12.00"), or null. Accepts currency signs and codes around it,
 * thousands separators, a trailing or leading minus and accounting parentheses.
 */
export function parseAmount(raw: string, mark: DecimalMark = 'point'): string | null {
  // Currency codes and signs go, and so do stray marks OCR adds around a number ("73,17¢€"); letters stay, so
  // that words are not mistaken for amounts.
  let text = raw
    .trim()
    .replace(CURRENCY_NOISE, '')
    .replace(/[^\p{L}\p{N}.,'()\-:;/]/gu, '');
  if (!text) return null;
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  if (text.startsWith('-') || text.endsWith('-')) {
    negative = true;
    text = text.replace(/^-|-$/g, '');
  }
  text = fixDigits(text).replace(/(\d)[:;](\d)/g, '$1.$2'); // OCR reads a point as a colon
  if (!/^\d[\d.,']*$/.test(text)) return null;
  text = text.replace(/'/g, '');
  // A thousands separator followed by more than three digits means OCR lost the decimal mark after it
  // ("1.41048" for 1.410,48): the last two digits are the cents.
  const thousands = mark === 'comma' ? '.' : ',';
  if (!text.includes(mark === 'comma' ? ',' : '.') && new RegExp(`\\${thousands}\\d{4,}$`).test(text)) {
    const digits = text.replace(/[.,]/g, '');
    text = `${digits.slice(0, -2)}${mark === 'comma' ? ',' : '.'}${digits.slice(-2)}`;
  }
  const lastPoint = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalAt = -1;
  if (lastPoint >= 0 && lastComma >= 0) decimalAt = Math.max(lastPoint, lastComma);
  else if (lastComma >= 0) {
    const tail = text.length - lastComma - 1;
    const groupedThousands = /^\d{1,3}(,\d{3})+$/.test(text);
    decimalAt = mark === 'comma' || (!groupedThousands && tail <= 2) ? lastComma : -1;
  } else if (lastPoint >= 0) {
    const groupedThousands = /^\d{1,3}(\.\d{3})+$/.test(text);
    decimalAt = mark === 'comma' && groupedThousands ? -1 : lastPoint;
  }
  const whole = (decimalAt >= 0 ? text.slice(0, decimalAt) : text).replace(/[.,]/g, '');
  const fraction = decimalAt >= 0 ? text.slice(decimalAt + 1) : '';
  if (/[.,]/.test(fraction) || whole === '') return null;
  const digits = `${whole.replace(/^0+(?=\d)/, '')}${fraction ? `.${fraction}` : ''}`;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/** Whether a piece of text looks like an amount or quantity (mostly digits) rather than words. */
export function looksNumeric(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  const digits = (compact.match(/\d/g) ?? []).length;
  return digits > 0 && digits >= compact.replace(CURRENCY_NOISE, '').length * 0.6;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function year(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

export interface ParsedDate {
  value: string;
  /** True when day and month could be swapped and the company's convention decided. */
  ambiguous: boolean;
  /** Where in the text the date was found. */
  index: number;
  length: number;
}

/** The first date in `text`, or null. */
export function parseDate(raw: string, order: DateOrder): ParsedDate | null {
  const text = raw.replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  const candidates: ParsedDate[] = [];
  const push = (value: string | null, ambiguous: boolean, m: RegExpMatchArray) => {
    if (value) candidates.push({ value, ambiguous, index: m.index ?? 0, length: m[0].length });
  };
  for (const m of text.matchAll(/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g)) {
    push(iso(Number(m[1]), Number(m[2]), Number(m[3])), false, m);
  }
  for (const m of text.matchAll(/\b(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})\b/g)) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = year(m[4] ?? '');
    // Dotted dates are a European (day-first) habit; otherwise the values decide, then the convention.
    const dayFirst = a > 12 ? true : b > 12 ? false : m[2] === '.' ? true : order === 'dmy';
    const ambiguous = a <= 12 && b <= 12 && a !== b && m[2] !== '.';
    push(dayFirst ? iso(y, b, a) : iso(y, a, b), ambiguous, m);
  }
  for (const m of text.matchAll(/\b(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4}|\d{2})\b/g)) {
    const month = MONTHS[(m[2] ?? '').toLowerCase().slice(0, 3)];
    if (month) push(iso(year(m[3] ?? ''), month, Number(m[1])), false, m);
  }
  for (const m of text.matchAll(/\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/g)) {
    const month = MONTHS[(m[1] ?? '').toLowerCase().slice(0, 3)];
    if (month) push(iso(Number(m[3]), month, Number(m[2])), false, m);
  }
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0] ?? null;
}

const KNOWN_CODES = [
  'USD',
  'EUR',
  'GBP',
  'AUD',
  'CAD',
  'NZD',
  'CHF',
  'JPY',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'ZAR',
  'SGD',
  'HKD',
  'INR',
  'MXN',
];

export interface CurrencyHit {
  code: string;
  /** How telling the sign was: an ISO code or €/£ more than a bare $. */
  strength: number;
  text: string;
}

/** Currency signs and codes in a piece of text. */
export function currencyHits(text: string): CurrencyHit[] {
  const hits: CurrencyHit[] = [];
  for (const m of text.matchAll(/\b([A-Z]{3})\b/g)) {
    if (KNOWN_CODES.includes(m[1] ?? '')) hits.push({ code: m[1] ?? '', strength: 0.95, text: m[0] });
  }
  for (const m of text.matchAll(/(A\$|AU\$|C\$|CA\$|NZ\$|US\$|€|£|¥|\$)/g)) {
    const sign = m[1] ?? '';
    const code =
      sign === '€'
        ? 'EUR'
        : sign === '£'
          ? 'GBP'
          : sign === '¥'
            ? 'JPY'
            : sign.startsWith('A')
              ? 'AUD'
              : sign.startsWith('C')
                ? 'CAD'
                : sign.startsWith('NZ')
                  ? 'NZD'
                  : 'USD';
    hits.push({ code, strength: sign === '$' ? 0.7 : 0.9, text: sign });
  }
  return hits;
}
