// The issuer: who sent the invoice, never who it is addressed to. The customer's block (under "Bill to",
// "Rechnungsadresse", "Factuuradres", …, the company's own name with its address, and the block that prints its
// street or tax id) is set apart, and the company's own values are never the issuer's; the issuer's
// name is the prominent name of the header or the footer's company line, helped by legal forms and the
// e-mail/web domain; its e-mails, domains and IBANs are what supplier matching looks at.
import { ibanValid } from '../iban.js';
import type { Found, IssuerDetails } from './extraction.js';
import { found, readingConfidence } from './fields.js';
import { key, type LabelHit } from './labels.js';
import type { TextLine } from './layout.js';
import {
  holdsOwnStreet,
  holdsOwnTaxId,
  isCountryLine,
  isOwnDomain,
  type OwnIdentity,
  withoutOwnValues,
} from './own-identity.js';
import { nameWords } from './supplier-match.js';
import { looksNumeric } from './values.js';
import { fold } from './vocabulary.js';
import type { Word } from './words.js';

/** Whether a name's distinguishing words all appear in the text's (same order not required). */
export function containsName(text: string, name: string): boolean {
  const wanted = nameWords(name);
  if (wanted.length === 0) return false;
  const have = new Set(nameWords(text));
  return wanted.every((w) => have.has(w));
}

/**
 * The customer's block: the cells under a "Bill to"/"Rechnungsadresse"/"Factuuradres" label, the cells holding the
 * company's own name with its address under it, and the block around a cell that prints the company's street or
 * tax id (own-identity.ts), whatever name heads it.
 */
export function customerRegion(lines: TextLine[], hits: LabelHit[], own: OwnIdentity): Set<string> {
  const region = new Set<string>();
  const ownNames = own.names;
  const claimBelow = (lineIndex: number, left: number, maxLines: number) => {
    let previous = lines[lineIndex];
    for (let i = lineIndex + 1; i < Math.min(lines.length, lineIndex + 1 + maxLines); i++) {
      const line = lines[i];
      if (!line || !previous || line.page !== previous.page) break;
      const s = line.segments.findIndex((seg) => seg.box.x > left - 0.03 && seg.box.x < left + 0.2);
      const gap = line.box.y - (previous.box.y + previous.box.h);
      if (gap > Math.max(line.height, previous.height) * 2.2) break;
      if (s < 0) continue;
      // Another block's label ends this one; "VAT:" or "Tax ID" lines belong to the block.
      const stop = hits.some(
        (h) =>
          h.lineIndex === i &&
          h.segmentIndex === s &&
          h.startWord === 0 &&
          h.field !== 'ignore' &&
          h.field !== 'tax',
      );
      if (stop) break;
      region.add(key(i, s));
      previous = line;
    }
  };
  for (const hit of hits) {
    if (hit.field !== 'customer') continue;
    region.add(key(hit.lineIndex, hit.segmentIndex));
    const line = lines[hit.lineIndex];
    const segment = line?.segments[hit.segmentIndex];
    if (!line || !segment) continue;
    claimBelow(hit.lineIndex, segment.box.x, 7);
    // The block beside its label ("Bill to:   Harbour Lane Bakery Ltd"): the next cell on the line, when it is
    // near and no label of its own, and what stands under it.
    const next = line.segments[hit.segmentIndex + 1];
    const labelled = hits.some(
      (h) => h.lineIndex === hit.lineIndex && h.segmentIndex === hit.segmentIndex + 1 && h.startWord === 0,
    );
    if (
      hit.valueWords.length === 0 &&
      next &&
      !labelled &&
      next.box.x - (segment.box.x + segment.box.w) < 0.2
    ) {
      region.add(key(hit.lineIndex, hit.segmentIndex + 1));
      claimBelow(hit.lineIndex, next.box.x, 7);
    }
  }
  // A field's label (invoice number, date, total) heads another block: an address block has none.
  const fieldLabelAt = (i: number, s: number) =>
    hits.some(
      (h) =>
        h.lineIndex === i &&
        h.segmentIndex === s &&
        h.startWord === 0 &&
        h.field !== 'ignore' &&
        h.field !== 'tax' &&
        h.field !== 'customer',
    );
  /**
   * The lines above an address or tax id line that belong to its block, up to `maxLines`: left-aligned with it,
   * set tight (a block's lines are at most about one line apart), not in smaller print (the sender's return line
   * of a window envelope letter stands just above the address, in small print: it is the issuer's), and not a
   * line of several parts ("Muster GmbH · Hauptstr. 1 · Berlin"). A block is a name over an address, so once a
   * line without figures (the name, "Attn: Accounts payable"; a country is the address's last line, not a name)
   * is taken, a line with figures above it is another block's address. A customer label ("Bill to") is the
   * block's top.
   */
  const claimAbove = (lineIndex: number, s: number, maxLines: number) => {
    const start = lines[lineIndex]?.segments[s];
    if (!start) return;
    let below = lines[lineIndex];
    let named = false;
    for (let i = lineIndex - 1; i >= Math.max(0, lineIndex - maxLines); i--) {
      const line = lines[i];
      if (!line || !below || line.page !== below.page) break;
      const above = line.segments.findIndex((seg) => Math.abs(seg.box.x - start.box.x) < 0.03);
      if (above < 0) break;
      const segment = line.segments[above];
      if (!segment) break;
      const gap = below.box.y - (line.box.y + line.box.h);
      if (gap > Math.max(line.height, below.height) * 1.6) break;
      if (segment.box.h < start.box.h * 0.75) break;
      if (/\s[·|•]\s|\s[-–]\s.*\d/.test(segment.text)) break;
      // A value beside its label (the invoice number of a details grid): the block was a grid's value, not an
      // address, and what stands above the grid is someone else's.
      if (fieldLabelAt(i, above) || (above > 0 && fieldLabelAt(i, above - 1))) break;
      const figures = /\d/.test(segment.text);
      if (named && figures) break;
      region.add(key(i, above));
      if (hits.some((h) => h.lineIndex === i && h.segmentIndex === above && h.field === 'customer')) break;
      if (!figures && !isCountryLine(segment.text)) named = true;
      below = line;
    }
  };
  lines.forEach((line, i) => {
    line.segments.forEach((segment, s) => {
      if (ownNames.some((name) => containsName(segment.text, name))) {
        region.add(key(i, s));
        claimBelow(i, segment.box.x, 5);
        return;
      }
      // The company's street with its number, or its tax id in a cell of its own ("VAT: NL004495445B01"; a cell
      // that prints another tax id beside it, "Seller VAT … Buyer VAT …", is nobody's block: only the company's
      // own values are kept out of what matching reads, issuerDetails).
      const street = holdsOwnStreet(segment.text, own);
      const taxId =
        !street &&
        holdsOwnTaxId(segment.text, own) &&
        (withoutOwnValues(segment.text, own).match(/\d/g) ?? []).length < 6;
      if (!street && !taxId) return;
      region.add(key(i, s));
      claimAbove(i, s, street ? 3 : 5);
      claimBelow(i, segment.box.x, 4);
    });
  });
  return region;
}

export const GENERIC_DOMAINS =
  /^(?:gmail|googlemail|outlook|hotmail|live|yahoo|icloud|me|aol|gmx|web|t-online|orange|free|wanadoo|laposte|ziggo|kpnmail|libero|virgilio|tiscali|telefonica|movistar|sapo|proton|protonmail|mail|email)\./;

/**
 * What supplier matching reads: the text outside the customer's block, with the company's own tax ids and IBANs
 * blanked wherever else they are printed ("Your VAT id", "we debit your account …"), and the e-mails, domains and
 * IBANs in it that are not the company's.
 */
export function issuerDetails(lines: TextLine[], region: Set<string>, own: OwnIdentity): IssuerDetails {
  const text = lines.map((line, i) =>
    withoutOwnValues(
      line.segments
        .filter((_, s) => !region.has(key(i, s)))
        .map((s) => s.text)
        .join('  '),
      own,
    ),
  );
  const joined = text.join('\n');
  const emails = [...new Set(joined.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [])]
    .map((e) => e.toLowerCase())
    .filter((e) => !isOwnDomain(e.split('@')[1] ?? '', own));
  const sites = (
    joined.match(/\b(?:https?:\/\/)?(?:www\.)[\w-]+(?:\.[\w-]+)+|\bhttps?:\/\/[\w-]+(?:\.[\w-]+)+/gi) ?? []
  ).map((u) =>
    u
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/^www\./, ''),
  );
  const domains = [
    ...new Set(
      [...emails.map((e) => e.split('@')[1] ?? ''), ...sites].filter(
        (d) => d && !GENERIC_DOMAINS.test(d) && !isOwnDomain(d, own),
      ),
    ),
  ];
  const ibans = [
    ...new Set(
      (joined.match(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g) ?? []).map((i) =>
        i.replace(/\s/g, ''),
      ),
    ),
  ].filter(ibanValid);
  return { text, emails, domains, ibans };
}

export const TITLE_WORDS =
  /^(?:tax\s+)?(?:invoice|rechnung|facture|factuur|factura|fattura|fatura|credit\s+note|gutschrift|avoir|creditnota|nota\s+de\s+credito|nota\s+di\s+credito|pro\s*-?\s*forma|receipt|quittung|recu|statement|bill|order\s+confirmation|delivery\s+note|lieferschein)\b/;
export const LEGAL_FORM =
  /\b(?:inc|llc|ltd|limited|plc|gmbh|ag|kg|ohg|ug|e\.?k|mbh|sa|sas|sarl|sasu|eurl|bv|b\.v|nv|n\.v|vof|sl|s\.l|slu|srl|s\.r\.l|spa|s\.p\.a|snc|lda|ltda|pty|corp|corporation|co|company|oy|ab|as|aps|se)\b\.?/i;
export const ADDRESS_WORDS =
  /\b(?:street|st\.|road|rd\.?|avenue|ave\.?|blvd|boulevard|lane|drive|suite|floor|p\.?\s?o\.?\s+box|strasse|straße|str\.|weg|allee|platz|gasse|postfach|straat|laan|plein|gracht|kade|rue|chemin|place|cedex|calle|avenida|plaza|paseo|via|viale|piazza|corso|rua|travessa|largo|praça)\b/i;
export const CONTACT_WORDS =
  /@|\bwww\.|https?:|\b(?:tel|phone|fax|telefon|telefoon|telefono|telefone|mobile|e-?mail|web|iban|bic|swift|bank|vat|ust|tva|btw|iva|nif|cif|siren|siret|kvk|hrb|abn|gst|ein|p\.?\s?iva)\b/i;

export function foldedRoot(domain: string): string {
  const parts = domain.split('.');
  // "shop.coolblue.nl" → "coolblue"; "acme.co.uk" → "acme".
  const meaningful = parts.filter(
    (p) => !/^(?:www|shop|mail|billing|invoice|invoices|co|com|org|net)$/.test(p),
  );
  return (meaningful.length > 1 ? meaningful[meaningful.length - 2] : meaningful[0]) ?? '';
}

/** The issuer's name: the prominent name in the header, or the company line of the footer. */
export function readSupplierName(
  lines: TextLine[],
  region: Set<string>,
  hitsAt: Map<string, LabelHit[]>,
  own: OwnIdentity,
  domains: string[],
): Found<string> | null {
  if (lines.length === 0) return null;
  const ownNames = own.names;
  // The company's site or mail domain printed as a name ("northwind-fm.de", "NORTHWIND FM" for northwind-fm.de).
  const ownRoots = own.domains
    .map((d) => foldedRoot(d).replace(/[^a-z0-9]/g, ''))
    .filter((r) => r.length >= 4);
  const firstPage = lines[0]?.page ?? 1;
  const lastPage = lines[lines.length - 1]?.page ?? firstPage;
  const roots = domains.map(foldedRoot).filter((r) => r.length >= 3);
  const maxHeight = Math.max(...lines.filter((l) => l.page === firstPage).map((l) => l.height), 0.001);
  interface Option {
    text: string;
    words: Word[];
    page: number;
    score: number;
    y: number;
  }
  const options: Option[] = [];
  const counts = new Map<string, number>();
  lines.forEach((line, i) => {
    const header = line.page === firstPage && line.box.y < 0.4;
    const footer = line.page === lastPage && line.box.y > 0.75;
    line.segments.forEach((segment, s) => {
      if (region.has(key(i, s))) return;
      const segHits = hitsAt.get(key(i, s)) ?? [];
      if (segHits.some((h) => h.startWord === 0)) return;
      // "Muster GmbH · Hauptstr. 1 · 12345 Berlin": the parts of a sender line.
      let words: Word[] = [];
      const parts: Word[][] = [];
      for (const word of segment.words) {
        if (/^[·|•]$/.test(word.text)) {
          if (words.length) parts.push(words);
          words = [];
        } else words.push(word);
      }
      if (words.length) parts.push(words);
      for (const part of parts) {
        const text = part
          .map((w) => w.text)
          .join(' ')
          .replace(/^[\s,;:·|•-]+|[\s,;:·|•-]+$/g, '');
        const squashed = nameWords(text).join(' ');
        if (squashed) counts.set(squashed, (counts.get(squashed) ?? 0) + 1);
        const legal = LEGAL_FORM.test(text);
        if (!header && !footer && !legal) continue;
        if ((text.match(/\p{L}/gu) ?? []).length < 2 || looksNumeric(text)) continue;
        if (CONTACT_WORDS.test(text)) continue;
        const folded = fold(text);
        if (TITLE_WORDS.test(folded) && folded.split(' ').length <= 4) continue;
        if (/(?:^|\s)(?:nvo|voic|invo)/i.test(text.replace(/[^A-Za-z]/g, ' '))) continue;
        if (ownNames.some((n) => containsName(text, n))) continue;
        const lower = text.toLowerCase();
        if (own.domains.some((d) => lower.includes(d)) || ownRoots.includes(nameWords(text).join('')))
          continue;
        if (part.some((w) => w.confidence < 0.5)) continue;
        const height = Math.max(...part.map((w) => w.box.h));
        let score = 1.2 * Math.min(1, height / maxHeight);
        if (legal) score += 0.7;
        if (
          roots.some((r) =>
            fold(text)
              .replace(/[^a-z0-9]/g, '')
              .includes(r),
          )
        )
          score += 1;
        if (header) score += line.box.y < 0.2 ? 0.35 : 0.15;
        if (!header && footer) score -= 0.2;
        if (/^\d/.test(text) || ADDRESS_WORDS.test(text) || /\b\d{4,5}\b/.test(text)) score -= 1.5;
        if (/\d/.test(text)) score -= 0.3;
        if (text.split(/\s+/).length > 6) score -= 0.6;
        if (/[.!?]$/.test(text) && !legal) score -= 0.5;
        options.push({ text, words: part, page: line.page, score, y: line.box.y });
      }
    });
  });
  if (options.length === 0) return null;
  for (const o of options) {
    // A name printed twice (header and footer, "Thank you for choosing …") is the issuer's.
    if ((counts.get(nameWords(o.text).join(' ')) ?? 0) >= 2) o.score += 0.3;
  }
  options.sort((a, b) => b.score - a.score || a.y - b.y);
  const best = options[0];
  if (!best) return null;
  const sure = best.score >= 1.8 ? 0.8 : best.score >= 1.2 ? 0.7 : 0.6;
  return found(best.text, sure * readingConfidence(best.words), best.words, best.page);
}
