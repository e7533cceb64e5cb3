// End-to-end: the bookkeeper sets up the company on the Company page. The page asks for the country until one is
// chosen from the searchable list; saved, it decides how capture reads an English invoice's 03/04/2024 when nothing
// else on the invoice does (a US company: March 4). The invoice's printed tax has no rate to go with, and the
// review's "Add a tax rate" link leads to the Company page's tax rates, brought into view with the name to type;
// there a rate is added, corrected and a spare one removed. Screenshots at 1280 and 1024 px go to
// test-results/e2e/company-country/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UNPLACED_INVOICE, unplacedDateInvoicePdf } from '../fixtures/capture/unplaced-date-invoice.js';
import { captureInvoice, createCompany, e2eSuite, FIRST_READ, openApp, useE2eApp } from './suite';
import { expectText, pick, poll } from './support';

const suite = e2eSuite('company-country', 'Company country and tax rates');
const TEST_TIMEOUT = 240_000;

/** The same screen at 1280 and at 1024 px wide. */
async function shots(page: Page, name: string): Promise<void> {
  await suite.shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 860 });
  try {
    await suite.shot(page, `${name}-1024`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 860 });
  }
}

describe.skipIf(!suite.runs)('Company country and tax rates (headless server, Chromium)', () => {
  const app = useE2eApp(suite);

  it(
    'picks the country, which capture reads dates by; the review’s tax rate link leads to the Company page’s rates',
    async () => {
      const { e2e } = app;
      // Books in euros: without its country the company would read the date day first.
      const companyId = await createCompany(e2e, 'Northwind Facilities', 'EUR');
      const page = await openApp(e2e, companyId);

      await page.getByTestId('nav-company').click();
      await page.getByTestId('company-page').waitFor();
      await expectText(page.getByTestId('company-country-missing'), /Choose the company’s country/);
      await shots(page, '01-country-asked');

      // Typed in part, taken from the list.
      await pick(page, 'Country', 'united st', 'United States');
      expect(await page.getByTestId('company-country-missing').count()).toBe(0);
      await page.getByTestId('save-company').click();
      await expectText(page.getByTestId('company-saved'), 'Saved.');
      const saved = await e2e.api<{ identity: { addresses: unknown[] } }>('companies.get', { id: companyId });
      expect(saved.identity.addresses).toEqual([
        { lines: [], postalCode: null, city: null, region: null, country: 'US' },
      ]);
      await page.reload();
      await page.getByTestId('company-page').waitFor();
      await poll(() => page.getByRole('combobox', { name: 'Country', exact: true }).inputValue()).toBe(
        'United States',
      );
      expect(await page.getByTestId('company-country-missing').count()).toBe(0);
      await shots(page, '02-country-saved');

      // An English invoice from a supplier nobody knows, no currency printed: 03/04/2024 is March 4 here.
      const harbour = { name: 'harbour.pdf', pdf: await unplacedDateInvoicePdf() };
      await captureInvoice(page, harbour, UNPLACED_INVOICE.number, FIRST_READ);
      await poll(() => page.getByTestId('cap-date').inputValue()).toBe(UNPLACED_INVOICE.monthFirst);
      // Its printed tax has no rate to go with: the review says so and links to the company's tax rates.
      const link = page.getByTestId('cap-add-tax-rate');
      await expectText(link, 'Add a tax rate');
      await shots(page, '03-review-month-first');

      await link.click();
      await page.getByTestId('tax-rates').waitFor();
      expect(page.url()).toMatch(/#\/company\/tax-rates$/);
      // Brought into view, the new rate's name to type.
      await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tax-rate-name');
      const box = await page.getByTestId('tax-rates').evaluate((el) => el.getBoundingClientRect().toJSON());
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(860);
      await page.screenshot({ path: `${suite.shotsDir}/04-link-lands-on-tax-rates-1280.png` });

      // Added as before: a mistake refused by its field, then two rates.
      const rates = page.getByTestId('tax-rate-row');
      await page.getByTestId('tax-rate-name').fill('Sales tax');
      await page.getByTestId('tax-rate-percent').fill('120');
      await page.getByTestId('tax-rate-add').click();
      await expectText(page.getByTestId('error-tax-rate-percent'), /between 0 and 100/);
      await page.getByTestId('tax-rate-percent').fill('2');
      await page.getByTestId('tax-rate-add').click();
      await expectText(rates.first().getByTestId('tax-rate-name-cell'), 'Sales tax');
      await page.getByTestId('tax-rate-name').fill('Spare');
      await page.getByTestId('tax-rate-percent').fill('0');
      await page.getByTestId('tax-rate-add').click();
      await poll(() => rates.count()).toBe(2);

      // The percent was wrong: corrected in place, a name taken refused in the row.
      const sales = rates.filter({ hasText: 'Sales tax' });
      await sales.getByTestId('tax-rate-edit').click();
      await page.getByTestId('tax-rate-edit-name').fill('spare');
      await page.getByTestId('tax-rate-save').click();
      await expectText(
        page.locator('[data-mode="edit"] .field__error'),
        'already exists: choose another name',
      );
      await shots(page, '05-tax-rate-name-taken');
      await page.getByTestId('tax-rate-edit-name').fill('Sales tax 20');
      await page.getByTestId('tax-rate-edit-percent').fill('20');
      await page.getByTestId('tax-rate-save').click();
      await expectText(rates.first().getByTestId('tax-rate-percent-cell'), '20 %');
      await expectText(rates.first().getByTestId('tax-rate-name-cell'), 'Sales tax 20');

      // The spare one removed, after a confirmation.
      const spare = rates.filter({ hasText: 'Spare' });
      await spare.getByTestId('tax-rate-remove').click();
      await shots(page, '06-tax-rate-remove-asked');
      await spare.getByTestId('tax-rate-remove-confirm').click();
      await poll(() => rates.count()).toBe(1);
      const list = await e2e.api<{ name: string; percent: string }[]>('taxRates.list', { companyId });
      expect(list.map((r) => [r.name, r.percent])).toEqual([['Sales tax 20', '20']]);
      await shots(page, '07-tax-rates');

      // The Suppliers page no longer holds them.
      await page.getByTestId('nav-suppliers').click();
      await page.getByTestId('new-supplier').waitFor();
      expect(await page.getByTestId('tax-rates').count()).toBe(0);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});
