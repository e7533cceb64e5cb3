// Extraction: from the lines of a supplier invoice (text layer or OCR) to its fields and its line table, each with
// a confidence (0–1) and where it was found.
// - Labels come from the vocabulary of seven languages (vocabulary.ts); the longest label that matches wins. A
//   value is taken after its label in the same cell, to its right on the line, or below it (a box).
// - Net, tax and total are chosen together among every labelled amount so that net + tax = total and the lines
//   add up to the net (reconciliation); when nothing reconciles, the warnings say so.
// - The supplier is the issuer, never the customer: the block under "Bill to"/"Rechnungsadresse"/… and the
//   company's own name are set apart; the issuer's name is the prominent name in the header (or the footer's
//   company line), helped by legal forms and the e-mail/web domain.
// - What the bookkeeper taught for this supplier (learned fields) is tried first.
import { lineAmountBig, toMinorBig, formatMinor } from '../money.js';
import { buildLines, type Segment, type TextLine } from './layout.js';
import { nameWords } from './supplier-match.js';
import {
  currencyHits,
  detectDecimalMark,
  findAmounts,
  looksNumeric,
  parseAmount,
  parseDate,
  type DateOrder,
  type DecimalMark,
} from './values.js';
import {
  compilePhrases,
  CUSTOMER_LABELS,
  detectLanguage,
  fold,
  HEADER_PHRASES,
  LABEL_PHRASES,
  type Language,
  type LabelField,
} from './vocabulary.js';
import { unionBox, type Box, type PageText, type Word } from './words.js';

export interface Found<T> {
  value: T;
  confidence: number;
  page: number;
  box: Box;
  /** Read by what the bookkeeper taught for this supplier. */
  learned?: boolean;
}

export interface ExtractedLine {
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  confidence: number;
  page: number;
  box: Box;
}

/** The fields extraction reads (and learning can teach). */
export type ExtractField =
  'supplierName' | 'invoiceNumber' | 'date' | 'dueDate' | 'orderNumber' | 'subtotal' | 'tax' | 'total';

export type Placement = 'same' | 'right' | 'below';

/** How one supplier prints one field, as learned from a bookkeeper's correction. */
export interface LearnedField {
  field: ExtractField;
  /** The label printed before or above the value (folded), or null when the value stands alone. */
  label: string | null;
  placement: Placement | null;
  /** The page the value was on, counted from the start ("first") or the end ("last"). */
  page: 'first' | 'last';
  /** Where the value was printed (page fractions). */
  box: Box;
  /** How the value was written: a date's order ('dmy', 'mdy', 'ymd'), an amount's decimal mark. */
  format: string | null;
  /** The value's text as printed (for names: the printed name). */
  example: string;
}

export interface IssuerDetails {
  /** The document's text without the customer's block: supplier matching looks here. */
  text: string[];
  emails: string[];
  /** Domains of the issuer's e-mail addresses and website. */
  domains: string[];
  ibans: string[];
}

export interface Extraction {
  supplierName: Found<string> | null;
  invoiceNumber: Found<string> | null;
  date: Found<string> | null;
  dueDate: Found<string> | null;
  orderNumber: Found<string> | null;
  currency: Found<string> | null;
  subtotal: Found<string> | null;
  tax: Found<string> | null;
  total: Found<string> | null;
  lines: ExtractedLine[];
  /** Every line's text in reading order. */
  text: string[];
  emails: string[];
  issuer: IssuerDetails;
  /** The language the labels were printed in (most of them). */
  language: Language;
  /** What the bookkeeper should check: sums that do not reconcile. */
  warnings: string[];
  /** Fields read by a learned rule. */
  learned: ExtractField[];
}

export interface ExtractOptions {
  /** How dates are written when day and month could be swapped and the page does not tell. */
  dateOrder: DateOrder;
  /** dateOrder comes from the supplier's country: it then beats the page's language. */
  dateOrderFromCountry?: boolean;
  /** The company's own names: the customer, never the supplier. */
  ownNames?: readonly string[];
  /** How this supplier prints its fields, as taught by the bookkeeper. */
  learned?: readonly LearnedField[];
}

type FieldKind = 'reference' | 'date' | 'amount' | 'none';
type HitField = LabelField | 'customer' | 'dateMid' | 'dueDateInline';

const KIND: Record<HitField, FieldKind> = {
  invoiceNumber: 'reference',
  orderNumber: 'reference',
  date: 'date',
  dueDate: 'date',
  dateMid: 'date',
  dueDateInline: 'date',
  subtotal: 'amount',
  tax: 'amount',
  total: 'amount',
  ignore: 'none',
  customer: 'none',
};

interface CompiledLabel {
  field: HitField;
  phrase: string;
  regex: RegExp;
  /** How telling the label is: a bare "Invoice" or "Data" less than "Invoice number" or "Rechnungsdatum". */
  weight: number;
}

const WEAK_PHRASES = new Set([
  'invoice',
  'rechnung',
  'facture',
  'factuur',
  'factura',
  'fatura',
  'fattura',
  'reference',
  'your reference',
  'order',
  'data',
  'due',
  'net',
  'netto',
  'summe',
  'gesamt',
  'brutto',
]);

const TAX_PREFIX = String.raw`(?:(?:zzgl|zuzgl|plus|incl|inkl|inc|\+)\.?\s*)?(?:\d{1,2}(?:[.,]\d{1,3})?\s*%\s*)?`;

const ALL_LABELS: CompiledLabel[] = (() => {
  const out: CompiledLabel[] = [];
  const add = (field: HitField, phrases: readonly string[]) => {
    for (const c of compilePhrases(phrases)) {
      const regex = field === 'tax' ? new RegExp(`^${TAX_PREFIX}${c.regex.source.slice(1)}`, 'u') : c.regex;
      out.push({ field, phrase: c.phrase, regex, weight: WEAK_PHRASES.has(c.phrase) ? 0.85 : 1 });
    }
  };
  for (const field of Object.keys(LABEL_PHRASES) as LabelField[]) add(field, LABEL_PHRASES[field]);
  add('customer', CUSTOMER_LABELS);
  return out.sort((a, b) => b.phrase.length - a.phrase.length);
})();

/** Labels that only count inside a line, after a number: "Rechnung 123 vom 12.03.2026", "Facture 12 du …". */
const MID_LABELS: CompiledLabel[] = compilePhrases(['vom', 'du', 'del', 'van', 'dated', 'dd.', 'of']).map(
  (c) => ({ field: 'dateMid' as const, phrase: c.phrase, regex: c.regex, weight: 0.9 }),
);

/**
 * Due dates inside a sentence: "… den Rechnungsbetrag bis zum 28.09.2024 …", "à régler avant le 3 mai",
 * "payable by 12 May 2024". Taken only when a date follows at once.
 */
const DUE_IN_SENTENCE: CompiledLabel[] = compilePhrases([
  'bis zum',
  'bis spatestens',
  'spatestens am',
  'zahlbar bis zum',
  'avant le',
  'au plus tard le',
  'entro il',
  'antes del',
  'antes de',
  'ate',
  'ate ao dia',
  'uiterlijk op',
  'uiterlijk',
  'due by',
  'payable by',
  'no later than',
  'payment is due on',
  'due on',
]).map((c) => ({ field: 'dueDateInline' as const, phrase: c.phrase, regex: c.regex, weight: 0.85 }));

interface LabelHit {
  field: HitField;
  phrase: string;
  weight: number;
  lineIndex: number;
  segmentIndex: number;
  startWord: number;
  labelWords: Word[];
  /** The words after the label in its segment, up to the next label. */
  valueWords: Word[];
}

/** The labels in one segment: at its start, and after a value inside it ("No. 12  Date 3.4.2026"). */
function segmentHits(segment: Segment, lineIndex: number, segmentIndex: number): LabelHit[] {
  const words = segment.words;
  const folded = words.map((w) => fold(w.text));
  const found: { hit: LabelHit; end: number }[] = [];
  let p = 0;
  while (p < words.length) {
    const previous = p > 0 ? (words[p - 1]?.text ?? '') : '';
    const atStart = p === 0 || /\d/.test(previous);
    const text = folded.slice(p).join(' ');
    const pool = p === 0 ? ALL_LABELS : atStart ? [...ALL_LABELS, ...MID_LABELS] : DUE_IN_SENTENCE;
    let matched = false;
    for (const label of pool) {
      const m = label.regex.exec(text);
      if (!m) continue;
      // "PO-1102", "INV/2024/7" are values that start like a label.
      if (/^[-/_]\d/.test(text.slice(m[0].length))) continue;
      // The label and the punctuation after it (":", "#", "-").
      let consumed = m[0].length;
      const trail = /^[\s:#.\-–]*/.exec(text.slice(consumed));
      consumed += trail ? trail[0].length : 0;
      let chars = 0;
      let end = p;
      const labelWords: Word[] = [];
      let remainder: Word | null = null;
      while (end < words.length) {
        const length = folded[end]?.length ?? 0;
        const word = words[end];
        if (!word) break;
        if (chars + length <= consumed) {
          labelWords.push(word);
          chars += length + 1;
          end++;
          if (chars >= consumed) break;
          continue;
        }
        // The label ends inside this word ("Nr.:4711"): the rest of it is the value's start.
        const cut = consumed - chars;
        if (cut > 0) {
          labelWords.push(word);
          remainder = { ...word, text: word.text.slice(cut) };
          end++;
        }
        break;
      }
      if (labelWords.length === 0) break;
      found.push({
        hit: {
          field: label.field,
          phrase: label.phrase,
          weight: label.weight,
          lineIndex,
          segmentIndex,
          startWord: p,
          labelWords,
          valueWords: remainder && /[\p{L}\d]/u.test(remainder.text) ? [remainder] : [],
        },
        end,
      });
      p = end;
      matched = true;
      break;
    }
    if (!matched) p++;
  }
  // Each label's value runs to the next label.
  found.forEach((entry, i) => {
    const next = found[i + 1];
    const stop = next ? next.hit.startWord : words.length;
    entry.hit.valueWords.push(...words.slice(entry.end, stop));
  });
  return found.map((f) => f.hit);
}

/** How a value was placed relative to its label, and how much that placement is worth. */
const PLACEMENT: Record<Placement, number> = { same: 0.97, right: 0.94, below: 0.88 };

interface Candidate {
  text: string;
  words: Word[];
  placement: Placement;
  page: number;
  lineIndex: number;
}

function overlapsX(a: Box, b: Box): boolean {
  return Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > Math.min(a.w, b.w) * 0.2;
}

function candidate(words: Word[], placement: Placement, line: TextLine): Candidate {
  return {
    text: words.map((w) => w.text).join(' '),
    words,
    placement,
    page: line.page,
    lineIndex: line.index,
  };
}

/** The value candidates of a label: after it in its cell, in the cells to its right, or just below it. */
function candidatesFor(lines: TextLine[], hit: LabelHit, hitsAt: Map<string, LabelHit[]>): Candidate[] {
  const line = lines[hit.lineIndex];
  const segment = line?.segments[hit.segmentIndex];
  if (!line || !segment) return [];
  const out: Candidate[] = [];
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
  if (right.length > 0) out.push(candidate(right, 'right', line));
  // Below: the cell under the label (a box, or a header row above its values).
  const labelBox = unionBox(hit.labelWords.map((w) => w.box));
  for (let i = hit.lineIndex + 1; i < Math.min(lines.length, hit.lineIndex + 4); i++) {
    const below = lines[i];
    if (!below || below.page !== line.page) break;
    const previous = lines[i - 1];
    if (previous && below.box.y - (previous.box.y + previous.box.h) > line.height * 2.5) break;
    const under = below.segments.findIndex((s) =>
      overlapsX(s.box, hit.valueWords.length ? segment.box : labelBox),
    );
    if (under >= 0) {
      const cell = below.segments[under];
      const labelled = (hitsAt.get(`${below.index}:${under}`) ?? []).some((h) => h.startWord === 0);
      if (cell && !labelled) out.push(candidate(cell.words, 'below', below));
      break;
    }
  }
  return out;
}

function readingConfidence(words: Word[]): number {
  if (words.length === 0) return 0;
  const lowest = Math.min(...words.map((w) => w.confidence));
  // A text layer is certain; OCR confidence above ~0.9 is as good as it gets, so it is rescaled.
  return Math.min(1, 0.55 + 0.5 * lowest);
}

function found<T>(value: T, confidence: number, words: Word[], page: number): Found<T> {
  return {
    value,
    confidence: Math.max(0, Math.min(1, confidence)),
    page,
    box: unionBox(words.map((w) => w.box)),
  };
}

/** The words that cover characters [start, end) of the words' joined text. */
function wordsAt(words: Word[], start: number, end: number): Word[] {
  let position = 0;
  const out = words.filter((w) => {
    const from = position;
    position += w.text.length + 1;
    return from < end && from + w.text.length > start;
  });
  return out.length ? out : words;
}

const REFERENCE_TOKEN = /^[A-Za-z0-9][A-Za-z0-9\-/._]*$/;
const NOT_REFERENCE = /^(?:[A-Z]{3}|date|datum|du|vom|of|del|van|dated|page|seite)$/i;

/** An invoice or order number: one token, or a few joined by spaces ("INV 2024 0008"), holding a digit. */
function readReference(candidateWords: Word[]): { value: string; words: Word[] } | null {
  const tokens: Word[] = [];
  for (const word of candidateWords) {
    const text = word.text.replace(/^[^A-Za-z0-9]+|[:;,]+$/g, '');
    if (!text) {
      if (tokens.length === 0) continue;
      break;
    }
    if (!REFERENCE_TOKEN.test(text) || NOT_REFERENCE.test(text)) break;
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
  // A date is not a number ("Invoice: 12/03/2026" is a dated title).
  const date = parseDate(value, 'dmy');
  if (date && date.length >= value.length - 1) return null;
  return { value, words: tokens };
}

interface ReadContext {
  order: DateOrder;
  decided: boolean;
  mark: DecimalMark;
}

/** Takes the part of a candidate that fits the field's form. */
function readValue(kind: FieldKind, c: Candidate, ctx: ReadContext, weight = 1): Found<string> | null {
  const base = PLACEMENT[c.placement] * readingConfidence(c.words) * weight;
  if (kind === 'reference') {
    const ref = readReference(c.words);
    return ref ? found(ref.value, base, ref.words, c.page) : null;
  }
  if (kind === 'date') {
    const parsed = parseDate(c.text, ctx.order, { decided: ctx.decided });
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

type Role = 'description' | 'quantity' | 'unitPrice' | 'amount';
const HEADER_LABELS = (Object.keys(HEADER_PHRASES) as Role[])
  .flatMap((role) => compilePhrases(HEADER_PHRASES[role]).map((c) => ({ role, ...c })))
  .sort((a, b) => b.phrase.length - a.phrase.length);

interface Column {
  role: Role;
  box: Box;
}

function headerColumns(line: TextLine): Column[] | null {
  const columns: Column[] = [];
  for (const segment of line.segments) {
    // A header cell can hold two titles printed close together ("Qty Description").
    let words = segment.words;
    while (words.length > 0) {
      const rest = words.map((w) => fold(w.text)).join(' ');
      const hit = HEADER_LABELS.find((h) => h.regex.test(rest));
      if (!hit) break;
      const length = rest.match(hit.regex)?.[0].length ?? rest.length;
      const consumed = Math.max(1, rest.slice(0, length).trim().split(/\s+/).length);
      const own = words.slice(0, consumed);
      if (!columns.some((c) => c.role === hit.role)) {
        columns.push({ role: hit.role, box: unionBox(own.map((w) => w.box)) });
      }
      words = words.slice(consumed);
      // Units and currencies after a title ("Amount (EUR)", "Preis €") belong to it.
      while (
        words[0] &&
        /^[([]?(?:[A-Z]{3}|€|\$|£|%|excl\.?|incl\.?|ht|ttc|netto|brutto)[)\]]?$/i.test(words[0].text)
      )
        words = words.slice(1);
    }
  }
  const roles = new Set(columns.map((c) => c.role));
  const numeric = ['quantity', 'unitPrice', 'amount'].filter((r) => roles.has(r as Role)).length;
  return roles.has('description') && numeric >= 2 ? columns : null;
}

function amountMinor(value: string): bigint | null {
  try {
    return toMinorBig(value, 2);
  } catch {
    return null;
  }
}

/** Whether quantity × price gives the amount to the cent. */
function arithmeticHolds(quantity: string, unitPrice: string, amount: string): boolean {
  try {
    const expected = lineAmountBig(quantity, unitPrice, 2);
    const printed = amountMinor(amount);
    return printed !== null && expected - printed <= 1n && printed - expected <= 1n;
  } catch {
    return false;
  }
}

/**
 * An amount whose decimal mark OCR lost or misplaced ("143460" for 1434.60, "1.41048" for 1.410,48): when its
 * digits are exactly those of the amount the arithmetic expects, the expected amount is what was printed.
 */
function repairByDigits(read: string, expectedMinor: bigint): string | null {
  const digits = (text: string) => text.replace(/\D/g, '').replace(/^0+/, '');
  const expected = formatMinor(expectedMinor, 2);
  return digits(read) === digits(expected) && expectedMinor !== 0n ? expected : null;
}

/** The digits with a decimal point put `decimals` from the end ("35" → "3.5"; 0: "1.73" → "173"). */
function withDecimals(text: string, decimals: number): string | null {
  const digits = text.replace(/\D/g, '');
  if (decimals === 0) return digits.replace(/^0+(?=\d)/, '') || null;
  if (digits.length <= decimals) return null;
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`.replace(/^0+(?=\d)/, '');
}

/**
 * A row whose quantity × price ≠ amount, repaired from the likeliest OCR slip: a lost decimal point in the
 * price or the quantity, a misplaced decimal mark in the amount, a misread quantity. Prices with two decimals are
 * tried before three or four, so "35 × 9175 = 321.13" becomes 3.5 × 91.75 rather than 35 × 9.175.
 */
function repairLine(
  quantity: string,
  unitPrice: string,
  amount: string,
): { quantity: string; unitPrice: string; amount: string } | null {
  const attempts: [string | null, string | null][] = [
    [quantity, withDecimals(unitPrice, 2)],
    [withDecimals(quantity, 1), unitPrice],
    [withDecimals(quantity, 1), withDecimals(unitPrice, 2)],
    [withDecimals(quantity, 2), unitPrice],
    [withDecimals(quantity, 0), unitPrice],
    [quantity, withDecimals(unitPrice, 3)],
    [quantity, withDecimals(unitPrice, 4)],
  ];
  for (const [q, p] of attempts) {
    if (q && p && arithmeticHolds(q, p, amount)) return { quantity: q, unitPrice: p, amount };
  }
  const fromDigits = repairByDigits(amount, lineAmountBig(quantity, unitPrice, 2));
  if (fromDigits) return { quantity, unitPrice, amount: fromDigits };
  const implied = quantityFrom(amount, unitPrice);
  return implied ? { quantity: implied, unitPrice, amount } : null;
}

/** amount ÷ price when it is a plausible quantity (whole, or in halves and quarters). */
function quantityFrom(amount: string, unitPrice: string): string | null {
  const a = amountMinor(amount);
  const p = amountMinor(unitPrice);
  if (a === null || p === null || p === 0n) return null;
  for (const step of [1n, 2n, 4n]) {
    // quantity = a / p, checked in steps of 1/step.
    const scaled = (a * step + p / 2n) / p;
    const quantity = Number(scaled) / Number(step);
    const text = String(quantity);
    if (quantity > 0 && arithmeticHolds(text, unitPrice, amount)) return text;
  }
  return null;
}

const UNIT_WORDS =
  /^(\d+(?:[.,]\d+)?)\s*(?:stk|st|stck|pcs|pc|pce|pces|h|hrs|hr|std|x|uds|ud|un|pz|kg|m|m2|units?|stuks?|pauschal|days?|tage?|mois|month|months)\.?$/i;

/** A table cell that holds a number: an amount, or a quantity with its unit ("2 Stk", "3 h"). */
function isNumericCell(text: string): boolean {
  return looksNumeric(text) || UNIT_WORDS.test(text.trim());
}

/** The number of a cell, without a unit after it. */
function cellNumber(text: string): string {
  const unit = UNIT_WORDS.exec(text.trim());
  return unit?.[1] ?? text;
}

function readLineTable(
  lines: TextLine[],
  mark: DecimalMark,
  isTotalsLine: (line: TextLine) => boolean,
): ExtractedLine[] {
  const out: ExtractedLine[] = [];
  for (let h = 0; h < lines.length; h++) {
    const header = lines[h];
    if (!header) continue;
    const columns = headerColumns(header);
    if (!columns) continue;
    const numericColumns = columns.filter((c) => c.role !== 'description').sort((a, b) => a.box.x - b.box.x);
    const descriptionColumn = columns.find((c) => c.role === 'description');
    let previous: ExtractedLine | null = null;
    for (let r = h + 1; r < lines.length; r++) {
      const row = lines[r];
      if (!row || row.page !== header.page) break;
      if (isTotalsLine(row) || headerColumns(row)) break;
      // Specks read as ":" or "=" on a scan are not rows.
      if (!/[A-Za-z0-9]/.test(row.text)) continue;
      const numericSegments = row.segments.filter((s) => isNumericCell(s.text));
      const textSegments = row.segments.filter((s) => !isNumericCell(s.text));
      if (numericSegments.length === 0) {
        // A description that wrapped onto a second line belongs to the line above.
        const near = previous && row.box.y - (previous.box.y + previous.box.h) < row.height * 1.2;
        if (
          previous &&
          near &&
          descriptionColumn &&
          textSegments.some((s) => overlapsX(s.box, descriptionColumn.box))
        ) {
          previous.description =
            `${previous.description} ${textSegments.map((s) => s.text).join(' ')}`.trim();
          previous.box = unionBox([previous.box, ...row.words.map((w) => w.box)]);
          continue;
        }
        if (out.length > 0) break;
        continue;
      }
      // The numbers of the row, matched to the numeric columns by position (the nearest header by centre).
      const values: Partial<Record<Column['role'], { text: string; words: Word[] }>> = {};
      // The quantity printed first, run into the description ("0,5 Webhosting pakket").
      const quantityColumn = numericColumns.find((c) => c.role === 'quantity');
      const quantityColumnHolds = (seg: Segment) =>
        !!quantityColumn &&
        seg.box.x < (descriptionColumn?.box.x ?? 0) &&
        overlapsX(seg.box, quantityColumn.box);
      const firstText = [...textSegments].sort((a, b) => a.box.x - b.box.x)[0];
      if (
        !numericSegments.some((seg) => quantityColumnHolds(seg)) &&
        quantityColumn &&
        descriptionColumn &&
        quantityColumn.box.x < descriptionColumn.box.x &&
        firstText &&
        /^\d+(?:[.,]\d+)?$/.test(firstText.words[0]?.text ?? '') &&
        firstText.words.length > 1
      ) {
        const [lead, ...rest] = firstText.words;
        if (lead) {
          values.quantity = { text: lead.text, words: [lead] };
          const index = textSegments.indexOf(firstText);
          textSegments[index] = { ...firstText, words: rest, text: rest.map((w) => w.text).join(' ') };
        }
      }
      const open = numericColumns.filter((c) => values[c.role] === undefined);
      const numbers = numericSegments.slice(-open.length);
      const extra = numericSegments.slice(0, numericSegments.length - numbers.length);
      // As many numbers as open numeric columns: they are in the columns' order, however each is aligned.
      const inOrder = numbers.length === open.length;
      if (inOrder) {
        numbers.forEach((segment, i) => {
          const column = open[i];
          if (column) values[column.role] = { text: cellNumber(segment.text), words: segment.words };
        });
      }
      for (const segment of inOrder ? [] : numbers) {
        const centre = segment.box.x + segment.box.w / 2;
        const column = numericColumns
          .filter((c) => values[c.role] === undefined)
          .sort(
            (a, b) =>
              Math.min(
                Math.abs(a.box.x + a.box.w / 2 - centre),
                Math.abs(a.box.x + a.box.w - (segment.box.x + segment.box.w)),
                Math.abs(a.box.x - segment.box.x),
              ) -
              Math.min(
                Math.abs(b.box.x + b.box.w / 2 - centre),
                Math.abs(b.box.x + b.box.w - (segment.box.x + segment.box.w)),
                Math.abs(b.box.x - segment.box.x),
              ),
          )[0];
        if (column) values[column.role] = { text: cellNumber(segment.text), words: segment.words };
      }
      let description = [...textSegments, ...extra]
        .sort((a, b) => a.box.x - b.box.x)
        .map((s) => s.text)
        .join(' ')
        .trim();
      const quantityText = values.quantity ? parseAmount(values.quantity.text, mark) : null;
      let unitPrice = values.unitPrice ? parseAmount(values.unitPrice.text, mark) : null;
      let amount = values.amount ? parseAmount(values.amount.text, mark) : null;
      let quantity = quantityText;
      let confidence = readingConfidence(row.words);
      if (quantity && unitPrice && amount) {
        if (!arithmeticHolds(quantity, unitPrice, amount)) {
          const repaired = repairLine(quantity, unitPrice, amount);
          if (repaired) {
            ({ quantity, unitPrice, amount } = repaired);
            confidence *= 0.85;
          } else {
            confidence *= 0.5;
          }
        } else {
          confidence = Math.max(confidence, 0.96);
        }
      } else if (!quantity && unitPrice && amount) {
        // No quantity column value: amount ÷ price says what it is (often it was read into the description).
        quantity = quantityFrom(amount, unitPrice) ?? '1';
        confidence *= arithmeticHolds(quantity, unitPrice, amount) ? 0.8 : 0.4;
        const tail = description.match(/\s(\d+(?:[.,]\d+)?)$/);
        if (tail && parseAmount(tail[1] ?? '', mark) === quantity)
          description = description.slice(0, tail.index).trim();
      } else if (quantity && !unitPrice && amount) {
        unitPrice = amount;
        quantity = quantity ?? '1';
        confidence *= 0.4;
      } else {
        continue;
      }
      if (!quantity || !unitPrice || !amount) continue;
      const line: ExtractedLine = {
        description,
        quantity,
        unitPrice,
        amount,
        confidence: Math.min(1, confidence),
        page: row.page,
        // The words as read (not straightened), so the highlight sits on the image.
        box: unionBox(row.words.map((w) => w.box)),
      };
      out.push(line);
      previous = line;
    }
    if (out.length > 0) break;
  }
  return out;
}

function readCurrency(lines: TextLine[]): Found<string> | null {
  const scores = new Map<string, { score: number; words: Word[]; page: number }>();
  for (const line of lines) {
    for (const word of line.words) {
      for (const hit of currencyHits(word.text)) {
        const entry = scores.get(hit.code) ?? { score: 0, words: [], page: line.page };
        entry.score += hit.strength;
        if (entry.words.length < 1) entry.words.push(word);
        scores.set(hit.code, entry);
      }
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const top = ranked[0];
  if (!top) return null;
  let [code, entry] = top;
  // A bare "$" is also Canada's, Australia's, New Zealand's: the issuer's country, where printed, tells.
  const explicitUsd = lines.some((l) => /\bUSD\b|US\$/.test(l.text));
  if (code === 'USD' && !explicitUsd) {
    const all = lines.map((l) => l.text).join('\n');
    const local = /\b(?:GST\/HST|HST|QST|Canada)\b|\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b/.test(all)
      ? 'CAD'
      : /\b(?:ABN|Australia|NSW|QLD)\b/.test(all)
        ? 'AUD'
        : /\b(?:New Zealand|NZBN)\b/.test(all)
          ? 'NZD'
          : null;
    if (local) [code, entry] = [local, { ...entry, score: entry.score * 0.9 }];
  }
  const runnerUp = ranked[1]?.[1].score ?? 0;
  // A lone "$" is the weakest sign (several currencies use it); a code or €/£, repeated, is strong.
  const strength = Math.min(0.97, (code === 'USD' && entry.score < 1.5 ? 0.75 : 0.85) + entry.score * 0.02);
  return found(code, runnerUp > 0 ? strength * 0.8 : strength, entry.words, entry.page);
}

// ---------------------------------------------------------------------------------------------------------------
// The issuer: who sent the invoice, never who it is addressed to.

const key = (line: number, segment: number) => `${line}:${segment}`;

/** Whether a name's distinguishing words all appear in the text's (same order not required). */
function containsName(text: string, name: string): boolean {
  const wanted = nameWords(name);
  if (wanted.length === 0) return false;
  const have = new Set(nameWords(text));
  return wanted.every((w) => have.has(w));
}

/**
 * The customer's block: the cells under a "Bill to"/"Rechnungsadresse"/"Factuuradres" label, and the cells
 * holding the company's own name with its address under it.
 */
function customerRegion(lines: TextLine[], hits: LabelHit[], ownNames: readonly string[]): Set<string> {
  const region = new Set<string>();
  const claimBelow = (lineIndex: number, left: number, maxLines: number) => {
    let previous = lines[lineIndex];
    for (let i = lineIndex + 1; i < Math.min(lines.length, lineIndex + 1 + maxLines); i++) {
      const line = lines[i];
      if (!line || !previous || line.page !== previous.page) break;
      const s = line.segments.findIndex((seg) => seg.box.x > left - 0.03 && seg.box.x < left + 0.2);
      const gap = line.box.y - (previous.box.y + previous.box.h);
      if (gap > Math.max(line.height, previous.height) * 2.2) break;
      if (s < 0) continue;
      // Another block's label ends this one; "VAT:" or "Tax ID" lines belong to the block.
      const stop = hits.some(
        (h) =>
          h.lineIndex === i &&
          h.segmentIndex === s &&
          h.startWord === 0 &&
          h.field !== 'ignore' &&
          h.field !== 'tax',
      );
      if (stop) break;
      region.add(key(i, s));
      previous = line;
    }
  };
  for (const hit of hits) {
    if (hit.field !== 'customer') continue;
    region.add(key(hit.lineIndex, hit.segmentIndex));
    const segment = lines[hit.lineIndex]?.segments[hit.segmentIndex];
    if (segment) claimBelow(hit.lineIndex, segment.box.x, 7);
  }
  if (ownNames.length > 0) {
    lines.forEach((line, i) => {
      line.segments.forEach((segment, s) => {
        if (ownNames.some((name) => containsName(segment.text, name))) {
          region.add(key(i, s));
          claimBelow(i, segment.box.x, 5);
        }
      });
    });
  }
  return region;
}

const GENERIC_DOMAINS =
  /^(?:gmail|googlemail|outlook|hotmail|live|yahoo|icloud|me|aol|gmx|web|t-online|orange|free|wanadoo|laposte|ziggo|kpnmail|libero|virgilio|tiscali|telefonica|movistar|sapo|proton|protonmail|mail|email)\./;

/** An IBAN's check digits hold (mod 97 = 1), which tells it from a VAT number of the same look. */
export function ibanValid(iban: string): boolean {
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let rest = 0;
  for (const c of moved) {
    const n = parseInt(c, 36);
    if (Number.isNaN(n)) return false;
    rest = Number(`${rest}${n}`) % 97;
  }
  return rest === 1;
}

function issuerDetails(lines: TextLine[], region: Set<string>): IssuerDetails {
  const text = lines.map((line, i) =>
    line.segments
      .filter((_, s) => !region.has(key(i, s)))
      .map((s) => s.text)
      .join('  '),
  );
  const joined = text.join('\n');
  const emails = [...new Set(joined.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [])].map((e) =>
    e.toLowerCase(),
  );
  const sites = (
    joined.match(/\b(?:https?:\/\/)?(?:www\.)[\w-]+(?:\.[\w-]+)+|\bhttps?:\/\/[\w-]+(?:\.[\w-]+)+/gi) ?? []
  ).map((u) =>
    u
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, ''),
  );
  const domains = [
    ...new Set(
      [...emails.map((e) => e.split('@')[1] ?? ''), ...sites].filter((d) => d && !GENERIC_DOMAINS.test(d)),
    ),
  ];
  const ibans = [
    ...new Set(
      (joined.match(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g) ?? []).map((i) =>
        i.replace(/\s/g, ''),
      ),
    ),
  ].filter(ibanValid);
  return { text, emails, domains, ibans };
}

const TITLE_WORDS =
  /^(?:tax\s+)?(?:invoice|rechnung|facture|factuur|factura|fattura|fatura|credit\s+note|gutschrift|avoir|creditnota|nota\s+de\s+credito|nota\s+di\s+credito|pro\s*-?\s*forma|receipt|quittung|recu|statement|bill|order\s+confirmation|delivery\s+note|lieferschein)\b/;
const LEGAL_FORM =
  /\b(?:inc|llc|ltd|limited|plc|gmbh|ag|kg|ohg|ug|e\.?k|mbh|sa|sas|sarl|sasu|eurl|bv|b\.v|nv|n\.v|vof|sl|s\.l|slu|srl|s\.r\.l|spa|s\.p\.a|snc|lda|ltda|pty|corp|corporation|co|company|oy|ab|as|aps|se)\b\.?/i;
const ADDRESS_WORDS =
  /\b(?:street|st\.|road|rd\.?|avenue|ave\.?|blvd|boulevard|lane|drive|suite|floor|p\.?\s?o\.?\s+box|strasse|straße|str\.|weg|allee|platz|gasse|postfach|straat|laan|plein|gracht|kade|rue|chemin|place|cedex|calle|avenida|plaza|paseo|via|viale|piazza|corso|rua|travessa|largo|praça)\b/i;
const CONTACT_WORDS =
  /@|\bwww\.|https?:|\b(?:tel|phone|fax|telefon|telefoon|telefono|telefone|mobile|e-?mail|web|iban|bic|swift|bank|vat|ust|tva|btw|iva|nif|cif|siren|siret|kvk|hrb|abn|gst|ein|p\.?\s?iva)\b/i;

function foldedRoot(domain: string): string {
  const parts = domain.split('.');
  // "shop.coolblue.nl" → "coolblue"; "acme.co.uk" → "acme".
  const meaningful = parts.filter(
    (p) => !/^(?:www|shop|mail|billing|invoice|invoices|co|com|org|net)$/.test(p),
  );
  return (meaningful.length > 1 ? meaningful[meaningful.length - 2] : meaningful[0]) ?? '';
}

/** The issuer's name: the prominent name in the header, or the company line of the footer. */
function readSupplierName(
  lines: TextLine[],
  region: Set<string>,
  hitsAt: Map<string, LabelHit[]>,
  ownNames: readonly string[],
  domains: string[],
): Found<string> | null {
  if (lines.length === 0) return null;
  const firstPage = lines[0]?.page ?? 1;
  const lastPage = lines[lines.length - 1]?.page ?? firstPage;
  const roots = domains.map(foldedRoot).filter((r) => r.length >= 3);
  const maxHeight = Math.max(...lines.filter((l) => l.page === firstPage).map((l) => l.height), 0.001);
  interface Option {
    text: string;
    words: Word[];
    page: number;
    score: number;
    y: number;
  }
  const options: Option[] = [];
  const counts = new Map<string, number>();
  lines.forEach((line, i) => {
    const header = line.page === firstPage && line.box.y < 0.4;
    const footer = line.page === lastPage && line.box.y > 0.75;
    line.segments.forEach((segment, s) => {
      if (region.has(key(i, s))) return;
      const segHits = hitsAt.get(key(i, s)) ?? [];
      if (segHits.some((h) => h.startWord === 0)) return;
      // "Muster GmbH · Hauptstr. 1 · 12345 Berlin": the parts of a sender line.
      let words: Word[] = [];
      const parts: Word[][] = [];
      for (const word of segment.words) {
        if (/^[·|•]$/.test(word.text)) {
          if (words.length) parts.push(words);
          words = [];
        } else words.push(word);
      }
      if (words.length) parts.push(words);
      for (const part of parts) {
        const text = part
          .map((w) => w.text)
          .join(' ')
          .replace(/^[\s,;:·|•-]+|[\s,;:·|•-]+$/g, '');
        const squashed = nameWords(text).join(' ');
        if (squashed) counts.set(squashed, (counts.get(squashed) ?? 0) + 1);
        const legal = LEGAL_FORM.test(text);
        if (!header && !footer && !legal) continue;
        if ((text.match(/\p{L}/gu) ?? []).length < 2 || looksNumeric(text)) continue;
        if (CONTACT_WORDS.test(text)) continue;
        const folded = fold(text);
        if (TITLE_WORDS.test(folded) && folded.split(' ').length <= 4) continue;
        if (/(?:^|\s)(?:nvo|voic|invo)/i.test(text.replace(/[^A-Za-z]/g, ' '))) continue;
        if (ownNames.some((n) => containsName(text, n))) continue;
        if (part.some((w) => w.confidence < 0.5)) continue;
        const height = Math.max(...part.map((w) => w.box.h));
        let score = 1.2 * Math.min(1, height / maxHeight);
        if (legal) score += 0.7;
        if (
          roots.some((r) =>
            fold(text)
              .replace(/[^a-z0-9]/g, '')
              .includes(r),
          )
        )
          score += 1;
        if (header) score += line.box.y < 0.2 ? 0.35 : 0.15;
        if (!header && footer) score -= 0.2;
        if (/^\d/.test(text) || ADDRESS_WORDS.test(text) || /\b\d{4,5}\b/.test(text)) score -= 1.5;
        if (/\d/.test(text)) score -= 0.3;
        if (text.split(/\s+/).length > 6) score -= 0.6;
        if (/[.!?]$/.test(text) && !legal) score -= 0.5;
        options.push({ text, words: part, page: line.page, score, y: line.box.y });
      }
    });
  });
  if (options.length === 0) return null;
  for (const o of options) {
    // A name printed twice (header and footer, "Thank you for choosing …") is the issuer's.
    if ((counts.get(nameWords(o.text).join(' ')) ?? 0) >= 2) o.score += 0.3;
  }
  options.sort((a, b) => b.score - a.score || a.y - b.y);
  const best = options[0];
  if (!best) return null;
  const sure = best.score >= 1.8 ? 0.8 : best.score >= 1.2 ? 0.7 : 0.6;
  return found(best.text, sure * readingConfidence(best.words), best.words, best.page);
}

// ---------------------------------------------------------------------------------------------------------------
// Dates: the order of day and month.

/** The order the page's own dates show: a day over 12 tells day-first, a second part over 12 month-first. */
function pageDateOrder(texts: readonly string[]): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  for (const text of texts) {
    for (const m of text.matchAll(/(?<![\d.,])(\d{1,2})([-/])(\d{1,2})\2(\d{4}|\d{2})(?![\d])/g)) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      if (a > 12 && b <= 12) dmy++;
      else if (b > 12 && a <= 12) mdy++;
    }
  }
  if (dmy > 0 && mdy === 0) return 'dmy';
  if (mdy > 0 && dmy === 0) return 'mdy';
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Totals by reconciliation.

interface AmountOption {
  found: Found<string>;
  minor: bigint;
  lineIndex: number;
}

function options(list: Found<string>[], lines: number[]): AmountOption[] {
  const out: AmountOption[] = [];
  list.forEach((f, i) => {
    const minor = amountMinor(f.value);
    if (minor === null) return;
    const same = out.find((o) => o.minor === minor);
    if (same) {
      if (f.confidence > same.found.confidence) same.found = f;
      return;
    }
    out.push({ found: f, minor, lineIndex: lines[i] ?? 0 });
  });
  return out.sort((a, b) => b.found.confidence - a.found.confidence).slice(0, 8);
}

function money(minor: bigint): string {
  return formatMinor(minor, 2);
}

/**
 * Chooses net, tax and total together: the labelled candidates whose sums hold (net + tax = total, lines = net)
 * and which read best. Several tax lines (19 % and 7 %) count as one tax when their sum reconciles.
 */
function reconcile(
  x: Extraction,
  found: Record<'subtotal' | 'tax' | 'total', { f: Found<string>; line: number }[]>,
  lineCount: number,
): void {
  const nets = options(
    found.subtotal.map((c) => c.f),
    found.subtotal.map((c) => c.line),
  );
  const taxes = options(
    found.tax.map((c) => c.f),
    found.tax.map((c) => c.line),
  );
  // Several tax amounts on different lines: their sum is a candidate too.
  const distinctTaxLines = [...new Map(found.tax.map((c) => [c.line, c])).values()];
  if (distinctTaxLines.length >= 2) {
    const sum = distinctTaxLines.reduce<bigint | null>((acc, c) => {
      const m = amountMinor(c.f.value);
      return acc === null || m === null ? null : acc + m;
    }, 0n);
    const first = distinctTaxLines[0];
    if (sum !== null && first && !taxes.some((t) => t.minor === sum)) {
      const words = distinctTaxLines.map((c) => c.f.box);
      taxes.push({
        found: {
          ...first.f,
          value: money(sum),
          confidence: Math.min(...distinctTaxLines.map((c) => c.f.confidence)) * 0.95,
          box: unionBox(words),
        },
        minor: sum,
        lineIndex: first.line,
      });
    }
  }
  const totals = options(
    found.total.map((c) => c.f),
    found.total.map((c) => c.line),
  );
  const lineSum = x.lines.length
    ? x.lines.reduce<bigint | null>((sum, l) => {
        const a = amountMinor(l.amount);
        return sum === null || a === null ? null : sum + a;
      }, 0n)
    : null;

  let best: { n: AmountOption | null; t: AmountOption | null; T: AmountOption | null; score: number } | null =
    null;
  for (const n of [null, ...nets]) {
    for (const t of [null, ...taxes]) {
      for (const T of [null, ...totals]) {
        let score = (n?.found.confidence ?? 0) + (t?.found.confidence ?? 0) + (T?.found.confidence ?? 0);
        // Later totals weigh a little more (the last page's totals, after a carried-forward subtotal).
        if (T) score += 0.05 * (T.lineIndex / Math.max(1, lineCount));
        if (n && t && T) score += n.minor + t.minor === T.minor ? 3 : -0.3;
        if (n && T && !t && n.minor === T.minor) score += 1.2;
        if (n && T && T.minor < n.minor) score -= 2;
        if (t && T && T.minor < t.minor) score -= 2;
        if (n && t && n.minor < t.minor) score -= 1;
        if (lineSum !== null && n && lineSum === n.minor) score += 1.5;
        if (lineSum !== null && !n && T && lineSum === T.minor && (!t || t.minor === 0n)) score += 1;
        if (lineSum !== null && !n && T && t && lineSum + t.minor === T.minor) score += 1.5;
        if (!best || score > best.score) best = { n, t, T, score };
      }
    }
  }
  x.subtotal = best?.n?.found ?? null;
  x.tax = best?.t?.found ?? null;
  x.total = best?.T?.found ?? null;
  const n = best?.n?.minor ?? null;
  const t = best?.t?.minor ?? null;
  const T = best?.T?.minor ?? null;
  if (n === null && T !== null && t !== null && x.total) {
    const derived = lineSum !== null && lineSum + t === T ? lineSum : T - t;
    x.subtotal = {
      ...x.total,
      value: money(derived),
      confidence: x.total.confidence * (lineSum === derived ? 0.95 : 0.7),
    };
  } else if (n === null && T !== null && t === null && lineSum === T && x.total) {
    x.subtotal = { ...x.total, value: money(T), confidence: x.total.confidence * 0.9 };
  }
  if (T === null && n !== null && t !== null && x.tax) {
    x.total = { ...x.tax, value: money(n + t), confidence: 0.6 };
  }
  if (
    x.tax === null &&
    x.subtotal &&
    x.total &&
    amountMinor(x.subtotal.value) === amountMinor(x.total.value)
  ) {
    // Net and total are the same: no tax was charged.
    x.tax = {
      ...x.total,
      value: '0.00',
      confidence: Math.min(x.subtotal.confidence, x.total.confidence) * 0.9,
    };
  }
  const fn = x.subtotal ? amountMinor(x.subtotal.value) : null;
  const ft = x.tax ? amountMinor(x.tax.value) : null;
  const fT = x.total ? amountMinor(x.total.value) : null;
  if (fn !== null && ft !== null && fT !== null && fn + ft !== fT) {
    x.warnings.push(
      `No net, tax and total printed on the invoice add up: ${x.subtotal?.value} + ${x.tax?.value} is not ${x.total?.value}. Check the totals against the invoice.`,
    );
  } else if (fT === null && (totals.length > 0 || nets.length > 0)) {
    x.warnings.push(
      'The invoice total could not be told apart from the other amounts. Type it from the invoice.',
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Learned fields: what the bookkeeper taught for this supplier is tried before the general rules.

const FIELD_KIND: Record<ExtractField, FieldKind> = {
  supplierName: 'none',
  invoiceNumber: 'reference',
  date: 'date',
  dueDate: 'date',
  orderNumber: 'reference',
  subtotal: 'amount',
  tax: 'amount',
  total: 'amount',
};

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

function readLearned(
  lines: TextLine[],
  hitsAt: Map<string, LabelHit[]>,
  rule: LearnedField,
  ctx: ReadContext,
): Found<string> | null {
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
    // The taught label, then the value where it was: same cell, right, below.
    const label = rule.label;
    for (const line of onPage) {
      line.segments.forEach(() => undefined);
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
          const all = candidatesFor(lines, hit, hitsAt);
          const ordered = rule.placement
            ? [...all.filter((c) => c.placement === rule.placement), ...all]
            : all;
          for (const c of ordered) {
            const value = readValue(kind, c, readCtx);
            if (value) return { ...value, confidence: Math.max(value.confidence, 0.97), learned: true };
          }
        }
      }
    }
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

// ---------------------------------------------------------------------------------------------------------------

/** Every label on the pages, keyed by line and segment. */
function allHits(lines: TextLine[]): { hits: LabelHit[]; hitsAt: Map<string, LabelHit[]> } {
  const hits: LabelHit[] = [];
  const hitsAt = new Map<string, LabelHit[]>();
  lines.forEach((line, lineIndex) => {
    line.segments.forEach((segment, s) => {
      const list = segmentHits(segment, lineIndex, s);
      if (list.length) hitsAt.set(key(lineIndex, s), list);
      hits.push(...list);
    });
  });
  return { hits, hitsAt };
}

export function extractInvoice(pages: readonly PageText[], options: ExtractOptions): Extraction {
  const lines = buildLines(pages);
  const texts = lines.map((l) => l.text);
  const mark = detectDecimalMark(texts);
  const language = detectLanguage(texts);
  const fromPage = pageDateOrder(texts);
  const order: DateOrder =
    fromPage ??
    (options.dateOrderFromCountry ? options.dateOrder : language !== 'en' ? 'dmy' : options.dateOrder);
  const ctx: ReadContext = { order, decided: fromPage !== null, mark };
  const { hits, hitsAt } = allHits(lines);
  const tableHeaders = new Set(lines.filter((l) => headerColumns(l)).map((l) => l.index));

  const best: Partial<Record<'invoiceNumber' | 'date' | 'dueDate' | 'orderNumber', Found<string>>> = {};
  const amounts: Record<'subtotal' | 'tax' | 'total', { f: Found<string>; line: number }[]> = {
    subtotal: [],
    tax: [],
    total: [],
  };
  for (const hit of hits) {
    // A table's column titles ("Total", "Amount") are not the document's totals.
    if (tableHeaders.has(hit.lineIndex)) continue;
    const kind = KIND[hit.field];
    if (kind === 'none') continue;
    const field = hit.field === 'dateMid' ? 'date' : hit.field === 'dueDateInline' ? 'dueDate' : hit.field;
    if (field === 'ignore' || field === 'customer') continue;
    for (const c of candidatesFor(lines, hit, hitsAt)) {
      // A due date inside a sentence must follow its words at once.
      if (
        hit.field === 'dueDateInline' &&
        (c.placement !== 'same' || parseDate(c.text, ctx.order)?.index !== 0)
      )
        break;
      // A bare "Invoice" title's value is only taken beside it, not below it.
      if (hit.weight < 1 && c.placement === 'below' && kind === 'reference') continue;
      const value = readValue(kind, c, ctx, hit.weight);
      if (!value) continue;
      if (field === 'subtotal' || field === 'tax' || field === 'total') {
        amounts[field].push({ f: value, line: hit.lineIndex });
      } else {
        const current = best[field];
        if (!current || value.confidence > current.confidence + 1e-9) best[field] = value;
      }
      break;
    }
  }

  const ownNames = options.ownNames ?? [];
  const region = customerRegion(lines, hits, ownNames);
  const issuer = issuerDetails(lines, region);
  const tableLines = readLineTable(lines, mark, (line) =>
    line.segments.some((_, s) =>
      (hitsAt.get(key(line.index, s)) ?? []).some(
        (h) =>
          h.startWord === 0 &&
          (h.field === 'subtotal' || h.field === 'total' || h.field === 'tax' || h.field === 'ignore'),
      ),
    ),
  );
  const extraction: Extraction = {
    supplierName: readSupplierName(lines, region, hitsAt, ownNames, issuer.domains),
    invoiceNumber: best.invoiceNumber ?? null,
    date: best.date ?? null,
    dueDate: best.dueDate ?? null,
    orderNumber: best.orderNumber ?? null,
    currency: readCurrency(lines),
    subtotal: null,
    tax: null,
    total: null,
    lines: tableLines,
    text: texts,
    emails: [...new Set(lines.flatMap((l) => l.text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []))].map((e) =>
      e.toLowerCase(),
    ),
    issuer,
    language,
    warnings: [],
    learned: [],
  };
  // A due date before the invoice date was read from a differently labelled date; drop it.
  if (extraction.date && extraction.dueDate && extraction.dueDate.value < extraction.date.value) {
    extraction.dueDate = { ...extraction.dueDate, confidence: extraction.dueDate.confidence * 0.6 };
  }
  reconcile(extraction, amounts, lines.length);
  for (const rule of options.learned ?? []) {
    const value = readLearned(lines, hitsAt, rule, ctx);
    if (!value) continue;
    extraction[rule.field] = value;
    extraction.learned.push(rule.field);
  }
  checkArithmetic(extraction);
  return extraction;
}

/** Confidence from the sums: what adds up is trusted, what does not is flagged for the bookkeeper. */
function checkArithmetic(x: Extraction): void {
  const minor = (f: Found<string> | null) => (f ? amountMinor(f.value) : null);
  const subtotal = minor(x.subtotal);
  const tax = minor(x.tax);
  const total = minor(x.total);
  const lineSum = x.lines.length
    ? x.lines.reduce<bigint | null>((sum, l) => {
        const a = amountMinor(l.amount);
        return sum === null || a === null ? null : sum + a;
      }, 0n)
    : null;
  const raise = (f: Found<string> | null) => {
    if (f) f.confidence = Math.max(f.confidence, 0.98);
  };
  const lower = (f: Found<string> | null) => {
    if (f) f.confidence *= 0.6;
  };
  if (subtotal === null && total !== null && tax !== null && x.subtotal === null) {
    // No subtotal printed: it is total − tax.
    x.subtotal = { ...x.total!, value: formatMinor(total - tax, 2), confidence: x.total!.confidence * 0.7 };
  }
  const fix = (field: 'subtotal' | 'tax' | 'total', expected: bigint) => {
    const current = x[field];
    const repaired = current ? repairByDigits(current.value, expected) : null;
    if (current && repaired) {
      x[field] = { ...current, value: repaired };
      return true;
    }
    return false;
  };
  if (lineSum !== null && subtotal !== null && lineSum !== subtotal && fix('subtotal', lineSum)) {
    return checkArithmetic(x);
  }
  if (subtotal !== null && tax !== null && total !== null && subtotal + tax !== total) {
    if (fix('total', subtotal + tax) || fix('tax', total - subtotal)) return checkArithmetic(x);
  }
  if (subtotal !== null && tax !== null && total === null) {
    // No total found: it is what the subtotal and tax add up to, flagged for a look.
    x.total = { ...x.tax!, value: formatMinor(subtotal + tax, 2), confidence: 0.6 };
  }
  if (subtotal !== null && tax !== null && total !== null) {
    if (subtotal + tax === total) [x.subtotal, x.tax, x.total].forEach(raise);
    else [x.subtotal, x.tax, x.total].forEach(lower);
  } else if (subtotal !== null && total !== null && tax === null && subtotal === total) {
    raise(x.subtotal);
    raise(x.total);
  }
  if (lineSum !== null && subtotal !== null) {
    if (lineSum === subtotal) {
      raise(x.subtotal);
      for (const l of x.lines) l.confidence = Math.max(l.confidence, 0.97);
    } else {
      for (const l of x.lines) l.confidence *= 0.8;
    }
  }
}
