// The company's own identity as invoice capture uses it: an invoice is addressed to the company, so whatever carries
// the company's names, street address, tax ids, IBANs or domains belongs to the customer, never to the issuer.
// - A bill-to block prints the customer's name, street and often its VAT number (EU reverse charge and
//   intra-community supplies require the buyer's VAT id on the invoice; Italian, Spanish and Portuguese invoices
//   print the buyer's P.IVA / NIF / NIF always): the block that holds the company's street or tax id is the
//   customer's, whatever name it is headed by ("Northwind Facility Services" for "Northwind Facilities").
// - Values are compared as the invoice prints them: tax ids and IBANs with any spaces, dots, dashes or slashes
//   between their characters; a street by its house number near a word of its name ("Kehrwieder 7",
//   "7 Kehrwieder", "Hafenstr. 12" for "Hafenstraße 12"), never by postcode or city alone (a supplier in the same
//   town shares them).
// - The company's own values are taken out of what supplier matching reads, so an invoice that prints the buyer's
//   and the seller's VAT ids, or "we debit your account DE44 …", is matched by the seller's alone.

export interface OwnIdentity {
  /** The company's name, legal name and trading names. */
  names: readonly string[];
  /** Upper case, letters and digits only. */
  taxIds: readonly string[];
  /** Upper case, no spaces. */
  ibans: readonly string[];
  /** Mail domains and the website's host, lower case. */
  domains: readonly string[];
  /** The street lines of its addresses ("Kehrwieder 7", "PO Box 12"). */
  streets: readonly string[];
}

export const NO_OWN_IDENTITY: OwnIdentity = { names: [], taxIds: [], ibans: [], domains: [], streets: [] };

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The value as printed: any spacing or punctuation between its characters, any case. */
function printed(value: string): RegExp {
  const body = [...value].map(escape).join('[\\s.\\-/]*');
  // A short id must stand alone; a long one may be part of a longer id of the same company (a SIREN inside the
  // French VAT number or the SIRET).
  return value.length >= 9
    ? new RegExp(body, 'gi')
    : new RegExp(`(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])`, 'gi');
}

/** The own values (tax ids of six characters or more, IBANs) that are compared with printed text. */
function ownValues(own: OwnIdentity): string[] {
  return [...own.taxIds, ...own.ibans].filter((v) => v.length >= 6);
}

/** Whether the text prints one of the company's tax ids. */
export function holdsOwnTaxId(text: string, own: OwnIdentity): boolean {
  return own.taxIds.filter((v) => v.length >= 6).some((v) => printed(v).test(text));
}

/** The text with the company's tax ids, IBANs, e-mail addresses and website blanked out. */
export function withoutOwnValues(text: string, own: OwnIdentity): string {
  const blank = (m: string) => ' '.repeat(m.length);
  let out = text;
  for (const value of ownValues(own)) out = out.replace(printed(value), blank);
  for (const domain of own.domains) {
    const d = escape(domain);
    out = out
      .replace(new RegExp(`[\\w.+-]+@(?:[\\w-]+\\.)*${d}(?![\\w.-]*\\w)`, 'gi'), blank)
      .replace(
        new RegExp(`(?<![\\w.@/-])(?:https?://)?(?:[\\w-]+\\.)*${d}(?![\\w-])(?:/\\S*)?`, 'gi'),
        blank,
      );
  }
  return out;
}

/** The domain is the company's, or a subdomain of it ("billing.northwind.example"). */
export function isOwnDomain(domain: string, own: OwnIdentity): boolean {
  const d = domain.toLowerCase().replace(/^www\./, '');
  return own.domains.some((o) => d === o || d.endsWith(`.${o}`));
}

/** Words that name the kind of street or say "box", not which one. */
const STREET_WORDS = new Set(
  (
    'street st road rd avenue ave av blvd boulevard lane ln drive dr way place pl court ct square sq suite ste ' +
    'floor fl unit building bldg apt po box the of and ' +
    'strasse str weg allee platz gasse ring damm ufer chaussee postfach ' +
    'straat laan plein gracht kade singel dijk postbus ' +
    'rue chemin route impasse quai cours bd bp cs cedex ' +
    'calle c avenida avda plaza paseo apartado carrer ' +
    'via viale piazza corso largo vicolo ' +
    'rua travessa praca alameda ' +
    'de del la le les des du di da do dos das der den van von het'
  ).split(' '),
);

interface Token {
  text: string;
  number: boolean;
}

function tokens(text: string): Token[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .map((t) => ({ text: t, number: /^\d+[a-z]?$/.test(t) }));
}

/** A house number and a word of the street's name printed within four words of it ("12, rue de la Paix"). */
interface StreetKey {
  number: string;
  word: string;
}

function streetKeys(street: string): StreetKey[] {
  const list = tokens(street);
  const keys: StreetKey[] = [];
  list.forEach((t, i) => {
    if (!t.number) return;
    for (let j = Math.max(0, i - 4); j <= Math.min(list.length - 1, i + 4); j++) {
      const w = list[j];
      if (!w || w.number || w.text.length < 3 || STREET_WORDS.has(w.text)) continue;
      keys.push({ number: t.text.replace(/[a-z]$/, ''), word: w.text });
    }
  });
  return keys;
}

/** "hafenstr" and "hafenstrasse", "kehrwieder" and "kehrwieder": one is the other or a long start of it. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.startsWith(short);
}

/** Whether the text prints one of the company's streets with its house number. */
export function holdsOwnStreet(text: string, own: OwnIdentity): boolean {
  if (own.streets.length === 0) return false;
  const list = tokens(text);
  // Words written apart or together ("Hafen Strasse", "Hafenstrasse") both count.
  const words = list.map((t, i) => ({ ...t, joined: t.text + (list[i + 1]?.text ?? '') }));
  return own.streets.some((street) =>
    streetKeys(street).some((key) =>
      words.some(
        (t, i) =>
          t.number &&
          t.text.replace(/[a-z]$/, '') === key.number &&
          words
            .slice(Math.max(0, i - 4), i + 5)
            .some((w) => !w.number && (sameWord(w.text, key.word) || sameWord(w.joined, key.word))),
      ),
    ),
  );
}

const COUNTRY_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pt'];
let countryNames: Set<string> | null = null;

/**
 * Whether the line names a country, in one of the seven languages ("Deutschland", "Netherlands", "Pays-Bas"): the
 * last line of an address, not the name that heads its block.
 */
export function isCountryLine(text: string): boolean {
  if (!countryNames) {
    const names = new Set<string>();
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const language of COUNTRY_LANGUAGES) {
      const display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
      for (const a of letters) {
        for (const b of letters) {
          const name = display.of(`${a}${b}`);
          if (name)
            names.add(
              tokens(name)
                .map((t) => t.text)
                .join(' '),
            );
        }
      }
    }
    countryNames = names;
  }
  return countryNames.has(
    tokens(text)
      .map((t) => t.text)
      .join(' '),
  );
}
