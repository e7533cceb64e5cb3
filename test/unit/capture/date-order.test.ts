// The order of day and month in a numeric date the invoice does not decide (03/04/2024): the supplier's country,
// then the currency printed or the supplier's, then the company's country, then the company's currency. The
// company's country never overrides what the page itself proves (a day over 12 among its dates, a language other
// than English) nor the supplier's country.
import { describe, expect, it } from 'vitest';
import { extractWithSupplier } from '../../../main/capture/propose.js';
import type { ReadResult } from '../../../main/capture/decode.js';
import { dateOrderFor } from '../../../main/domain/capture/date-order.js';
import type { SupplierCandidate } from '../../../main/domain/capture/supplier-match.js';
import { pageOf } from '../../fixtures/capture/page.js';

/** The order of day and month dateOrderFor gives for `context`. */
const orderFor = (context: Parameters<typeof dateOrderFor>[0]) => dateOrderFor(context).order;

describe('dateOrderFor', () => {
  it('reads an invoice nobody can place the way the company’s country writes dates', () => {
    expect(orderFor({ companyCountry: 'US', baseCurrency: 'USD' })).toBe('mdy');
    for (const country of ['GB', 'IE', 'AU', 'IN']) {
      expect(orderFor({ companyCountry: country, baseCurrency: 'USD' })).toBe('dmy');
    }
    // A US company keeping its books in euros is still a US company.
    expect(orderFor({ companyCountry: 'US', baseCurrency: 'EUR' })).toBe('mdy');
  });

  it('falls back on the company’s currency while its country is not entered', () => {
    expect(orderFor({ companyCountry: null, baseCurrency: 'USD' })).toBe('mdy');
    expect(orderFor({ companyCountry: null, baseCurrency: 'GBP' })).toBe('dmy');
  });

  it('lets the supplier’s country beat the company’s, and say so', () => {
    expect(dateOrderFor({ supplierCountry: 'Ireland', companyCountry: 'US', baseCurrency: 'USD' })).toEqual({
      order: 'dmy',
      fromSupplierCountry: true,
    });
    expect(dateOrderFor({ supplierCountry: 'U.S.A.', companyCountry: 'GB', baseCurrency: 'GBP' })).toEqual({
      order: 'mdy',
      fromSupplierCountry: true,
    });
    expect(orderFor({ supplierCountry: 'Philippines', companyCountry: 'IE', baseCurrency: 'EUR' })).toBe(
      'mdy',
    );
    expect(dateOrderFor({ companyCountry: 'US', baseCurrency: 'USD' }).fromSupplierCountry).toBe(false);
  });

  it('lets a printed currency code beat the company’s country', () => {
    expect(
      orderFor({ printedCurrency: 'EUR', printedSign: 'EUR', companyCountry: 'US', baseCurrency: 'USD' }),
    ).toBe('dmy');
    expect(
      orderFor({ printedCurrency: 'USD', printedSign: 'USD', companyCountry: 'GB', baseCurrency: 'GBP' }),
    ).toBe('mdy');
    expect(orderFor({ supplierCurrency: 'GBP', companyCountry: 'US', baseCurrency: 'USD' })).toBe('dmy');
  });

  it('leaves a bare "$" to the company’s country where its own money is written "$"', () => {
    // An Australian company's suppliers at home bill in "$": that says nothing of the United States.
    expect(
      orderFor({ printedCurrency: 'USD', printedSign: '$', companyCountry: 'AU', baseCurrency: 'AUD' }),
    ).toBe('dmy');
    // A British company billed in "$" is most likely billed from America.
    expect(
      orderFor({ printedCurrency: 'USD', printedSign: '$', companyCountry: 'GB', baseCurrency: 'GBP' }),
    ).toBe('mdy');
  });
});

const read = (cells: [number, number, string][]): ReadResult => ({
  kind: 'pdf',
  pages: [{ text: pageOf(cells), source: 'text' }],
});

/** An English invoice whose only date, 03/04/2024, could be March 4 or 3 April; no currency, no country. */
const UNPLACED: [number, number, string][] = [
  [40, 40, 'Harbour Office Supplies'],
  [40, 56, '12 Quay Street'],
  [40, 120, 'Bill to: Northwind Facilities'],
  [360, 120, 'Invoice number: INV-7781'],
  [360, 136, 'Invoice date: 03/04/2024'],
  [40, 220, 'Description'],
  [400, 220, 'Amount'],
  [40, 238, 'Printer paper'],
  [400, 238, '120.00'],
  [300, 300, 'Total'],
  [400, 300, '120.00'],
];

/** The invoice date read from `result` (no supplier on file) for the company’s currency and country. */
const dateRead = (result: ReadResult, baseCurrency: string, companyCountry: string | null) =>
  extractWithSupplier(result, [], baseCurrency, { companyCountry }).x.date?.value;

const harbour: SupplierCandidate = {
  id: 's1',
  name: 'Harbour Office Supplies',
  email: null,
  taxId: null,
  accountNumber: null,
  country: null,
  currency: null,
};

describe('extractWithSupplier with the company’s country', () => {
  it('reads 03/04/2024 as March 4 for a US company and as 3 April for an Irish one', () => {
    const date = (companyCountry: string | null, baseCurrency: string) =>
      dateRead(read(UNPLACED), baseCurrency, companyCountry);
    // Same books in dollars, different countries.
    expect(date('US', 'USD')).toBe('2024-03-04');
    expect(date('IE', 'USD')).toBe('2024-04-03');
    expect(date('GB', 'USD')).toBe('2024-04-03');
    expect(date('US', 'EUR')).toBe('2024-03-04');
    // No country yet: the company's currency, as before.
    expect(date(null, 'USD')).toBe('2024-03-04');
    expect(date(null, 'EUR')).toBe('2024-04-03');
  });

  it('keeps the order the page’s other dates prove', () => {
    // The due date 25/04/2024 can only be day first, so 03/04/2024 is 3 April even for a US company.
    const dayFirst = read([...UNPLACED, [360, 152, 'Due date: 25/04/2024']]);
    expect(dateRead(dayFirst, 'USD', 'US')).toBe('2024-04-03');
    // And 04/25/2024 only month first, so 03/04/2024 is March 4 even for an Irish company.
    const monthFirst = read([...UNPLACED, [360, 152, 'Due date: 04/25/2024']]);
    expect(dateRead(monthFirst, 'EUR', 'IE')).toBe('2024-03-04');
  });

  it('keeps day first on a page in another language', () => {
    const german: [number, number, string][] = [
      [40, 40, 'Harbour Bürobedarf GmbH'],
      [360, 120, 'Rechnungsnummer: RE-7781'],
      [360, 136, 'Rechnungsdatum: 03/04/2024'],
      [40, 220, 'Bezeichnung'],
      [400, 220, 'Betrag'],
      [40, 238, 'Druckerpapier'],
      [400, 238, '120,00'],
      [300, 300, 'Gesamtbetrag'],
      [400, 300, '120,00'],
    ];
    expect(dateRead(read(german), 'USD', 'US')).toBe('2024-04-03');
  });

  it('lets the matched supplier’s country beat the company’s', () => {
    const irish = { ...harbour, country: 'Ireland' };
    const { x, match } = extractWithSupplier(read(UNPLACED), [irish], 'USD', { companyCountry: 'US' });
    expect(match?.supplier.id).toBe('s1');
    expect(x.date?.value).toBe('2024-04-03');
  });
});
