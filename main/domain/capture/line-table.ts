// The line table: found from its header row (description, quantity, unit price, amount in any order and any of
// the seven languages); rows are matched to the columns by position, and OCR slips that the arithmetic can prove
// (a lost decimal point, a misread quantity) are repaired with a lower confidence.
import { formatMinor, lineAmountBig, toMinorBig } from '../money.js';
import type { ExtractedLine } from './extraction.js';
import { overlapsX, readingConfidence } from './fields.js';
import type { Segment, TextLine } from './layout.js';
import { looksNumeric, parseAmount, type DecimalMark } from './values.js';
import { compilePhrases, fold, HEADER_PHRASES } from './vocabulary.js';
import { unionBox, type Box, type Word } from './words.js';
export type Role = 'description' | 'quantity' | 'unitPrice' | 'amount';
export const HEADER_LABELS = (Object.keys(HEADER_PHRASES) as Role[])
  .flatMap((role) => compilePhrases(HEADER_PHRASES[role]).map((c) => ({ role, ...c })))
  .sort((a, b) => b.phrase.length - a.phrase.length);

export interface Column {
  role: Role;
  box: Box;
}

export function headerColumns(line: TextLine): Column[] | null {
  const columns: Column[] = [];
  const untitled: Segment[] = [];
  for (const segment of line.segments) {
    // A header cell can hold two titles printed close together ("Qty Description").
    let words = segment.words;
    if (!HEADER_LABELS.some((h) => h.regex.test(words.map((w) => fold(w.text)).join(' '))))
      untitled.push(segment);
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
  if (!roles.has('description') && numeric === 3) {
    // Quantity, price and amount titled, the description's title a word of the trade ("Prestation",
    // "Leistung"): the first cell left of them that holds words.
    const left = Math.min(...columns.map((c) => c.box.x));
    const first = untitled.find((s) => s.box.x < left && /\p{L}{3}/u.test(s.text));
    if (first) columns.unshift({ role: 'description', box: first.box });
  }
  return roles.has('description') || columns.some((c) => c.role === 'description')
    ? numeric >= 2
      ? columns
      : null
    : null;
}

export function amountMinor(value: string): bigint | null {
  try {
    return toMinorBig(value, 2);
  } catch {
    return null;
  }
}

/** Whether quantity × price gives the amount to the cent. */
export function arithmeticHolds(quantity: string, unitPrice: string, amount: string): boolean {
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
export function repairByDigits(read: string, expectedMinor: bigint): string | null {
  const digits = (text: string) => text.replace(/\D/g, '').replace(/^0+/, '');
  const expected = formatMinor(expectedMinor, 2);
  return digits(read) === digits(expected) && expectedMinor !== 0n ? expected : null;
}

/** The digits with a decimal point put `decimals` from the end ("35" → "3.5"; 0: "1.73" → "173"). */
export function withDecimals(text: string, decimals: number): string | null {
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
export function repairLine(
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
export function quantityFrom(amount: string, unitPrice: string): string | null {
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

export const UNIT_WORDS =
  /^(\d+(?:[.,'’]\d{3})*(?:[.,]\d+)?)\s*(?:stk|st|stck|pcs|pc|pce|pces|h|hrs|hr|std|x|uds|ud|un|pz|kg|m|m2|units?|stuks?|pauschal|days?|tage?|mois|month|months|nos|ea|each|sets?|pairs?|pkts?)\.?$/i;

/** A table cell that holds a number: an amount, or a quantity with its unit ("2 Stk", "3 h"). */
export function isNumericCell(text: string): boolean {
  return looksNumeric(text) || UNIT_WORDS.test(text.trim());
}

/** The number of a cell, without a unit after it. */
export function cellNumber(text: string): string {
  const unit = UNIT_WORDS.exec(text.trim());
  return unit?.[1] ?? text;
}

/**
 * The quantity, price and amount among a row's numbers that multiply out (quantity × price = amount, to the
 * cent), when the columns by position do not. The amount is the rightmost such number; quantity and price are
 * taken in the header's order of their columns. A quantity already read from the description's start counts.
 */
export function rowByArithmetic(
  segments: Segment[],
  mark: DecimalMark,
  columns: Column[],
  leadQuantity?: { text: string },
): { quantity: string; unitPrice: string; amount: string; segments: Segment[] } | null {
  const numbers = segments
    .map((segment) => ({ segment, value: parseAmount(cellNumber(segment.text), mark) }))
    .filter((n): n is { segment: Segment; value: string } => n.value !== null)
    .sort((a, b) => a.segment.box.x - b.segment.box.x);
  const quantityColumn = columns.find((c) => c.role === 'quantity');
  const priceColumn = columns.find((c) => c.role === 'unitPrice');
  const quantityFirst = !quantityColumn || !priceColumn || quantityColumn.box.x < priceColumn.box.x;
  const lead = leadQuantity ? parseAmount(leadQuantity.text, mark) : null;
  for (let k = numbers.length - 1; k >= 1; k--) {
    const a = numbers[k];
    if (!a || Number(a.value) === 0) continue;
    if (lead) {
      for (let j = k - 1; j >= 0; j--) {
        const p = numbers[j];
        if (p && arithmeticHolds(lead, p.value, a.value))
          return { quantity: lead, unitPrice: p.value, amount: a.value, segments: [p.segment, a.segment] };
      }
    }
    // Nearest pairs to the amount first.
    for (let j = k - 1; j >= 1; j--) {
      for (let i = j - 1; i >= 0; i--) {
        const left = numbers[i];
        const right = numbers[j];
        if (!left || !right) continue;
        const [q, p] = quantityFirst ? [left, right] : [right, left];
        if (arithmeticHolds(q.value, p.value, a.value))
          return {
            quantity: q.value,
            unitPrice: p.value,
            amount: a.value,
            segments: [left.segment, right.segment, a.segment],
          };
      }
    }
  }
  // Nothing multiplies out as read: a quantity whose decimal point OCR lost ("55" for 5.5, "125" for 12.5), its
  // figures the same, multiplies out once the point is back.
  for (let k = numbers.length - 1; k >= 2; k--) {
    const a = numbers[k];
    if (!a || Number(a.value) === 0) continue;
    for (let j = k - 1; j >= 1; j--) {
      for (let i = j - 1; i >= 0; i--) {
        const left = numbers[i];
        const right = numbers[j];
        if (!left || !right) continue;
        const [q, p] = quantityFirst ? [left, right] : [right, left];
        if (!/^\d{2,3}$/.test(q.segment.text.trim())) continue;
        const point = withDecimals(q.value, 1);
        if (point && arithmeticHolds(point, p.value, a.value))
          return {
            quantity: point,
            unitPrice: p.value,
            amount: a.value,
            segments: [left.segment, right.segment, a.segment],
          };
      }
    }
  }
  return null;
}

/**
 * How a table that filled its page goes on on the next one, whose first line is `lines[from]`: under its headings
 * printed again (titling the same columns, read by where they stand there), or straight on with rows whose
 * numbers multiply out (quantity × price = amount) in the same columns. Above either only a page's own header may
 * stand (the supplier's name, "Page 2 of 3", the invoice number). `at` is the line after which the rows go on;
 * null when the page does not go on with the table.
 */
function continuedTable(
  lines: TextLine[],
  from: number,
  columns: Column[],
  mark: DecimalMark,
): { at: number; columns: Column[] } | null {
  const roles = (c: Column[]) => [...new Set(c.map((x) => x.role))].sort().join();
  const numeric = columns.filter((c) => c.role !== 'description').sort((a, b) => a.box.x - b.box.x);
  const page = lines[from]?.page;
  for (let i = from; i < Math.min(lines.length, from + 8); i++) {
    const line = lines[i];
    if (!line || line.page !== page) return null;
    const titled = headerColumns(line);
    if (titled) return roles(titled) === roles(columns) ? { at: i, columns: titled } : null;
    const numbers = line.segments.filter((s) => isNumericCell(s.text));
    if (numbers.length >= 3 && rowByArithmetic(numbers, mark, numeric)) return { at: i - 1, columns };
    // A row of amounts that does not multiply out is no page header, nor a row of the table.
    if (numbers.length >= 2) return null;
  }
  return null;
}

export function readLineTable(
  lines: TextLine[],
  mark: DecimalMark,
  isTotalsLine: (line: TextLine) => boolean,
): ExtractedLine[] {
  const out: ExtractedLine[] = [];
  for (let h = 0; h < lines.length; h++) {
    const header = lines[h];
    if (!header) continue;
    const titled = headerColumns(header);
    if (!titled) continue;
    let columns: Column[] = titled;
    let numericColumns = columns.filter((c) => c.role !== 'description').sort((a, b) => a.box.x - b.box.x);
    let descriptionColumn = columns.find((c) => c.role === 'description');
    let page = header.page;
    let previous: ExtractedLine | null = null;
    for (let r = h + 1; r < lines.length; r++) {
      const row = lines[r];
      if (!row) break;
      if (row.page !== page) {
        // Rows up to the foot of the page, no totals yet: the table may go on on the next page (as HTML tables and
        // ERPs print a long invoice), under its headings printed again or straight on.
        const again = out.length > 0 ? continuedTable(lines, r, columns, mark) : null;
        if (!again) break;
        columns = again.columns;
        numericColumns = columns.filter((c) => c.role !== 'description').sort((a, b) => a.box.x - b.box.x);
        descriptionColumn = columns.find((c) => c.role === 'description');
        page = row.page;
        previous = null;
        r = again.at;
        continue;
      }
      // A rate per line ("20 %", "IVA 23%") is neither quantity, price nor amount.
      const percentCell = (s: Segment) => /%/.test(s.text) && isNumericCell(s.text.replace(/%|\p{L}/gu, ''));
      const numericSegments = row.segments.filter((s) => isNumericCell(s.text) && !percentCell(s));
      const textSegments = row.segments.filter((s) => !isNumericCell(s.text) && !percentCell(s));
      // A row whose numbers multiply out is an item whatever its first word ("Transporte" is carried forward
      // in Portuguese, and shipping too); otherwise a totals label or a second header ends the table.
      const item = numericSegments.length >= 3 && rowByArithmetic(numericSegments, mark, numericColumns);
      if (!item && (isTotalsLine(row) || headerColumns(row))) break;
      // Specks read as ":" or "=" on a scan are not rows.
      if (!/[A-Za-z0-9]/.test(row.text)) continue;
      if (numericSegments.length === 0) {
        // A description that wrapped onto a second line belongs to the line above.
        const near = previous && row.box.y - (previous.box.y + previous.box.h) < row.height * 1.2;
        const under = descriptionColumn;
        if (previous && near && under && textSegments.some((s) => overlapsX(s.box, under.box))) {
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
      let leadQuantity: { text: string } | null = null;
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
          leadQuantity = values.quantity;
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
      // The columns by position do not multiply out (a position number, an article code, a discount or VAT
      // column the header does not name): the row's numbers that do — quantity × price = amount — are taken.
      if (!(quantity && unitPrice && amount && arithmeticHolds(quantity, unitPrice, amount))) {
        const found = rowByArithmetic(numericSegments, mark, numericColumns, leadQuantity ?? undefined);
        if (found) {
          ({ quantity, unitPrice, amount } = found);
          const used = new Set(found.segments);
          description = [...textSegments, ...extra.filter((s) => !used.has(s) && !/^\d{1,3}$/.test(s.text))]
            .sort((a, b) => a.box.x - b.box.x)
            .map((s) => s.text)
            .join(' ')
            .trim();
        }
      }
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
      // A row of nothing but zeros ("Shipping charges 0,00 €", "Discount 0.00") bills nothing: no line of its
      // own, though a description wrapped under it still belongs to it.
      if (!(amountMinor(amount) === 0n && amountMinor(unitPrice) === 0n)) out.push(line);
      previous = line;
    }
    if (out.length > 0) break;
  }
  return out;
}
