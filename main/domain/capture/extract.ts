// Extraction: from the lines of a supplier invoice (text layer or OCR) to its fields and its line table, each with
// a confidence (0–1) and where it was found. A value found right after its label scores higher than one found
// below it; a value of the wrong form is not taken; the arithmetic a correct invoice obeys (quantity × price =
// amount, Σ lines = subtotal, subtotal + tax = total) raises the confidence of what agrees and lowers the rest.
import { lineAmountBig, toMinorBig, formatMinor } from '../money.js';
import { buildLines, type Segment, type TextLine } from './layout.js';
import {
  currencyHits,
  detectDecimalMark,
  looksNumeric,
  parseAmount,
  parseDate,
  type DateOrder,
  type DecimalMark,
} from './values.js';
import { unionBox, type Box, type PageText, type Word } from './words.js';

export interface Found<T> {
  value: T;
  confidence: number;
  page: number;
  box: Box;
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
  /** Every line's text in reading order: supplier matching looks for names, tax ids, emails and bank details. */
  text: string[];
  emails: string[];
}

export interface ExtractOptions {
  /** How the company writes dates when day and month could be swapped. */
  dateOrder: DateOrder;
}

type FieldKind = 'reference' | 'date' | 'amount';

interface LabelRule {
  field: 'invoiceNumber' | 'date' | 'dueDate' | 'orderNumber' | 'subtotal' | 'tax' | 'total';
  kind: FieldKind;
  pattern: RegExp;
}

// Order matters: a more specific label claims its segment before a general one ("Due date" before "Date",
// "Subtotal" and "Total excl." before "Total").
const LABELS: LabelRule[] = [
  {
    field: 'invoiceNumber',
    kind: 'reference',
    pattern:
      /^(?:tax\s+)?(?:invoice|inv\.?|bill|document)\s*(?:no\.?|number|num\.?|nr\.?|#|n°)(?![a-z])\s*[:#.]?\s*|^invoice\s*:\s*/i,
  },
  {
    field: 'dueDate',
    kind: 'date',
    pattern: /^(?:due\s+date|date\s+due|payment\s+due(?:\s+date)?|due|pay\s+by|payable\s+by)\s*[:.]?\s*/i,
  },
  {
    field: 'date',
    kind: 'date',
    pattern:
      /^(?:invoice\s+date|issue\s+date|date\s+of\s+issue|date\s+issued|invoice\s+dated|tax\s+point|date)\s*[:.]?\s*/i,
  },
  {
    field: 'orderNumber',
    kind: 'reference',
    pattern:
      /^(?:(?:your\s+)?(?:purchase\s+order|p\.?\s?o\.?|order)\s*(?:no\.?|number|nr\.?|#|ref\.?|reference)?|customer\s+order|reference)(?![a-z])\s*[:#.]?\s*/i,
  },
  {
    field: 'subtotal',
    kind: 'amount',
    pattern:
      /^(?:sub[\s-]?total|net\s+amount|net\s+total|total\s+net|total\s+(?:excl\.?|excluding|before\s+tax|ex\.?)\s*(?:vat|gst|tax)?|amount\s+before\s+tax)\b[^\d$€£]*/i,
  },
  {
    field: 'tax',
    kind: 'amount',
    pattern:
      /^(?:(?:sales\s+)?tax|vat|gst|hst|pst|iva|mwst)(?!\s*(?:id|no\b|number|reg|invoice|registration|#))\b[^\d$€£]*(?:\d+(?:[.,]\d+)?\s*%\)?)?[^\d$€£]*/i,
  },
  {
    field: 'total',
    kind: 'amount',
    pattern:
      /^(?:total\s+due|amount\s+due|balance\s+due|grand\s+total|total\s+amount|invoice\s+total|total\s+payable|amount\s+payable|total(?:\s+(?:incl\.?|including)\s*(?:vat|gst|tax))?)\b[^\d$€£]*/i,
  },
];

/** How a value was placed relative to its label, and how much that placement is worth. */
const PLACEMENT = { same: 0.97, right: 0.94, below: 0.88 } as const;

interface Candidate {
  text: string;
  words: Word[];
  placement: keyof typeof PLACEMENT;
  page: number;
  labelLine: number;
}

function wordsFrom(segment: Segment, skipChars: number): Word[] {
  // The words of a segment after its label: a word belongs to the value once its text starts past the label.
  let position = 0;
  const out: Word[] = [];
  for (const word of segment.words) {
    if (position >= skipChars) out.push(word);
    position += word.text.length + 1;
  }
  return out;
}

function overlapsX(a: Box, b: Box): boolean {
  return Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > Math.min(a.w, b.w) * 0.2;
}

/** The value candidates of a label: after it in its segment, in the next segment, or just below it. */
function candidatesFor(
  lines: TextLine[],
  lineIndex: number,
  segmentIndex: number,
  labelLength: number,
): Candidate[] {
  const line = lines[lineIndex];
  const segment = line?.segments[segmentIndex];
  if (!line || !segment) return [];
  const out: Candidate[] = [];
  const rest = wordsFrom(segment, labelLength);
  if (rest.length > 0) {
    out.push({
      text: rest.map((w) => w.text).join(' '),
      words: rest,
      placement: 'same',
      page: line.page,
      labelLine: line.index,
    });
  }
  const next = line.segments[segmentIndex + 1];
  if (next) {
    out.push({
      text: next.text,
      words: next.words,
      placement: 'right',
      page: line.page,
      labelLine: line.index,
    });
  }
  for (let i = lineIndex + 1; i < Math.min(lines.length, lineIndex + 3); i++) {
    const below = lines[i];
    if (!below || below.page !== line.page) break;
    if (below.box.y - (line.box.y + line.box.h) > line.height * 2.5) break;
    const under = below.segments.find((s) => overlapsX(s.box, segment.box));
    if (under) {
      out.push({
        text: under.text,
        words: under.words,
        placement: 'below',
        page: line.page,
        labelLine: line.index,
      });
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

/** Takes the part of a candidate that fits the field's form. */
function readValue(
  kind: FieldKind,
  candidate: Candidate,
  options: { order: DateOrder; mark: DecimalMark },
): Found<string> | null {
  const base = PLACEMENT[candidate.placement] * readingConfidence(candidate.words);
  if (kind === 'reference') {
    const token = candidate.words.find((w) => /[A-Za-z0-9]/.test(w.text));
    if (!token) return null;
    const value = token.text.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
    if (value.length < 2 || value.length > 40 || !/\d/.test(value)) return null;
    if (!/^[A-Za-z0-9][A-Za-z0-9\-/._]*$/.test(value)) return null;
    return found(value, base, [token], candidate.page);
  }
  if (kind === 'date') {
    const parsed = parseDate(candidate.text, options.order);
    if (!parsed) return null;
    // The words that make up the date, for the highlight.
    let position = 0;
    const words = candidate.words.filter((w) => {
      const start = position;
      position += w.text.length + 1;
      return start < parsed.index + parsed.length && start + w.text.length > parsed.index;
    });
    return found(
      parsed.value,
      base * (parsed.ambiguous ? 0.85 : 1),
      words.length ? words : candidate.words,
      candidate.page,
    );
  }
  // An amount: the first word (or two, "1 234,56" or "€ 12.00") that reads as one.
  for (let i = 0; i < candidate.words.length; i++) {
    for (const take of [1, 2]) {
      const words = candidate.words.slice(i, i + take);
      if (words.length < take) continue;
      const text = words.map((w) => w.text).join(take === 2 ? '' : ' ');
      if (!looksNumeric(text)) continue;
      const value = parseAmount(text, options.mark);
      if (value !== null) return found(value, base, words, candidate.page);
    }
  }
  return null;
}

const HEADER_ROLES: { role: 'description' | 'quantity' | 'unitPrice' | 'amount'; pattern: RegExp }[] = [
  {
    role: 'quantity',
    pattern: /^(?:qty|quantity|qnty|hours(?:\s*\/\s*qty)?|hrs|units?|no\.?\s+of\s+units)\b/i,
  },
  {
    role: 'unitPrice',
    pattern: /^(?:unit\s*price|price(?:\s+each)?|rate|unit\s*cost|cost|each|unit\s+amount)\b/i,
  },
  { role: 'amount', pattern: /^(?:amount|line\s+total|total|ext(?:ended)?\.?\s*(?:price|amount)?|net)\b/i },
  {
    role: 'description',
    pattern: /^(?:description|item(?:\s+description)?|details|product|service|particulars|article)\b/i,
  },
];

interface Column {
  role: (typeof HEADER_ROLES)[number]['role'];
  box: Box;
}

function headerColumns(line: TextLine): Column[] | null {
  const columns: Column[] = [];
  for (const segment of line.segments) {
    // A header cell can hold two labels printed close together ("Qty Description").
    let rest = segment.text;
    let words = segment.words;
    while (rest.length > 0) {
      const hit = HEADER_ROLES.find((h) => h.pattern.test(rest));
      if (!hit) break;
      const length = rest.match(hit.pattern)?.[0].length ?? rest.length;
      const consumed = rest.slice(0, length).trim().split(/\s+/).length;
      const own = words.slice(0, consumed);
      if (!columns.some((c) => c.role === hit.role)) {
        columns.push({ role: hit.role, box: unionBox(own.map((w) => w.box)) });
      }
      words = words.slice(consumed);
      rest = words.map((w) => w.text).join(' ');
    }
  }
  const roles = new Set(columns.map((c) => c.role));
  const numeric = ['quantity', 'unitPrice', 'amount'].filter((r) => roles.has(r as Column['role'])).length;
  return roles.has('description') && numeric >= 2 ? columns : null;
}

function isTotalsLine(line: TextLine): boolean {
  const first = line.segments[0]?.text ?? '';
  const anywhere = line.segments.some((s) =>
    LABELS.some(
      (l) => (l.field === 'subtotal' || l.field === 'total' || l.field === 'tax') && l.pattern.test(s.text),
    ),
  );
  return anywhere || /^(?:sub[\s-]?total|total|amount due|balance)/i.test(first);
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

function readLineTable(lines: TextLine[], mark: DecimalMark): ExtractedLine[] {
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
      const numericSegments = row.segments.filter((s) => looksNumeric(s.text));
      const textSegments = row.segments.filter((s) => !looksNumeric(s.text));
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
      const numbers = numericSegments.slice(-numericColumns.length);
      const extra = numericSegments.slice(0, numericSegments.length - numbers.length);
      for (const segment of numbers) {
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
        if (column) values[column.role] = { text: segment.text, words: segment.words };
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

const SUPPLIER_SKIP =
  /\b(?:invoice|bill\s+to|invoice\s+to|ship\s+to|customer|date|page|statement|receipt|abn|vat|tax\s+id|e-?mail|phone|tel|www\.|@)\b|@/i;

/** The supplier's name as printed: the largest text near the top that is not a title or an address. */
function readSupplierName(lines: TextLine[]): Found<string> | null {
  const firstPage = lines.filter((l) => l.page === lines[0]?.page && l.box.y < 0.25);
  const candidates = firstPage
    .flatMap((l) => l.segments.map((s) => ({ line: l, segment: s })))
    .filter(({ segment }) => !SUPPLIER_SKIP.test(segment.text))
    .filter(
      ({ segment }) => (segment.text.match(/[A-Za-z]/g) ?? []).length >= 4 && !looksNumeric(segment.text),
    )
    .filter(({ segment }) => segment.confidence >= 0.6)
    // A title read badly by OCR ("| nvo i ce") is still a title.
    .filter(({ segment }) => !/nvo|voic|invo/i.test(segment.text.replace(/[^A-Za-z]/g, '')));
  if (candidates.length === 0) return null;
  const height = (s: Segment) => Math.max(...s.words.map((w) => w.box.h));
  candidates.sort((a, b) => height(b.segment) - height(a.segment) || a.line.box.y - b.line.box.y);
  const best = candidates[0];
  if (!best) return null;
  return found(
    best.segment.text,
    0.6 * readingConfidence(best.segment.words),
    best.segment.words,
    best.line.page,
  );
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
  const [code, entry] = top;
  const runnerUp = ranked[1]?.[1].score ?? 0;
  // A lone "$" is the weakest sign (several currencies use it); a code or €/£, repeated, is strong.
  const strength = Math.min(0.97, (code === 'USD' && entry.score < 1.5 ? 0.75 : 0.85) + entry.score * 0.02);
  return found(code, runnerUp > 0 ? strength * 0.8 : strength, entry.words, entry.page);
}

export function extractInvoice(pages: readonly PageText[], options: ExtractOptions): Extraction {
  const lines = buildLines(pages);
  const mark = detectDecimalMark(lines.map((l) => l.text));
  const best: Partial<Record<LabelRule['field'], Found<string>>> = {};
  const tableHeaders = new Set(lines.filter((l) => headerColumns(l)).map((l) => l.index));
  const claimed = new Set<string>();
  for (const rule of LABELS) {
    lines.forEach((line, lineIndex) => {
      // A table's column titles ("Total", "Amount") are not the document's totals.
      if (tableHeaders.has(line.index)) return;
      line.segments.forEach((segment, segmentIndex) => {
        const key = `${line.index}:${segmentIndex}`;
        if (claimed.has(key)) return;
        const match = segment.text.match(rule.pattern);
        if (!match || match.index !== 0) return;
        claimed.add(key);
        for (const candidate of candidatesFor(lines, lineIndex, segmentIndex, match[0].length)) {
          const value = readValue(rule.kind, candidate, { order: options.dateOrder, mark });
          if (!value) continue;
          const current = best[rule.field];
          if (!current || value.confidence > current.confidence) best[rule.field] = value;
          break;
        }
      });
    });
  }

  const tableLines = readLineTable(lines, mark);
  const extraction: Extraction = {
    supplierName: readSupplierName(lines),
    invoiceNumber: best.invoiceNumber ?? null,
    date: best.date ?? null,
    dueDate: best.dueDate ?? null,
    orderNumber: best.orderNumber ?? null,
    currency: readCurrency(lines),
    subtotal: best.subtotal ?? null,
    tax: best.tax ?? null,
    total: best.total ?? null,
    lines: tableLines,
    text: lines.map((l) => l.text),
    emails: [...new Set(lines.flatMap((l) => l.text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []))].map((e) =>
      e.toLowerCase(),
    ),
  };
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
