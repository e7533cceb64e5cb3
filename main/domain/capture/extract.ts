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
//
// Split by idea: labels.ts (finding labels), fields.ts (reading a label's value), line-table.ts, totals.ts
// (currency, reconciliation, arithmetic), issuer.ts (the supplier, never the customer), learned.ts (teaching and
// reading what the bookkeeper corrected); the result's types are in extraction.ts.
import type { ExtractedLine, Extraction, ExtractOptions, Found } from './extraction.js';
import { bareNumberHits, qualifiedValue } from './bare-number.js';
import { CLIENT_REFERENCE } from './labels-references.js';
import { candidatesFor, found, readValue, type ReadContext } from './fields.js';
import { customerRegion, issuerDetails, readSupplierName } from './issuer.js';
import { allHits, key, KIND, type LabelHit } from './labels.js';
import { buildLines } from './layout.js';
import { loneDate } from './lone-date.js';
import { sentenceDue } from './sentence-due.js';
import { anchorsOf, readLearned, shape } from './learned.js';
import { readLearnedTable } from './learned-table.js';
import { amountMinor, arithmeticHolds, headerColumns, readLineTable } from './line-table.js';
import { addDays, dueAtOnce, paymentTermsDays } from './terms.js';
import { checkArithmetic, readCurrencyWithSign, reconcile, taxBetween } from './totals.js';
import { detectDecimalMark, parseDate, type DateOrder } from './values.js';
import { NO_OWN_IDENTITY, type OwnIdentity } from './own-identity.js';
import { detectLanguage } from './vocabulary.js';
import type { PageText } from './words.js';

export type {
  ExtractedLine,
  ExtractField,
  Extraction,
  ExtractOptions,
  Found,
  IssuerDetails,
  LearnableField,
  LearnedColumn,
  LearnedField,
  Placement,
} from './extraction.js';
export type { OwnIdentity } from './own-identity.js';

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

/**
 * The buyer's own order labels ("PO number", "Purchase order", "Your order", "Ihre Bestellung", "Votre commande",
 * "Uw referentie", "Su pedido", "Vs. ordine", "V/ encomenda", "Buyer's order") against an order number that may
 * be the seller's ("Order #" of a web shop, "Auftragsnummer", "Commande", "Pedido"): when both are printed, the
 * purchase order is the one the buyer's books know, so it wins a tie.
 */
const BUYER_ORDER =
  /^(?:purchase|p\.?o\b|your|customer|ihre?\b|votre|vos\b|uw\b|su\b|sua\b|vs\.|vostr[oa]|v\/|s\/|bon de commande|orden de compra|inkoop|klant|buyer)/;

/** Words that tell how a payment is made: after "Pay by" they say how, not when (folded or as printed). */
const PAYMENT_MEANS =
  /^(?:bank|wire|electronic|credit|debit|direct|cheque|check|card|transfer|paypal|sepa|bacs|ach|eft|cash|standing|giro|money|postal|bpay|interac|upi|neft|rtgs|imps)\b/i;

/** The value of a "Pay by" label names a payment means ("bank transfer", "cheque"), not a date. */
export function byMeans(text: string): boolean {
  return PAYMENT_MEANS.test(text.trim().replace(/^[:\s-]+/, ''));
}

/** A customer account's code ("C00412", "CLI-0042", "CUST 1187"): a letter code for "client" and figures only. */
const ACCOUNT_CODE = /^(?:c|cl|cli|clt|cust|cus|kd|deb)[-\s./]?\d+$/i;

function orderLabelWeight(phrase: string): number {
  return BUYER_ORDER.test(phrase) ? 1 : 0.97;
}

export function extractInvoice(pages: readonly PageText[], options: ExtractOptions): Extraction {
  const lines = buildLines(pages);
  const texts = lines.map((l) => l.text);
  const mark = detectDecimalMark(texts);
  const language = detectLanguage(texts);
  const fromPage = pageDateOrder(texts);
  // The order this supplier's dates were seen in (learned from a date it printed), when the page does not tell.
  const learnedOrder = (options.learned ?? []).find(
    (r) => (r.field === 'date' || r.field === 'dueDate') && (r.format === 'dmy' || r.format === 'mdy'),
  )?.format as DateOrder | undefined;
  const order: DateOrder =
    fromPage ??
    learnedOrder ??
    (options.dateOrderFromCountry ? options.dateOrder : language !== 'en' ? 'dmy' : options.dateOrder);
  const ctx: ReadContext = { order, decided: fromPage !== null || learnedOrder !== undefined, mark };
  const { hits, hitsAt } = allHits(lines);
  const tableHeaders = new Set(lines.filter((l) => headerColumns(l)).map((l) => l.index));
  const headingRow = (hit: LabelHit) => {
    const line = lines[hit.lineIndex];
    if (!line || line.segments.length < 2) return false;
    const labelled = line.segments.filter((_, s) =>
      (hitsAt.get(key(hit.lineIndex, s)) ?? []).some((h) => h.startWord === 0 && h.valueWords.length === 0),
    ).length;
    return labelled >= 2 && labelled >= line.segments.length - 1;
  };

  const best: Partial<Record<'invoiceNumber' | 'date' | 'dueDate' | 'orderNumber', Found<string>>> = {};
  // A due date's label holding payment at once instead of a date ("Due Date | On receipt"): due on the invoice date.
  let dueAtOnceFound: Found<string> | null = null;
  // Whether an explicit invoice-number label ("Invoice no.", "Rechnungsnummer", not a bare title) read a number.
  let explicitNumber = false;
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
      // "Valuta" is the value date beside its date in German, but the currency in Italian ("Valuta | EUR"): the
      // cell under it is no date of its.
      if (hit.phrase === 'valuta' && c.placement === 'below') continue;
      // "Please pay by bank transfer …", "Payable by cheque to …": "by" names how to pay, not when; a date further
      // along the sentence is another date's ("… our office closes 15/03/2024").
      if (hit.field === 'dueDate' && / by$/.test(hit.phrase) && c.placement === 'same' && byMeans(c.text))
        break;
      // A bare "Invoice" title's value is only taken beside it, not below it — unless the label is one of a row
      // of headings with their values under them ("Factuurnr. | Datum | Order").
      if (hit.weight < 1 && c.placement === 'below' && kind === 'reference' && !headingRow(hit)) continue;
      const value = readValue(
        kind,
        c,
        ctx,
        hit.weight * (field === 'orderNumber' ? orderLabelWeight(hit.phrase) : 1),
      );
      if (!value && hit.field === 'dueDate' && dueAtOnce(c.text)) {
        dueAtOnceFound ??= found('', 0.8, c.words, c.page);
        break;
      }
      if (!value) continue;
      // "Référence client : C00412": the customer's account with the supplier, not its order.
      if (field === 'orderNumber' && CLIENT_REFERENCE.includes(hit.phrase) && ACCOUNT_CODE.test(value.value))
        break;
      if (field === 'subtotal' || field === 'tax' || field === 'total') {
        amounts[field].push({ f: value, line: hit.lineIndex });
      } else {
        const current = best[field];
        if (!current || value.confidence > current.confidence + 1e-9) best[field] = value;
        if (field === 'invoiceNumber' && hit.weight >= 1) explicitNumber = true;
      }
      break;
    }
  }
  // No explicit invoice-number label read a number: a bare "Numéro" / "Nummer" / "Number" in the header of a page
  // titled as an invoice stands for it, below a bare title's own value.
  if (!explicitNumber) {
    for (const hit of bareNumberHits(lines, hitsAt, tableHeaders)) {
      for (const c of candidatesFor(lines, hit, hitsAt)) {
        if (qualifiedValue(c.text)) break;
        const value = readValue('reference', c, ctx, hit.weight);
        if (!value) continue;
        const current = best.invoiceNumber;
        if (!current || value.confidence > current.confidence + 1e-9) best.invoiceNumber = value;
        break;
      }
    }
  }

  // No label gave the invoice date: a letter's date standing alone at the top of the first page.
  if (!best.date) best.date = loneDate(lines, hits, hitsAt, ctx) ?? undefined;
  // No label gave the due date: a sentence asking for payment by a date ("Please pay the amount above by …").
  if (!best.dueDate) best.dueDate = sentenceDue(lines, ctx) ?? undefined;

  const own: OwnIdentity = {
    ...(options.own ?? NO_OWN_IDENTITY),
    names: [...(options.ownNames ?? []), ...(options.own?.names ?? [])],
  };
  const region = customerRegion(lines, hits, own);
  const issuer = issuerDetails(lines, region, own);
  const tableLines = readLineTable(lines, mark, (line) =>
    line.segments.some((_, s) =>
      (hitsAt.get(key(line.index, s)) ?? []).some(
        (h) =>
          h.startWord === 0 &&
          (h.field === 'subtotal' || h.field === 'total' || h.field === 'tax' || h.field === 'ignore'),
      ),
    ),
  );
  const currency = readCurrencyWithSign(lines, issuer.text);
  const extraction: Extraction = {
    supplierName: readSupplierName(lines, region, hitsAt, own, issuer.domains),
    invoiceNumber: best.invoiceNumber ?? null,
    date: best.date ?? null,
    dueDate: best.dueDate ?? null,
    orderNumber: best.orderNumber ?? null,
    currency: currency?.found ?? null,
    currencySign: currency?.sign ?? null,
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
  // No due date printed, but payment terms ("Net 30", "zahlbar innerhalb von 14 Tagen"): the date plus their
  // days, with a confidence that asks for a look.
  let fromTerms: { days: number; value: string } | null = null;
  const dueFromTerms = () => {
    if (extraction.dueDate || !extraction.date) return;
    const terms = paymentTermsDays(lines);
    const due = terms ? addDays(extraction.date.value, terms.days) : null;
    if (terms && due) {
      extraction.dueDate = {
        value: due,
        confidence: 0.7,
        page: terms.line.page,
        box: terms.line.box,
      };
      fromTerms = { days: terms.days, value: due };
    }
  };
  if (!extraction.dueDate && extraction.date && dueAtOnceFound) {
    extraction.dueDate = { ...(dueAtOnceFound as Found<string>), value: extraction.date.value };
  }
  dueFromTerms();
  // A due date before the invoice date was read from a differently labelled date; drop it.
  if (extraction.date && extraction.dueDate && extraction.dueDate.value < extraction.date.value) {
    extraction.dueDate = { ...extraction.dueDate, confidence: extraction.dueDate.confidence * 0.6 };
  }
  const rules = options.learned ?? [];
  // The line table as the supplier was seen to print it: taken when its rows multiply out and add up to a
  // printed net or total better than the table the general rules read.
  const tableRule = rules.find((r) => r.field === 'lines');
  const learnedLines = tableRule ? readLearnedTable(lines, tableRule, mark) : null;
  if (learnedLines) {
    const printed = [...amounts.subtotal, ...amounts.total].map((c) => amountMinor(c.f.value));
    const worth = (table: ExtractedLine[]) => {
      if (table.length === 0) return -1;
      const holds = table.every((l) => arithmeticHolds(l.quantity, l.unitPrice, l.amount)) ? 1 : 0;
      const sum = table.reduce<bigint | null>((acc, l) => {
        const a = amountMinor(l.amount);
        return acc === null || a === null ? null : acc + a;
      }, 0n);
      return holds + (sum !== null && printed.includes(sum) ? 2 : 0);
    };
    const general = worth(extraction.lines);
    const learned = worth(learnedLines);
    const same =
      learnedLines.length === extraction.lines.length &&
      learnedLines.every((l, i) => l.amount === extraction.lines[i]?.amount);
    // As good by these checks, the learned table that reads more rows wins: the general rules stopped early
    // (at a page's carried-forward sum, say).
    if (
      learned > general ||
      (learned === general && (same || learnedLines.length > extraction.lines.length))
    ) {
      extraction.lines = learnedLines;
      // Shown as learned where it made the difference (a confirmation agreeing with the general rules only
      // raises their confidence).
      if (!same) extraction.learned.push('lines');
    }
  }
  // Where the fields taught after a label stand now: a field taught by its position moves with the nearest.
  const anchors = anchorsOf(lines, hitsAt, rules, ctx);
  // Learned amounts join the labelled candidates, weighted above them: reconciliation still has to hold.
  const learnedAmounts = new Map<'subtotal' | 'tax' | 'total', string>();
  for (const rule of rules) {
    if (rule.field !== 'subtotal' && rule.field !== 'tax' && rule.field !== 'total') continue;
    const read = readLearned(lines, hitsAt, rule, ctx, null, true, anchors);
    if (!read) continue;
    const { via: _via, vocabulary: _vocabulary, ...value } = read;
    const at = lines.find(
      (l) =>
        l.page === value.page && Math.abs(l.box.y + l.box.h / 2 - (value.box.y + value.box.h / 2)) < l.height,
    );
    const weight = rule.taughtBy === 'confirmation' ? 1.1 : 1.6;
    amounts[rule.field].push({ f: { ...value, confidence: weight, learned: true }, line: at?.index ?? 0 });
    learnedAmounts.set(rule.field, value.value);
  }
  reconcile(extraction, amounts, lines.length);
  taxBetween(extraction, lines, mark);
  for (const field of ['subtotal', 'tax', 'total'] as const) {
    const f = extraction[field];
    if (!f) continue;
    const learned = learnedAmounts.get(field);
    const rule = rules.find((r) => r.field === field);
    const isLearned = learned !== undefined && amountMinor(learned) === amountMinor(f.value);
    extraction[field] = {
      ...f,
      confidence: Math.min(1, isLearned ? Math.max(f.confidence, 0.97) : f.confidence),
    };
    if (isLearned && rule?.taughtBy !== 'confirmation') {
      extraction[field] = { ...extraction[field], learned: true } as Found<string>;
      extraction.learned.push(field);
    } else if (f.learned && !isLearned) {
      // Derived from a learned amount (net = total − tax): not itself read the learned way.
      extraction[field] = { ...f, confidence: Math.min(1, f.confidence), learned: false };
    }
  }
  // A due date taught as payment terms counts from the invoice date: it is read after the date.
  const terms = (r: (typeof rules)[number]) => (r.format === 'days' ? 1 : 0);
  for (const rule of [...rules].sort((a, b) => terms(a) - terms(b))) {
    if (rule.field === 'lines' || rule.field === 'subtotal' || rule.field === 'tax' || rule.field === 'total')
      continue;
    const read = readLearned(lines, hitsAt, rule, ctx, extraction.date?.value ?? null, true, anchors);
    if (!read) continue;
    const { via, vocabulary, ...value } = read;
    const general = extraction[rule.field];
    if (rule.taughtBy === 'confirmation') {
      // Read after the label the supplier printed for this field, as taught, once on the page, and a label the
      // general rules know for the field, the confirmed reading stands: the general rules, right on the first
      // invoice, had two labels of the field to choose from on this one and took the other (an order date
      // beside the invoice date, the customer's own reference beside the order number). Otherwise (by position,
      // after a label that only holds the taught one, or one the general rules do not know and so did not read
      // the first invoice by) it gives way to a different general reading unless that one is shaky (a guessed
      // day/month order, a value found under a weak label or below it, an unsure OCR word).
      const byLabel = via === 'label';
      const decides = byLabel && vocabulary === true;
      if (general && general.value !== value.value && general.confidence >= 0.85 && !decides) continue;
      // Standing in where the general rules found nothing, a number read by position must look like the one
      // confirmed ("PO-4012", not "December 16" where this invoice prints no order); after its label, the
      // supplier's next number may have another shape ("4500012345" after "PO-4410").
      const reference = rule.field === 'invoiceNumber' || rule.field === 'orderNumber';
      const afterLabel = byLabel || via === 'label elsewhere';
      if (!general && reference && !afterLabel && shape(value.value) !== shape(rule.example)) continue;
    }
    const agrees = general !== null && general.value === value.value;
    extraction[rule.field] = agrees ? { ...general, ...value } : value;
    // A confirmation that only agrees with the general rules raises their confidence; what a learned rule
    // changed or filled in is shown as learned.
    if (!(agrees && rule.taughtBy === 'confirmation')) extraction.learned.push(rule.field);
  }
  // An invoice date only a learned rule read (under a label the general rules do not know), and no due date
  // printed: the payment terms count from it as well.
  dueFromTerms();
  // A due date counted from the payment terms counts from the invoice date as finally read: a learned date may
  // have replaced the general rules' (a delivery date beside it, read first).
  const counted = fromTerms as { days: number; value: string } | null;
  if (counted && extraction.dueDate?.value === counted.value && extraction.date) {
    const due = addDays(extraction.date.value, counted.days);
    if (due && due !== counted.value) extraction.dueDate = { ...extraction.dueDate, value: due };
  }
  checkArithmetic(extraction);
  return extraction;
}
