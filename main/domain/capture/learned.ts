// Learning how one supplier prints a field, from the bookkeeper's correction: where on the page the right value
// stands, the label printed before or above it, and how it is written (a date's order, an amount's decimal mark).
// extract.ts reads learned fields first (readLearned, below) the next time an invoice from that supplier comes in.
import type { ExtractField, Found, LearnedField, Placement } from './extraction.js';
import { candidate, candidatesFor, found, readValue, type Candidate, type ReadContext } from './fields.js';
import { allHits, type FieldKind, type LabelHit } from './labels.js';
import { buildLines, type Segment, type TextLine } from './layout.js';
import { nameSimilarity, nameWords } from './supplier-match.js';
import { detectDecimalMark, findAmounts, parseDate, type DecimalMark } from './values.js';
import { detectLanguage, fold } from './vocabulary.js';
import { amountMinor } from './line-table.js';
import { formatMinor } from '../money.js';
import { dueAtOnce } from './terms.js';
import { learnCurrency, learnTable, readLearnedCurrency, type SavedLine } from './learned-table.js';
import { unionBox, type Box, type PageText, type Word } from './words.js';

const squash = (text: string) => fold(text).replace(/[^a-z0-9]/g, '');

interface Spot {
  line: TextLine;
  segmentIndex: number;
  words: Word[];
  format: string | null;
  /** The value's place among the dates of its cell (1: the first). */
  index?: number;
}

/** Every date in a text, in order, read in `order`. */
function datesIn(
  text: string,
  order: 'dmy' | 'mdy',
): { value: string; index: number; length: number; ambiguous: boolean }[] {
  const out: { value: string; index: number; length: number; ambiguous: boolean }[] = [];
  let from = 0;
  while (from < text.length && out.length < 6) {
    const parsed = parseDate(text.slice(from), order);
    if (!parsed) break;
    out.push({ ...parsed, index: from + parsed.index });
    from += parsed.index + Math.max(1, parsed.length);
  }
  return out;
}

/** Where the value is printed: every place on the pages that reads as it. */
function spotsOf(
  lines: TextLine[],
  field: ExtractField,
  value: string,
  orders: readonly ('dmy' | 'mdy')[] = ['dmy', 'mdy'],
): Spot[] {
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
        for (const order of orders) {
          // Each date of the cell: the one asked for may follow another under one label ("Issued / due").
          const dates = datesIn(segment.text, order);
          const at = dates.findIndex((d) => d.value === value);
          const parsed = dates[at];
          if (parsed) {
            spots.push({
              line,
              segmentIndex,
              words: wordsAt(words, parsed.index, parsed.index + parsed.length),
              format: parsed.ambiguous ? order : printedOrder(segment.text.slice(parsed.index)),
              index: at + 1,
            });
            return;
          }
        }
        // A date of eight figures ("20240425"), read only where a label holds it: the word that reads as the
        // date so is where the supplier prints it (its label taught, as any date's).
        const compact = words.find((w) => parseDate(w.text, 'dmy', { labelled: true })?.value === value);
        if (compact && /^\d{8}\b/.test(compact.text)) {
          spots.push({ line, segmentIndex, words: [compact], format: null, index: 1 });
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
 * The orders the invoice date (known) is printed in on these pages: a due date is looked for in the same one
 * ("11-10-2024" is the invoice date read day first, not a due date of 10 November). Both when it is not known or
 * not found.
 */
function pageOrders(lines: TextLine[], date: string | null | undefined): ('dmy' | 'mdy')[] {
  const both: ('dmy' | 'mdy')[] = ['dmy', 'mdy'];
  if (!date) return both;
  const seen = both.filter((order) =>
    lines.some((l) => l.segments.some((s) => datesIn(s.text, order).some((d) => d.value === date))),
  );
  if (seen.length === 1) return seen;
  // Printed both ways ("11-10-2024" and "10-11-2024": each reads as the other's date the other way round): day
  // first, as every language but English writes it.
  return detectLanguage(lines.map((l) => l.text)) !== 'en' ? ['dmy'] : both;
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

/**
 * A label's words without its figures, rates and punctuation: "USt. 19 %" and "USt. 7 %" are one label,
 * "Invoice No.:" and "Invoice No" too.
 */
export function labelSkeleton(text: string): string {
  return fold(text)
    .replace(/[^\p{L}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function looksLikeLabel(text: string): boolean {
  // A rate inside a label ("VAT @ 20%", "MwSt 8.1 %") does not make it a value; a code ("LP-1042") does.
  const bare = text.replace(/@|\d+(?:[.,]\d+)?\s*%/g, '');
  const letters = (bare.match(/\p{L}/gu) ?? []).length;
  return letters >= 2 && text.length <= 48 && letters >= bare.replace(/\s/g, '').length * 0.5;
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
  // In a sentence, the words nearest the value ("… au plus tard pour le 02/07/2024": "au plus tard pour le").
  while (
    from < before.length - 1 &&
    before
      .slice(from)
      .map((w) => w.text)
      .join(' ').length > 40
  )
    from++;
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
  // A cell to the left holding a figure ("1 de 1", "Seite 2") gives way to a heading above.
  if (left && looksLikeLabel(left.text) && ((leftGap < 0.2 && !(above && /\d/.test(left.text))) || !above)) {
    return { label: left.words.map((w) => fold(w.text)).join(' '), placement: 'right' };
  }
  return above;
}

/** The label before the first value of a cell that holds several ("Issued / due 04/02/2024 / 25/02/2024"). */
function groupLabelOf(spot: Spot): { label: string; placement: Placement } | null {
  const segment = spot.line.segments[spot.segmentIndex];
  const first = segment?.words.findIndex((w) => /\d/.test(w.text)) ?? -1;
  if (!segment || first <= 0) return null;
  const words = segment.words.slice(0, first);
  const text = words.map((w) => w.text).join(' ');
  return looksLikeLabel(text) ? { label: words.map((w) => fold(w.text)).join(' '), placement: 'same' } : null;
}

/**
 * The fields the general rules know the label of a spot for (in its cell before it, or in the cell to its left):
 * "Lieferdatum" is a delivery date's, "Datum" an invoice date's. Empty for a label they do not know, and for a
 * label above the value.
 */
function labelFieldsOf(spot: Spot, placement: Placement, hitsAt: Map<string, LabelHit[]>): Set<string> {
  const segment =
    placement === 'same' ? spot.segmentIndex : placement === 'right' ? spot.segmentIndex - 1 : -1;
  const out = new Set<string>();
  if (segment < 0) return out;
  const first = spot.words[0];
  const at = first ? (spot.line.segments[spot.segmentIndex]?.words.indexOf(first) ?? 0) : 0;
  // The label's words up to the value (in its cell) or to the end of the cell on its left.
  const end = placement === 'same' ? at : (spot.line.segments[segment]?.words.length ?? 0);
  for (const hit of hitsAt.get(`${spot.line.index}:${segment}`) ?? []) {
    if (placement === 'same' && hit.startWord >= at) continue;
    // Only a known label that is the whole label: "Data" in "Data consegna:" is not the invoice date's label.
    const whole = hit.startWord + hit.labelWords.length >= end;
    const name = hit.field === 'dateMid' ? 'date' : hit.field === 'dueDateInline' ? 'dueDate' : hit.field;
    out.add(whole ? name : `part of ${name}`);
  }
  return out;
}

const AMOUNT_FIELDS = new Set<ExtractField>(['subtotal', 'tax', 'total']);

/**
 * The label starting a row of figures the value stands in ("Summe | 6.966,12 | 1.323,56 | 8.289,68",
 * "Totaux 2 557,77 511,04 3 068,81"): a table's total row, where the column tells the field. Null for a value
 * alone after its label.
 */
function rowLabelOf(spot: Spot, mark: DecimalMark): string | null {
  const first = spot.line.segments[0];
  if (!first) return null;
  const figures = spot.line.segments.reduce(
    (n, s) => n + findAmounts(s.text, mark).filter((h) => !h.percent).length,
    0,
  );
  if (figures < 3) return null;
  const words: string[] = [];
  for (const w of first.words) {
    if (spot.words.includes(w) || /\d/.test(w.text)) break;
    words.push(w.text);
  }
  const text = words.join(' ');
  return words.length > 0 && looksLikeLabel(text) && labelSkeleton(text).length >= 3 ? fold(text) : null;
}

/** Words that say a number is a count of days ("Net 30", "30 Tage", "à 30 jours", "30 gg d.f."). */
const DAY_WORDS =
  /^(?:days?|d|tage?n?|tg|jours?|j|dagen|dag|d[ií]as?|giorni|gg|dni|net|netto|neto|nett)\.?$/u;

/**
 * A due date printed as payment terms: the number of days between `date` and `due` printed beside a word for
 * days ("Terms: Net 30", "zahlbar innerhalb von 30 Tagen"). The label is the words before the number in its
 * cell.
 */
function learnTerms(lines: TextLine[], date: string, due: string): LearnedField | null {
  const days = Math.round((Date.parse(due) - Date.parse(date)) / 864e5);
  // Zero days ("Payment terms: 0 days"): payment at once, printed as terms.
  if (!Number.isFinite(days) || days < 0 || days > 366) return null;
  for (const line of lines) {
    for (const segment of line.segments) {
      const words = segment.words;
      for (let i = 0; i < words.length; i++) {
        if (
          words[i]?.text.replace(/[^\d]/g, '') !== String(days) ||
          !/^\d+[.,:;]?$/.test(words[i]?.text ?? '')
        )
          continue;
        const near = [words[i - 1], words[i + 1]].map((w) => fold(w?.text ?? ''));
        if (!near.some((w) => DAY_WORDS.test(w))) continue;
        const before = words.slice(0, i);
        if (before.length === 0 || !looksLikeLabel(before.map((w) => w.text).join(' '))) continue;
        const word = words[i] as Word;
        return {
          field: 'dueDate',
          label: before.map((w) => fold(w.text)).join(' '),
          placement: 'same',
          page: 'first',
          box: word.box,
          format: 'days',
          example: String(days),
        };
      }
    }
  }
  return null;
}

/** Labels of an amount printed in parts, one a line ("CGST9 (9%)" and "SGST9 (9%)"), in a learned rule. */
const PART_SEPARATOR = '\n';

/**
 * An amount printed only in parts on consecutive labelled lines (CGST + SGST, state + local tax, GST + PST): the
 * two or three lines whose amounts add up to `value`. Null when no such lines are printed.
 */
function learnParts(
  lines: TextLine[],
  field: ExtractField,
  value: string,
  mark: DecimalMark,
): LearnedField | null {
  const wanted = amountMinor(value);
  if (wanted === null || wanted === 0n) return null;
  const parts: { line: TextLine; label: string; minor: bigint; spot: Spot }[] = [];
  for (const line of lines) {
    const segmentIndex = line.segments.length - 1;
    const segment = line.segments[segmentIndex];
    if (!segment || segmentIndex < 1) continue;
    const hits = findAmounts(segment.text, mark).filter((h) => !h.percent);
    const hit = hits[hits.length - 1];
    const minor = hit ? amountMinor(hit.value) : null;
    if (!hit || minor === null) continue;
    const spot: Spot = {
      line,
      segmentIndex,
      words: wordsAt(segment.words, hit.index, hit.index + hit.length),
      format: mark,
    };
    const label = labelOf(lines, spot);
    if (label?.placement !== 'right') continue;
    parts.push({ line, label: label.label, minor, spot });
  }
  for (let size = 2; size <= 3; size++) {
    for (let i = 0; i + size <= parts.length; i++) {
      const run = parts.slice(i, i + size);
      // One line after the other, on one page.
      const together = run.every(
        (p, k) =>
          k === 0 ||
          (p.line.page === run[0]?.line.page && p.line.index === (run[k - 1]?.line.index ?? -9) + 1),
      );
      if (!together || run.reduce((n, p) => n + p.minor, 0n) !== wanted) continue;
      if (new Set(run.map((p) => labelSkeleton(p.label))).size < size) continue;
      return {
        field,
        label: run.map((p) => p.label).join(PART_SEPARATOR),
        placement: 'right',
        page: 'last',
        box: unionBox(run.flatMap((p) => p.spot.words.map((w) => w.box))),
        format: 'sum',
        example: value,
      };
    }
  }
  return null;
}

/**
 * How this supplier prints `field`, learned from its right `value` on these pages; null when the value is not
 * printed (the bookkeeper typed something the invoice does not show). `known` holds other fields' right values:
 * a due date that is not printed is learned from the invoice date and the payment terms.
 */
export function learnField(
  pages: readonly PageText[],
  field: ExtractField,
  value: string,
  known: { date?: string | null; due?: string | null; at?: { page: number; box: Box } | null } = {},
): LearnedField | null {
  const lines = buildLines(pages);
  if (field === 'currency') return learnCurrency(lines, value.toUpperCase());
  const spots = spotsOf(lines, field, value, field === 'dueDate' ? pageOrders(lines, known.date) : undefined);
  if (spots.length === 0) {
    if (field === 'dueDate' && known.date) return learnTerms(lines, known.date, value);
    if (field === 'tax') return learnParts(lines, field, value, detectDecimalMark(lines.map((l) => l.text)));
    return null;
  }
  const pageNumbers = [...new Set(lines.map((l) => l.page))];
  const lastPage = pageNumbers[pageNumbers.length - 1];
  const down = AMOUNT_FIELDS.has(field);
  // A labelled place is what the supplier meant; among those, totals lower down, other fields higher up.
  // A confirmed value is learned where it was read (the place the review screen showed), when the page prints
  // it in several: the value under the letterhead or in a reference line is not how the reader found it.
  const at = known.at;
  // Due the day it is dated (due on receipt): the one date is printed twice, the invoice date's place and the due
  // date's. Each is learned at its own, or the next invoice reads one date for both.
  const twin =
    (field === 'date' && !!known.due && known.due === value) ||
    (field === 'dueDate' && !!known.date && known.date === value);
  const distanceAt = (spot: Spot) =>
    at && spot.line.page === at.page ? boxDistance(unionBox(spot.words.map((w) => w.box)), at.box) : Infinity;
  // A twin's two places may be rows close together: only the nearer is where the general rules read it.
  const nearest = twin ? Math.min(...spots.map(distanceAt)) : 0;
  const readAt = (spot: Spot) => distanceAt(spot) < 0.02 && (!twin || distanceAt(spot) === nearest);
  // A date or number printed twice (delivered the day it was invoiced, due on receipt) is learned after a label
  // the general rules know for this field before an unknown label, and before none; after another field's label
  // last.
  const { hitsAt } = allHits(lines);
  const labelRank = (spot: Spot, label: { placement: Placement } | null) => {
    // Amounts stand in rows whose label names the row ("Summe | netto | Steuer | brutto"), not the column.
    if (AMOUNT_FIELDS.has(field)) return 0;
    if (!label) return 2;
    const fields = labelFieldsOf(spot, label.placement, hitsAt);
    if (fields.has(field)) return 0;
    return [...fields].some((f) => !f.startsWith('part of ')) ? 3 : 1;
  };
  // Where the general rules read a twin date tells which of the two it is only when they read it after a label of
  // this very field: they may have taken the other date, which was right by chance.
  const readHere = (spot: Spot) => readAt(spot) && (!twin || labelRank(spot, labelOf(lines, spot)) === 0);
  const ranked = spots
    .map((spot) => ({ spot, label: field === 'supplierName' ? null : labelOf(lines, spot) }))
    .sort((a, b) => {
      if (readHere(a.spot) !== readHere(b.spot)) return readHere(a.spot) ? -1 : 1;
      const rank = labelRank(a.spot, a.label) - labelRank(b.spot, b.label);
      if (rank !== 0) return rank;
      if (!!a.label !== !!b.label) return a.label ? -1 : 1;
      return down ? b.spot.line.index - a.spot.line.index : a.spot.line.index - b.spot.line.index;
    });
  // A twin due date: not where the invoice date is learned (printed first, as invoices print their dates, when
  // the labels do not tell them apart).
  const dateSpot =
    twin && field === 'dueDate' && ranked.length > 1
      ? learnField(pages, 'date', value, { due: value })
      : null;
  const notDate = dateSpot
    ? ranked.filter(
        ({ spot: s }) =>
          s.line.page !== pageOfSide(pageNumbers, dateSpot.page) ||
          boxDistance(unionBox(s.words.map((w) => w.box)), dateSpot.box) > 0.005,
      )
    : ranked;
  const best = notDate[0] ?? ranked[0];
  if (!best) return null;
  const { spot } = best;
  // A date after another under one label in one cell ("Datum / fällig am 06.10.2024 / 13.10.2024"): that label,
  // and the value's place among the dates after it.
  const group = (spot.index ?? 1) > 1 ? groupLabelOf(spot) : null;
  const label = group ?? best.label;
  const example =
    field === 'supplierName'
      ? spot.words
          .map((w) => w.text)
          .join(' ')
          .trim()
      : value;
  // Totals stand on the last page: on a one-page invoice they are on its last page too (a longer invoice from
  // the supplier moves them onto its second).
  const page =
    pageNumbers.length === 1
      ? down
        ? 'last'
        : 'first'
      : spot.line.page === pageNumbers[0] || spot.line.page !== lastPage
        ? 'first'
        : 'last';
  const mark = detectDecimalMark(lines.map((l) => l.text));
  const row = down ? rowLabelOf(spot, mark) : null;
  // A date after another in a cell of its own, its label in the cell beside or above ("Issued / due").
  const index =
    spot.index && spot.index > 1 && (group || label?.placement === 'right' || label?.placement === 'below')
      ? spot.index
      : null;
  return {
    field,
    label: label?.label ?? null,
    placement: label?.placement ?? null,
    page,
    box: unionBox(spot.words.map((w) => w.box)),
    format: spot.format,
    example,
    ...(row ? { row } : {}),
    ...(index ? { index } : {}),
    // A twin date confirmed where the general rules read the other date (right by chance): what is taught is
    // its place, which the general rules do not read, so it counts as a correction.
    ...(twin && at && !readAt(spot) ? { taughtBy: 'correction' as const } : {}),
  };
}

/** The page number a rule's side ('first' or 'last') stands for among these pages. */
function pageOfSide(pageNumbers: number[], side: 'first' | 'last'): number | undefined {
  return side === 'last' ? pageNumbers[pageNumbers.length - 1] : pageNumbers[0];
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

/** Where a learned label is printed, and whether it is printed as the whole label (`exact`). */
interface LabelPlace {
  line: TextLine;
  segmentIndex: number;
  start: number;
  end: number;
  /**
   * The label stands as taught, not as a part of a longer one: "Fecha:" is not the "Fecha" of "Fecha pedido:", nor
   * "Pedido:" the end of it. A label taught ending in a colon ends in one here too; one taught as a cell of its
   * own (the value beside or under it) is the whole cell here, from its first word.
   */
  exact: boolean;
}

const LETTERS_ONLY = /^[^\d]*\p{L}[^\d]*$/u;

function exactPlace(words: Word[], start: number, end: number, label: string, placement: Placement | null) {
  const last = words[end - 1]?.text ?? '';
  const next = words[end]?.text ?? '';
  const previous = words[start - 1]?.text ?? '';
  const colon = /:\s*$/.test(label);
  const endsAtColon = /:$/.test(last) || next.startsWith(':');
  // A label taught with its colon is still itself without it ("Due date:" and "Due Date"), unless a word of
  // letters follows, which may make it a longer label ("Fecha" of "Fecha pedido").
  if (colon && !endsAtColon && LETTERS_ONLY.test(next)) return false;
  // A word of letters after the label, itself ending in a colon, makes it another, longer label.
  if (!endsAtColon && LETTERS_ONLY.test(next) && /:$/.test(next)) return false;
  // Nothing of a label before it ("Fecha pedido:" is not "Pedido:"): the label starts its cell, or follows a
  // figure or a colon ("Rechnung 2024-0815 zu Ihrer Bestellung …"). A phrase of three words or more taught
  // inside a sentence ("au plus tard pour le") is its own evidence.
  const phrase = placement === 'same' && labelSkeleton(label).split(' ').length >= 3;
  if (start > 0 && !/\d|[:|]$|^[/·|•–—,;]+$/.test(previous) && !phrase) return false;
  // A cell of its own (the value beside or under it): no further word of letters before the value, unless the
  // label ends at its colon.
  if (
    (placement === 'right' || placement === 'below') &&
    !endsAtColon &&
    next !== '' &&
    LETTERS_ONLY.test(next)
  )
    return false;
  return true;
}

/** Whether two texts differ by one letter at most (one lost, added or read as another). */
function oneSlip(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/**
 * The end of a label read by OCR with one letter slipped, from word `p` on (its squashed skeleton one letter off
 * `wanted`, six letters or more), or -1. Text layers are taken as printed.
 */
function ocrSlipEnd(words: Word[], p: number, wanted: string): number {
  if (wanted.length < 6) return -1;
  for (let e = p + 1; e <= Math.min(words.length, p + 4); e++) {
    const part = words.slice(p, e);
    if (part.every((w) => w.confidence >= 1)) continue;
    const skeleton = labelSkeleton(part.map((w) => w.text).join(' ')).replace(/\s/g, '');
    if (skeleton.length > wanted.length + 1) break;
    if (oneSlip(skeleton, wanted)) return e;
  }
  return -1;
}

/**
 * Where a learned label is printed: the words it covers in each cell that starts with it (figures aside). Its
 * words may be written together or apart, with or without a hyphen ("Beleg-Nr." and "Belegnr.", "N° pièce" and
 * "N°pièce"): one supplier's form, reworked between two invoices, and a scanner's reading of it differ so.
 */
function labelPlaces(lines: TextLine[], label: string, placement: Placement | null = null): LabelPlace[] {
  const wanted = labelSkeleton(label).replace(/\s/g, '');
  // "de", "le", "n": too short to tell a label from a word of any sentence.
  if (wanted.length < 3) return [];
  const out: LabelPlace[] = [];
  for (const line of lines) {
    line.segments.forEach((segment, s) => {
      const words = segment.words;
      for (let p = 0; p < words.length; p++) {
        let end = -1;
        for (let e = p + 1; e <= words.length; e++) {
          const skeleton = labelSkeleton(
            words
              .slice(p, e)
              .map((w) => w.text)
              .join(' '),
          ).replace(/\s/g, '');
          if (skeleton === wanted) {
            end = e;
            break;
          }
          if (skeleton.length > wanted.length || !wanted.startsWith(skeleton)) break;
        }
        // Read by OCR, a label may have one letter lost or misread ("mitida-em" for "Emitida-em", "Viref." for
        // "V/ref."): a label of six letters or more is found so, as a part of a label (not as taught).
        const slip = end < 0 ? ocrSlipEnd(words, p, wanted) : -1;
        // The label's own words only: "Btw 21%" is the label "btw 9%" with another rate, "Btwnummer" is not.
        if ((end < 0 && slip < 0) || labelSkeleton(words[p]?.text ?? '') === '') continue;
        out.push({
          line,
          segmentIndex: s,
          start: p,
          end: end < 0 ? slip : end,
          exact: end >= 0 && exactPlace(words, p, end, label, placement),
        });
        break;
      }
    });
  }
  return out;
}

/**
 * A value taught in a row of figures (rule.row): the row that starts with the same label, and in it the figure
 * in the column the value was taught in — a VAT table's total row keeps its columns when rows are added above.
 */
function readRow(
  lines: TextLine[],
  rule: LearnedField,
  kind: FieldKind,
  ctx: ReadContext,
): LearnedRead | null {
  if (!rule.row) return null;
  const wanted = labelSkeleton(rule.row);
  const centre = rule.box.x + rule.box.w / 2;
  let best: { value: Found<string>; distance: number } | null = null;
  for (const line of lines) {
    const first = line.segments[0];
    if (!first || !labelSkeleton(first.text).startsWith(wanted)) continue;
    line.segments.forEach((segment, s) => {
      const words = s === 0 ? segment.words.filter((w) => /\d/.test(w.text)) : segment.words;
      if (words.length === 0) return;
      const box = unionBox(words.map((w) => w.box));
      // The cell must stand in the taught column.
      if (box.x > rule.box.x + rule.box.w + 0.02 || box.x + box.w < rule.box.x - 0.02) return;
      const value = readValue(kind, candidate(words, 'right', line), ctx);
      if (!value) return;
      const distance = Math.abs(box.x + box.w / 2 - centre) + Math.abs(line.box.y - rule.box.y) * 0.1;
      if (!best || distance < best.distance) best = { value, distance };
    });
  }
  const chosen = best as { value: Found<string>; distance: number } | null;
  return chosen
    ? { ...chosen.value, confidence: Math.max(chosen.value.confidence, 0.97), learned: true, via: 'label' }
    : null;
}

/** A due date taught as payment terms: the invoice date plus the days printed after the label. */
function readTerms(lines: TextLine[], rule: LearnedField, date: string | null): LearnedRead | null {
  if (!rule.label || !date) return null;
  for (const place of labelPlaces(lines, rule.label)) {
    const words = place.line.segments[place.segmentIndex]?.words.slice(place.end) ?? [];
    const n = words.findIndex((w) => /\d/.test(w.text));
    const word = words[n];
    const days = word ? Number(word.text.replace(/[^\d]/g, '')) : NaN;
    // Zero days is payment at once ("0 days", "Net 0"), only said so beside a word for days or net.
    const zero = days === 0 && [words[n - 1], words[n + 1]].some((w) => DAY_WORDS.test(fold(w?.text ?? '')));
    if (!word || !Number.isInteger(days) || (days <= 0 && !zero) || days > 366) continue;
    const at = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(at.getTime())) return null;
    at.setUTCDate(at.getUTCDate() + days);
    return {
      ...found(at.toISOString().slice(0, 10), 0.95, [word], place.line.page),
      learned: true,
      via: place.exact ? 'label' : 'part of a label',
    };
  }
  return null;
}

/** An amount taught as parts: each part read after its label, and their sum. Null unless every part is read. */
function readParts(
  lines: TextLine[],
  hitsAt: Map<string, LabelHit[]>,
  rule: LearnedField,
  ctx: ReadContext,
): Found<string> | null {
  const labels = (rule.label ?? '').split(PART_SEPARATOR).filter(Boolean);
  if (labels.length < 2) return null;
  let sum = 0n;
  const boxes: Box[] = [];
  let page = 0;
  for (const label of labels) {
    const part = readLearned(lines, hitsAt, { ...rule, label, format: null, row: null }, ctx, null, false);
    const minor = part ? amountMinor(part.value) : null;
    if (!part || minor === null) return null;
    sum += minor;
    boxes.push(part.box);
    page = part.page;
  }
  return { value: formatMinor(sum, 2), confidence: 0.97, page, box: unionBox(boxes), learned: true };
}

/**
 * A value read by a learned rule, and how: after the label as taught ('label', also a row's label or the payment
 * terms' words), after a label that only holds the taught one ('part of a label'), or where the value stood
 * ('position'). A reading after the label as taught is evidence of its own; one by position is only a guess.
 */
export type LearnedRead = Found<string> & {
  via?: 'label' | 'label elsewhere' | 'part of a label' | 'position';
  /** The label is one the general rules know for this field. */
  vocabulary?: boolean;
};

/**
 * The value of `rule` on these lines, the way the supplier was seen to print it: by its row and column, after its
 * label (on the page it was taught on first, then on the others), or where it stood. `date` is the invoice date
 * already read (a due date taught as payment terms counts from it).
 */
export function readLearned(
  lines: TextLine[],
  hitsAt: Map<string, LabelHit[]>,
  rule: LearnedField,
  ctx: ReadContext,
  date: string | null = null,
  byPosition = true,
  anchors: readonly Anchor[] = [],
): LearnedRead | null {
  if (rule.field === 'lines') return null;
  if (rule.field === 'currency') return readLearnedCurrency(lines, rule);
  if (rule.format === 'days') return rule.field === 'dueDate' ? readTerms(lines, rule, date) : null;
  if (rule.format === 'sum') return readParts(lines, hitsAt, rule, ctx);
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
  const byRow = readRow(onPage, rule, kind, readCtx) ?? readRow(lines, rule, kind, readCtx);
  if (byRow) return byRow;
  if (rule.label) {
    // The taught label wherever it is printed (a "Total" column title and the "Total" line both match), and the
    // value beside or under each: the one nearest where the value was taught wins, the taught placement first.
    // The taught page is looked at first; the others when it does not print the label (a longer invoice moves
    // the totals onto its second page).
    const places = labelPlaces(lines, rule.label, rule.placement);
    for (const pass of [page, null]) {
      let best: {
        value: Found<string>;
        distance: number;
        exact: boolean;
        placed: boolean;
        known: boolean;
      } | null = null;
      // How many places print the label as taught, with a value beside or under it.
      let exactPlaces = 0;
      for (const place of places) {
        if (pass !== null && place.line.page !== pass) continue;
        const segment = place.line.segments[place.segmentIndex];
        if (!segment) continue;
        const labelWords = segment.words.slice(place.start, place.end);
        const valueWords = segment.words
          .slice(place.end)
          .filter((w, i) => i > 0 || /[\p{L}\d]/u.test(w.text));
        const hit: LabelHit = {
          field: 'ignore',
          phrase: rule.label,
          weight: 1,
          lineIndex: place.line.index,
          segmentIndex: place.segmentIndex,
          startWord: place.start,
          labelWords,
          valueWords,
        };
        const candidates = candidatesFor(lines, hit, hitsAt);
        // Payment terms beside a due date's label may start with a word that is a label of its own ("DUE DATE |
        // Net 21": "Net" is a net amount's), which ends the label's cells: for a due date that cell is read as
        // terms all the same, last.
        const beside = place.line.segments[place.segmentIndex + 1];
        const terms =
          rule.field === 'dueDate' && beside && !candidates.some((c) => c.words[0] === beside.words[0])
            ? candidate(beside.words, 'right', place.line)
            : null;
        for (const c of terms ? [...candidates, terms] : candidates) {
          const value =
            (c === terms ? null : readValue(kind, nthValue(c, kind, rule.index ?? null, readCtx), readCtx)) ??
            (rule.field === 'dueDate' ? termsAfter(c, date) : null);
          if (!value) continue;
          const placed = !rule.placement || c.placement === rule.placement;
          // The label as taught comes before a longer label that holds it ("Fecha:" before "Fecha pedido:"),
          // unless that one stands much nearer where the value was.
          const distance =
            boxDistance(value.box, rule.box) +
            (placed ? 0 : 0.05) +
            (place.exact ? 0 : 0.1) +
            (value.page !== page ? 0.5 : 0);
          if (place.exact) exactPlaces++;
          // The general rules know this label for this field too (they read it there on the first invoice).
          const known = (hitsAt.get(`${place.line.index}:${place.segmentIndex}`) ?? []).some(
            (h) =>
              (h.field === rule.field ||
                (h.field === 'dateMid' && rule.field === 'date') ||
                (h.field === 'dueDateInline' && rule.field === 'dueDate')) &&
              h.startWord <= place.start &&
              h.startWord + h.labelWords.length >= place.end,
          );
          if (!best || distance < best.distance)
            best = { value, distance, exact: place.exact, placed, known };
          break;
        }
      }
      if (best)
        return {
          ...best.value,
          confidence: Math.max(best.value.confidence, 0.97),
          learned: true,
          // Evidence of its own only when the label is printed as taught, once, with the value placed as taught.
          via: !best.exact
            ? 'part of a label'
            : best.placed && exactPlaces === 1
              ? 'label'
              : 'label elsewhere',
          vocabulary: best.known,
        };
    }
  }
  // No label (or it is not there): the value where it was printed, moved as much as the learned field nearest
  // it moved (a total under a table that has other lines this time, or that runs onto another page).
  if (!byPosition) return null;
  // Moved as the learned field nearest it moved; where a page break splits the block it stands in (a net at the
  // foot of one page, the tax and total at the head of the next), the nearest field's place may hold only that
  // field's own value: then as the next nearest moved.
  for (const moved of shiftsOf(rule, anchors, lines)) {
    const box = moved ? { ...rule.box, y: rule.box.y + moved.dy } : rule.box;
    const there = moved ? lines.filter((l) => l.page === moved.page) : onPage;
    const thereAt = moved ? moved.page : page;
    // The values the other learned fields were read as here: never this field's.
    const taken = anchors
      .filter((a) => a.field !== rule.field && a.now.page === thereAt)
      .map((a) => a.now.box);
    let tookOnly = false;
    for (const margin of [0.01, 0.03]) {
      const near = there.flatMap((l) => l.words.filter((w) => centreIn(w, box, margin)));
      const words = near.filter((w) => !taken.some((b) => centreIn(w, b, 0)));
      if (words.length === 0) {
        tookOnly ||= near.length > 0;
        continue;
      }
      const line = there.find((l) => l.words.includes(words[0] as Word));
      if (!line) continue;
      const value = readValue(kind, candidate(wholeDate(line, words, kind, readCtx), 'same', line), readCtx);
      // A number whose label is not printed this time is probably not printed either: what stands there must
      // at least look like the number taught ("PO-4102", not the "17" of another cell).
      if (value && kind === 'reference' && rule.label && shape(value.value) !== shape(rule.example))
        return null;
      // Nor is it when another label stands beside, before or above what is printed there now (a "Shipment
      // LS-6485" row where the "Order" row was, a "Delivery date" box where the "Due date" box was): that is the
      // other label's value.
      if (value && rule.label && kind !== 'amount' && otherLabelBefore(there, line, value, rule.label))
        return null;
      if (value)
        return {
          ...value,
          confidence: Math.max(value.confidence * 0.97, 0.93),
          learned: true,
          via: 'position',
        };
    }
    if (!tookOnly) return null;
  }
  return null;
}

/**
 * The whole date that the words found where a date was taught belong to: a month's name of another length
 * ("3. Mai 2024", then "12. September 2024") makes a date printed flush right, or centred, start elsewhere, so
 * that only some of its words stand where the first one stood. The words themselves for other kinds, or when no
 * date of their cell holds them.
 */
function wholeDate(line: TextLine, words: Word[], kind: FieldKind, ctx: ReadContext): Word[] {
  if (kind !== 'date') return words;
  const segment = line.segments.find((s) => s.words.includes(words[0] as Word));
  if (!segment) return words;
  for (const date of datesIn(segment.text, ctx.order)) {
    const span = wordsAt(segment.words, date.index, date.index + date.length);
    if (span.some((w) => words.includes(w))) return span;
  }
  return words;
}

/** A learned field read after its label on this invoice: where it was taught, and where it stands now. */
export interface Anchor {
  field: ExtractField;
  taught: { page: 'first' | 'last'; box: Box };
  now: { page: number; box: Box };
}

/**
 * Where the fields of `rules` taught after a label stand on these lines (read after the label as taught, printed
 * once): the anchors a field taught by its position alone is placed by.
 */
export function anchorsOf(
  lines: TextLine[],
  hitsAt: Map<string, LabelHit[]>,
  rules: readonly LearnedField[],
  ctx: ReadContext,
): Anchor[] {
  const out: Anchor[] = [];
  for (const rule of rules) {
    if (!rule.label || rule.field === 'lines' || rule.field === 'currency' || rule.field === 'supplierName')
      continue;
    if (rule.format === 'days' || rule.format === 'sum') continue;
    const read = readLearned(lines, hitsAt, rule, ctx, null, false);
    if (read?.via !== 'label') continue;
    out.push({
      field: rule.field,
      taught: { page: rule.page, box: rule.box },
      now: { page: read.page, box: read.box },
    });
  }
  return out;
}

/**
 * How far a field taught by its position may have moved, the likeliest first: as far down (and onto the page) as
 * each anchor taught above or below it on the same page (within a sixth of the page: the block it stands in, as
 * the totals under a line table), the nearest first; null for an anchor that has not moved. Just null without
 * such an anchor.
 */
function shiftsOf(
  rule: LearnedField,
  anchors: readonly Anchor[],
  lines: TextLine[],
): ({ page: number; dy: number } | null)[] {
  const centre = (b: Box) => b.y + b.h / 2;
  const near = anchors
    .filter((a) => a.field !== rule.field && a.taught.page === rule.page)
    .map((anchor) => ({ anchor, distance: Math.abs(centre(anchor.taught.box) - centre(rule.box)) }))
    .filter((a) => a.distance <= 1 / 6)
    .sort((a, b) => a.distance - b.distance);
  if (near.length === 0) return [null];
  const pages = [...new Set(lines.map((l) => l.page))];
  const taughtPage = rule.page === 'last' ? pages[pages.length - 1] : pages[0];
  return near.map(({ anchor }) => {
    const dy = centre(anchor.now.box) - centre(anchor.taught.box);
    return anchor.now.page === taughtPage && Math.abs(dy) < 0.005 ? null : { page: anchor.now.page, dy };
  });
}

/**
 * The candidate from its `index`th date on (a date taught as the second of its cell: "Issued / due 04/02/2024 /
 * 25/02/2024"); the candidate itself for the first, for other kinds, or when the cell holds fewer dates.
 */
function nthValue(c: Candidate, kind: FieldKind, index: number | null, ctx: ReadContext): Candidate {
  if (kind !== 'date' || !index || index < 2) return c;
  const date = datesIn(c.text, ctx.order)[index - 1];
  if (!date) return c;
  let position = 0;
  const words = c.words.filter((w) => {
    const from = position;
    position += w.text.length + 1;
    return from + w.text.length > date.index;
  });
  return words.length ? { ...c, text: words.map((w) => w.text).join(' '), words } : c;
}

/**
 * A due date given this time as days after the invoice date where a date was taught ("Due: 30 days", "Vervalt
 * 45 dagen", "Net 14"): the invoice date plus the days; given as payment at once ("On receipt"): the invoice
 * date. Null for anything else.
 */
function termsAfter(c: Candidate, date: string | null): Found<string> | null {
  if (!date) return null;
  // Payment at once where a date was taught ("Due Date | On receipt", "Fälligkeit | sofort"): the invoice date.
  if (dueAtOnce(c.text)) return found(date, 0.9, c.words, c.page);
  // The days may come after words of their own ("Pagamento entro 30 giorni d.f.", "Zahlbar innerhalb 14 Tagen").
  const words = c.words.slice(0, 8).map((w) => fold(w.text));
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i] ?? '';
    const b = words[i + 1] ?? '';
    const days =
      /^\d{1,3}$/.test(a) && DAY_WORDS.test(b)
        ? Number(a)
        : /^(?:net|netto|neto|nett)$/.test(a) && /^\d{1,3}$/.test(b)
          ? Number(b)
          : NaN;
    if (!Number.isInteger(days) || days < 0 || days > 366) continue;
    const at = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(at.getTime())) return null;
    at.setUTCDate(at.getUTCDate() + days);
    return found(at.toISOString().slice(0, 10), 0.9, c.words.slice(i, i + 2), c.page);
  }
  return null;
}

/** Whether two labels are other labels: neither holds the other, their words written together or apart. */
function otherLabel(text: string, label: string): boolean {
  const skeleton = labelSkeleton(text).replace(/\s/g, '');
  const wanted = labelSkeleton(label).replace(/\s/g, '');
  return skeleton !== '' && !skeleton.includes(wanted) && !wanted.includes(skeleton);
}

/**
 * Whether the value's cell, or the cell left of it, starts with a label other than `label`, or, with neither,
 * another label heads it from above (a row of boxes, each heading above its value, that lost the taught box: the
 * box standing in its place now is another field's).
 */
function otherLabelBefore(lines: TextLine[], line: TextLine, value: Found<string>, label: string): boolean {
  const first = line.words.find((w) => centreIn(w, value.box, 0.001));
  const s = line.segments.findIndex((seg) => first && seg.words.includes(first));
  const segment = line.segments[s];
  if (!segment || !first) return false;
  const own = segment.words.slice(0, segment.words.indexOf(first));
  const text = own.length > 0 ? own.map((w) => w.text).join(' ') : (line.segments[s - 1]?.text ?? '');
  if (text && looksLikeLabel(text)) return otherLabel(text, label);
  const heading = labelOf(lines, {
    line,
    segmentIndex: s,
    words: segment.words.slice(segment.words.indexOf(first)),
    format: null,
  });
  return heading?.placement === 'below' && otherLabel(heading.label, label);
}

/** A number's shape: letters and digit runs as one sign each ("PO-4102" → "A-9"). */
export function shape(text: string): string {
  return text
    .replace(/\p{L}+/gu, 'A')
    .replace(/\d+/g, '9')
    .replace(/\s+/g, ' ');
}
