// The base of the label vocabulary (vocabulary.ts): the languages, the fields labels belong to, how printed text
// is folded for comparison, and how a folded phrase becomes a regex that allows any spacing and dots.
export type Language = 'en' | 'de' | 'fr' | 'nl' | 'es' | 'it' | 'pt';
export const LANGUAGES: readonly Language[] = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pt'];

export type LabelField =
  | 'invoiceNumber'
  | 'date'
  | 'dueDate'
  | 'orderNumber'
  | 'subtotal'
  | 'tax'
  | 'total'
  /** Labels that look like a field's but are not ("Amount paid", "Übertrag", "Leistungsdatum"). */
  | 'ignore';

/** Lower case, no accents, "ß" as "ss", every run of spaces one space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[º°]/g, 'o')
    .replace(/\s+/g, ' ')
    .trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex source for a folded phrase: spaces flexible, dots optional, hyphens optional. */
function phraseSource(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) =>
      word
        .split('')
        .map((c) => (c === '.' ? '\\.?' : c === '-' ? '[-\\s]?' : escape(c)))
        .join(''),
    )
    .join('\\s*');
}

/** One compiled label: the phrase, and a regex anchored at the start of folded text. */
export interface CompiledPhrase {
  phrase: string;
  regex: RegExp;
}

export function compilePhrases(phrases: readonly string[]): CompiledPhrase[] {
  return [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => ({
      phrase,
      // The phrase must end at a word's end; a colon, "#", dots or a dash may follow.
      regex: new RegExp(`^${phraseSource(phrase)}(?![\\p{L}\\d])`, 'u'),
    }));
}
