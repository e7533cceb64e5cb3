// Whether a page's words can be read: a text layer written through a font with no ToUnicode map (or a broken one)
// gives private-use characters, control characters or letters that spell nothing; a copier's OCR layer under a
// scanned page is often poor. The capture then reads the rendered page by OCR and keeps whichever reads better.
import { detectLanguages } from './language-words.js';

export interface Readability {
  /** Words of the invoice vocabulary in any language (each counted at most three times). */
  known: number;
  /** Words that are well-formed numbers, amounts or dates ("1,200.00", "14.03.2026", "20%"). */
  numbers: number;
  /** The share (0–1) of characters that no text shows: private use, control, unassigned, replacement. */
  odd: number;
  /** known + numbers: what the page gives extraction to work with. */
  score: number;
}

const ODD = /[\p{Co}\p{Cc}\p{Cn}\p{Cs}\ufffd]/u;
const NUMBER = /^[(€$£¥-]?\d[\d.,'/:-]*\d%?\)?$|^\d%?$/u;

export function readability(words: readonly string[]): Readability {
  let chars = 0;
  let odd = 0;
  let numbers = 0;
  for (const word of words) {
    for (const ch of word) {
      chars += 1;
      if (ODD.test(ch)) odd += 1;
    }
    if (NUMBER.test(word)) numbers += 1;
  }
  const known = detectLanguages([words.join(' ')])[0]?.score ?? 0;
  return { known, numbers, odd: chars === 0 ? 0 : odd / chars, score: known + numbers };
}

/**
 * The text layer cannot be trusted as it is: a fifth or more of its characters are ones no text shows, or a first
 * page holds not one word of the invoice vocabulary (a font whose codes map to the wrong letters).
 */
export function looksUnreadable(r: Readability, pageNumber: number): boolean {
  return r.odd >= 0.2 || (pageNumber === 1 && r.known === 0);
}
