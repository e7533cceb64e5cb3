// Which of our suppliers sent the invoice: by what is printed on it. A tax id, an email address or bank account
// is the supplier's own and decides; a name is compared after dropping case, punctuation and legal forms
// ("Harrow & Finch Ltd" = "HARROW AND FINCH LIMITED"), whole names first, then by their words.

export interface SupplierCandidate {
  id: string;
  name: string;
  email: string | null;
  taxId: string | null;
  accountNumber: string | null;
  country: string | null;
  currency: string | null;
}

export type MatchedBy = 'tax_id' | 'email' | 'bank_account' | 'name';

export interface SupplierMatch {
  supplier: SupplierCandidate;
  by: MatchedBy;
  confidence: number;
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
]);

/** The words of a name that tell it apart: lower case, "&" as "and", no punctuation, no legal forms. */
export function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !LEGAL_FORMS.has(w));
}

const alnum = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

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
  invoice: { lines: readonly string[]; emails: readonly string[]; printedName: string | null },
): SupplierMatch | null {
  const squashed = alnum(invoice.lines.join(' '));
  const digits = invoice.lines.join(' ').replace(/\D/g, '');
  const emails = new Set(invoice.emails.map((e) => e.toLowerCase()));
  const matches: SupplierMatch[] = [];
  for (const supplier of suppliers) {
    const taxId = supplier.taxId ? alnum(supplier.taxId) : '';
    if (taxId.length >= 6 && squashed.includes(taxId)) {
      matches.push({ supplier, by: 'tax_id', confidence: 0.99 });
      continue;
    }
    if (supplier.email && emails.has(supplier.email.toLowerCase())) {
      matches.push({ supplier, by: 'email', confidence: 0.97 });
      continue;
    }
    const account = supplier.accountNumber ? supplier.accountNumber.replace(/\D/g, '') : '';
    if (account.length >= 6 && digits.includes(account)) {
      matches.push({ supplier, by: 'bank_account', confidence: 0.95 });
      continue;
    }
    const words = nameWords(supplier.name);
    if (words.length === 0) continue;
    const printed = invoice.printedName ? nameWords(invoice.printedName) : [];
    if (printed.length > 0 && printed.join(' ') === words.join(' ')) {
      matches.push({ supplier, by: 'name', confidence: 0.93 });
      continue;
    }
    // The name anywhere on the page, as whole words.
    const onLine = invoice.lines.some((line) =>
      ` ${nameWords(line).join(' ')} `.includes(` ${words.join(' ')} `),
    );
    if (onLine) {
      matches.push({ supplier, by: 'name', confidence: 0.9 });
      continue;
    }
    const overlap = Math.max(
      wordOverlap(printed, words),
      ...invoice.lines.slice(0, 15).map((line) => wordOverlap(nameWords(line), words)),
    );
    if (overlap >= 0.6) matches.push({ supplier, by: 'name', confidence: 0.5 + overlap * 0.3 });
  }
  matches.sort((a, b) => b.confidence - a.confidence);
  const [best, second] = matches;
  if (!best) return null;
  // Two suppliers equally likely: say so with a lower confidence rather than pretend.
  if (second && second.confidence === best.confidence) return { ...best, confidence: best.confidence * 0.6 };
  return best;
}
