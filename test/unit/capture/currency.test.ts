// The invoice's currency: printed as a code, inferred from a sign (€ £ ₹ Rs. Fr. zł), a bare "$" decided by the
// supplier's country or currency, and with nothing printed assumed from the supplier or its IBAN's country — with a
// note for the review screen that says which it inferred.
import { describe, expect, it } from 'vitest';
import { chooseCurrency, countryCurrency } from '../../../main/domain/capture/currency-choice.js';
import { extractInvoice } from '../../../main/domain/capture/extract.js';
import { currencyHits } from '../../../main/domain/capture/values.js';
import { pageOf } from '../../fixtures/capture/page.js';

/** A page whose only currency mark is in the total's cell (and, when given, an IBAN in the footer). */
function invoice(total: string, footer: string[] = [], address: string[] = []) {
  return extractInvoice(
    [
      pageOf([
        [40, 40, 'Studio Verde S.r.l.', 16],
        ...address.map((text, i): [number, number, string, number] => [40, 62 + i * 12, text, 9]),
        [330, 120, 'Invoice number', 10],
        [460, 120, 'SV-2024-118', 10],
        [330, 300, 'Total', 10],
        [460, 300, total, 10],
        ...footer.map((text, i): [number, number, string, number] => [40, 780 + i * 12, text, 8]),
      ]),
    ],
    { dateOrder: 'dmy' },
  );
}

describe('currency signs and codes', () => {
  it.each([
    ['1.234,56 €', 'EUR', '€'],
    ['€ 1.234,56', 'EUR', '€'],
    ['EUR 1.234,56', 'EUR', 'EUR'],
    ['£1,234.56', 'GBP', '£'],
    ['₹1,23,456.00', 'INR', '₹'],
    ['Rs. 1,23,456.00', 'INR', 'Rs.'],
    ['Fr. 1’234.50', 'CHF', 'Fr.'],
    ['1 234,50 zł', 'PLN', 'zł'],
    ['$1,234.56', 'USD', '$'],
    ['A$1,234.56', 'AUD', 'A$'],
    ['HK$1,234.56', 'HKD', 'HK$'],
    ['S$1,234.56', 'SGD', 'S$'],
    ['R$ 1.234,56', 'BRL', 'R$'],
    ['BRL 1.234,56', 'BRL', 'BRL'],
    ['MX$1,234.56', 'MXN', 'MX$'],
    ['NT$1,234', 'TWD', 'NT$'],
  ])('%s is %s, read from "%s"', (total, code, sign) => {
    const x = invoice(total);
    expect(x.currency?.value).toBe(code);
    expect(x.currencySign).toBe(sign);
  });

  it('does not take a weekday or a title for Swiss francs', () => {
    expect(currencyHits('Mo.–Fr. 9–17 Uhr').map((h) => h.code)).toEqual([]);
    expect(currencyHits('z. Hd. Fr. Müller').map((h) => h.code)).toEqual([]);
    expect(currencyHits('Total SFr. 120.00').map((h) => h.code)).toEqual(['CHF']);
    expect(currencyHits('Total 120.00 Fr.').map((h) => h.code)).toEqual(['CHF']);
  });
});

describe('countryCurrency', () => {
  it.each([
    ['DE', 'EUR'],
    ['Deutschland', 'EUR'],
    ['the Netherlands', 'EUR'],
    ['España', 'EUR'],
    ['Italia', 'EUR'],
    ['Portugal', 'EUR'],
    ['France', 'EUR'],
    ['United States', 'USD'],
    ['US', 'USD'],
    ['India', 'INR'],
    ['United Kingdom', 'GBP'],
    ['Schweiz', 'CHF'],
    ['Canada', 'CAD'],
    ['Atlantis', null],
    [null, null],
  ])('%s → %s', (country, code) => {
    expect(countryCurrency(country)).toBe(code);
  });
});

describe('chooseCurrency', () => {
  it('takes a printed code as read, with no note', () => {
    const choice = chooseCurrency(invoice('EUR 1.234,56'), null);
    expect(choice).toMatchObject({ code: 'EUR', note: null, assumed: false });
  });

  it('infers the euro from "€" alone and says so', () => {
    const choice = chooseCurrency(invoice('1.234,56 €'), null);
    expect(choice.code).toBe('EUR');
    expect(choice.confidence).toBeGreaterThanOrEqual(0.8);
    expect(choice.note).toBe('Inferred from the “€” printed on the invoice (no currency code is printed).');
  });

  it('decides a bare "$" by the supplier\'s country, then its currency, else asks for a check', () => {
    const x = invoice('$1,234.56');
    expect(chooseCurrency(x, { country: 'Canada', currency: null })).toMatchObject({
      code: 'CAD',
      note: 'Only “$” is printed: CAD is taken from the supplier’s country (Canada).',
    });
    expect(chooseCurrency(x, { country: 'US', currency: null }).code).toBe('USD');
    expect(chooseCurrency(x, { country: null, currency: 'AUD' })).toMatchObject({
      code: 'AUD',
      note: 'Only “$” is printed: AUD is taken from the supplier’s currency.',
    });
    // A supplier in a country without dollars does not turn "$" into its own currency.
    expect(chooseCurrency(x, { country: 'Germany', currency: 'EUR' }).code).toBe('USD');
    const unsure = chooseCurrency(x, null);
    expect(unsure.code).toBe('USD');
    expect(unsure.confidence).toBeLessThan(0.8);
    expect(unsure.note).toMatch(/USD is assumed\. Check it/);
  });

  it("assumes, with nothing printed, the supplier's currency, its country's, or its IBAN's country's", () => {
    const bare = invoice('1.234,56');
    expect(chooseCurrency(bare, { country: 'Deutschland', currency: 'CHF' })).toMatchObject({
      code: 'CHF',
      assumed: true,
      note: 'No currency is printed; CHF (the supplier’s) is assumed.',
    });
    expect(chooseCurrency(bare, { country: 'Deutschland', currency: null })).toMatchObject({
      code: 'EUR',
      assumed: true,
      note: 'No currency is printed; EUR is assumed from the supplier’s country (Deutschland).',
    });
    const withIban = invoice('1.234,56', ['IBAN IT60 X054 2811 1010 0000 0123 456']);
    const choice = chooseCurrency(withIban, null);
    expect(choice).toMatchObject({ code: 'EUR', assumed: true });
    expect(choice.confidence).toBeLessThan(0.8);
    expect(choice.note).toMatch(/IBAN printed \(IT\)/);
    expect(chooseCurrency(bare, null)).toMatchObject({ code: null, confidence: 0, note: null });
  });
});

describe('a bare "$" for a company whose own money is written "$"', () => {
  const bare = invoice('$1,234.56');
  const company = (currency: string, country: string | null) => ({ currency, country });

  it.each([
    ['AUD', 'AU'],
    ['CAD', 'CA'],
    ['NZD', 'NZ'],
    ['SGD', 'SG'],
    ['HKD', 'HK'],
    ['MXN', 'MX'],
    ['USD', 'US'],
  ])('is the company’s %s when nothing places the supplier (company in %s)', (currency, country) => {
    const choice = chooseCurrency(bare, null, company(currency, country));
    expect(choice.code).toBe(currency);
    expect(choice.confidence).toBeGreaterThanOrEqual(0.8);
    expect(choice.note).toBe(
      `Only “$” is printed: ${currency}, your company’s currency, is taken (nothing places the supplier abroad).`,
    );
  });

  it('proposes the company’s dollar but asks for a check while its country is not entered', () => {
    const choice = chooseCurrency(bare, null, company('AUD', null));
    expect(choice.code).toBe('AUD');
    expect(choice.confidence).toBeLessThan(0.8);
    expect(choice.note).toMatch(/enter the company’s country/);
  });

  it('leaves USD with its check for a euro company, or a company whose country has another currency', () => {
    for (const home of [company('EUR', 'DE'), company('EUR', null), company('AUD', 'US')]) {
      const choice = chooseCurrency(bare, null, home);
      expect(choice.code).toBe('USD');
      expect(choice.confidence).toBeLessThan(0.8);
      expect(choice.note).toMatch(/USD is assumed\. Check it/);
    }
  });

  it('puts the supplier on file before the company', () => {
    const home = company('AUD', 'AU');
    expect(chooseCurrency(bare, { country: 'United States', currency: null }, home).code).toBe('USD');
    expect(chooseCurrency(bare, { country: 'Canada', currency: null }, home).code).toBe('CAD');
    expect(chooseCurrency(bare, { country: null, currency: 'NZD' }, home).code).toBe('NZD');
    // A supplier in a country without "$" bills its "$" in US dollars, not in the company's.
    const abroad = chooseCurrency(bare, { country: 'Germany', currency: null }, home);
    expect(abroad.code).toBe('USD');
    expect(abroad.confidence).toBeLessThan(0.8);
  });

  it('puts the supplier’s address on the page before the company', () => {
    const kiwi = invoice('$1,234.56', [], ['12 Queen Street', 'Auckland 1010 New Zealand']);
    expect(chooseCurrency(kiwi, null, company('AUD', 'AU'))).toMatchObject({
      code: 'NZD',
      note: 'Only “$” is printed: NZD is taken from the supplier’s address (NZ).',
    });
    const texan = invoice('$1,234.56', [], ['500 Main Street', 'Austin, TX 78701, United States']);
    expect(chooseCurrency(texan, null, company('AUD', 'AU')).code).toBe('USD');
    const dutch = invoice('$1,234.56', [], ['Keizersgracht 12', '1015 CX Amsterdam, Netherlands']);
    expect(chooseCurrency(dutch, null, company('AUD', 'AU'))).toMatchObject({ code: 'USD' });
    expect(chooseCurrency(dutch, null, company('AUD', 'AU')).confidence).toBeLessThan(0.8);
  });

  it('keeps a printed US$ or USD to an Australian company in US dollars', () => {
    const home = company('AUD', 'AU');
    for (const x of [
      invoice('US$ 1,234.56', ['Card payment of $1,234.56 received, thank you']),
      invoice('$1,234.56', ['All amounts in USD']),
    ]) {
      expect(x.currency?.value).toBe('USD');
      expect(x.currencySign).not.toBe('$');
      expect(chooseCurrency(x, null, home).code).toBe('USD');
    }
  });

  it('takes the dollar a page names by its code or sign for its bare "$" too', () => {
    for (const x of [
      invoice('$1,234.56', ['All amounts in AUD', 'Paid $200.00', 'Balance $1,034.56']),
      invoice('A$ 1,234.56', ['Paid $200.00', 'Balance $1,034.56']),
    ]) {
      expect(x.currency?.value).toBe('AUD');
      expect(chooseCurrency(x, null, company('USD', 'US')).code).toBe('AUD');
      expect(chooseCurrency(x, null, company('EUR', 'DE')).code).toBe('AUD');
    }
  });
});
