// A text layer is trusted when it reads as text: private-use characters, or a first page without one invoice word,
// send the page to OCR; an ordinary invoice in any of the seven languages is trusted.
import { describe, expect, it } from 'vitest';
import { looksUnreadable, readability } from '../../../main/domain/capture/readability.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('readability of a text layer', () => {
  it('trusts invoices in the languages the capture reads', () => {
    for (const text of [
      'Invoice No: INV-20931 Invoice Date: 14 March 2026 Subtotal 1,000.00 VAT 20% 200.00 Total 1,200.00',
      'Rechnungsnummer RE-2026-0417 Rechnungsdatum 14.03.2026 Nettobetrag 1.250,00 € Gesamtbetrag 1.487,50 €',
      'Facture N° F-2026-17 du 2 juillet 2026 Montant HT 1 234,56 TVA 20 % Total TTC 1 481,47',
    ]) {
      expect(looksUnreadable(readability(words(text)), 1)).toBe(false);
    }
  });

  it('distrusts private-use characters and letters that spell nothing', () => {
    const pua = [...'Invoice No: INV-20931 Total 1,200.00'].map((c) =>
      c === ' ' ? ' ' : String.fromCodePoint(0xe000 + c.charCodeAt(0)),
    );
    expect(readability(words(pua.join(''))).odd).toBeGreaterThan(0.9);
    expect(looksUnreadable(readability(words(pua.join(''))), 1)).toBe(true);
    const shifted = [...'Invoice No: INV-20931 Invoice Date: 14 March 2026 Subtotal Total Amount due']
      .map((c) => (c === ' ' ? ' ' : String.fromCharCode(c.charCodeAt(0) + 3)))
      .join('');
    expect(looksUnreadable(readability(words(shifted)), 1)).toBe(true);
    // A later page may hold only line items: not distrusted for lacking invoice words.
    expect(looksUnreadable(readability(words('Widget blue 2 10.00 20.00 Gadget red 1 5.00 5.00')), 2)).toBe(
      false,
    );
  });

  it('counts numbers and invoice words for comparing a layer with OCR', () => {
    const good = readability(words('Invoice Date 14.03.2026 Total 1,200.00 VAT 20%'));
    const poor = readability(words('lnvo1ce Date l4,O3,2O26 Tota1 l,2OO,OO VAT 2O%'));
    expect(good.score).toBeGreaterThan(poor.score);
  });
});
