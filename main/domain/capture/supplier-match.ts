// Which of our suppliers sent the invoice: by what is printed on it. A tax id, an email address or bank account
// is the supplier's own and decides; a name is compared after dropping case, punctuation and legal forms
// ("Harrow & Finch Ltd" = "HARROW AND FINCH LIMITED"), whole names first, then by their words, then a short name
// built from the word starts of a legal name ("Telesur" for "Telecomunicaciones del Sur S.A."). A short name is not
// proof — "Telefónica del Sur" would give "Telesur" too — so such a match is marked for a check, and an acronym
// ("DTAG" for "Deutsche Telekom AG") is only suggested, never filled in.

export interface SupplierCandidate {
  id: string;
  name: string;
  email: string | null;
  taxId: string | null;
  accountNumber: string | null;
  country: string | null;
  currency: string | null;
}

export type MatchedBy = 'tax_id' | 'email' | 'bank_account' | 'name' | 'short_name';

/** The words of a name without accents ("Café Müller" = "Cafe Muller"). */
function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

export interface SupplierMatch {
  supplier: SupplierCandidate;
  by: MatchedBy;
  confidence: number;
  /**
   * Too weak to fill in: the review screen offers the supplier for the bookkeeper to choose instead (an acronym,
   * or a short name two suppliers fit).
   */
  suggestion?: true;
  /** Why a short name was taken for the printed one: the two names, for the review screen. */
  shortFor?: { short: string; long: string };
}

const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'pty',
  'co',
  'corp',
  'corporation',
  'company',
  'the',
  'and',
  'ohg',
  'ug',
  'mbh',
  'ek',
  'sarl',
  'sasu',
  'eurl',
  'sl',
  'slu',
  'srl',
  'spa',
  'snc',
  'lda',
  'ltda',
  'vof',
  'oy',
  'ab',
  'aps',
  'se',
  'cv',
]);

/** The words of a name that tell it apart: lower case, "&" as "and", no punctuation, no legal forms. */
export function nameWords(name: string): string[] {
  return (
    plain(name)
      .replace(/&/g, ' and ')
      // "B.V.", "S.p.A.", "Inc." are one word each.
      .replace(/\.(?=\p{L})/gu, '')
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 0 && !LEGAL_FORMS.has(w))
  );
}

/** The words of a name as `nameWords` gives them, legal forms kept. */
function allWords(name: string): string[] {
  return plain(name)
    .replace(/&/g, ' and ')
    .replace(/\.(?=\p{L})/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
}

/** The small words a short name leaves out ("Telecomunicaciones del Sur" → "Telesur", "Bianchi e Associati"). */
const CONNECTORS = new Set([
  'a',
  'al',
  'am',
  'and',
  'da',
  'das',
  'de',
  'del',
  'della',
  'den',
  'der',
  'des',
  'di',
  'die',
  'do',
  'dos',
  'du',
  'e',
  'el',
  'en',
  'et',
  'for',
  'fur',
  'im',
  'la',
  'las',
  'le',
  'les',
  'los',
  'of',
  'the',
  'und',
  'van',
  'von',
  'y',
  'zu',
]);

/**
 * How `short` is built from the word starts of `long`, if it is: an "abbreviation" when every word of the long
 * name (but its small words and legal forms) gives at least its first three letters, or all of itself
 * ("Tele·sur" for "Telecomunicaciones del Sur S.A.", "Polder·host" for "Polder Hosting B.V."); an "acronym" when
 * some give only their initial ("DTAG" for "Deutsche Telekom AG", "IBM" for "International Business Machines").
 * Every such word must give a part, in order; small words and legal forms may give one or none. Null when the short
 * name is not one word of at least three letters, the long name has fewer than two words, or the two are simply
 * the same name.
 */
export function shortFormOf(short: string, long: string): 'abbreviation' | 'acronym' | null {
  const target = nameWords(short);
  const word = target[0] ?? '';
  if (target.length !== 1 || word.length < 3 || !/\p{L}/u.test(word)) return null;
  const words = allWords(long).map((w) => ({
    w,
    needed: !LEGAL_FORMS.has(w) && !CONNECTORS.has(w),
  }));
  const needed = words.filter((w) => w.needed);
  if (needed.length < 2 || needed.map((w) => w.w).join('') === word) return null;
  // The best split: the one whose weakest part (of a needed word) is strongest.
  let best = 0;
  const walk = (at: number, i: number, weakest: number): void => {
    if (weakest <= best) return;
    if (at === word.length) {
      if (words.slice(i).every((w) => !w.needed)) best = weakest;
      return;
    }
    const next = words[i];
    if (!next) return;
    for (let n = Math.min(next.w.length, word.length - at); n >= 1; n--) {
      if (!next.w.startsWith(word.slice(at, at + n))) continue;
      const strength = !next.needed ? weakest : n >= 3 || n === next.w.length ? 3 : n;
      walk(at + n, i + 1, Math.min(weakest, strength));
    }
    if (!next.needed) walk(at, i + 1, weakest);
  };
  walk(0, 0, 3);
  return best >= 3 ? 'abbreviation' : best >= 1 ? 'acronym' : null;
}

/**
 * A short name built from the printed legal name's word starts: below the review screen's 0.8, so it is filled in
 * but marked for a check ("Telefónica del Sur" gives "Telesur" as well as "Telecomunicaciones del Sur" does).
 */
export const SHORT_NAME_CONFIDENCE = 0.72;
/** An acronym of the printed name: offered, not filled in (three letters fit many names). */
export const ACRONYM_CONFIDENCE = 0.55;

/** German umlauts written out ("Buerotechnik") and dropped ("BUROTECHNIK" read off a page) compare the same. */
const umlautless = (text: string) => text.replace(/([aou])e/g, '$1');

const alnum = (text: string) => plain(text).replace(/[^a-z0-9]/g, '');

/** How alike two names are (0–1): 1 − edit distance ÷ the longer length, on their letters and digits. */
export function nameSimilarity(a: string, b: string): number {
  const x = nameWords(a).join('');
  const y = nameWords(b).join('');
  if (!x || !y) return 0;
  const previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const above = previous[j] ?? 0;
      previous[j] = Math.min(
        above + 1,
        (previous[j - 1] ?? 0) + 1,
        diagonal + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return 1 - (previous[y.length] ?? 0) / Math.max(x.length, y.length);
}

function wordOverlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(b);
  const shared = a.filter((w) => set.has(w)).length;
  return shared / Math.max(a.length, b.length);
}

/**
 * The best supplier for an invoice, or null. `lines` is the invoice's text line by line, `printedName` what
 * extraction took for the supplier's name.
 */
export function matchSupplier(
  suppliers: readonly SupplierCandidate[],
  invoice: {
    /** The invoice's text without the customer's block. */
    lines: readonly string[];
    emails: readonly string[];
    printedName: string | null;
    /** The issuer's e-mail and website domains. */
    domains?: readonly string[];
    /** The company's own names: a supplier of that name is not matched by name. */
    ownNames?: readonly string[];
    /**
     * The company's own tax ids, IBANs (normalised) and domains: a supplier on file with one of them (the company
     * entered as its own supplier, a value typed into the wrong record) is never matched by it.
     */
    own?: { taxIds: readonly string[]; ibans: readonly string[]; domains: readonly string[] };
  },
): SupplierMatch | null {
  const squashed = alnum(invoice.lines.join(' '));
  const digits = invoice.lines.join(' ').replace(/\D/g, '');
  const emails = new Set(invoice.emails.map((e) => e.toLowerCase()));
  const domains = new Set((invoice.domains ?? []).map((d) => d.toLowerCase()));
  const own = (invoice.ownNames ?? []).map((n) => nameWords(n).join(' ')).filter((n) => n.length > 0);
  const printedIsOwn = invoice.printedName !== null && own.includes(nameWords(invoice.printedName).join(' '));
  // The names a short name is compared with: the printed name, and the company lines at the top of the issuer's
  // text (a line that ends in a legal form: "Telecomunicaciones del Sur S.A."), never the company's own.
  const legalNames = [
    ...(invoice.printedName && !printedIsOwn ? [invoice.printedName.trim()] : []),
    ...invoice.lines
      .slice(0, 5)
      .map((line) => line.trim())
      .filter((line) => {
        const all = allWords(line);
        const last = all[all.length - 1] ?? '';
        return all.length >= 3 && LEGAL_FORMS.has(last) && !own.includes(nameWords(line).join(' '));
      }),
  ].filter((name, i, list) => name.length > 0 && list.indexOf(name) === i);
  const shortOfOwn = (name: string) =>
    (invoice.ownNames ?? []).some((o) => shortFormOf(name, o) !== null || shortFormOf(o, name) !== null);
  const ownIds = new Set([...(invoice.own?.taxIds ?? []), ...(invoice.own?.ibans ?? [])].map(alnum));
  const ownDomain = (domain: string) =>
    (invoice.own?.domains ?? []).some((o) => domain === o || domain.endsWith(`.${o}`));
  const matches: SupplierMatch[] = [];
  for (const supplier of suppliers) {
    const isOwn = (value: string) => value.length > 0 && ownIds.has(value);
    const taxId = supplier.taxId ? alnum(supplier.taxId) : '';
    if (taxId.length >= 6 && !isOwn(taxId) && squashed.includes(taxId)) {
      matches.push({ supplier, by: 'tax_id', confidence: 0.99 });
      continue;
    }
    // The supplier's own mail domain (not a mail provider's, nor the company's) on the invoice's e-mail or website.
    const domain = supplier.email?.split('@')[1]?.toLowerCase() ?? '';
    const ownMail = domain.length > 0 && ownDomain(domain);
    if (supplier.email && !ownMail && emails.has(supplier.email.toLowerCase())) {
      matches.push({ supplier, by: 'email', confidence: 0.97 });
      continue;
    }
    const account = supplier.accountNumber ? supplier.accountNumber.replace(/\D/g, '') : '';
    const iban = supplier.accountNumber ? alnum(supplier.accountNumber) : '';
    if (
      !isOwn(iban) &&
      ((account.length >= 6 && digits.includes(account)) ||
        (/^[a-z]{2}\d{2}[a-z0-9]{8,}$/.test(iban) && squashed.includes(iban)))
    ) {
      matches.push({ supplier, by: 'bank_account', confidence: 0.95 });
      continue;
    }
    if (
      domain &&
      !ownMail &&
      [...domains].some((d) => d === domain || d.endsWith(`.${domain}`) || domain.endsWith(`.${d}`))
    ) {
      matches.push({ supplier, by: 'email', confidence: 0.93 });
      continue;
    }
    const words = nameWords(supplier.name);
    if (words.length === 0 || own.includes(words.join(' '))) continue;
    const printed = invoice.printedName ? nameWords(invoice.printedName) : [];
    const key = umlautless(words.join(' '));
    if (printed.length > 0 && umlautless(printed.join(' ')) === key) {
      matches.push({ supplier, by: 'name', confidence: 0.93 });
      continue;
    }
    // The name anywhere on the page, as whole words.
    const onLine = invoice.lines.some((line) =>
      ` ${umlautless(nameWords(line).join(' '))} `.includes(` ${key} `),
    );
    if (onLine) {
      matches.push({ supplier, by: 'name', confidence: 0.9 });
      continue;
    }
    const overlap = Math.max(
      wordOverlap(printed, words),
      ...invoice.lines.slice(0, 15).map((line) => wordOverlap(nameWords(line), words)),
    );
    if (overlap >= 0.6) {
      matches.push({ supplier, by: 'name', confidence: 0.5 + overlap * 0.3 });
      continue;
    }
    // The printed name with a letter or two different (OCR, or "Coolblue BV" against "CoolBlue").
    const similar = invoice.printedName ? nameSimilarity(invoice.printedName, supplier.name) : 0;
    if (similar >= 0.85) {
      matches.push({ supplier, by: 'name', confidence: 0.6 + (similar - 0.85) * 1.5 });
      continue;
    }
    // One name a short form of the other: "Telesur" on file for "Telecomunicaciones del Sur S.A." printed, or the
    // other way round. Never for a short form of the company's own name (the customer's block is not the issuer).
    if (shortOfOwn(supplier.name)) continue;
    let form: 'abbreviation' | 'acronym' | null = null;
    let supplierShort = false;
    let long = '';
    for (const name of legalNames) {
      supplierShort = shortFormOf(supplier.name, name) !== null;
      form = shortFormOf(supplier.name, name) ?? shortFormOf(name, supplier.name);
      long = name;
      if (form) break;
    }
    if (!form) continue;
    const shortFor = supplierShort ? { short: supplier.name, long } : { short: long, long: supplier.name };
    matches.push(
      form === 'abbreviation'
        ? { supplier, by: 'short_name', confidence: SHORT_NAME_CONFIDENCE, shortFor }
        : { supplier, by: 'short_name', confidence: ACRONYM_CONFIDENCE, shortFor, suggestion: true },
    );
  }
  matches.sort((a, b) => b.confidence - a.confidence);
  const [best, second] = matches;
  if (!best) return null;
  // Two suppliers equally likely: say so with a lower confidence rather than pretend; a short name that fits two
  // suppliers is only a suggestion.
  if (second && second.confidence === best.confidence) {
    return best.by === 'short_name'
      ? { ...best, confidence: best.confidence * 0.6, suggestion: true }
      : { ...best, confidence: best.confidence * 0.6 };
  }
  return best;
}
