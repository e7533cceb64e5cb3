// Reading printed values: amounts in either number format (1,234.56 / 1.234,56), with currency signs and
// codes, as OCR tends to misread them; dates in the common formats, deciding day/month order from the values when
// they are unambiguous and from the company's convention when they are not.

export type DecimalMark = 'point' | 'comma';
export type DateOrder = 'dmy' | 'mdy';

// A code may touch its figures ("EUR1.234,56"); "Fr."/"SFr." (Swiss francs) and "zł"/"Kč" as printed.
const CURRENCY_NOISE =
  /(?:\b(?:USD|EUR|GBP|AUD|CAD|NZD|CHF|JPY|SEK|NOK|DKK|PLN|CZK|ZAR|SGD|HKD|INR|MXN|BRL|TWD)(?![A-Za-z])|[A-Z]{0,2}\$|€|£|¥|₹|\bRs\.?(?=\s?\d)|\bkr\.?|\bS?[Ff]r\.|zł|Kč)/g;

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
    // A typographic minus or dash before or after the figures is a minus ("−12,00", "12,00–").
    .replace(/^[−–]|[−–]$/g, '-')
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

export interface AmountHit {
  value: string;
  /** Where in the text the amount (with its sign and currency) was found. */
  index: number;
  length: number;
  /** A currency sign or code was printed with it. */
  currency: boolean;
  /** It is a percentage ("19 %"), not an amount. */
  percent: boolean;
}

// A number as amounts are printed: grouped by commas, points, apostrophes or (thin) spaces, or not at all; a
// decimal part; a sign or accounting parentheses; a currency sign or code before or after.
// Indian figures group by lakh and crore ("1,23,456.00", "12,34,56,789.50"), read before the usual grouping.
const AMOUNT_PATTERN =
  /(\()?\s*([-−–])?\s*((?:[A-Z]{3}|[A-Z]{0,2}\$|€|£|¥|₹|Rs\.?|S?Fr\.|kr\.?)\s?)?([-−–])?(\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,4})?|\d{1,3}(?:[ \u00a0\u202f'’.,]\d{3})+(?:[.,]\d{1,4})?|\d+(?:[.,]\d{1,4})?)(?![\d])(\s?[-−–](?!\d))?(\s?(?:[A-Z]{3}\b|€|£|¥|₹|\$|EUR\b|S?Fr\.|zł|Kč))?(\))?(\s?%)?/g;

/**
 * Every amount in a piece of text, in order: "Total 1 234,56 EUR", "(12.00)", "-12,00 €", "CHF 1'234.50".
 * Percentages are found too (flagged), so that a caller can skip "19 %".
 */
export function findAmounts(text: string, mark: DecimalMark): AmountHit[] {
  const out: AmountHit[] = [];
  for (const m of text.matchAll(AMOUNT_PATTERN)) {
    const [whole, open, sign1, before, sign2, number, trailingMinus, after, close, percent] = m;
    if (!number) continue;
    const lead = whole.length - whole.trimStart().length;
    const start = (m.index ?? 0) + lead;
    // A number glued to letters ("INV2024", "A4") is not an amount.
    const prev = text[start - 1] ?? ' ';
    if (!open && !sign1 && !before && /[\p{L}\d]/u.test(prev)) continue;
    const code = before?.trim() ?? after?.trim() ?? '';
    if (code && /^[A-Z]{3}$/.test(code) && !KNOWN_CODES.includes(code)) {
      if (before) continue;
    }
    let parsed = parseAmount(number.replace(/[\u00a0\u202f’]/g, ' ').replace(/ (?=\d{3}\b)/g, ''), mark);
    if (parsed === null) continue;
    const negative = (open && close) || sign1 || sign2 || trailingMinus;
    if (negative && /[1-9]/.test(parsed) && !parsed.startsWith('-')) parsed = `-${parsed}`;
    out.push({
      value: parsed,
      index: start,
      length: whole.trim().length,
      currency: Boolean(code),
      percent: Boolean(percent),
    });
  }
  return out;
}

/** Whether a piece of text looks like an amount or quantity (mostly digits) rather than words. */
export function looksNumeric(text: string): boolean {
  // Currency codes go before the spaces do: in "CHF1’059.94" the code no longer stands alone as a word.
  const compact = text.replace(CURRENCY_NOISE, '').replace(/\s+/g, '');
  const digits = (compact.match(/\d/g) ?? []).length;
  return digits > 0 && digits >= compact.length * 0.6;
}

// Month names and their usual abbreviations in English, German, French, Dutch, Spanish, Italian and Portuguese
// (folded: lower case, no accents). A word that starts one of these names (3 letters at least) is that month when
// every name it starts agrees ("mar" for March, Marz, mars, maart, marzo, marco).
const MONTH_NAMES: string[][] = [
  ['january', 'januar', 'janner', 'janvier', 'januari', 'enero', 'gennaio', 'janeiro'],
  ['february', 'februar', 'feber', 'fevrier', 'februari', 'febrero', 'febbraio', 'fevereiro'],
  ['march', 'marz', 'maerz', 'mrz', 'mars', 'maart', 'marzo', 'marco', 'mrt'],
  ['april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mei', 'mayo', 'maggio', 'maio'],
  ['june', 'juni', 'juin', 'junio', 'giugno', 'junho'],
  ['july', 'juli', 'juillet', 'julio', 'luglio', 'julho', 'juil'],
  ['august', 'aout', 'augustus', 'agosto'],
  ['september', 'septembre', 'septiembre', 'setiembre', 'settembre', 'setembro'],
  ['october', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro'],
  ['november', 'novembre', 'noviembre', 'novembro'],
  ['december', 'dezember', 'decembre', 'diciembre', 'dicembre', 'dezembro'],
];

function foldWord(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');
}

/** The month (1–12) a word names in any of the seven languages, or undefined. */
export function monthOf(word: string): number | undefined {
  const w = foldWord(word);
  if (w.length < 3) return undefined;
  let found: number | undefined;
  for (let m = 0; m < MONTH_NAMES.length; m++) {
    const names = MONTH_NAMES[m] ?? [];
    if (names.some((n) => n === w || (n.startsWith(w) && w.length >= 3))) {
      if (found !== undefined && found !== m + 1) return undefined;
      found = m + 1;
    }
  }
  // Short forms that are no name's start: "juil" is in the table; "sept" starts September; "mrt" is listed.
  return found;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The full year of a two-digit one, in a window sliding with the present: at most 20 years ahead of `now` and
 * less than 80 behind it (the window Java's SimpleDateFormat and ICU use for "yy"), so in 2026 "98" is 1998, "24"
 * is 2024 and "46" is 2046. A fixed century would read a 1998 contract date as 2098.
 */
export function fullYear(twoDigits: number, now = new Date().getUTCFullYear()): number {
  const y = Math.floor(now / 100) * 100 + twoDigits;
  if (y > now + 20) return y - 100;
  if (y <= now - 80) return y + 100;
  return y;
}

function year(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? fullYear(n) : n;
}

// A day's ordinal ending as invoices print it: "5th", "1st", French "1er", Spanish and Portuguese "1º" / "1.º"
// (also "1ª", and the degree sign a keyboard or OCR gives for the raised o), Italian "1°".
const ORDINAL = String.raw`(?:st|nd|rd|th|er|\.?[º°ª])`;
// Between a day and its month: "5 March", "5. März", "5-Mar", "5 de marzo", "5th of March".
const DAY_TO_MONTH = String.raw`(?:\.|${ORDINAL})?[\s-]*(?:(?:de|of)\s+)?`;
// Case is ignored throughout ("5TH OF MARCH 2024", "5 DE MARZO DE 2024").
const DAY_MONTH_YEAR = new RegExp(
  String.raw`(?<![\p{L}\d])(\d{1,2})${DAY_TO_MONTH}(\p{L}{3,10})\.?,?[\s-]*(?:de\s+|del\s+)?(\d{4}|\d{2})(?!\d)`,
  'giu',
);
const MONTH_DAY_YEAR =
  /(?<![\p{L}])(\p{L}{3,10})\.?(?:(\s+)|-)(\d{1,2})(?:st|nd|rd|th)?(?:-|,?\s+|,)(\d{4}|\d{2})(?!\d)/giu;
// A day and a month without a year ("3 mai", "3rd of May"), not followed by a year.
const DAY_MONTH = new RegExp(
  String.raw`(?<![\p{L}\d.,/])(\d{1,2})${DAY_TO_MONTH}(\p{L}{3,10})\.?(?![\p{L}])(?![\s,.-]*(?:de\s+|del\s+)?\d)`,
  'giu',
);

export interface ParsedDate {
  value: string;
  /** True when day and month could be swapped and the company's convention decided. */
  ambiguous: boolean;
  /** Where in the text the date was found. */
  index: number;
  length: number;
}

/** The first date in `text`, or null. */
export function parseDate(
  text: string,
  order: DateOrder,
  options?: {
    /** The order is known from the page (another date that cannot be read the other way): not ambiguous. */
    decided?: boolean;
    /**
     * The text is what a date label holds (the label's cell, or the cell beside or under it): a compact ISO date
     * at its start, "20240301", is read too. Anywhere else eight digits are an order or a reference number.
     */
    labelled?: boolean;
  },
): ParsedDate | null {
  const decided = options?.decided ?? false;
  const candidates: ParsedDate[] = [];
  const push = (value: string | null, ambiguous: boolean, m: RegExpMatchArray) => {
    if (value) candidates.push({ value, ambiguous, index: m.index ?? 0, length: m[0].length });
  };
  if (options?.labelled) {
    // "Invoice date: 20240301": the value alone at the cell's start (after a colon or a dash), this century or
    // the last, never glued to more figures, letters or a dash ("20240301-0042" is a number).
    const m = /^[\s:#–-]*((?:19|20)\d{2})(\d{2})(\d{2})(?![\p{L}\d]|[-/.]\d)/u.exec(text);
    if (m) {
      const lead = m[0].length - 8;
      const value = iso(Number(m[1]), Number(m[2]), Number(m[3]));
      if (value) candidates.push({ value, ambiguous: false, index: lead, length: 8 });
    }
  }
  for (const m of text.matchAll(/\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/g)) {
    push(iso(Number(m[1]), Number(m[2]), Number(m[3])), false, m);
  }
  // A two-digit year is decided as a four-digit one is: "03/05/24" by the page, then the convention.
  for (const m of text.matchAll(/(?<![\d.,])(\d{1,2})([-/.]|\s)(\d{1,2})\2(\d{4}|\d{2})(?![\d.,]\d)/g)) {
    if (m[2] === ' ' && (m[4] ?? '').length !== 4) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = year(m[4] ?? '');
    // Dotted dates are a European (day-first) habit; otherwise the values decide, then the convention.
    const dayFirst = a > 12 ? true : b > 12 ? false : m[2] === '.' ? true : order === 'dmy';
    const ambiguous = a <= 12 && b <= 12 && a !== b && m[2] !== '.' && !decided;
    push(dayFirst ? iso(y, b, a) : iso(y, a, b), ambiguous, m);
  }
  // "18 april 2014", "2 juillet 2015", "3. Mai 2024", "5 de marzo de 2024", "1er janvier 2024", "15-Mar-24",
  // "5th of March 2024", "1.º de marzo de 2024", "1° marzo 2024".
  for (const m of overlapping(text, DAY_MONTH_YEAR, (m) => monthOf(m[2] ?? '') !== undefined)) {
    const month = monthOf(m[2] ?? '');
    if (month) push(iso(year(m[3] ?? ''), month, Number(m[1])), false, m);
  }
  // "March 12, 2026", "Jan. 5 2024", "März 15, 2024", "March 5th, 2024", "Mar-01-2024", "Mar-01-24".
  for (const m of overlapping(text, MONTH_DAY_YEAR, (m) => monthOf(m[1] ?? '') !== undefined)) {
    const month = monthOf(m[1] ?? '');
    // Two figures for the year only dashed or after a comma ("Mar-01-24", "Mar 01, 24"): in "May 12 24" the
    // 24 may be a count.
    const short = m[2] === undefined ? /-\d{2}$/.test(m[0]) : /,\s*\d{2}$/.test(m[0]);
    if (month && ((m[4] ?? '').length === 4 || short)) {
      push(iso(year(m[4] ?? ''), month, Number(m[3])), false, m);
    }
  }
  candidates.sort((a, b) => a.index - b.index);
  const first = candidates[0];
  if (first) candidates.unshift(...yearless(text, first));
  return candidates[0] ?? null;
}

/**
 * The matches of a global `regex` that `keep` accepts, a rejected match giving way to one starting a character
 * later: in "12 items 12 May 2024" the words "12 items 12" are not a date, and "12 May 2024" is.
 */
function* overlapping(
  text: string,
  regex: RegExp,
  keep: (m: RegExpExecArray) => boolean,
): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (keep(m)) yield m;
    else regex.lastIndex = m.index + 1;
  }
}

/**
 * Dates printed without their year before a date that has one, sharing its year: "Issued May 3 · Due May 17,
 * 2024", "Apr 1 – Apr 30, 2024", "du 3 mai au 2 juin 2024", "3. Mai – 2. Juni 2024". Only a month's name with a
 * day, at most 40 characters before the full date, and not after it (a period may run across New Year: "Dec 28 –
 * Jan 27, 2025" starts in 2024). Empty when there is none.
 */
function yearless(text: string, full: ParsedDate): ParsedDate[] {
  const before = text.slice(0, full.index);
  const [fy, fm, fd] = full.value.split('-').map(Number) as [number, number, number];
  const out: ParsedDate[] = [];
  const take = (m: RegExpMatchArray, month: number | undefined, day: number) => {
    const at = m.index ?? 0;
    if (!month || full.index - (at + m[0].length) > 40) return;
    const y = month > fm || (month === fm && day > fd) ? fy - 1 : fy;
    const value = iso(y, month, day);
    if (value && value <= full.value) out.push({ value, ambiguous: false, index: at, length: m[0].length });
  };
  // "May 3", "Jan. 5" (not "May 3, 2024": the full date itself, nor "May 2024"); a capital, as English writes
  // a month, so that "you may 3 …" is not one.
  for (const m of before.matchAll(
    /(?<![\p{L}])(\p{Lu}\p{L}{2,9})\.?\s+(\d{1,2})(?![\d.:/])(?!,?\s*\d{2,4})/gu,
  )) {
    take(m, monthOf(m[1] ?? ''), Number(m[2]));
  }
  // "3 mai", "3. Mai", "3 de mayo", "1er juin", "3rd of May".
  for (const m of before.matchAll(DAY_MONTH)) {
    take(m, monthOf(m[2] ?? ''), Number(m[1]));
  }
  return out.sort((a, b) => a.index - b.index);
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
  'BRL',
  'TWD',
];

/** Whether a word is one of the currency codes amounts are read with ("EUR", "usd"). */
export function isKnownCurrencyCode(word: string): boolean {
  return KNOWN_CODES.includes(word.toUpperCase());
}

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
  // The rupee sign, and "Rs." printed for it.
  for (const m of text.matchAll(/₹|\bRs\.?(?=\s?\d)/g)) hits.push({ code: 'INR', strength: 0.9, text: m[0] });
  // Swiss francs as "Fr." or "SFr." beside figures (alone, "Fr." is also "Frau"); the zloty and the koruna.
  // Only before or after a figure with cents: "Mo.–Fr. 9–17 Uhr" is a weekday.
  for (const m of text.matchAll(
    /\bS?Fr\.(?=\s?\d[\d'’.,]*[.,]\d{2}\b)|(?<=\d[.,]\d{2}\s?)S?Fr\.(?!\p{L})/gu,
  )) {
    hits.push({ code: 'CHF', strength: 0.85, text: m[0] });
  }
  for (const m of text.matchAll(/(?<=\d\s?)(zł|Kč)(?!\p{L})/gu)) {
    hits.push({ code: m[1] === 'zł' ? 'PLN' : 'CZK', strength: 0.9, text: m[0] });
  }
  // Signs of their own for the dollars and the "$" currencies of Latin America and Asia: Brazil's real "R$", Mexico's
  // peso "MX$", the New Taiwan dollar "NT$". Without them "R$ 1.234,56" was a bare "$", proposed as US dollars.
  for (const m of text.matchAll(
    /(A\$|AU\$|C\$|CA\$|NZ\$|US\$|HK\$|(?<![A-Za-z])SG?\$|(?<![A-Za-z])R\$|MX\$|NT\$|€|£|¥|\$)/g,
  )) {
    const sign = m[1] ?? '';
    const own: Readonly<Record<string, string>> = { R$: 'BRL', MX$: 'MXN', NT$: 'TWD' };
    const code =
      own[sign] ??
      (sign === '€'
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
                  : sign.startsWith('HK')
                    ? 'HKD'
                    : sign.startsWith('S')
                      ? 'SGD'
                      : 'USD');
    hits.push({ code, strength: sign === '$' ? 0.7 : 0.9, text: sign });
  }
  return hits;
}
