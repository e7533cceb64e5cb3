// The company's own identity in capture: the block that prints the company's street or tax id is the customer's
// whatever name heads it, and none of the company's tax ids, IBANs or domains is ever read or matched as the
// supplier's — as invoices print them: the buyer's VAT id beside the seller's, the customer's address in the
// envelope window without a label, "we debit your account …".
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import {
  holdsOwnStreet,
  holdsOwnTaxId,
  NO_OWN_IDENTITY,
  type OwnIdentity,
  withoutOwnValues,
} from '../../../main/domain/capture/own-identity.js';
import { matchSupplier, type SupplierCandidate } from '../../../main/domain/capture/supplier-match.js';
import { pageOf } from '../../fixtures/capture/page.js';
import { issuerOf, supplierOnFile as supplier } from '../../fixtures/capture/supplier-candidates.js';

const OWN: OwnIdentity = {
  names: ['Northwind Facilities', 'Northwind Facilities GmbH'],
  taxIds: ['DE812526315'],
  ibans: ['DE44500105175407324931'],
  domains: ['northwind-fm.de'],
  streets: ['Speicherstadt, Kehrwieder 7'],
};

function match(x: ReturnType<typeof extractInvoice>, suppliers: SupplierCandidate[], own = OWN) {
  return matchSupplier(suppliers, { ...issuerOf(x), ownNames: own.names, own });
}

describe('the company’s values as invoices print them', () => {
  it('finds a tax id however it is spaced or dotted, and only a whole short one', () => {
    expect(holdsOwnTaxId('USt-IdNr.: DE 812 526 315', OWN)).toBe(true);
    expect(holdsOwnTaxId('VAT de812.526.315', OWN)).toBe(true);
    expect(holdsOwnTaxId('USt-IdNr.: DE 812 526 316', OWN)).toBe(false);
    const siren = { ...NO_OWN_IDENTITY, taxIds: ['303265045', '4711'] };
    // A SIREN inside the company's own French VAT number is still the company's.
    expect(holdsOwnTaxId('N° TVA FR40 303 265 045', siren)).toBe(true);
    expect(withoutOwnValues('IBAN DE44 5001 0517 5407 3249 31 BIC INGDDEFFXXX', OWN)).toMatch(
      /^IBAN\s+BIC INGDDEFFXXX$/,
    );
  });

  it('finds the street by its number beside a word of its name, abbreviated or not, in any order', () => {
    const own = (street: string) => ({ ...NO_OWN_IDENTITY, streets: [street] });
    expect(holdsOwnStreet('Kehrwieder 7', OWN)).toBe(true);
    expect(holdsOwnStreet('Kehrwieder 7, 20457 Hamburg', OWN)).toBe(true);
    expect(holdsOwnStreet('Kehrwieder 9', OWN)).toBe(false);
    expect(holdsOwnStreet('20457 Hamburg', OWN)).toBe(false);
    expect(holdsOwnStreet('Hafenstr. 12', own('Hafenstraße 12'))).toBe(true);
    expect(holdsOwnStreet('Hafen Straße 12', own('Hafenstraße 12'))).toBe(true);
    expect(holdsOwnStreet('500 MARKET ST.', own('500 Market Street'))).toBe(true);
    expect(holdsOwnStreet('12, rue de la Paix', own('12 rue de la Paix'))).toBe(true);
    expect(holdsOwnStreet('1200 Harbor Boulevard', own('1200 Harbor Blvd, Suite 400'))).toBe(true);
    expect(holdsOwnStreet('12 rue de Rivoli', own('12 rue de la Paix'))).toBe(false);
    expect(holdsOwnStreet('Suite 400, 1 Market Street', own('1200 Harbor Blvd, Suite 400'))).toBe(false);
  });
});

describe('an invoice that prints the buyer’s VAT id before the seller’s', () => {
  // Intra-community supply: the buyer's VAT id is printed in the header grid, the seller's in the footer.
  const page = pageOf([
    [40, 40, 'Kessler Bürotechnik GmbH', 16],
    [40, 62, 'Lange Reihe 40, 20099 Hamburg', 9],
    [40, 140, 'Rechnungsadresse', 8],
    [40, 152, 'Northwind Facilities GmbH', 10],
    [40, 166, 'Speicherstadt, Kehrwieder 7', 10],
    [40, 180, '20457 Hamburg', 10],
    [330, 140, 'Rechnungsnummer', 9],
    [460, 140, 'RE-2024-0117', 10],
    [330, 156, 'Ihre USt-IdNr.', 9],
    [460, 156, 'DE 812 526 315', 10],
    [380, 300, 'Gesamtbetrag', 10],
    [500, 300, '1.469,10 €', 10],
    [40, 780, 'USt-IdNr. DE261547893 · Amtsgericht Hamburg HRB 4711', 8],
  ]);
  const x = extractInvoice([page], { dateOrder: 'dmy', own: OWN });

  it('matches the supplier by the seller’s VAT id, not the buyer’s', () => {
    expect(x.supplierName?.value).toBe('Kessler Bürotechnik GmbH');
    expect(x.issuer.text.join(' ')).not.toMatch(/812 526 315/);
    // The company itself on file as a supplier (or its VAT id typed into another record) is never matched by it.
    const kessler = supplier({ id: 'kessler', name: 'Kessler', taxId: 'DE 261 547 893' });
    const mistaken = supplier({ id: 'mistaken', name: 'Northwind', taxId: 'DE812526315' });
    expect(match(x, [mistaken, kessler])).toMatchObject({ supplier: { id: 'kessler' }, by: 'tax_id' });
    expect(match(x, [mistaken])).toBeNull();
  });

  it('does so when both VAT ids stand in one cell as well', () => {
    const both = pageOf([
      [40, 40, 'Kessler Bürotechnik GmbH', 16],
      [40, 780, 'Käufer USt-IdNr. DE812526315 · Verkäufer USt-IdNr. DE261547893', 8],
    ]);
    const y = extractInvoice([both], { dateOrder: 'dmy', own: OWN });
    expect(y.issuer.text.join(' ')).toContain('DE261547893');
    expect(y.issuer.text.join(' ')).not.toContain('DE812526315');
    expect(match(y, [supplier({ taxId: 'DE261547893' })])?.by).toBe('tax_id');
  });
});

describe('the customer’s block without a label', () => {
  it('is known by the company’s address under a differently spelled name, printed larger than the issuer', () => {
    // Envelope-window layout: the customer block first and largest, the issuer small at the right.
    const page = pageOf([
      [40, 120, 'Northwind Facility Services GmbH', 14],
      [40, 138, 'Kehrwieder 7', 11],
      [40, 152, '20457 Hamburg', 11],
      [360, 40, 'Lindqvist Hosting AB', 11],
      [360, 54, 'Sveavägen 44, 111 34 Stockholm', 9],
      [360, 200, 'Invoice number', 10],
      [470, 200, 'LH-2024-77', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy', own: OWN });
    expect(x.supplierName?.value).toBe('Lindqvist Hosting AB');
    expect(x.issuer.text.join(' ')).not.toMatch(/Northwind|Kehrwieder/);
    // Known by its name alone, the company's block would pass for the issuer's: its name is not spelled so.
    const byName = extractInvoice([page], { dateOrder: 'dmy', ownNames: OWN.names });
    expect(byName.supplierName?.value).toBe('Northwind Facility Services GmbH');
  });

  it('is known by the company’s tax id at its foot, however many lines up its name stands', () => {
    const page = pageOf([
      [40, 110, 'NORTHWIND FM GMBH', 14],
      [40, 126, 'z. Hd. Kreditorenbuchhaltung', 10],
      [40, 140, 'Postfach 11 04 22', 10],
      [40, 154, '20404 Hamburg', 10],
      [40, 168, 'Deutschland', 10],
      [40, 182, 'USt-IdNr. DE812526315', 10],
      [360, 40, 'Polder Hosting B.V.', 11],
      [360, 54, 'Weena 664, 3012 CN Rotterdam', 9],
      [360, 200, 'Factuurnummer', 10],
      [470, 200, 'PH-88120', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy', own: OWN });
    expect(x.supplierName?.value).toBe('Polder Hosting B.V.');
    expect(x.issuer.text.join(' ')).not.toMatch(/NORTHWIND|Postfach/);
  });

  it('does not reach up into the issuer’s block set just above it, nor its return line', () => {
    // A window envelope letter: the sender's return line in small print over the address, and the issuer's own
    // block above that in the same column.
    const page = pageOf([
      [40, 40, 'Kessler Bürotechnik GmbH', 12],
      [40, 54, 'Lange Reihe 40', 10],
      [40, 68, '20099 Hamburg', 10],
      [40, 84, 'Kessler Bürotechnik GmbH · Lange Reihe 40 · 20099 Hamburg', 6],
      [40, 94, 'Northwind Facility Services', 10],
      [40, 108, 'Kehrwieder 7', 10],
      [40, 122, '20457 Hamburg', 10],
      [330, 160, 'Rechnungsnummer', 9],
      [460, 160, 'RE-2024-0117', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy', own: OWN });
    expect(x.supplierName?.value).toBe('Kessler Bürotechnik GmbH');
    const text = x.issuer.text.join('\n');
    expect(text).toContain('Lange Reihe 40 · 20099');
    expect(text).not.toMatch(/Northwind|Kehrwieder/);
  });
});

describe('the company’s VAT id as a value of the header grid', () => {
  it('is the customer’s, without reaching up into the issuer’s block set tight above the grid', () => {
    const page = pageOf([
      [460, 60, 'Kessler Bürotechnik GmbH', 10],
      [460, 74, 'Lange Reihe 40', 9],
      [460, 88, '20099 Hamburg', 9],
      [330, 102, 'Rechnungsnummer', 9],
      [460, 102, 'RE-2024-0117', 10],
      [330, 116, 'Ihre USt-IdNr.', 9],
      [460, 116, 'DE 812 526 315', 10],
      [380, 300, 'Gesamtbetrag', 10],
      [500, 300, '1.469,10 €', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy', own: OWN });
    expect(x.supplierName?.value).toBe('Kessler Bürotechnik GmbH');
    expect(x.invoiceNumber?.value).toBe('RE-2024-0117');
    expect(x.issuer.text.join(' ')).toContain('Lange Reihe 40');
  });
});

describe('the company’s IBAN printed as the account the amount is taken from', () => {
  // A direct debit: the supplier prints the customer's IBAN ("we debit your account …"); its own is in the footer.
  const page = pageOf([
    [40, 40, 'Alpenstrom AG', 16],
    [40, 62, 'Bahnhofstrasse 3, 8001 Zürich', 9],
    [330, 140, 'Rechnungsnummer', 9],
    [460, 140, 'AS-5521', 10],
    [40, 400, 'Der Betrag wird am 15.05.2024 von Ihrem Konto DE44 5001 0517 5407 3249 31 abgebucht.', 9],
    [40, 780, 'Alpenstrom AG · IBAN CH93 0076 2011 6238 5295 7 · CHE-123.456.789 MWST', 8],
  ]);
  const x = extractInvoice([page], { dateOrder: 'dmy', own: OWN });

  it('is not the issuer’s: not among its IBANs, and no supplier is matched by it', () => {
    expect(x.issuer.ibans).toEqual(['CH9300762011623852957']);
    const mistaken = supplier({
      id: 'mistaken',
      name: 'Stadtwerke',
      accountNumber: 'DE44 5001 0517 5407 3249 31',
    });
    expect(match(x, [mistaken])).toBeNull();
    const alpen = supplier({ id: 'alpen', name: 'Alpenstrom', accountNumber: 'CH93 0076 2011 6238 5295 7' });
    expect(match(x, [mistaken, alpen])).toMatchObject({ supplier: { id: 'alpen' }, by: 'bank_account' });
  });

  it('without the company’s IBAN known, it would pass for the issuer’s', () => {
    const y = extractInvoice([page], { dateOrder: 'dmy' });
    expect(y.issuer.ibans).toContain('DE44500105175407324931');
  });
});

describe('the company’s mail domain and website', () => {
  const page = pageOf([
    [40, 40, 'northwind-fm.de', 16],
    [40, 62, 'Lieferung an: Lager Nord', 9],
    [360, 40, 'Kessler Bürotechnik GmbH', 11],
    [360, 54, 'Lange Reihe 40, 20099 Hamburg', 9],
    [330, 140, 'Rechnungsnummer', 9],
    [460, 140, 'RE-2024-0117', 10],
    [330, 156, 'Ihr Ansprechpartner', 9],
    [460, 156, 'einkauf@northwind-fm.de', 10],
    [40, 780, 'rechnung@kessler-buero.example · www.kessler-buero.example', 8],
  ]);
  const x = extractInvoice([page], { dateOrder: 'dmy', own: OWN });

  it('are never the supplier’s name, e-mail or domain', () => {
    expect(x.supplierName?.value).toBe('Kessler Bürotechnik GmbH');
    expect(x.issuer.emails).toEqual(['rechnung@kessler-buero.example']);
    expect(x.issuer.domains).toEqual(['kessler-buero.example']);
  });

  it('match no supplier whose e-mail is at the company’s domain', () => {
    const mistaken = supplier({ id: 'mistaken', name: 'Einkauf', email: 'einkauf@northwind-fm.de' });
    expect(match(x, [mistaken])).toBeNull();
    const kessler = supplier({ id: 'kessler', name: 'K. Büro', email: 'info@kessler-buero.example' });
    expect(match(x, [mistaken, kessler])).toMatchObject({ supplier: { id: 'kessler' }, by: 'email' });
  });
});
