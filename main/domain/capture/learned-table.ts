// Learning how one supplier prints its line table and its currency, from the invoice the bookkeeper saved.
// - The table: each saved line (quantity, price, amount) is looked for on the page; the columns its numbers stand
//   in, and the header row above the first, are remembered. The next invoice's rows under that header are read
//   by those columns, and kept when every row multiplies out (quantity × price = amount).
// - The currency: the code the bookkeeper saved, read first next time unless the page prints another code.
import type { ExtractedLine, Found, LearnedColumn, LearnedField } from './extraction.js';
import { found, readingConfidence } from './fields.js';
import { allHits } from './labels.js';
import type { Segment, TextLine } from './layout.js';
import { arithmeticHolds, cellNumber, isNumericCell } from './line-table.js';
import { currencyHits, parseAmount, type DecimalMark } from './values.js';
import { fold } from './vocabulary.js';
import { unionBox, type Word } from './words.js';

export interface SavedLine {
  quantity: string;
  unitPrice: string;
  amount: string;
}

const same = (a: string | null, b: string) => a !== null && Number(a) === Number(b);

/** The first page's lines (their page numbers) counted from the start or the end. */
function pageSide(lines: TextLine[], page: number): 'first' | 'last' {
  const pages = [...new Set(lines.map((l) => l.page))];
  return page === pages[0] || page !== pages[pages.length - 1] ? 'first' : 'last';
}

/**
 * The line table as the supplier prints it, from the lines the bookkeeper saved: null when they are not all
 * printed as rows of the page (typed by hand, or printed in a way rows cannot show).
 */
export function learnTable(
  lines: TextLine[],
  saved: readonly SavedLine[],
  mark: DecimalMark,
): LearnedField | null {
  if (saved.length === 0) return null;
  const spans: Record<LearnedColumn['role'], { x0: number; x1: number } | null> = {
    quantity: null,
    unitPrice: null,
    amount: null,
  };
  const widen = (role: LearnedColumn['role'], s: Segment) => {
    const now = spans[role];
    const x0 = s.box.x;
    const x1 = s.box.x + s.box.w;
    spans[role] = now ? { x0: Math.min(now.x0, x0), x1: Math.max(now.x1, x1) } : { x0, x1 };
  };
  let from = 0;
  let firstRow: TextLine | null = null;
  for (const line of saved) {
    let matched = false;
    for (let i = from; i < lines.length && !matched; i++) {
      const row = lines[i];
      if (!row) continue;
      const numbers = row.segments
        .filter((s) => isNumericCell(s.text) && !/%/.test(s.text))
        .map((s) => ({ s, value: parseAmount(cellNumber(s.text), mark) }));
      // The amount is the rightmost cell holding it; price and quantity other cells.
      const amount = [...numbers].reverse().find((n) => same(n.value, line.amount));
      if (!amount) continue;
      const price = [...numbers]
        .reverse()
        .find((n) => n !== amount && same(n.value, line.unitPrice) && n.s.box.x < amount.s.box.x);
      const quantity = numbers.find(
        (n) => n !== amount && n !== price && same(n.value, line.quantity) && n.s.box.x < amount.s.box.x,
      );
      if (!price || !quantity) continue;
      widen('amount', amount.s);
      widen('unitPrice', price.s);
      widen('quantity', quantity.s);
      firstRow ??= row;
      from = i + 1;
      matched = true;
    }
    if (!matched) return null;
  }
  if (!firstRow) return null;
  // The header: the nearest line above the first row that holds words, not numbers.
  const index = lines.indexOf(firstRow);
  let header: TextLine | null = null;
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const line = lines[i];
    if (!line || line.page !== firstRow.page) break;
    if (line.segments.length >= 2 && line.segments.every((s) => !isNumericCell(s.text))) {
      header = line;
      break;
    }
  }
  const columns: LearnedColumn[] = (['quantity', 'unitPrice', 'amount'] as const).flatMap((role) => {
    const span = spans[role];
    return span ? [{ role, x: span.x0, w: span.x1 - span.x0 }] : [];
  });
  return {
    field: 'lines',
    label: header ? fold(header.text) : null,
    placement: null,
    page: pageSide(lines, firstRow.page),
    box: (header ?? firstRow).box,
    format: mark,
    example: `${saved.length} line${saved.length === 1 ? '' : 's'}`,
    columns,
  };
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.min(a1, b1) - Math.max(a0, b0);
}

/** The column a cell stands in: the one it overlaps most (columns widened a little: amounts vary in width). */
function columnOf(segment: Segment, columns: LearnedColumn[]): LearnedColumn['role'] | null {
  let best: { role: LearnedColumn['role']; overlap: number } | null = null;
  for (const c of columns) {
    const o = overlap(segment.box.x, segment.box.x + segment.box.w, c.x - 0.03, c.x + c.w + 0.03);
    if (o > 0 && (!best || o > best.overlap)) best = { role: c.role, overlap: o };
  }
  return best?.role ?? null;
}

/** Header rows that match the learned one (the same words, spacing aside); the learned place when none does. */
function headerRows(lines: TextLine[], rule: LearnedField): TextLine[] {
  const squash = (t: string) => fold(t).replace(/[^a-z0-9]/g, '');
  if (rule.label) {
    const wanted = squash(rule.label);
    const found = lines.filter((l) => squash(l.text) === wanted);
    if (found.length > 0) return found;
  }
  return [];
}

type Cells = Partial<Record<LearnedColumn['role'], { value: string; words: Word[] }>>;

/** A line's figures in the learned columns, and its other text. */
function rowCells(
  row: TextLine,
  columns: LearnedColumn[],
  mark: DecimalMark,
): { values: Cells; text: string[] } {
  const values: Cells = {};
  const text: string[] = [];
  for (const segment of row.segments) {
    const role = isNumericCell(segment.text) && !/%/.test(segment.text) ? columnOf(segment, columns) : null;
    const value = role ? parseAmount(cellNumber(segment.text), mark) : null;
    if (role && value !== null && !values[role]) values[role] = { value, words: segment.words };
    else if (!/%/.test(segment.text)) text.push(segment.text);
  }
  return { values, text };
}

/** Lines at most left at the foot of a page the table runs off (a carried-forward sum, the page's number). */
const FOOT_LINES = 4;
/** Lines at most at the head of the next page before the table goes on (its letterhead, the page's number). */
const HEAD_LINES = 8;

/**
 * Where the table that stopped at line `at` of `page` goes on, on the next page: the index of its first row there, when the
 * rest of this page is only a few lines (a page's foot, without the totals) and the next page starts with rows in the learned columns
 * after a few lines at most. Null when the table ends here, or when the next page prints the header row again
 * (that header's own rows are read from it).
 */
function continuedAt(
  lines: TextLine[],
  at: number,
  page: number,
  columns: LearnedColumn[],
  mark: DecimalMark,
  headers: Set<TextLine>,
): number | null {
  let i = at;
  while (i < lines.length && lines[i]?.page === page) i++;
  if (i - at > FOOT_LINES) return null;
  // The totals at the foot end the table ("Subtotal", "Total"); a carried-forward sum ("Übertrag", "Carried
  // forward", "Suma y sigue") does not.
  const totals = new Set(['subtotal', 'tax', 'total']);
  if (allHits(lines.slice(at, i)).hits.some((h) => totals.has(h.field))) return null;
  const next = lines[i]?.page;
  if (next !== page + 1) return null;
  for (let k = i; k < lines.length && k < i + HEAD_LINES; k++) {
    const line = lines[k];
    if (!line || line.page !== next || headers.has(line)) return null;
    const { quantity, unitPrice, amount } = rowCells(line, columns, mark).values;
    if (quantity && unitPrice && amount) return k;
  }
  return null;
}

/**
 * The next invoice's line table read the way it was learned; null when its rows do not all multiply out. A table
 * that runs off a page goes on at the top of the next (without its header row printed again, as a word
 * processor's table does).
 */
export function readLearnedTable(
  lines: TextLine[],
  rule: LearnedField,
  mark: DecimalMark,
): ExtractedLine[] | null {
  const columns = rule.columns ?? [];
  if (columns.length < 3) return null;
  const readMark: DecimalMark = rule.format === 'comma' || rule.format === 'point' ? rule.format : mark;
  const out: ExtractedLine[] = [];
  const headers = headerRows(lines, rule);
  const headerSet = new Set(headers);
  for (const header of headers) {
    let misses = 0;
    let previous: ExtractedLine | null = null;
    let page = header.page;
    for (let i = header.index + 1; i < lines.length; i++) {
      const row = lines[i];
      if (!row) break;
      const { values, text } = rowCells(row, columns, readMark);
      const { quantity, unitPrice, amount } = values;
      if (row.page !== page || !quantity || !unitPrice || !amount) {
        // A description wrapped onto the next line; anything else ends the table, or this page of it.
        if (row.page === page && previous && !amount && !unitPrice && text.length > 0 && misses === 0) {
          previous.description = `${previous.description} ${text.join(' ')}`.trim();
          misses++;
          continue;
        }
        const goesOn = previous ? continuedAt(lines, i, page, columns, readMark, headerSet) : null;
        if (goesOn === null) break;
        page = lines[goesOn]?.page ?? page;
        misses = 0;
        i = goesOn - 1;
        continue;
      }
      misses = 0;
      if (!arithmeticHolds(quantity.value, unitPrice.value, amount.value)) return null;
      const line: ExtractedLine = {
        description: text.join(' ').trim(),
        quantity: quantity.value,
        unitPrice: unitPrice.value,
        amount: amount.value,
        confidence: Math.max(0.97, readingConfidence(row.words)),
        page: row.page,
        box: unionBox(row.words.map((w) => w.box)),
      };
      out.push(line);
      previous = line;
    }
  }
  return out.length > 0 ? out : null;
}

/** The currency as the bookkeeper saved it, for this supplier. */
export function learnCurrency(lines: TextLine[], code: string): LearnedField | null {
  if (!/^[A-Z]{3}$/.test(code)) return null;
  const word = lines.flatMap((l) => l.words).find((w) => currencyHits(w.text).some((h) => h.code === code));
  return {
    field: 'currency',
    label: null,
    placement: null,
    page: 'first',
    box: word?.box ?? { x: 0, y: 0, w: 0, h: 0 },
    format: null,
    example: code,
  };
}

/** The learned currency, unless the page prints another currency's code and not this one's. */
export function readLearnedCurrency(lines: TextLine[], rule: LearnedField): Found<string> | null {
  const code = rule.example;
  const printed = new Map<string, Word>();
  for (const line of lines) {
    for (const word of line.words) {
      for (const hit of currencyHits(word.text)) if (!printed.has(hit.code)) printed.set(hit.code, word);
    }
  }
  const own = printed.get(code);
  const otherCodes = [...printed.keys()].filter(
    (c) => c !== code && lines.some((l) => new RegExp(`\\b${c}\\b`).test(l.text)),
  );
  if (!own && otherCodes.length > 0) return null;
  const words = own ? [own] : [];
  const where = own ? found(code, 0.97, words, lines.find((l) => l.words.includes(own))?.page ?? 1) : null;
  return {
    ...(where ?? { value: code, confidence: 0.97, page: lines[0]?.page ?? 1, box: rule.box }),
    learned: true,
  };
}
