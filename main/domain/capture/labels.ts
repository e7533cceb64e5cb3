// Finding labels on the page: the vocabulary of seven languages (vocabulary.ts) compiled into regexes, matched at
// the start of each cell and after a value inside it ("No. 12  Date 3.4.2026"); the longest label wins.
import type { Segment, TextLine } from './layout.js';
import { CLIENT_REFERENCE, POSTING_DATE } from './labels-references.js';
import { compilePhrases, CUSTOMER_LABELS, fold, LABEL_PHRASES, type LabelField } from './vocabulary.js';
import type { Word } from './words.js';
export type FieldKind = 'reference' | 'date' | 'amount' | 'none';
export type HitField = LabelField | 'customer' | 'dateMid' | 'dueDateInline';

export const KIND: Record<HitField, FieldKind> = {
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

export interface CompiledLabel {
  field: HitField;
  phrase: string;
  regex: RegExp;
  /** How telling the label is: a bare "Invoice" or "Data" less than "Invoice number" or "Rechnungsdatum". */
  weight: number;
}

export const WEAK_PHRASES = new Set([
  ...CLIENT_REFERENCE,
  ...POSTING_DATE,
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

export const TAX_PREFIX = String.raw`(?:(?:zzgl|zuzgl|plus|incl|inkl|inc|\+)\.?\s*)?(?:\d{1,2}(?:[.,]\d{1,3})?\s*%\s*)?`;

export const ALL_LABELS: CompiledLabel[] = (() => {
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
export const MID_LABELS: CompiledLabel[] = compilePhrases([
  'vom',
  'du',
  'del',
  'van',
  'dated',
  'dd.',
  'of',
]).map((c) => ({ field: 'dateMid' as const, phrase: c.phrase, regex: c.regex, weight: 0.9 }));

/**
 * Due dates inside a sentence: "… den Rechnungsbetrag bis zum 28.09.2024 …", "à régler avant le 3 mai",
 * "payable by 12 May 2024". Taken only when a date follows at once.
 */
export const DUE_IN_SENTENCE: CompiledLabel[] = compilePhrases([
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
  'pay by',
  'payable by',
  'no later than',
  'payment is due on',
  'due on',
]).map((c) => ({ field: 'dueDateInline' as const, phrase: c.phrase, regex: c.regex, weight: 0.85 }));

export interface LabelHit {
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
export function segmentHits(segment: Segment, lineIndex: number, segmentIndex: number): LabelHit[] {
  const words = segment.words;
  const folded = words.map((w) => fold(w.text));
  const found: { hit: LabelHit; end: number }[] = [];
  let p = 0;
  while (p < words.length) {
    const previous = p > 0 ? (words[p - 1]?.text ?? '') : '';
    // A label starts a cell, follows a value, or follows a separator ("Transferencia · Vencimiento: 30/06").
    const atStart = p === 0 || /\d/.test(previous) || /^[·|•–—;]$/.test(previous) || /;$/.test(previous);
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

/** A line's segment as a map key. */
export const key = (line: number, segment: number) => `${line}:${segment}`;

/** Every label on the pages, keyed by line and segment. */
export function allHits(lines: TextLine[]): { hits: LabelHit[]; hitsAt: Map<string, LabelHit[]> } {
  const hits: LabelHit[] = [];
  const hitsAt = new Map<string, LabelHit[]>();
  lines.forEach((line, lineIndex) => {
    let previous: LabelHit[] = [];
    line.segments.forEach((segment, s) => {
      let list = segmentHits(segment, lineIndex, s);
      // An order number printed with its "PO" after the order's label ("Order number | PO 88120") is that
      // label's value, "PO" and all, not a label of its own ("No 4711" after "Invoice" is: "No" is no part of a
      // number).
      const before = previous[previous.length - 1];
      const first = list[0];
      if (
        before &&
        first &&
        first.startWord === 0 &&
        first.field === 'orderNumber' &&
        before.field === 'orderNumber' &&
        before.valueWords.length === 0 &&
        (first.phrase === 'po' || first.phrase === 'p.o.') &&
        /^\d/.test(first.valueWords[0]?.text ?? '')
      ) {
        list = list.slice(1);
      }
      list = orderDocument(segment, lineIndex, s, list, lines);
      if (list.length) hitsAt.set(key(lineIndex, s), list);
      hits.push(...list);
      previous = list;
    });
  });
  return { hits, hitsAt };
}

/**
 * A FatturaPA printout's order section: "Dati ordine di acquisto | Id documento | Data", its values under it. The
 * section's heading opens the line, or stands alone on the line above its row of headings.
 */
const ORDER_SECTION = /^dati (?:dell'? ?)?ordine (?:di |d' ?)?acquisto\b/;

function orderSection(lines: readonly TextLine[], lineIndex: number): boolean {
  const line = lines[lineIndex];
  const above = lines[lineIndex - 1];
  if (!line) return false;
  if (ORDER_SECTION.test(fold(line.segments[0]?.text ?? ''))) return true;
  return (
    !!above &&
    above.page === line.page &&
    above.segments.length === 1 &&
    ORDER_SECTION.test(fold(above.text)) &&
    line.box.y - (above.box.y + above.box.h) < line.height * 2
  );
}

/** The document's id in the order section ("Id documento", "Numero documento") is the order's number. */
function orderDocument(
  segment: Segment,
  lineIndex: number,
  segmentIndex: number,
  list: LabelHit[],
  lines: readonly TextLine[],
): LabelHit[] {
  if (!orderSection(lines, lineIndex)) return list;
  const m = /^(?:id|numero|num\.?|n\.?|no) documento\b[\s:]*/.exec(fold(segment.text));
  if (!m) return list;
  const words = segment.words;
  // The label's words: "Id documento" is two.
  const count = m[0].trim().split(/\s+/).length;
  return [
    {
      field: 'orderNumber',
      phrase: 'id documento',
      weight: 1,
      lineIndex,
      segmentIndex,
      startWord: 0,
      labelWords: words.slice(0, count),
      valueWords: words.slice(count),
    },
  ];
}
