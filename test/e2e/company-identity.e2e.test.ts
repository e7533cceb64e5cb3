// End-to-end: the company's own identity, as a bookkeeper enters it on the Company page — legal name, address,
// tax id, IBAN, e-mail domain — with mistakes shown next to their fields and saved once fixed; and what it changes
// in invoice capture: an invoice whose unlabelled bill-to block carries the company's street and VAT id (under
// another spelling of its name) is read as the issuer's before, and as the customer's after, so the issuer is
// proposed and, once on file, matched by its own VAT id. Screenshots go to test-results/e2e/company-identity/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  OWN_BLOCK_INVOICE,
  OWN_BLOCK_ISSUER,
  OWN_COMPANY,
  ownBlockInvoicePdf,
} from '../fixtures/capture/own-block-invoice.js';
import { captureInvoice, createCompany, e2eSuite, FIRST_READ, openApp, useE2eApp } from './suite';
import { expectText, pick, poll } from './support';

const suite = e2eSuite('company-identity', 'Company page');
const TEST_TIMEOUT = 240_000;
const LEGAL_NAME = 'Northwind Facilities GmbH';

/** Documents → Kessler's invoice, as a bookkeeper adds it; resolves once the review shows its number. */
const captureKessler = (page: Page, pdf: Uint8Array, timeout?: number) =>
  captureInvoice(page, { name: 'kessler-rechnung.pdf', pdf }, OWN_BLOCK_INVOICE.number, timeout);

describe.skipIf(!suite.runs)('Company page (headless server, Chromium)', () => {
  const app = useE2eApp(suite);

  it(
    'enters the company’s address, tax id and IBAN, shows each mistake by its field; capture then proposes the issuer',
    async () => {
      const { e2e } = app;
      // The first run, before any company exists, says where the company's identity goes.
      const first = await e2e.browser.newPage();
      await first.goto(e2e.info.openUrl);
      await expectText(first.getByTestId('first-run-identity-hint'), /on the Company page: invoice capture/);
      await suite.shot(first, '00-first-run');
      await first.close();

      const companyId = await createCompany(e2e, OWN_COMPANY.name, 'EUR');
      const pdf = await ownBlockInvoicePdf();
      const page = await openApp(e2e, companyId, { width: 1400, height: 900 });
      const supplierHint = page.locator('.field:has(#cap-supplier) .field__hint');

      // Known by its name alone, the company: its bill-to block, headed "Northwind Facility Services GmbH" and
      // printed largest, is read as the issuer.
      await captureKessler(page, pdf, FIRST_READ);
      await expectText(supplierHint, 'Read as “Northwind Facility Services GmbH”: choose the supplier');
      await suite.shot(page, '01-review-before-identity');

      await page.getByTestId('nav-company').click();
      await page.getByTestId('company-page').waitFor();
      await expectText(page.locator('.page-header h1'), OWN_COMPANY.name);
      await suite.shot(page, '02-company-empty');

      const field = (label: string) => page.getByLabel(label, { exact: true });
      await field('Legal name').fill(LEGAL_NAME);
      await field('Street and number').fill(OWN_COMPANY.street);
      await field('Postcode').fill(OWN_COMPANY.postcode);
      await field('City').fill(OWN_COMPANY.city);
      await pick(page, 'Country', 'germ', 'Germany');
      await field('Tax id').fill(OWN_COMPANY.vat);
      // Two mistakes a person makes: the IBAN's last digit mistyped, the domain without its ending.
      await field('IBAN').fill('DE44 5001 0517 5407 3249 32');
      await field('E-mail domain').fill('northwind-fm');
      await page.getByTestId('save-company').click();

      await expectText(page.getByTestId('error-company-iban-0'), /^The check digits of DE44 .* do not match/);
      await expectText(page.getByTestId('error-company-email-domain-0'), /is not a mail domain/);
      await expectText(page.getByTestId('problems-summary'), /IBAN 1: The check digits/);
      expect(await page.getByTestId('company-iban-0').getAttribute('aria-invalid')).toBe('true');
      await suite.shot(page, '03-company-mistakes');
      // Nothing was saved.
      const before = await e2e.api<{ identity: { taxIds: string[] } }>('companies.get', { id: companyId });
      expect(before.identity.taxIds).toEqual([]);

      await field('IBAN').fill(OWN_COMPANY.iban);
      await field('E-mail domain').fill('buchhaltung@northwind-fm.de');
      // A second tax id, added and then removed again.
      await page.getByTestId('company-tax-id-add').click();
      await field('Tax id 2').fill('DE 123');
      await page.getByTestId('company-tax-id-1-remove').click();
      await page.getByTestId('save-company').click();
      await expectText(page.getByTestId('company-saved'), 'Saved.');
      expect(await page.getByTestId('problems-summary').count()).toBe(0);
      // Shown as stored: the IBAN in groups of four, the domain alone, the tax id without spaces.
      await poll(() => field('IBAN').inputValue()).toBe(OWN_COMPANY.iban);
      await poll(() => field('E-mail domain').inputValue()).toBe('northwind-fm.de');
      await poll(() => field('Tax id').inputValue()).toBe('DE812526315');
      await suite.shot(page, '04-company-saved');

      const saved = await e2e.api<{ identity: Record<string, unknown> }>('companies.get', { id: companyId });
      expect(saved.identity).toEqual({
        legalName: LEGAL_NAME,
        tradingNames: [],
        addresses: [
          {
            lines: [OWN_COMPANY.street],
            postalCode: OWN_COMPANY.postcode,
            city: OWN_COMPANY.city,
            region: null,
            country: OWN_COMPANY.country,
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
      await poll(() => field('Street and number').inputValue()).toBe(OWN_COMPANY.street);
      await poll(() => field('Legal name').inputValue()).toBe(LEGAL_NAME);

      // The same invoice again: the block with the company's street and VAT id is the customer's, so the issuer
      // is proposed.
      await captureKessler(page, pdf);
      await expectText(supplierHint, `Read as “${OWN_BLOCK_ISSUER.name}”: choose the supplier`);
      await expectText(
        page.getByTestId('capture-warnings'),
        new RegExp(`No supplier of yours matches "${OWN_BLOCK_ISSUER.name}"`),
      );
      expect(await page.getByTestId('cap-supplier').inputValue()).toBe('');
      await suite.shot(page, '05-review-issuer-proposed');

      // With the issuer on file, it is matched by its own VAT id, printed after the company's.
      const kessler = await e2e.api<{ id: string }>('suppliers.create', {
        companyId,
        name: 'Kessler Büro',
        taxId: OWN_BLOCK_ISSUER.taxId,
      });
      await captureKessler(page, pdf);
      await poll(() => page.getByTestId('cap-supplier').inputValue()).toBe(kessler.id);
      await expectText(supplierHint, /^Matched by tax id/);
      await suite.shot(page, '06-review-issuer-matched');
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});
