// Payment terms instead of a due date: "Terms: Net 30", "zahlbar innerhalb von 14 Tagen", "à 30 jours",
// "betaling binnen 14 dagen", "a 30 días", "30 gg d.f.", "pagamento a 30 dias". When an invoice prints no due
// date, the due date is its date plus those days. Only a line that speaks of payment counts, so that "30 days"
// of a line item or a subscription period is not taken for terms.
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
 * The days of the payment terms printed on these lines, or null: the first line that speaks of payment and gives a
 * number of days (1–180); the most it gives.
 */
export function paymentTermsDays(lines: readonly TextLine[]): { days: number; line: TextLine } | null {
  for (const line of lines) {
    const text = fold(line.text);
    if (!PAYMENT.test(text)) continue;
    // "2 % Skonto innerhalb von 10 Tagen, netto 30 Tage": a discount's days come first, the net's are the most.
    const days = DAYS.flatMap((pattern) =>
      [...text.matchAll(new RegExp(pattern.source, 'g'))].map((m) => Number(m[1])),
    ).filter((d) => Number.isInteger(d) && d >= 1 && d <= 180);
    if (days.length > 0) return { days: Math.max(...days), line };
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
