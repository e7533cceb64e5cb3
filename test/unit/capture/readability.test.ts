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

  const english =
    'Acme Print Services Ltd 12 Mill Lane, Leeds LS1 4AB, United Kingdom Invoice No: INV-20931 Invoice Date: ' +
    '14 March 2026 Due Date: 13 April 2026 Bill to: Northwind Facilities 5 Park Road, London Description Qty ' +
    'Unit price Amount Brochure printing, A5 folded 2 450.00 900.00 Delivery to site 1 100.00 100.00 Subtotal ' +
    '1,000.00 VAT 20% 200.00 Total GBP 1,200.00 Payment is due within 30 days. Please quote the invoice number ' +
    'with your payment. Bank: Northern Bank, Sort code 40-11-62, Account 81726354';

  it('trusts a first page in a language it has no invoice words for when its letters spell words', () => {
    for (const text of [
      'Drukarnia Nowak Sp.k. ul. Młyńska 12, 61-729 Poznań, Polska NIP 781-100-25-14 FAKTURA Numer: FV/2026/03/0142 ' +
        'Wystawiono: 14.03.2026 Termin płatności: 13.04.2026 Nabywca: Northwind Facilities Nazwa towaru lub usługi ' +
        'Ilość Cena jedn. Wartość Druk broszur A5, składane 2 450,00 900,00 Dostawa na miejsce 1 100,00 100,00 ' +
        'Razem 1 000,00 Podatek 23% 230,00 Należność 1 230,00 PLN Zapłata przelewem w terminie 30 dni.',
      'Tiskárna Novák s.r.o. Mlýnská 12, 602 00 Brno, Česká republika IČO 27082440 DIČ CZ27082440 FAKTURA daňový ' +
        'doklad Číslo faktury 2026030142 Vystaveno 14.03.2026 Splatnost 13.04.2026 Odběratel Northwind Facilities ' +
        'Označení dodávky Množství Cena za jednotku Celkem Tisk brožur A5, skládané 2 450,00 900,00 Doprava na ' +
        'místo 1 100,00 100,00 Základ daně 1 000,00 DPH 21 % 210,00 Celkem k úhradě 1 210,00 Kč',
    ]) {
      // As if not one of its words were an invoice word of the seven languages.
      expect(looksUnreadable({ ...readability(words(text)), known: 0 }, 1)).toBe(false);
    }
  });

  it('distrusts a long first page whose font maps its letters a few places on or back', () => {
    expect(looksUnreadable(readability(words(english)), 1)).toBe(false);
    for (const shift of [1, 2, 3, -1, -29]) {
      const shifted = [...english]
        .map((c) => (c === ' ' ? ' ' : String.fromCharCode(c.charCodeAt(0) + shift)))
        .join('');
      const r = readability(words(shifted));
      expect(r.pairs, `shift ${shift}`).toBeGreaterThan(100);
      expect(looksUnreadable({ ...r, known: 0 }, 1), `shift ${shift}`).toBe(true);
    }
  });

  it('counts numbers and invoice words for comparing a layer with OCR', () => {
    const good = readability(words('Invoice Date 14.03.2026 Total 1,200.00 VAT 20%'));
    const poor = readability(words('lnvo1ce Date l4,O3,2O26 Tota1 l,2OO,OO VAT 2O%'));
    expect(good.score).toBeGreaterThan(poor.score);
  });
});
