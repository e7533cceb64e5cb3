// Totals chosen by reconciliation among decoys, and the issuer told apart from the customer.
import { describe, expect, it } from 'vitest';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { matchSupplier } from '../../../main/domain/capture/supplier-match.js';
import { pageOf } from '../../fixtures/capture/page.js';
import { issuerOf, supplierOnFile as supplier } from '../../fixtures/capture/supplier-candidates.js';

describe('totals by reconciliation', () => {
  it('picks net, tax and total that add up among paid amounts, balances and quantities', () => {
    const page = pageOf([
      [40, 40, 'Orbit Cloud Ltd', 16],
      [330, 100, 'Invoice number', 10],
      [460, 100, 'OC-55012', 10],
      [40, 200, 'Description', 10],
      [300, 200, 'Qty', 10],
      [370, 200, 'Unit price', 10],
      [480, 200, 'Total', 10],
      [40, 216, 'Compute hours', 10],
      [300, 216, '720', 10],
      [370, 216, '0.50', 10],
      [480, 216, '360.00', 10],
      [40, 232, 'Storage (TB)', 10],
      [300, 232, '2', 10],
      [370, 232, '45.00', 10],
      [480, 232, '90.00', 10],
      [330, 280, 'Total quantity', 10],
      [480, 280, '722', 10],
      [330, 296, 'Net total', 10],
      [480, 296, '450.00', 10],
      [330, 312, 'VAT 20% of 450.00', 10],
      [480, 312, '90.00', 10],
      [330, 328, 'Total', 10],
      [480, 328, '540.00', 10],
      [330, 344, 'Amount paid', 10],
      [480, 344, '-540.00', 10],
      [330, 360, 'Balance due', 10],
      [480, 360, '0.00', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['450.00', '90.00', '540.00']);
    expect(x.total?.confidence).toBeGreaterThan(0.95);
    expect(x.warnings).toEqual([]);
  });

  it('adds two VAT rates into the tax', () => {
    const page = pageOf([
      [40, 40, 'Bäckerei Sommer GmbH', 16],
      [330, 300, 'Summe netto', 10],
      [480, 300, '200,00', 10],
      [330, 316, 'MwSt. 7 %', 10],
      [480, 316, '7,00', 10],
      [330, 332, 'MwSt. 19 %', 10],
      [480, 332, '19,00', 10],
      [330, 348, 'Rechnungsbetrag', 10],
      [480, 348, '226,00', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['200.00', '26.00', '226.00']);
  });

  it('says so when nothing reconciles', () => {
    const page = pageOf([
      [40, 40, 'Orbit Cloud Ltd', 16],
      [330, 296, 'Subtotal', 10],
      [480, 296, '450.00', 10],
      [330, 312, 'Tax', 10],
      [480, 312, '90.00', 10],
      [330, 328, 'Total', 10],
      [480, 328, '545.00', 10],
    ]);
    const x = extractInvoice([page], { dateOrder: 'dmy' });
    expect(x.total?.value).toBe('545.00');
    expect(x.total?.confidence).toBeLessThan(0.8);
    expect(x.warnings.join(' ')).toMatch(/add up/);
  });

  it('takes the totals from the last page, not the carried-forward subtotal', () => {
    const first = pageOf([
      [40, 40, 'Orbit Cloud Ltd', 16],
      [330, 700, 'Carried forward', 10],
      [480, 700, '300.00', 10],
    ]);
    const last = pageOf(
      [
        [330, 300, 'Subtotal', 10],
        [480, 300, '500.00', 10],
        [330, 316, 'GST 10%', 10],
        [480, 316, '50.00', 10],
        [330, 332, 'Total due', 10],
        [480, 332, '550.00', 10],
      ],
      2,
    );
    const x = extractInvoice([first, last], { dateOrder: 'dmy' });
    expect([x.subtotal?.value, x.tax?.value, x.total?.value]).toEqual(['500.00', '50.00', '550.00']);
    expect(x.total?.page).toBe(2);
  });
});

describe('the issuer, not the customer', () => {
  const page = pageOf([
    // The customer's name printed larger than the issuer's, as some tools do.
    [40, 40, 'Billing address', 9],
    [40, 54, 'Northwind Facilities Inc.', 18],
    [40, 76, '500 Market Street', 10],
    [40, 90, 'VAT: GB123456789', 10],
    [330, 40, 'Coolblue B.V.', 12],
    [330, 56, 'Weena 664, 3012 CN Rotterdam', 9],
    [330, 70, 'BTW: NL810433941B01', 9],
    [330, 84, 'IBAN: NL20INGB0001234567', 9],
    [330, 98, 'factuur@coolblue.nl', 9],
    [330, 150, 'Factuurnummer', 10],
    [460, 150, '2023-7712', 10],
  ]);
  const x = extractInvoice([page], { dateOrder: 'dmy', ownNames: ['Northwind Facilities'] });

  it('never proposes the company itself or a label', () => {
    expect(x.supplierName?.value).toBe('Coolblue B.V.');
  });

  it("keeps the customer's tax id out of what matches a supplier", () => {
    expect(x.issuer.text.join(' ')).not.toContain('GB123456789');
    expect(x.issuer.ibans).toEqual(['NL20INGB0001234567']);
    expect(x.issuer.domains).toEqual(['coolblue.nl']);
  });

  const invoice = { ...issuerOf(x), ownNames: ['Northwind Facilities'] };

  it('matches an existing supplier by IBAN, mail domain or fuzzy name', () => {
    expect(matchSupplier([supplier({ accountNumber: 'NL20 INGB 0001 2345 67' })], invoice)?.by).toBe(
      'bank_account',
    );
    expect(matchSupplier([supplier({ email: 'klantenservice@coolblue.nl' })], invoice)?.by).toBe('email');
    expect(matchSupplier([supplier({ name: 'Coolblue' })], invoice)?.by).toBe('name');
    expect(matchSupplier([supplier({ name: 'CoolBlue BV' })], invoice)?.by).toBe('name');
  });

  it("never matches by the customer's tax id or the company's own name", () => {
    expect(matchSupplier([supplier({ taxId: 'GB 123 4567 89' })], invoice)).toBeNull();
    expect(matchSupplier([supplier({ name: 'Northwind Facilities' })], invoice)).toBeNull();
  });
});
