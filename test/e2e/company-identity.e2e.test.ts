// End-to-end: the company's own identity, as a bookkeeper enters it on the Company page — legal name, address,
// tax id, IBAN, e-mail domain — with mistakes shown next to their fields and saved once fixed. Screenshots go to
// test-results/e2e/company-identity/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, e2eSuite } from './suite';
import { expectText, poll, WAIT, type E2eHarness } from './support';

const suite = e2eSuite('company-identity', 'Company page');
const TEST_TIMEOUT = 180_000;

/** The company's own details as it prints them on its letters (and its suppliers print them in the bill-to block). */
export const OWN = {
  legalName: 'Northwind Facilities GmbH',
  street: 'Speicherstadt, Kehrwieder 7',
  postcode: '20457',
  city: 'Hamburg',
  country: 'Germany',
  vat: 'DE 812 526 315',
  iban: 'DE44 5001 0517 5407 3249 31',
};

async function openCompanyPage(e2e: E2eHarness, companyId: string): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  await page.goto(e2e.info.openUrl);
  await page.getByTestId('company-select').selectOption(companyId);
  await page.getByTestId('nav-company').click();
  await page.getByTestId('company-page').waitFor();
  return page;
}

describe.skipIf(!suite.runs)('Company page (headless server, Chromium)', () => {
  let e2e: E2eHarness;

  beforeAll(async () => {
    e2e = await suite.start();
  }, 240_000);

  afterAll(async () => {
    await suite.stop();
  }, 30_000);

  it(
    'enters the company’s address, tax id, IBAN and domain, shows each mistake by its field, saves once fixed',
    async () => {
      const companyId = await createCompany(e2e, 'Northwind Facilities', 'EUR');
      const page = await openCompanyPage(e2e, companyId);
      await expectText(page.locator('.page-header h1'), 'Northwind Facilities');
      await suite.shot(page, '01-company-empty');

      await page.getByLabel('Legal name', { exact: true }).fill(OWN.legalName);
      await page.getByLabel('Street and number', { exact: true }).fill(OWN.street);
      await page.getByLabel('Postcode', { exact: true }).fill(OWN.postcode);
      await page.getByLabel('City', { exact: true }).fill(OWN.city);
      await page.getByLabel('Country', { exact: true }).fill(OWN.country);
      await page.getByLabel('Tax id', { exact: true }).fill(OWN.vat);
      // Two mistakes a person makes: the IBAN's last digit mistyped, the domain without its ending.
      await page.getByLabel('IBAN', { exact: true }).fill('DE44 5001 0517 5407 3249 32');
      await page.getByLabel('E-mail domain', { exact: true }).fill('northwind-fm');
      await page.getByTestId('save-company').click();

      await expectText(page.getByTestId('error-company-iban-0'), /^The check digits of DE44 .* do not match/);
      await expectText(page.getByTestId('error-company-email-domain-0'), /is not a mail domain/);
      await expectText(page.getByTestId('problems-summary'), /IBAN 1: The check digits/);
      expect(await page.getByTestId('company-iban-0').getAttribute('aria-invalid')).toBe('true');
      await suite.shot(page, '02-company-mistakes');
      // Nothing was saved.
      const before = await e2e.api<{ identity: { taxIds: string[] } }>('companies.get', { id: companyId });
      expect(before.identity.taxIds).toEqual([]);

      await page.getByLabel('IBAN', { exact: true }).fill(OWN.iban);
      await page.getByLabel('E-mail domain', { exact: true }).fill('buchhaltung@northwind-fm.de');
      // A second tax id, added and then removed again.
      await page.getByTestId('company-tax-id-add').click();
      await page.getByLabel('Tax id 2', { exact: true }).fill('DE 123');
      await page.getByTestId('company-tax-id-1-remove').click();
      await page.getByTestId('save-company').click();
      await expectText(page.getByTestId('company-saved'), 'Saved.');
      expect(await page.getByTestId('problems-summary').count()).toBe(0);
      // Shown as stored: the IBAN in groups of four, the domain alone.
      await poll(() => page.getByLabel('IBAN', { exact: true }).inputValue()).toBe(OWN.iban);
      await poll(() => page.getByLabel('E-mail domain', { exact: true }).inputValue()).toBe(
        'northwind-fm.de',
      );
      await poll(() => page.getByLabel('Tax id', { exact: true }).inputValue()).toBe('DE812526315');
      await suite.shot(page, '03-company-saved');

      const saved = await e2e.api<{ identity: Record<string, unknown> }>('companies.get', { id: companyId });
      expect(saved.identity).toEqual({
        legalName: OWN.legalName,
        tradingNames: [],
        addresses: [
          {
            lines: [OWN.street],
            postalCode: OWN.postcode,
            city: OWN.city,
            region: null,
            country: OWN.country,
          },
        ],
        taxIds: ['DE812526315'],
        ibans: ['DE44500105175407324931'],
        emailDomains: ['northwind-fm.de'],
        website: null,
      });

      // Read back after a reload, as it was saved.
      await page.reload();
      await page.getByTestId('company-page').waitFor();
      await poll(() => page.getByLabel('Street and number', { exact: true }).inputValue()).toBe(OWN.street);
      await poll(() => page.getByLabel('Legal name', { exact: true }).inputValue()).toBe(OWN.legalName);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});
