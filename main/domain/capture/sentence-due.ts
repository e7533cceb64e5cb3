// A due date given in a sentence: letter-style and small-business invoices ask for payment in words, with words
// between the verb and the date ("Please pay the amount above by 15 March 2024", "Bitte überweisen Sie den Betrag
// bis 15.03.2024", "Merci de régler cette facture avant le 15 mars 2024", "Wij verzoeken u het bedrag vóór 15
// maart 2024 over te maken"). Within one sentence (a line, or a line and its continuation) that holds a payment
// verb, the date right after a deadline word ("by", "bis", "avant le", "vóór", "antes del", "entro il", "até") is
// the due date, with a confidence below a labelled due date's. Never in a sentence about a delivery, a discount
// for early payment ("2 % Skonto bei Zahlung bis …" is the discount's deadline) or a period ("from … until …").
import type { Found } from './extraction.js';
import { found, readingConfidence, type ReadContext } from './fields.js';
import type { TextLine } from './layout.js';
import { fold } from './phrases.js';
import { parseDate } from './values.js';

/** The confidence of a due date read from a sentence, below a labelled due date's. */
export const SENTENCE_DUE_CONFIDENCE = 0.55;

/** A payment verb (or its noun) in the seven languages (folded text). */
const PAY_VERB = new RegExp(
  String.raw`\b(?:` +
    [
      String.raw`pay|paying|payment|remit|remittance|settle|settled|transfer`,
      String.raw`zahlen|zahlung|bezahlen|uberweisen|uberweisung|begleichen`,
      String.raw`regler|reglement|payer|paiement|virer|virement`,
      String.raw`betalen|betaling|overmaken|over\s+te\s+maken|voldoen|voldaan`,
      String.raw`pagar|pague|pago|abone|abonar|abono`,
      String.raw`pagare|pagamento|versare|versamento|saldare`,
      String.raw`liquidar`,
    ].join('|') +
    String.raw`)\b`,
);

/** A deadline word that a date follows at once (folded text; "vóór" folds to "voor", "até" to "ate"). */
const DEADLINE = new RegExp(
  String.raw`\b(?:` +
    [
      String.raw`by|no\s+later\s+than|before|until`,
      String.raw`bis(?:\s+(?:zum|spatestens(?:\s+am)?))?|spatestens(?:\s+(?:am|bis(?:\s+zum)?))?`,
      String.raw`avant(?:\s+le)?|au\s+plus\s+tard\s+le|d'ici\s+(?:le|au)`,
      String.raw`voor|uiterlijk(?:\s+op)?`,
      String.raw`antes\s+(?:del|de)|hasta(?:\s+el)?`,
      String.raw`entro(?:\s+il)?|non\s+oltre\s+il`,
      String.raw`ate(?:\s+(?:ao|a|o)(?:\s+dia)?)?`,
    ].join('|') +
    String.raw`)\s+`,
  'g',
);

/**
 * A sentence about a delivery, a discount for early payment or a period is not about the due date. German "liefer…"
 * and Dutch "lever…" are delivery, but "Lieferant" and "leverancier" are the supplier a payment sentence may name.
 */
const NOT_DUE =
  /\b(?:deliver\w*|ship\w*|dispatch\w*|liefer(?!ant)\w*|livr\w*|lever(?!ancier)\w*|entreg\w*|consegn\w*|spedi\w*|skonto|escompte|sconto|descuento|desconto|korting|discount|period|zeitraum|periode|periodo)/;

/** A period's start before the deadline word: "from 1 March", "vom 01.03.", "du 1er mars", "van 1 maart". */
const PERIOD_START =
  /\b(?:(?:from|since)\s+(?:\p{L}+\.?\s+)?|(?:vom|von|ab|du|depuis|van|vanaf|desde|dal|dall'|da|de|del)\s+)\d/u;

/** The sentences of the lines: a line, joined to the next when it does not end one and the next follows close. */
function sentences(lines: readonly TextLine[]): { text: string; lines: TextLine[] }[] {
  const out: { text: string; lines: TextLine[] }[] = [];
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1];
    const continues =
      next &&
      next.page === line.page &&
      !/[.!?:]\s*$/.test(line.text) &&
      next.box.y - (line.box.y + line.box.h) < line.height * 1.5 &&
      Math.abs(next.box.x - line.box.x) < 0.05;
    const text = continues ? `${line.text} ${next.text}` : line.text;
    const group = continues ? [line, next] : [line];
    // Several sentences on a line: "Thank you for your order. Please pay by 15 March 2024."
    for (const part of text.split(/(?<=[a-z\p{L}][.!?])\s+(?=\p{Lu})/u))
      out.push({ text: part, lines: group });
  }
  return out;
}

/** The due date given in a sentence that asks for payment by a date, or null. */
export function sentenceDue(lines: readonly TextLine[], ctx: ReadContext): Found<string> | null {
  for (const sentence of sentences(lines)) {
    const text = fold(sentence.text);
    if (!PAY_VERB.test(text) || NOT_DUE.test(text)) continue;
    for (const m of text.matchAll(DEADLINE)) {
      const before = text.slice(0, m.index);
      if (PERIOD_START.test(before)) break;
      const rest = text.slice((m.index ?? 0) + m[0].length);
      const date = parseDate(rest, ctx.order, { decided: ctx.decided });
      if (!date || date.index !== 0) continue;
      const words = sentence.lines.flatMap((l) => l.words);
      const confidence = SENTENCE_DUE_CONFIDENCE * readingConfidence(words) * (date.ambiguous ? 0.85 : 1);
      return found(date.value, confidence, words, sentence.lines[0]?.page ?? 1);
    }
  }
  return null;
}
