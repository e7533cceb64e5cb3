// Amounts of the whole invoice: the currency, and net, tax and total chosen together by reconciliation (net +
// tax = total, the lines add up to the net), then checked against the sums (what adds up is trusted, what does
// not is flagged for the bookkeeper).
import { formatMinor } from '../money.js';
import type { Extraction, Found } from './extraction.js';
import { found, wordsAt } from './fields.js';
import type { TextLine } from './layout.js';
import { amountMinor, repairByDigits } from './line-table.js';
import { currencyHits, findAmounts, type DecimalMark } from './values.js';
import { unionBox, type Word } from './words.js';
/** The dollars a page may name by a code or a sign of their own ("AUD", "A$") and then print as a bare "$". */
const SIGNED_DOLLARS = new Set(['CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'BRL', 'TWD']);

/** True when `sign` is an ISO code ("EUR"), not a sign ("€", "$", "Rs."). */
export function isCurrencyCode(sign: string): boolean {
  return /^[A-Z]{3}$/.test(sign);
}

/**
 * The invoice's currency from the codes and signs printed on it, and what decided it: the code when one is printed
 * ("EUR"), else the sign ("€", "$", "Rs.", "Fr."), so that the review can say it was inferred. Read on whole lines,
 * so that a sign printed apart from its figures ("Rs. 1,200.00") counts.
 */
export function readCurrencyWithSign(
  lines: TextLine[],
  /** The page without the customer's block (IssuerDetails.text): where the issuer's tax words are read. */
  issuerText: readonly string[] = lines.map((l) => l.text),
): { found: Found<string>; sign: string } | null {
  const scores = new Map<string, { score: number; words: Word[]; page: number; signs: string[] }>();
  for (const line of lines) {
    for (const hit of currencyHits(line.text)) {
      const entry = scores.get(hit.code) ?? { score: 0, words: [], page: line.page, signs: [] };
      entry.score += hit.strength;
      const word = line.words.find((w) => w.text.includes(hit.text)) ?? line.words[0];
      if (entry.words.length < 1 && word) entry.words.push(word);
      if (!entry.signs.includes(hit.text)) entry.signs.push(hit.text);
      scores.set(hit.code, entry);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score);
  const top = ranked[0];
  if (!top) return null;
  let [code, entry] = top;
  // A bare "$" is also Canada's, Australia's, New Zealand's: the issuer's country, where printed, tells.
  const explicitUsd = lines.some((l) => /\bUSD\b|US\$/.test(l.text));
  // The "$" of a page that names its dollar elsewhere ("All amounts in AUD", "Total A$ 110.00") is that dollar.
  const namedDollar = explicitUsd
    ? undefined
    : ranked.find(([c, e]) => c !== 'USD' && SIGNED_DOLLARS.has(c) && e.signs.some((s) => s !== '$'));
  if (code === 'USD' && namedDollar) [code, entry] = namedDollar;
  if (code === 'USD' && !explicitUsd) {
    // The issuer's tax words and address, not the customer's: a US supplier billing a customer in Toronto prints
    // "Canada" and the customer's "GST/HST No." in the bill-to block, and bills in US dollars.
    const all = issuerText.join('\n');
    const local = /\b(?:GST\/HST|HST|QST|Canada)\b|\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b/.test(all)
      ? 'CAD'
      : /\b(?:ABN|Australia|NSW|QLD)\b/.test(all)
        ? 'AUD'
        : /\b(?:New Zealand|NZBN)\b/.test(all)
          ? 'NZD'
          : null;
    if (local) [code, entry] = [local, { ...entry, score: entry.score * 0.9 }];
  }
  const runnerUp = ranked.find(([c]) => c !== code && c !== top[0])?.[1].score ?? 0;
  // A lone "$" is the weakest sign (several currencies use it); a code or €/£, repeated, is strong.
  const strength = Math.min(0.97, (code === 'USD' && entry.score < 1.5 ? 0.75 : 0.85) + entry.score * 0.02);
  // What tells most: a code, else a sign of its own ("US$", "A$"), else a bare "$".
  const sign =
    entry.signs.find(isCurrencyCode) ?? entry.signs.find((s) => s !== '$') ?? entry.signs[0] ?? code;
  return { found: found(code, runnerUp > 0 ? strength * 0.8 : strength, entry.words, entry.page), sign };
}

export interface AmountOption {
  found: Found<string>;
  minor: bigint;
  lineIndex: number;
}

export function options(list: Found<string>[], lines: number[]): AmountOption[] {
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

export function money(minor: bigint): string {
  return formatMinor(minor, 2);
}

/**
 * Chooses net, tax and total together: the labelled candidates whose sums hold (net + tax = total, lines = net)
 * and which read best. Several tax lines (19 % and 7 %) count as one tax when their sum reconciles.
 */
export function reconcile(
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

/** Confidence from the sums: what adds up is trusted, what does not is flagged for the bookkeeper. */
export function checkArithmetic(x: Extraction): void {
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

/**
 * No tax was read under a label, but the net and the total were: the tax is the amount printed on a line between
 * them that makes them add up — a tax line labelled only by its rate ("20%"), or by a tax's own name that no
 * vocabulary holds ("21% G", "Tax 15% S"). Only the last figure of a line counts (its rate or base come before).
 */
export function taxBetween(x: Extraction, lines: readonly TextLine[], mark: DecimalMark): void {
  if (x.tax || !x.subtotal || !x.total) return;
  const net = amountMinor(x.subtotal.value);
  const total = amountMinor(x.total.value);
  if (net === null || total === null || total <= net) return;
  const lineOf = (f: Found<string>) =>
    lines.findIndex(
      (l) => l.page === f.page && Math.abs(l.box.y + l.box.h / 2 - (f.box.y + f.box.h / 2)) < l.height,
    );
  const from = lineOf(x.subtotal);
  const to = lineOf(x.total);
  if (from < 0 || to <= from + 1 || to - from > 4) return;
  for (const line of lines.slice(from + 1, to)) {
    const cell = line.segments[line.segments.length - 1];
    const hits = cell ? findAmounts(cell.text, mark).filter((h) => !h.percent) : [];
    const last = hits[hits.length - 1];
    if (!cell || !last || amountMinor(last.value) !== total - net) continue;
    const words = wordsAt(cell.words, last.index, last.index + last.length);
    x.tax = found(last.value, Math.min(x.subtotal.confidence, x.total.confidence) * 0.85, words, line.page);
    return;
  }
}
