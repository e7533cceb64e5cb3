// Payment terms instead of a due date: "Terms: Net 30", "zahlbar innerhalb von 14 Tagen", "à 30 jours",
// "betaling binnen 14 dagen", "a 30 días", "30 gg d.f.", "pagamento a 30 dias". When an invoice prints no due
// date, the due date is its date plus those days. Only a line that speaks of payment counts, so that "30 days"
// of a line item or a subscription period is not taken for terms. Terms that ask for payment at once ("Due on
// receipt", QuickBooks' default, "zahlbar sofort", "paiement à réception", "pagamento a vista") are 0 days: the
// due date is the invoice date, as the accounting systems set it for such terms.
import type { TextLine } from './layout.js';
import { fold } from './vocabulary.js';

/** Words that make a line one about payment (folded). */
const PAYMENT =
  /\b(?:terms?|net|payment|payable|pay|due|zahlbar|zahlung\w*|zahlungsziel|netto|paiement|reglement|payable|conditions|betaling\w*|betalen|te voldoen|pago|plazo|vencimiento|pagamento|scadenza|condicoes|prazo|forma de pago)\b/;

/** A number of days in the languages' ways of writing it (folded text). */
const DAYS = [
  /\bnet\s*(\d{1,3})\b(?!\s*[%.,]\d)/,
  /\b(\d{1,3})\s*(?:days?|tage?n?|jours?|dagen|dias|giorni|gg)\b/,
];

/**
 * Payment at once, in the languages' ways of writing it (folded text). Each phrase speaks of payment by itself.
 * A line about a discount for paying at once is not terms of its own (see DISCOUNT).
 */
const AT_ONCE = new RegExp(
  String.raw`\b(?:` +
    [
      String.raw`(?:due|payable|payment|pay)\s+(?:up)?on\s+receipt`,
      String.raw`(?:due|payable)\s+immediately`,
      String.raw`terms?\s*:?\s*(?:immediate(?:ly)?|(?:up)?on\s+receipt)`,
      String.raw`immediate\s+payment`,
      String.raw`(?:zahlbar|fallig|zahlung|zahlungsziel)\s*:?\s*sofort`,
      String.raw`sofort\s+(?:zahlbar|fallig|ohne\s+abzug|netto)`,
      String.raw`(?:zahlbar|fallig)\s+(?:bei|nach)\s+(?:erhalt|rechnungserhalt|zugang)`,
      String.raw`(?:payable|paiement|reglement|a\s+regler)\s*:?\s*(?:a|des)\s+(?:la\s+)?reception`,
      String.raw`a\s+reception\s+de\s+(?:la\s+)?facture`,
      String.raw`(?:paiement|reglement)\s+(?:immediat|comptant)`,
      String.raw`(?:betaling|betalen|te\s+voldoen|betaalbaar)\s+(?:per\s+omgaande|direct|onmiddellijk|bij\s+ontvangst|contant)`,
      String.raw`(?:pago|pagadero|vencimiento)\s*:?\s*(?:al\s+contado|inmediato|a\s+la\s+(?:recepcion|vista))`,
      String.raw`pagamento\s*:?\s*(?:a\s+vista|immediato|imediato|al\s+ricevimento|na\s+rece(?:p)?cao|no\s+ato)`,
      String.raw`rimessa\s+diretta`,
      String.raw`pronto\s+pagamento`,
    ].join('|') +
    String.raw`)\b`,
);

/** A discount for early payment: "Escompte pour paiement comptant : néant", "Sconto pagamento immediato 2 %". */
const DISCOUNT = /\b(?:skonto|escompte|sconto|descuento|desconto|korting|discount)\b/;

/**
 * What a due date's label may hold instead of a date when payment is due at once (folded text, the whole value):
 * "Due Date | On receipt", "Fälligkeit | sofort", "Échéance : à réception", "Vervaldatum: direct", "Vencimiento:
 * al contado", "Scadenza: vista fattura", "Vencimento: pronto pagamento". Standing alone, these words say nothing
 * of payment; after a due date's label they are the terms QuickBooks, Sage and their like print as "due at once".
 */
const AT_ONCE_VALUE = new RegExp(
  String.raw`^(?:` +
    [
      String.raw`(?:due\s+)?(?:up)?on\s+(?:receipt|presentation)(?:\s+of\s+invoice)?`,
      String.raw`immediate(?:ly)?`,
      String.raw`sofort(?:\s+(?:netto|ohne\s+abzug|nach\s+erhalt))?`,
      String.raw`(?:bei|nach)\s+(?:erhalt|rechnungserhalt)`,
      String.raw`(?:a|des)\s+(?:la\s+)?reception(?:\s+de\s+(?:la\s+)?facture)?`,
      String.raw`immediat|comptant`,
      String.raw`direct(?!\s+debit)|onmiddellijk|per\s+omgaande|bij\s+ontvangst|contant`,
      String.raw`al\s+contado|de\s+contado|inmediato|a\s+la\s+(?:vista|recepcion)`,
      String.raw`vista\s+fattura|a\s+vista|immediato|al\s+ricevimento|rimessa\s+diretta`,
      String.raw`pronto\s+pagamento|imediato|na\s+rece(?:p)?cao|a\s+pronto`,
    ].join('|') +
    String.raw`)[.!]?$`,
);

/** Whether a due date label's value (not a date) says payment is due at once: the due date is the invoice date. */
export function dueAtOnce(value: string): boolean {
  return AT_ONCE_VALUE.test(fold(value).replace(/\s+/g, ' ').trim());
}

/**
 * The days of the payment terms printed on these lines, or null: the first line that speaks of payment and gives a
 * number of days (0–180: an ERP prints payment at once as "0 days" or "Net 0"), the most it gives, or asks for
 * payment at once (0 days).
 */
export function paymentTermsDays(lines: readonly TextLine[]): { days: number; line: TextLine } | null {
  for (const line of lines) {
    const text = fold(line.text);
    const under = termsUnderHeading(lines, line);
    if (under) return under;
    if (!PAYMENT.test(text) && !AT_ONCE.test(text)) continue;
    // "2 % Skonto innerhalb von 10 Tagen, netto 30 Tage": a discount's days come first, the net's are the most.
    const days = DAYS.flatMap((pattern) =>
      [...text.matchAll(new RegExp(pattern.source, 'g'))].map((m) => Number(m[1])),
    ).filter((d) => Number.isInteger(d) && d >= 0 && d <= 180);
    if (days.length > 0) return { days: Math.max(...days), line };
    if (AT_ONCE.test(text) && !DISCOUNT.test(text)) return { days: 0, line };
  }
  return null;
}

/**
 * A cell that names the payment terms without giving them, as headings of a grid of cells do: "Terms", "Payment
 * terms", Tally's "Mode/Terms of Payment", "Zahlungsbedingungen", "Conditions de paiement", "Betalingstermijn",
 * "Condiciones de pago", "Termini di pagamento", "Condições de pagamento" (folded, the whole cell).
 */
const TERMS_HEADING = new RegExp(
  String.raw`^(?:` +
    [
      String.raw`(?:payment\s+)?terms(?:\s+of\s+payment)?`,
      String.raw`(?:mode\s*/\s*)?terms\s+of\s+payment`,
      String.raw`zahlungs(?:bedingungen|ziel|frist)`,
      String.raw`conditions\s+de\s+(?:paiement|reglement)`,
      String.raw`betalings(?:termijn|voorwaarden|conditie)`,
      String.raw`(?:condiciones|forma|plazo)\s+de\s+pago`,
      String.raw`(?:termini|condizioni)\s+di\s+pagamento`,
      String.raw`(?:condicoes|prazo)\s+de\s+pagamento`,
    ].join('|') +
    String.raw`)\s*:?$`,
);

/** The days in the cell under a payment-terms heading of `line` ("Terms" over "Net 30", "10 Days"), or null. */
function termsUnderHeading(
  lines: readonly TextLine[],
  line: TextLine,
): { days: number; line: TextLine } | null {
  for (const heading of line.segments) {
    if (!TERMS_HEADING.test(fold(heading.text))) continue;
    const at = lines.indexOf(line);
    for (const below of lines.slice(at + 1, at + 3)) {
      if (below.page !== line.page) break;
      const cell = below.segments.find(
        (s) =>
          Math.min(s.box.x + s.box.w, heading.box.x + heading.box.w) - Math.max(s.box.x, heading.box.x) >
          Math.min(s.box.w, heading.box.w) * 0.2,
      );
      if (!cell) continue;
      const text = fold(cell.text);
      const days = DAYS.flatMap((pattern) => [...text.matchAll(new RegExp(pattern.source, 'g'))])
        .map((m) => Number(m[1]))
        .filter((d) => Number.isInteger(d) && d >= 0 && d <= 180);
      if (days.length > 0) return { days: Math.max(...days), line: below };
      if (
        AT_ONCE.test(`payment ${text}`) ||
        /^(?:on\s+receipt|due\s+on\s+receipt|immediate|sofort)$/.test(text)
      )
        return { days: 0, line: below };
      break;
    }
  }
  return null;
}

/** The ISO date `days` after `iso`, or null when `iso` is not a date. */
export function addDays(iso: string, days: number): string | null {
  const at = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return null;
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
