// Reading a labelled field's value: the candidates after the label in its cell, in the cells to its right or in
// the cell below it, and the part of a candidate that has the field's form (a reference, a date, an amount), with
// a confidence from placement × reading confidence × form.
import type { Found, Placement } from './extraction.js';
import type { TextLine } from './layout.js';
import { KIND, type FieldKind, type LabelHit } from './labels.js';
import {
  findAmounts,
  isKnownCurrencyCode,
  monthOf,
  parseDate,
  type DateOrder,
  type DecimalMark,
} from './values.js';
import { unionBox, type Box, type Word } from './words.js';
/** How a value was placed relative to its label, and how much that placement is worth. */
export const PLACEMENT: Record<Placement, number> = { same: 0.97, right: 0.94, below: 0.88 };

export interface Candidate {
  text: string;
  words: Word[];
  placement: Placement;
  page: number;
  lineIndex: number;
}

export function overlapsX(a: Box, b: Box): boolean {
  return Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > Math.min(a.w, b.w) * 0.2;
}

export function candidate(words: Word[], placement: Placement, line: TextLine): Candidate {
  return {
    text: words.map((w) => w.text).join(' '),
    words,
    placement,
    page: line.page,
    lineIndex: line.index,
  };
}

/** The value candidates of a label: after it in its cell, in the cells to its right, or just below it. */
export function candidatesFor(
  lines: TextLine[],
  hit: LabelHit,
  hitsAt: Map<string, LabelHit[]>,
): Candidate[] {
  const line = lines[hit.lineIndex];
  const segment = line?.segments[hit.segmentIndex];
  if (!line || !segment) return [];
  const out: Candidate[] = [];
  const amount = KIND[hit.field] === 'amount';
  if (hit.valueWords.length > 0) out.push(candidate(hit.valueWords, 'same', line));
  // Cells to the right, up to the next label.
  const right: Word[] = [];
  for (let s = hit.segmentIndex + 1; s < line.segments.length; s++) {
    const next = line.segments[s];
    if (!next) break;
    const labelled = (hitsAt.get(`${line.index}:${s}`) ?? []).some((h) => h.startWord === 0);
    if (labelled) break;
    if (KIND[hit.field] !== 'amount') {
      out.push(candidate(next.words, 'right', line));
    } else {
      right.push(...next.words);
    }
  }
  // On a totals line the amount stands last: "Btw 21% over 2.469,26 €  |  518,54 €" is the tax of a base, and
  // the amount in the cell to the right comes before a figure inside the label's own cell.
  if (right.length > 0) {
    if (amount && out[0]?.placement === 'same') out.unshift(candidate(right, 'right', line));
    else out.push(candidate(right, 'right', line));
  }
  // Below: the cell under the label (a box, or a header row above its values).
  const labelBox = unionBox(hit.labelWords.map((w) => w.box));
  for (let i = hit.lineIndex + 1; i < Math.min(lines.length, hit.lineIndex + 4); i++) {
    const below = lines[i];
    if (!below || below.page !== line.page) break;
    const previous = lines[i - 1];
    if (previous && below.box.y - (previous.box.y + previous.box.h) > line.height * 2.5) break;
    let under = below.segments.findIndex((s) =>
      overlapsX(s.box, hit.valueWords.length ? segment.box : labelBox),
    );
    if (under < 0 && !hit.valueWords.length && line.segments.length >= 2) {
      // A row of headings above a row of values ("Base imponible | % IVA | Cuota IVA | TOTAL"): a value
      // aligned right or left in its column need not overlap its centred heading; its centre lies between the
      // neighbouring headings.
      const previousCell = line.segments[hit.segmentIndex - 1];
      const nextCell = line.segments[hit.segmentIndex + 1];
      const left = previousCell
        ? (previousCell.box.x + previousCell.box.w + segment.box.x) / 2
        : segment.box.x - segment.box.w / 2;
      const right = nextCell ? (segment.box.x + segment.box.w + nextCell.box.x) / 2 : 1;
      under = below.segments.findIndex((s) => {
        const centre = s.box.x + s.box.w / 2;
        return centre > left && centre < right;
      });
    }
    if (under >= 0) {
      const cell = below.segments[under];
      const labelled = (hitsAt.get(`${below.index}:${under}`) ?? []).some((h) => h.startWord === 0);
      if (cell && !labelled) out.push(candidate(cell.words, 'below', below));
      break;
    }
  }
  return out;
}

export function readingConfidence(words: Word[]): number {
  if (words.length === 0) return 0;
  const lowest = Math.min(...words.map((w) => w.confidence));
  // A text layer is certain; OCR confidence above ~0.9 is as good as it gets, so it is rescaled.
  return Math.min(1, 0.55 + 0.5 * lowest);
}

export function found<T>(value: T, confidence: number, words: Word[], page: number): Found<T> {
  return {
    value,
    confidence: Math.max(0, Math.min(1, confidence)),
    page,
    box: unionBox(words.map((w) => w.box)),
  };
}

/** The words that cover characters [start, end) of the words' joined text. */
export function wordsAt(words: Word[], start: number, end: number): Word[] {
  let position = 0;
  const out = words.filter((w) => {
    const from = position;
    position += w.text.length + 1;
    return from < end && from + w.text.length > start;
  });
  return out.length ? out : words;
}

/** A word that says "number" in one of the languages, as it stands before a number. */
const NUMBER_WORD = /^(?:n|no|nr|nro|num|numb|number|numero|número|nummer|n\.o)[.º°ºo:]*$/i;

export const REFERENCE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9\-/._]*$/;
export const NOT_REFERENCE = /^(?:date|datum|du|vom|of|del|van|dated|page|seite)$/i;

/** An invoice or order number: one token, or a few joined by spaces ("INV 2024 0008"), holding a digit. */
export function readReference(candidateWords: Word[]): { value: string; words: Word[] } | null {
  const tokens: Word[] = [];
  for (const [i, word] of candidateWords.entries()) {
    const text = word.text.replace(/^[^A-Za-z0-9]+|[:;,]+$/g, '');
    if (!text) {
      if (tokens.length === 0) continue;
      break;
    }
    // "No", "Nr.", "Nº", "Number" before the figures belong to the label ("Factuur | Nr. 2014-0418"), not to
    // the number.
    if (tokens.length === 0 && NUMBER_WORD.test(text)) continue;
    if (!REFERENCE_TOKEN.test(text) || NOT_REFERENCE.test(text)) break;
    // A three-letter word is a currency code or a word beside the number, except three capitals that start it,
    // its figures following ("FPR 48/24", "INV 2024 0008").
    const prefix =
      tokens.length === 0 &&
      /^[A-Z]{3}$/.test(text) &&
      !isKnownCurrencyCode(text) &&
      /\d/.test(candidateWords[i + 1]?.text ?? '');
    if (/^[A-Za-z]{3}$/.test(text) && !prefix) break;
    if (parseDate(text, 'dmy') && tokens.length > 0) break;
    // Words (not codes) end the number: "12345 Datum", "F-12 du".
    if (tokens.length > 0 && /^[a-z]/.test(text) && !/\d/.test(text)) break;
    if (tokens.length > 0) {
      const last = tokens[tokens.length - 1];
      // A wide gap is another cell.
      if (last && word.box.x - (last.box.x + last.box.w) > last.box.h * 1.2) break;
    }
    tokens.push({ ...word, text });
    if (tokens.length >= 4) break;
  }
  // Trailing pure-letter tokens are not part of the number.
  while (tokens.length > 1 && !/\d/.test(tokens[tokens.length - 1]?.text ?? '')) tokens.pop();
  const value = tokens
    .map((t) => t.text)
    .join(' ')
    .replace(/[^A-Za-z0-9]+$/g, '');
  if (value.length < 2 || value.length > 40 || !/\d/.test(value)) return null;
  // A month and a day ("December 16", "16 Dec") are part of a date, not a number.
  const first = tokens[0]?.text ?? '';
  const last = tokens[tokens.length - 1]?.text ?? '';
  if (
    tokens.length === 2 &&
    ((/^\p{L}+\.?$/u.test(first) && monthOf(first)) || (/^\p{L}+\.?$/u.test(last) && monthOf(last)))
  )
    return null;
  // A date is not a number ("Invoice: 12/03/2026" is a dated title).
  const date = parseDate(value, 'dmy');
  if (date && date.length >= value.length - 1) return null;
  return { value, words: tokens };
}

export interface ReadContext {
  order: DateOrder;
  decided: boolean;
  mark: DecimalMark;
}

/** Takes the part of a candidate that fits the field's form. */
export function readValue(kind: FieldKind, c: Candidate, ctx: ReadContext, weight = 1): Found<string> | null {
  const base = PLACEMENT[c.placement] * readingConfidence(c.words) * weight;
  if (kind === 'reference') {
    const ref = readReference(c.words);
    return ref ? found(ref.value, base, ref.words, c.page) : null;
  }
  if (kind === 'date') {
    // The candidate is what a date label holds, so a compact "20240301" at its start is a date.
    const parsed = parseDate(c.text, ctx.order, { decided: ctx.decided, labelled: true });
    if (!parsed) return null;
    return found(
      parsed.value,
      base * (parsed.ambiguous ? 0.85 : 1),
      wordsAt(c.words, parsed.index, parsed.index + parsed.length),
      c.page,
    );
  }
  if (kind === 'amount') {
    // On a totals line the amount is the last figure ("VAT 20 % on 100.00   20.00"); percentages are skipped.
    const hits = findAmounts(c.text, ctx.mark).filter((h) => !h.percent);
    const hit = hits[hits.length - 1];
    if (!hit) return null;
    return found(hit.value, base, wordsAt(c.words, hit.index, hit.index + hit.length), c.page);
  }
  return null;
}
