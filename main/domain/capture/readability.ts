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
  /** Pairs of letters inside words (diacritics taken off), and the share (0–1) of them among COMMON_PAIRS. */
  pairs: number;
  common: number;
}

/**
 * Letter pairs common in every European language written in Latin letters (English, German, French, Dutch, the
 * Romance and Slavic languages: "er", "en", "st", "ra", "ni", "po"…): about half of the pairs of words in any of
 * them, under a tenth of the pairs of letters a font maps to the wrong letters (shifted one to three places on or
 * back, as some PDF printers' subset fonts do).
 */
const COMMON_PAIRS = new Set(
  (
    'an ar at al as ad ak am en er es et el ec ed em in ie it is ic il on or os ow ov ol om ra re ri ro ru ' +
    'st ta te ti to na ne ni no la le li lo de da di do ka ko po pr ch sa se si ze za ma me mi va ve'
  ).split(' '),
);

/** Enough pairs of letters to judge whether they spell words. */
const MIN_PAIRS = 100;
/** At least this share of common pairs: the letters spell words of some language, whichever. */
const MIN_COMMON = 0.3;

function letterPairs(words: readonly string[]): { pairs: number; common: number } {
  let pairs = 0;
  let common = 0;
  for (const word of words) {
    const letters =
      word
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .match(/\p{L}+/gu) ?? [];
    for (const run of letters) {
      for (let i = 0; i + 1 < run.length; i++) {
        pairs += 1;
        if (COMMON_PAIRS.has(run.slice(i, i + 2))) common += 1;
      }
    }
  }
  return { pairs, common: pairs === 0 ? 0 : common / pairs };
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
  return {
    known,
    numbers,
    odd: chars === 0 ? 0 : odd / chars,
    score: known + numbers,
    ...letterPairs(words),
  };
}

/**
 * The text layer cannot be trusted as it is: a fifth or more of its characters are ones no text shows, or a first
 * page holds not one word of the invoice vocabulary and its letters do not spell words of any language either (a
 * font whose codes map to the wrong letters). A clean page in another language (a Polish "Faktura", a Czech
 * "Daňový doklad") is trusted: reading it again by OCR would cost seconds and read no better.
 */
export function looksUnreadable(r: Readability, pageNumber: number): boolean {
  const spellsWords = r.pairs >= MIN_PAIRS && r.common >= MIN_COMMON;
  return r.odd >= 0.2 || (pageNumber === 1 && r.known === 0 && !spellsWords);
}
