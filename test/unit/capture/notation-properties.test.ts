// Amounts and dates written as the world writes them, round-tripped: a random amount or date is printed by the
// platform's own locale data (Intl, which knows nothing of this code) in every style an invoicing tool uses —
// grouped by commas, points, apostrophes, spaces, no-break and narrow no-break spaces, lakh and crore; with a
// leading, trailing or accounting minus; with € or EUR before or after — and read back. Plus the notations Intl
// does not print (a trailing minus, "Rs.", an apostrophe group in a euro amount).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findAmounts,
  parseAmount,
  parseDate,
  type DateOrder,
  type DecimalMark,
} from '../../../main/domain/capture/values.js';

const NUMBER_LOCALES = [
  'en-US',
  'en-GB',
  'en-IN',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-CH',
  'nl-NL',
  'nl-BE',
  'es-ES',
  'it-IT',
  'pt-PT',
  'pt-BR',
] as const;

type AmountStyle = 'plain' | 'symbol' | 'code' | 'accounting';
const STYLES: readonly AmountStyle[] = ['plain', 'symbol', 'code', 'accounting'];

/** `make`, made once for each locale and options: an Intl formatter is slow to make, and the properties run often. */
function cached<O, F>(make: (locale: string, options: O) => F): (locale: string, options: O) => F {
  const made = new Map<string, F>();
  return (locale, options) => {
    const key = `${locale} ${JSON.stringify(options)}`;
    let formatter = made.get(key);
    if (!formatter) {
      formatter = make(locale, options);
      made.set(key, formatter);
    }
    return formatter;
  };
}

const numberFormat = cached(
  (locale, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options),
);
function format(locale: string, style: AmountStyle, value: number): string {
  const base = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  const options: Intl.NumberFormatOptions =
    style === 'plain'
      ? base
      : {
          ...base,
          style: 'currency',
          currency: 'EUR',
          currencyDisplay: style === 'code' ? 'code' : 'symbol',
          ...(style === 'accounting' ? { currencySign: 'accounting' as const } : {}),
        };
  return numberFormat(locale, options).format(value);
}

const dateFormat = cached(
  (locale, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options),
);
/** The date as the locale prints it with `options`, in UTC. */
function formatWith(locale: string, options: Intl.DateTimeFormatOptions, date: Date): string {
  return dateFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
}

function markOf(locale: string): DecimalMark {
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return decimal?.value === ',' ? 'comma' : 'point';
}

/** Cents as the decimal string the reader returns ("-1234.56", "0.07"). */
function decimal(cents: number): string {
  const abs = Math.abs(cents);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${text}` : text;
}

const cents = fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }).map((n) => n + 0);

describe('amounts in every locale’s notation, read back', () => {
  it('finds exactly the printed amount, with its sign, and parses it the same', () => {
    fc.assert(
      fc.property(
        cents,
        fc.constantFrom(...NUMBER_LOCALES),
        fc.constantFrom(...STYLES),
        (value, locale, style) => {
          const text = format(locale, style, value / 100);
          const mark = markOf(locale);
          const hits = findAmounts(text, mark).filter((h) => !h.percent);
          expect(
            hits.map((h) => h.value),
            `${text} (${locale}, ${style})`,
          ).toEqual([decimal(value)]);
          expect(parseAmount(text, mark), `${text} (${locale}, ${style})`).toBe(decimal(value));
          if (style !== 'plain') expect(hits[0]?.currency, text).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the notations locales do not print: trailing minus, "Rs.", apostrophes, spaces of every width', () => {
    const groups = (whole: string, separator: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999_999 }),
        fc.constantFrom(
          { separator: ' ', mark: ',' },
          { separator: '\u00a0', mark: ',' },
          { separator: '\u202f', mark: ',' },
          { separator: "'", mark: '.' },
          { separator: '’', mark: '.' },
          { separator: '.', mark: ',' },
          { separator: ',', mark: '.' },
        ),
        fc.constantFrom('', 'EUR ', '€', 'CHF ', 'Rs. ', '₹', '£', 'US$ '),
        fc.constantFrom('', ' €', ' EUR', ' CHF'),
        fc.constantFrom('none', 'leading', 'trailing', 'parentheses', 'unicode'),
        (value, notation, before, after, sign) => {
          const [whole = '0', frac = '00'] = decimal(value).split('.');
          const number = `${groups(whole, notation.separator)}${notation.mark}${frac}`;
          const money = `${before}${number}`;
          const text =
            sign === 'leading'
              ? `-${money}${after}`
              : sign === 'trailing'
                ? `${money}-${after}`
                : sign === 'parentheses'
                  ? `(${money}${after})`
                  : sign === 'unicode'
                    ? `−${money}${after}`
                    : `${money}${after}`;
          const mark: DecimalMark = notation.mark === ',' ? 'comma' : 'point';
          const expected = sign === 'none' ? decimal(value) : decimal(-value);
          expect(
            findAmounts(text, mark).map((h) => h.value),
            JSON.stringify(text),
          ).toEqual([expected]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads Indian grouping by lakh and crore', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000_00, max: 99_999_999_999 }), (value) => {
        const text = `₹${format('en-IN', 'plain', value / 100)}`;
        expect(
          findAmounts(text, 'point').map((h) => h.value),
          text,
        ).toEqual([decimal(value)]);
      }),
      { numRuns: 500 },
    );
  });
});

const DATE_LOCALES: readonly { locale: string; order: DateOrder }[] = [
  { locale: 'en-US', order: 'mdy' },
  { locale: 'en-GB', order: 'dmy' },
  { locale: 'en-IN', order: 'dmy' },
  { locale: 'de-DE', order: 'dmy' },
  { locale: 'de-AT', order: 'dmy' },
  { locale: 'de-CH', order: 'dmy' },
  { locale: 'fr-FR', order: 'dmy' },
  { locale: 'fr-BE', order: 'dmy' },
  { locale: 'fr-CH', order: 'dmy' },
  { locale: 'nl-NL', order: 'dmy' },
  { locale: 'nl-BE', order: 'dmy' },
  { locale: 'es-ES', order: 'dmy' },
  { locale: 'es-MX', order: 'dmy' },
  { locale: 'it-IT', order: 'dmy' },
  { locale: 'pt-PT', order: 'dmy' },
  { locale: 'pt-BR', order: 'dmy' },
];

/** Dates from the first of January of `from` to the last of December of `to`. */
const datesIn = (from: number, to: number) =>
  fc.date({
    min: new Date(Date.UTC(from, 0, 1)),
    max: new Date(Date.UTC(to, 11, 31)),
    noInvalidDate: true,
  });

// Dates a two-digit year can stand for: within 79 years before and 20 after this one (values.ts, fullYear).
const thisYear = new Date().getUTCFullYear();
const twoDigitYearDates = datesIn(thisYear - 79, thisYear + 20);

/** Either order of day and month, as printed or as a convention. */
const orders = fc.constantFrom<DateOrder>('dmy', 'mdy');

/** The date's day and month in two figures and its year in four, in UTC. */
function figures(date: Date): { d: string; m: string; y: string } {
  return {
    d: String(date.getUTCDate()).padStart(2, '0'),
    m: String(date.getUTCMonth() + 1).padStart(2, '0'),
    y: String(date.getUTCFullYear()),
  };
}

/** Dates printed by every locale with each of `options` read back in the order the locale writes them. */
function readsAsLocalesPrint(options: Intl.DateTimeFormatOptions[]): void {
  fc.assert(
    fc.property(
      // Some of the options print two figures of the year.
      twoDigitYearDates,
      fc.constantFrom(...DATE_LOCALES),
      fc.constantFrom(...options),
      (date, { locale, order }, style) => {
        const text = formatWith(locale, style, date);
        const iso = date.toISOString().slice(0, 10);
        expect(parseDate(text, order)?.value, `${text} (${locale}, ${JSON.stringify(style)})`).toBe(iso);
      },
    ),
    { numRuns: 2000 },
  );
}

describe('dates in every locale’s styles, read back', () => {
  it('reads full, long, medium and short dates in the order the locale writes them', () => {
    readsAsLocalesPrint([
      { dateStyle: 'full' },
      { dateStyle: 'long' },
      { dateStyle: 'medium' },
      { dateStyle: 'short' },
    ]);
  });

  it('reads numeric dates with the order decided by the page, whatever the convention says', () => {
    fc.assert(
      fc.property(
        datesIn(1990, 2099),
        fc.constantFrom('/', '-', '.'),
        orders,
        orders,
        (date, separator, printed, convention) => {
          const { d, m, y } = figures(date);
          // Dotted dates are day-first everywhere; a slash or dash date in the printed order.
          const order = separator === '.' ? 'dmy' : printed;
          const text = order === 'dmy' ? [d, m, y].join(separator) : [m, d, y].join(separator);
          const iso = date.toISOString().slice(0, 10);
          // The page decided the order (another date on it could only be read one way): it wins.
          const decided = separator === '.' ? convention : order;
          expect(parseDate(text, decided, { decided: true })?.value, text).toBe(iso);
          // ISO dates read the same whatever the order.
          expect(parseDate(`${y}-${m}-${d}`, convention)?.value).toBe(iso);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** The month's name as the locale prints it ("mars", "März", "marzo", "mar."), long or short. */
function monthName(locale: string, width: 'long' | 'short', date: Date): string {
  return formatWith(locale, { month: width }, date);
}

describe('abbreviated months, two-digit years, ordinals and compact dates, read back', () => {
  it('reads abbreviated month names and two-digit years as each locale prints them', () => {
    readsAsLocalesPrint([
      { day: 'numeric', month: 'short', year: 'numeric' },
      { day: '2-digit', month: 'short', year: '2-digit' },
      { day: '2-digit', month: '2-digit', year: '2-digit' },
      { day: 'numeric', month: 'numeric', year: '2-digit' },
      { weekday: 'short', day: 'numeric', month: 'short', year: '2-digit' },
    ]);
  });

  it('reads numeric dates with two-digit years in the order the page decided', () => {
    fc.assert(
      fc.property(
        twoDigitYearDates,
        fc.constantFrom('/', '-'),
        orders,
        orders,
        (date, separator, printed, convention) => {
          const { d, m, y: year } = figures(date);
          const y = year.slice(2);
          const text = printed === 'dmy' ? [d, m, y].join(separator) : [m, d, y].join(separator);
          const iso = date.toISOString().slice(0, 10);
          expect(parseDate(text, printed, { decided: true })?.value, text).toBe(iso);
          // Undecided, the convention reads it unless the day is over 12, as with four-digit years.
          const four = text.replace(/\d{2}$/, String(date.getUTCFullYear()));
          const read = parseDate(text, convention);
          const readFour = parseDate(four, convention);
          expect(read?.value, text).toBe(readFour?.value);
          expect(read?.ambiguous, text).toBe(readFour?.ambiguous);
        },
      ),
      { numRuns: 2000 },
    );
  });

  /** Spanish and Portuguese: "1º de marzo de 2031" or "1.º de março de 2031", then "2 de …". */
  const ordinalDe = (day: number, month: string, year: number) =>
    day === 1
      ? [`1º de ${month} de ${year}`, `1.º de ${month} de ${year}`]
      : [`${day} de ${month} de ${year}`];
  // The ordinal forms each language prints a day with; a language gives its first of the month one only.
  const ORDINAL_FORMS: readonly {
    locale: string;
    print: (day: number, month: string, year: number) => string[];
  }[] = [
    {
      locale: 'en-GB',
      print: (day, month, year) => {
        const suffix = ordinalSuffix(day);
        return [`${day}${suffix} of ${month} ${year}`, `${day}${suffix} ${month} ${year}`];
      },
    },
    {
      locale: 'en-US',
      print: (day, month, year) => [`${month} ${day}${ordinalSuffix(day)}, ${year}`],
    },
    { locale: 'fr-FR', print: (day, month, year) => [`${day === 1 ? '1er' : day} ${month} ${year}`] },
    { locale: 'es-ES', print: ordinalDe },
    { locale: 'pt-PT', print: ordinalDe },
    { locale: 'it-IT', print: (day, month, year) => [`${day === 1 ? '1°' : day} ${month} ${year}`] },
  ];
  const englishOrdinals = new Intl.PluralRules('en-US', { type: 'ordinal' });
  function ordinalSuffix(day: number): string {
    return { one: 'st', two: 'nd', few: 'rd', other: 'th', zero: 'th', many: 'th' }[
      englishOrdinals.select(day)
    ];
  }

  it('reads ordinal days with each language’s month names, long and short, whatever the convention', () => {
    fc.assert(
      fc.property(
        datesIn(2000, 2099),
        fc.boolean(),
        fc.constantFrom(...ORDINAL_FORMS),
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        orders,
        (date, firstOfMonth, { locale, print }, width, convention) => {
          const day = firstOfMonth ? 1 : date.getUTCDate();
          const at = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), day));
          const iso = at.toISOString().slice(0, 10);
          for (const text of print(day, monthName(locale, width, at), at.getUTCFullYear())) {
            const parsed = parseDate(`Date: ${text} —`, convention);
            expect(parsed?.value, text).toBe(iso);
            // The whole of it, ordinal ending and all, is where the date is.
            expect(parsed?.length, text).toBe(text.length);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads dashed dates with the month’s name, and compact ISO dates beside a date label only', () => {
    fc.assert(
      fc.property(twoDigitYearDates, orders, fc.boolean(), (date, convention, upper) => {
        const { d, m: mm, y } = figures(date);
        const m = monthName('en-US', 'short', date);
        const iso = date.toISOString().slice(0, 10);
        const forms = [
          `${d}-${m}-${y}`,
          `${m}-${d}-${y}`,
          `${d}-${m}-${y.slice(2)}`,
          `${m}-${d}-${y.slice(2)}`,
        ];
        for (const form of forms) {
          const text = upper ? form.toUpperCase() : form;
          expect(parseDate(text, convention)?.value, text).toBe(iso);
        }
        expect(parseDate(`${y}${mm}${d}`, convention, { labelled: true })?.value).toBe(iso);
        expect(parseDate(`${y}${mm}${d}`, convention)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it('reads no arbitrary eight-digit number as a date without a date label', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10_000_000, max: 99_999_999 }),
        fc.constantFrom('', 'Order ', 'No. '),
        (n, before) => {
          expect(parseDate(`${before}${n}`, 'dmy'), `${before}${n}`).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
