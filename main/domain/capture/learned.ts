// Learning how one supplier prints a field, from the bookkeeper's correction: where on the page the right value
// stands, the label printed before or above it, and how it is written (a date's order, an amount's decimal mark).
// extract.ts reads learned fields first (readLearned, below) the next time an invoice from that supplier comes in.
import type { ExtractField, Found, LearnedField, Placement } from './extraction.js';
import { candidate, candidatesFor, found, readValue, type ReadContext } from './fields.js';
import type { FieldKind, LabelHit } from './labels.js';
import { buildLines, type Segment, type TextLine } from './layout.js';
import { nameSimilarity, nameWords } from './supplier-match.js';
import { detectDecimalMark, findAmounts, parseDate } from './values.js';
import { fold } from './vocabulary.js';
import { learnCurrency, learnTable, readLearnedCurrency, type SavedLine } from './learned-table.js';
import { unionBox, type Box, type PageText, type Word } from './words.js';

const squash = (text: string) => fold(text).replace(/[^a-z0-9]/g, '');

interface Spot {
  line: TextLine;
  segmentIndex: number;
  words: Word[];
  format: string | null;
}

/** Where the value is printed: every place on the pages that reads as it. */
function spotsOf(lines: TextLine[], field: ExtractField, value: string): Spot[] {
  const spots: Spot[] = [];
  const mark = detectDecimalMark(lines.map((l) => l.text));
  for (const line of lines) {
    line.segments.forEach((segment, segmentIndex) => {
      const words = segment.words;
      if (field === 'invoiceNumber' || field === 'orderNumber') {
        const wanted = squash(value);
        if (!wanted) return;
        for (let i = 0; i < words.length; i++) {
          for (let n = 1; n <= 4 && i + n <= words.length; n++) {
            const part = words.slice(i, i + n);
            const text = squash(part.map((w) => w.text).join(''));
            // A label glued to the value ("Nr.4711") still gives the value's word.
            if (text === wanted || (n === 1 && text.endsWith(wanted) && wanted.length >= 4)) {
              spots.push({ line, segmentIndex, words: part, format: null });
              return;
            }
          }
        }
        return;
      }
      if (field === 'date' || field === 'dueDate') {
        for (const order of ['dmy', 'mdy'] as const) {
          const parsed = parseDate(segment.text, order);
          if (parsed?.value === value) {
            spots.push({
              line,
              segmentIndex,
              words: wordsAt(words, parsed.index, parsed.index + parsed.length),
              format: parsed.ambiguous ? order : printedOrder(segment.text.slice(parsed.index)),
            });
            return;
          }
        }
        return;
      }
      if (field === 'subtotal' || field === 'tax' || field === 'total') {
        const hits = findAmounts(segment.text, mark).filter(
          (h) => !h.percent && Number(h.value) === Number(value),
        );
        const hit = hits[hits.length - 1];
        if (hit)
          spots.push({
            line,
            segmentIndex,
            words: wordsAt(words, hit.index, hit.index + hit.length),
            format: mark,
          });
        return;
      }
      if (field === 'supplierName') {
        const similar = nameSimilarity(segment.text, value);
        const wanted = nameWords(value);
        const have = new Set(nameWords(segment.text));
        if (similar >= 0.6 || (wanted.length > 0 && wanted.every((w) => have.has(w)))) {
          spots.push({ line, segmentIndex, words, format: null });
        }
      }
    });
  }
  return spots;
}

/**
 * The day/month order a numeric date shows by itself ("25/03/2024": day first; "03/25/2024": month first), so the
 * supplier's next, ambiguous dates ("04/05/2024") are read the same way; null for other dates.
 */
function printedOrder(text: string): 'dmy' | 'mdy' | null {
  const m = /^(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}/.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : null;
}

function wordsAt(words: Word[], start: number, end: number): Word[] {
  let position = 0;
  const out = words.filter((w) => {
    const from = position;
    position += w.text.length + 1;
    return from < end && from + w.text.length > start;
  });
  return out.length ? out : words;
}

function looksLikeLabel(text: string): boolean {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  return letters >= 2 && text.length <= 48 && letters >= text.replace(/\s/g, '').length * 0.5;
}

/** The label of a spot: the text before it in its cell, the cell to its left, or the cell above it. */
function labelOf(lines: TextLine[], spot: Spot): { label: string; placement: Placement } | null {
  const segment = spot.line.segments[spot.segmentIndex] as Segment;
  const first = spot.words[0];
  const before = first ? segment.words.slice(0, segment.words.indexOf(first)) : [];
  // Only the words right before the value, back to the last one holding a digit: in "Rechnung Nr. 123 vom
  // 12.03.2026" the date's label is "vom", not the invoice's own number, which the next invoice will not repeat.
  let from = before.length;
  while (from > 0 && !/\d/.test(before[from - 1]?.text ?? '')) from--;
  const own = before.slice(from);
  if (own.length > 0) {
    const text = own.map((w) => w.text).join(' ');
    if (looksLikeLabel(text)) return { label: own.map((w) => fold(w.text)).join(' '), placement: 'same' };
  }
  const left = spot.line.segments[spot.segmentIndex - 1];
  const leftGap = left ? segment.box.x - (left.box.x + left.box.w) : Infinity;
  const index = lines.indexOf(spot.line);
  let above: { label: string; placement: Placement } | null = null;
  for (let i = index - 1; i >= Math.max(0, index - 2); i--) {
    const line = lines[i];
    if (!line || line.page !== spot.line.page) break;
    if (segment.box.y - (line.box.y + line.box.h) > spot.line.height * 2.5) break;
    const cell = line.segments.find(
      (s) =>
        Math.min(s.box.x + s.box.w, segment.box.x + segment.box.w) - Math.max(s.box.x, segment.box.x) > 0,
    );
    if (cell && looksLikeLabel(cell.text)) {
      above = { label: cell.words.map((w) => fold(w.text)).join(' '), placement: 'below' };
      break;
    }
  }
  // A cell to the left is the label when it is near; a far one is another column (the customer's address).
  if (left && looksLikeLabel(left.text) && (leftGap < 0.2 || !above)) {
    return { label: left.words.map((w) => fold(w.text)).join(' '), placement: 'right' };
  }
  return above;
}

/**
 * How this supplier prints `field`, learned from its right `value` on these pages; null when the value is not
 * printed (the bookkeeper typed something the invoice does not show).
 */
export function learnField(
  pages: readonly PageText[],
  field: ExtractField,
  value: string,
): LearnedField | null {
  const lines = buildLines(pages);
  if (field === 'currency') return learnCurrency(lines, value.toUpperCase());
  const spots = spotsOf(lines, field, value);
  if (spots.length === 0) return null;
  const pageNumbers = [...new Set(lines.map((l) => l.page))];
  const lastPage = pageNumbers[pageNumbers.length - 1];
  // A labelled place is what the supplier meant; among those, totals lower down, other fields higher up.
  const ranked = spots
    .map((spot) => ({ spot, label: field === 'supplierName' ? null : labelOf(lines, spot) }))
    .sort((a, b) => {
      if (!!a.label !== !!b.label) return a.label ? -1 : 1;
      const down = field === 'total' || field === 'tax' || field === 'subtotal';
      return down ? b.spot.line.index - a.spot.line.index : a.spot.line.index - b.spot.line.index;
    });
  const best = ranked[0];
  if (!best) return null;
  const { spot, label } = best;
  const example =
    field === 'supplierName'
      ? spot.words
          .map((w) => w.text)
          .join(' ')
          .trim()
      : value;
  return {
    field,
    label: label?.label ?? null,
    placement: label?.placement ?? null,
    page: spot.line.page === pageNumbers[0] || spot.line.page !== lastPage ? 'first' : 'last',
    box: unionBox(spot.words.map((w) => w.box)),
    format: spot.format,
    example,
  };
}

/** How this supplier prints its line table, from the lines the bookkeeper saved; null when they are not printed. */
export function learnLines(pages: readonly PageText[], saved: readonly SavedLine[]): LearnedField | null {
  const lines = buildLines(pages);
  return learnTable(lines, saved, detectDecimalMark(lines.map((l) => l.text)));
}

// ---------------------------------------------------------------------------------------------------------------
// Reading: what the bookkeeper taught for this supplier is tried before the general rules.

export const FIELD_KIND: Record<ExtractField, FieldKind> = {
  supplierName: 'none',
  invoiceNumber: 'reference',
  date: 'date',
  dueDate: 'date',
  orderNumber: 'reference',
  currency: 'none',
  subtotal: 'amount',
  tax: 'amount',
  total: 'amount',
};

export /** How far apart two boxes' centres are (page fractions). */
function boxDistance(a: Box, b: Box): number {
  return Math.hypot(a.x + a.w / 2 - (b.x + b.w / 2), a.y + a.h / 2 - (b.y + b.h / 2));
}

function centreIn(word: Word, box: Box, margin: number): boolean {
  const cx = word.box.x + word.box.w / 2;
  const cy = word.box.y + word.box.h / 2;
  return (
    cx >= box.x - margin &&
    cx <= box.x + box.w + margin &&
    cy >= box.y - margin / 2 &&
    cy <= box.y + box.h + margin / 2
  );
}

export function readLearned(
  lines: TextLine[],
  hitsAt: Map<string, LabelHit[]>,
  rule: LearnedField,
  ctx: ReadContext,
): Found<string> | null {
  if (rule.field === 'lines') return null;
  if (rule.field === 'currency') return readLearnedCurrency(lines, rule);
  const pages = [...new Set(lines.map((l) => l.page))];
  const page = rule.page === 'last' ? pages[pages.length - 1] : pages[0];
  const onPage = lines.filter((l) => l.page === page);
  const order = rule.format === 'dmy' || rule.format === 'mdy' ? rule.format : ctx.order;
  const mark = rule.format === 'comma' || rule.format === 'point' ? rule.format : ctx.mark;
  const readCtx: ReadContext = {
    order,
    decided: rule.format === 'dmy' || rule.format === 'mdy' || ctx.decided,
    mark,
  };
  if (rule.field === 'supplierName') {
    // The name as the supplier prints it, wherever it is.
    const wanted = fold(rule.example);
    for (const line of lines) {
      for (const segment of line.segments) {
        if (fold(segment.text).includes(wanted)) {
          return { ...found(rule.example, 0.99, segment.words, line.page), learned: true };
        }
      }
    }
    return null;
  }
  const kind = FIELD_KIND[rule.field];
  if (rule.label) {
    // The taught label wherever it is printed (a "Total" column title and the "Total" line both match), and the
    // value beside or under each: the one nearest where the value was taught wins, the taught placement first.
    const label = rule.label;
    let best: { value: Found<string>; distance: number } | null = null;
    for (const line of onPage) {
      for (let s = 0; s < line.segments.length; s++) {
        const segment = line.segments[s];
        if (!segment) continue;
        const folded = segment.words.map((w) => fold(w.text));
        for (let p = 0; p < folded.length; p++) {
          const text = folded.slice(p).join(' ');
          if (!text.startsWith(label)) continue;
          const after = text.slice(label.length);
          if (after && /^[\p{L}\d]/u.test(after)) continue;
          // Words covered by the label.
          let chars = 0;
          let end = p;
          while (end < folded.length && chars < label.length) {
            chars += (folded[end]?.length ?? 0) + 1;
            end++;
          }
          const labelWords = segment.words.slice(p, end);
          const valueWords = segment.words.slice(end).filter((w, i) => i > 0 || /[\p{L}\d]/u.test(w.text));
          const hit: LabelHit = {
            field: 'ignore',
            phrase: label,
            weight: 1,
            lineIndex: line.index,
            segmentIndex: s,
            startWord: p,
            labelWords,
            valueWords,
          };
          for (const c of candidatesFor(lines, hit, hitsAt)) {
            const value = readValue(kind, c, readCtx);
            if (!value) continue;
            const distance =
              boxDistance(value.box, rule.box) +
              (rule.placement && c.placement !== rule.placement ? 0.05 : 0);
            if (!best || distance < best.distance) best = { value, distance };
            break;
          }
        }
      }
    }
    if (best) return { ...best.value, confidence: Math.max(best.value.confidence, 0.97), learned: true };
  }
  // No label (or it is not there): the value where it was printed.
  for (const margin of [0.01, 0.03]) {
    const words = onPage.flatMap((l) => l.words.filter((w) => centreIn(w, rule.box, margin)));
    if (words.length === 0) continue;
    const line = onPage.find((l) => l.words.includes(words[0] as Word));
    if (!line) continue;
    const value = readValue(kind, candidate(words, 'same', line), readCtx);
    if (value) return { ...value, confidence: Math.max(value.confidence * 0.97, 0.93), learned: true };
  }
  return null;
}
