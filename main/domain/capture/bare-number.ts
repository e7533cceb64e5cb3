// A bare "Number" label in an invoice's header: "Numéro", "Nummer", "Número", "Numero", "Number", "Documento", or
// an ERP's word for its document ("Beleg", "Pièce", "Doc.", "Stuk"), standing alone in a cell under or beside the
// heading "FACTURE" / "RECHNUNG" / "FACTURA" / "INVOICE", or at the
// head of a box of the header. On an invoice that prints no explicit invoice-number label, that number is the
// invoice's own; it counts for less than an explicit label, and never when another field's word qualifies it
// ("Numéro client", "Number of pages", "Kunde | Nummer", "Numéro de TVA"). A bare "N°", "Nr.", "No.", "#" counts
// only right by the invoice's title: elsewhere it is any box's number, or the line table's position column.
import type { Segment, TextLine } from './layout.js';
import { overlapsX } from './fields.js';
import type { LabelHit } from './labels.js';
import { BARE_NUMBER_LABELS, BARE_SIGN_LABELS, INVOICE_TITLE } from './labels-references.js';
import { fold } from './vocabulary.js';

/** How telling a bare number label is: less than an explicit one (1) and a bare "Invoice" title (0.85). */
export const BARE_NUMBER_WEIGHT = 0.8;

/** Words of another field that make "Number" that field's number (folded). */
const QUALIFIER =
  /(?:^|[\s/(])(?:customer|cust|client|cliente|kunde|kunden|klant|debitor|debiteur|account|konto|compte|conta|rekening|order|commande|bestellung|pedido|ordine|encomenda|vat|tax|tva|btw|ust|usst|iva|mwst|steuer|phone|tel|telefon|telephone|telefono|fax|mobile|iban|bic|swift|page|seite|pagina|item|article|artikel|articulo|articolo|artigo|supplier|vendor|lieferant|fournisseur|leverancier|proveedor|fornitore|fornecedor|registration|company|siren|siret|kvk|delivery|lieferschein|livraison|pakbon|albaran|ddt|guia|contract|vertrag|contrat|contrato|contratto|project|projekt|projet|proyecto|progetto|projeto)[\s.:#-]*$/;

const TITLE_WORDS = (text: string) =>
  fold(text)
    .split(/[^\p{L}]+/u)
    .filter(Boolean);

/** A short cell holding the invoice's title word ("FACTURE", "Sales invoice", "TAX INVOICE"). */
const isTitle = (s: Segment) => {
  const words = TITLE_WORDS(s.text);
  return words.length > 0 && words.length <= 4 && words.some((w) => INVOICE_TITLE.test(w));
};

/** The title cells of the first page's upper half, with their lines. */
function titles(lines: readonly TextLine[]): { line: TextLine; segment: Segment }[] {
  return lines
    .filter((line) => line.page === lines[0]?.page && line.box.y < 0.5)
    .flatMap((line) => line.segments.filter(isTitle).map((segment) => ({ line, segment })));
}

/** The page is an invoice: a short cell of its upper half holds the title word ("FACTURE", "Sales invoice"). */
export function isInvoicePage(lines: readonly TextLine[]): boolean {
  return titles(lines).length > 0;
}

/**
 * The cell stands by the invoice's title: to its right on the title's line, or in the title's column on one of the
 * few lines under it.
 */
function byTitle(
  found: readonly { line: TextLine; segment: Segment }[],
  line: TextLine,
  segment: Segment,
): boolean {
  return found.some((t) => {
    const below = line.index - t.line.index;
    if (below === 0) return segment.box.x > t.segment.box.x;
    if (below < 0 || below > 3) return false;
    const gap = line.box.y - (t.line.box.y + t.line.box.h);
    const left = Math.abs(segment.box.x - t.segment.box.x) < 0.1;
    const right = Math.abs(segment.box.x + segment.box.w - (t.segment.box.x + t.segment.box.w)) < 0.05;
    return gap < t.line.height * 4 && (left || right || overlapsX(segment.box, t.segment.box));
  });
}

/** The bare number labels of the first page's upper half, as label hits of the invoice number. */
export function bareNumberHits(
  lines: readonly TextLine[],
  hitsAt: ReadonlyMap<string, LabelHit[]>,
  skip: ReadonlySet<number>,
): LabelHit[] {
  const titled = titles(lines);
  if (titled.length === 0) return [];
  const out: LabelHit[] = [];
  const firstPage = lines[0]?.page;
  for (const line of lines) {
    if (line.page !== firstPage || line.box.y >= 0.5 || skip.has(line.index)) continue;
    line.segments.forEach((segment, s) => {
      // A cell that starts with a label the vocabulary knows is that label's.
      if ((hitsAt.get(`${line.index}:${s}`) ?? []).some((h) => h.startWord === 0)) return;
      const [whole, ...after] = segment.words;
      if (!whole) return;
      // "#921648", "Nr.4711": the sign and the number in one word.
      const joined = /^(#|n[or]?\.|no:|nr:|n[o°º])(?=\d)(.+)$/i.exec(whole.text);
      const first = joined ? { ...whole, text: joined[1] ?? '' } : whole;
      const rest = joined ? [{ ...whole, text: joined[2] ?? '' }, ...after] : after;
      const folded = fold(first.text);
      const label = folded === '#' ? '#' : folded.replace(/[\s:#.\-–]+$/, '');
      const sign = BARE_SIGN_LABELS.includes(label);
      if (!BARE_NUMBER_LABELS.includes(label) && !sign) return;
      if (sign && !byTitle(titled, line, segment)) return;
      // "No. 12, MG Road": a street number, the address going on after a comma.
      if (sign && /,$/.test(rest[0]?.text ?? '')) return;
      // Qualified by the cell before it ("Client | Numéro") or by the word after it ("Numéro client 4711").
      const before = line.segments[s - 1];
      if (before && QUALIFIER.test(fold(before.text))) return;
      if (rest.length > 0 && qualifiedValue(rest.map((w) => w.text).join(' '))) return;
      out.push({
        field: 'invoiceNumber',
        phrase: label,
        weight: BARE_NUMBER_WEIGHT,
        lineIndex: line.index,
        segmentIndex: s,
        startWord: 0,
        labelWords: [whole],
        valueWords: rest,
      });
    });
  }
  return out;
}

/** A candidate of a bare label must start with the number, not with another field's word. */
export function qualifiedValue(text: string): boolean {
  const first = text.trim().split(/\s+/)[0] ?? '';
  if (/\d/.test(first)) return false;
  return QUALIFIER.test(fold(first)) || /^\p{Ll}/u.test(first);
}
