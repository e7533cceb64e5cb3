// End-to-end: supplier invoices from files, in the built renderer in Debian's Chromium against the headless
// server. "New invoice from file" opens the review (page image beside the proposed invoice, fields highlighted,
// doubtful totals marked), the bookkeeper corrects a field and saves a draft with the file attached and linked to
// its order, whose two-way match the document page shows; then two files dropped on the Documents page are read
// with progress. Then learning, as a bookkeeper meets it: the first invoice of a supplier whose invoice number
// the reader cannot find is corrected and saved; the supplier's next invoice comes in with that field read right
// and marked learned; what was learned is exported as JSON. Screenshots go to test-results/e2e/capture/.
import fs from 'node:fs';
import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EURO_SUPPLIER, signInvoicePdf } from '../fixtures/capture/euro-invoice.js';
import { makeInvoice } from '../fixtures/capture/invoices.js';
import {
  LEARNABLE_INVOICES,
  LEARNABLE_SUPPLIER,
  learnableInvoicePdf,
} from '../fixtures/capture/learnable.js';
import { renderInvoicePdf } from '../fixtures/capture/templates.js';
import { e2eSuite, useE2eApp } from './suite';
import { expectText, poll, WAIT } from './support';

const suite = e2eSuite('capture', 'invoices from files');
const { shot } = suite;
const TEST_TIMEOUT = 180_000;
/** The first read of a run starts the capture worker; see where it is used. */
const FIRST_READ = 3 * WAIT;

/**
 * Picks the PDF with the Documents page's capture button and waits for its review. The first file also starts the
 * capture worker (PDF reader, page renderer): on a loaded machine that alone can take most of a normal wait.
 */
async function captureFile(page: Page, name: string, pdf: Uint8Array): Promise<void> {
  await page.getByTestId('capture-file').setInputFiles({
    name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(pdf),
  });
  await page.getByTestId('capture-review').waitFor({ timeout: FIRST_READ });
}

describe.skipIf(!suite.runs)('Invoices from files (headless server, Chromium)', () => {
  const app = useE2eApp(suite);

  const api = (method: string, input: unknown): Promise<Record<string, unknown>> =>
    app.e2e.api<Record<string, unknown>>(method, input);

  /** A page of its own (downloads accepted) on the Documents page of `companyId`. */
  async function documentsPage(companyId: unknown): Promise<{ context: BrowserContext; page: Page }> {
    const context = await app.e2e.browser.newContext({
      viewport: { width: 1400, height: 900 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    await page.goto(app.e2e.info.openUrl);
    await page.getByTestId('company-select').selectOption(String(companyId));
    await page.getByTestId('nav-documents').click();
    await page.getByTestId('documents-page').waitFor();
    return { context, page };
  }

  it(
    'reads an invoice PDF, shows where each field was read, saves the corrected draft with the file and its order',
    async () => {
      // The company, its supplier and the purchase order the invoice quotes, through the API.
      const company = await api('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
      const truth = { ...makeInvoice(4242, 'classic', 3), orderNumber: 'PO-2042' };
      const supplier = await api('suppliers.create', {
        companyId: company.id,
        name: truth.supplier.name,
        taxId: truth.supplier.taxId,
        email: truth.supplier.email,
      });
      await api('documents.create', {
        companyId: company.id,
        type: 'purchase_order',
        number: 'PO-2042',
        supplierId: supplier.id,
        date: '2025-05-01',
        lines: truth.lines.map((l) => ({
          description: l.description,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
        })),
      });
      // The supplier's lines usually go to Utilities:Gas: the saved invoice's lines start there.
      const gas = await api('lists.create', {
        companyId: company.id,
        kind: 'account',
        name: 'Utilities:Gas',
      });
      await api('suppliers.setCodingDefaults', { supplierId: supplier.id, accountId: gas.id });
      // The supplier printed a total that does not add up: the review must mark it.
      const printed = { ...truth, total: (Number(truth.total) + 1).toFixed(2) };
      const pdf = await renderInvoicePdf(printed);

      const context = await app.e2e.browser.newContext({ viewport: { width: 1400, height: 900 } });
      context.setDefaultTimeout(WAIT);
      const page = await context.newPage();
      await page.goto(app.e2e.info.openUrl);
      await page.getByTestId('nav-documents').waitFor();
      await shot(page, '01-documents');

      await captureFile(page, 'acme-invoice.pdf', pdf);
      await expectText(page.locator('.page-header h1'), 'Invoice from acme-invoice.pdf');
      await poll(() => page.getByTestId('cap-invoice-number').inputValue()).toBe(truth.invoiceNumber);
      await poll(() => page.getByTestId('cap-date').inputValue()).toBe(truth.date);
      await poll(() => page.getByTestId('cap-order').inputValue()).not.toBe('');
      await poll(() => page.getByTestId('cap-line').count()).toBe(3);
      // The page image with a highlight per field found, and the totals marked for a check.
      await page.locator('[data-testid="capture-pages"] img').first().waitFor();
      await poll(() => page.getByTestId('highlight-supplierInvoiceNumber').count()).toBe(1);
      await poll(() => page.locator('[data-testid^="highlight-line-"]').count()).toBe(3);
      await poll(() => page.locator('[data-testid="highlight-total"][data-low="true"]').count()).toBe(1);
      await expectText(page.getByTestId('capture-warnings'), /do not|add up|check/i);
      await expectText(page.getByTestId('capture-supplier-defaults'), /account Utilities:Gas/);
      await page.getByTestId('cap-invoice-number').focus();
      await shot(page, '02-review');

      // The bookkeeper corrects the due date and saves the draft.
      await page.getByTestId('cap-due-date').fill('2026-01-31');
      await page.getByTestId('capture-save').click();
      await page.getByTestId('document-number').waitFor();
      await expectText(page.getByTestId('document-status'), /draft/i);
      await page.getByTestId('attachment').first().waitFor();
      await expectText(page.getByTestId('attachment').first(), /acme-invoice\.pdf/);
      await page.locator('[data-testid="match-panel"][data-ok="true"]').waitFor();
      await expectText(page.locator('#h-match'), /Two-way match with .*PO-2042/);
      await page.getByTestId('attachment-show').first().click();
      await page.locator('[data-testid="attachments"] img').first().waitFor();
      await shot(page, '03-document-with-file-and-match');
      const invoices = (await api('documents.list', { companyId: company.id, type: 'invoice' })) as {
        items: { id: string }[];
      };
      const saved = (await api('documents.get', { id: invoices.items[0]!.id })) as {
        lines: { accountId: string | null }[];
      };
      expect(saved.lines.map((l) => l.accountId)).toEqual([gas.id, gas.id, gas.id]);

      // Two more files dropped on the Documents page: read one after another, with progress, then reviewed.
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-page').waitFor();
      const files = await Promise.all(
        [4243, 4244].map(async (seed) => ({
          name: `invoice-${seed}.pdf`,
          data: Buffer.from(await renderInvoicePdf(makeInvoice(seed, 'tax-invoice', 2))).toString('base64'),
        })),
      );
      await page.evaluate((dropped) => {
        const transfer = new DataTransfer();
        for (const f of dropped) {
          const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
          transfer.items.add(new File([bytes], f.name, { type: 'application/pdf' }));
        }
        const target = document.querySelector('[data-testid="documents-page"]');
        target?.dispatchEvent(
          new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
        target?.dispatchEvent(
          new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }, files);
      await page.getByTestId('capture-queue').waitFor();
      await expectText(page.getByTestId('capture-progress'), /read\.$/);
      await poll(() => page.locator('[data-testid="capture-item"][data-status="ready"]').count()).toBe(2);
      await shot(page, '04-dropped-files');
      await page.getByTestId('capture-review-link').first().click();
      await page.getByTestId('capture-review').waitFor();
      // The supplier is not one of ours: the review says so and asks for it.
      await expectText(page.getByTestId('capture-warnings'), /No supplier of yours matches/);
      await shot(page, '05-review-unknown-supplier');
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'offers a supplier whose name on file is an acronym of the printed name, and fills it in when chosen',
    async () => {
      // "SCM" on file; the invoice prints "Southern Cross Maintenance Pty Ltd" (its tax id and e-mail are not on
      // file): too weak to fill in, so it is offered.
      const company = await api('companies.create', { name: 'Quayside Rentals', baseCurrency: 'AUD' });
      const scm = await api('suppliers.create', { companyId: company.id, name: 'SCM' });
      const truth = makeInvoice(4245, 'tax-invoice', 2);
      expect(truth.supplier.name).toBe('Southern Cross Maintenance Pty Ltd');
      const pdf = await renderInvoicePdf(truth);

      const { context, page } = await documentsPage(company.id);
      await captureFile(page, 'scm-invoice.pdf', pdf);
      await poll(() => page.getByTestId('cap-invoice-number').inputValue()).toBe(truth.invoiceNumber);
      // Not filled in: offered, with why.
      expect(await page.getByTestId('cap-supplier').inputValue()).toBe('');
      const hint = page.locator('.field:has(#cap-supplier) .field__hint');
      await expectText(hint, /is it SCM\? “SCM” could be short for “Southern Cross Maintenance Pty Ltd”/);
      await expectText(page.getByTestId('capture-warnings'), /SCM might be it/);
      await expectText(page.getByTestId('cap-supplier-suggestion'), 'Use SCM');
      await shot(page, '10-supplier-suggested');
      // Taken: filled in, and saving will teach how this supplier prints its name.
      await page.getByTestId('cap-supplier-suggestion').click();
      await poll(() => page.getByTestId('cap-supplier').inputValue()).toBe(String(scm.id));
      await expectText(hint, /^Chosen by you/);
      expect(await page.getByTestId('cap-supplier-suggestion').count()).toBe(0);
      // A supplier is chosen: the warning that none matched goes.
      await poll(() =>
        page.locator('[data-testid="capture-warnings"] li', { hasText: 'SCM might be it' }).count(),
      ).toBe(0);
      await shot(page, '11-supplier-suggestion-taken');
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'learns the invoice number the bookkeeper corrected, reads the next invoice with it, and exports it',
    async () => {
      const company = await api('companies.create', { name: 'Harbor Lofts', baseCurrency: 'EUR' });
      const supplier = await api('suppliers.create', { companyId: company.id, ...LEARNABLE_SUPPLIER });
      const [truthA, truthB] = LEARNABLE_INVOICES;
      const first = await learnableInvoicePdf(truthA);
      const second = await learnableInvoicePdf(truthB);

      const { context, page } = await documentsPage(company.id);

      // Invoice A: the supplier is matched, but its invoice number (under "Vorgang") is not found.
      await captureFile(page, 'brandt-0118.pdf', first.pdf);
      await poll(() => page.getByTestId('cap-supplier').inputValue()).toBe(String(supplier.id));
      await poll(() => page.getByTestId('cap-date').inputValue()).toBe(first.isoDate);
      await poll(() => page.getByTestId('cap-total').inputValue()).toBe(first.total);
      expect(await page.getByTestId('cap-invoice-number').inputValue()).not.toBe(truthA.number);
      expect(await page.locator('[data-testid^="learned-"]').count()).toBe(0);
      await expectText(page.getByTestId('capture-warnings'), /invoice number was not found/i);

      // The bookkeeper types it from the page and saves: the correction goes with the draft and is learned.
      await page.getByTestId('cap-invoice-number').fill(truthA.number);
      await expectText(
        page.locator('.field:has(#cap-invoice-number) .field__hint'),
        'Corrected: saving teaches how this supplier prints it, for its next invoice',
      );
      expect(await page.getByTestId('cap-invoice-number').getAttribute('data-low')).toBeNull();
      await shot(page, '06-first-invoice-corrected');
      await page.getByTestId('capture-save').click();
      await page.getByTestId('document-number').waitFor();
      await expectText(
        page.getByTestId('capture-learned-saved'),
        'Learned from your corrections for this supplier’s next invoice: Supplier invoice number.',
      );
      await shot(page, '07-first-invoice-saved-and-learned');

      // Invoice B, same layout, other values: the invoice number is read where the bookkeeper showed it.
      await page.getByTestId('nav-documents').click();
      await page.getByTestId('documents-page').waitFor();
      await captureFile(page, 'brandt-0297.pdf', second.pdf);
      await poll(() => page.getByTestId('cap-invoice-number').inputValue()).toBe(truthB.number);
      const badge = page.getByTestId('learned-supplierInvoiceNumber');
      await expectText(badge, 'Learned from your earlier correction');
      expect(await badge.isVisible()).toBe(true);
      // The badge is part of the field's name, as a screen reader reads it.
      expect(
        await page
          .getByLabel('Supplier invoice number Learned from your earlier correction', { exact: true })
          .inputValue(),
      ).toBe(truthB.number);
      await expectText(
        page.getByTestId('capture-learned'),
        'Read the way you taught for this supplier: Supplier invoice number.',
      );
      expect(await page.getByTestId('capture-warnings').count()).toBe(0);
      await page.getByTestId('cap-invoice-number').focus();
      await shot(page, '08-second-invoice-learned');

      // What was learned, exported as JSON from the review screen.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('capture-export-learned').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^learned-supplier-layouts-harbor-lofts-\d{4}-\d{2}-\d{2}\.json$/,
      );
      const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
        format: string;
        companyId: string;
        suppliers: {
          supplierId: string;
          supplierName: string;
          fields: { field: string; example: string; taughtBy: string }[];
        }[];
      };
      expect(exported.format).toBe('ledgerbridge.capture-learned-fields');
      expect(exported.companyId).toBe(company.id);
      expect(exported.suppliers).toHaveLength(1);
      expect(exported.suppliers[0]).toMatchObject({
        supplierId: supplier.id,
        supplierName: LEARNABLE_SUPPLIER.name,
      });
      // The corrected number, and what the bookkeeper saved as read (confirmed) alongside it.
      expect(exported.suppliers[0]?.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'invoiceNumber', example: truthA.number, taughtBy: 'correction' }),
          expect.objectContaining({ field: 'date', taughtBy: 'confirmation' }),
        ]),
      );
      await expectText(
        page.getByTestId('capture-export-notice'),
        /^Saved learned-supplier-layouts-.*: \d+ fields of 1 supplier\.$/,
      );
      await shot(page, '09-learned-exported');

      // Saved as read: nothing corrected, so nothing new is taught.
      await page.getByTestId('capture-save').click();
      await page.getByTestId('document-number').waitFor();
      expect(await page.getByTestId('capture-learned-saved').count()).toBe(0);
      await context.close();
    },
    TEST_TIMEOUT,
  );

  it(
    'says the euro was inferred from "€", saves the printed tax once the lines get their rate, exports what it learned',
    async () => {
      // The company works in dollars; the supplier has no currency on file; two of the company's rates are 19 %,
      // so the printed 19 % MwSt. fits no single rate and the lines start without one.
      const company = await api('companies.create', { name: 'Lindenhof Praxis', baseCurrency: 'USD' });
      await api('suppliers.create', { companyId: company.id, ...EURO_SUPPLIER });
      await api('taxRates.create', { companyId: company.id, name: 'MwSt. 19 % Waren', percent: '19' });
      await api('taxRates.create', { companyId: company.id, name: 'MwSt. 19 % Leistungen', percent: '19' });
      const invoice = await signInvoicePdf('euro');

      const { context, page } = await documentsPage(company.id);
      await captureFile(page, 'kessler.pdf', invoice.pdf);
      await poll(() => page.getByTestId('cap-invoice-number').inputValue()).toBe(invoice.number);
      // The currency: the euro, from the sign, and the field says so.
      expect(await page.getByTestId('cap-currency').inputValue()).toBe('EUR');
      const currencyHint = page.locator('.field:has(#cap-currency) .field__hint');
      await expectText(
        currencyHint,
        'Inferred from the “€” printed on the invoice (no currency code is printed).',
      );
      // Once the value is the bookkeeper's own, the field no longer says it was inferred; typed back, it does.
      await page.getByTestId('cap-currency').fill('chf');
      await expectText(
        currencyHint,
        'Corrected: saving teaches how this supplier prints it, for its next invoice',
      );
      await shot(page, '12-currency-typed-by-the-bookkeeper');
      await page.getByTestId('cap-currency').fill('');
      await poll(() => currencyHint.count()).toBe(0);
      await page.getByTestId('cap-currency').fill('EUR');
      await expectText(
        currencyHint,
        'Inferred from the “€” printed on the invoice (no currency code is printed).',
      );
      // The tax: printed, but the draft would carry none.
      await poll(() => page.getByTestId('cap-tax').inputValue()).toBe(invoice.tax);
      expect(await page.getByTestId('cap-tax-rate').inputValue()).toBe('');
      await expectText(
        page.getByTestId('cap-tax-mismatch'),
        `The invoice prints ${invoice.tax} of tax (19 % of the net), but no tax rate is chosen for the lines: the draft’s tax would be 0.00. Choose the tax rate of the lines.`,
      );
      await expectText(
        page.getByTestId('cap-draft-totals'),
        `The draft: net ${invoice.net} + tax 0.00 = ${invoice.net}, computed from its lines and their tax rate.`,
      );
      await page.getByTestId('cap-tax-mismatch').scrollIntoViewIfNeeded();
      await shot(page, '12-euro-inferred-tax-rate-open');

      // The bookkeeper chooses the rate: the draft's tax is the printed one.
      await page.getByTestId('cap-tax-rate').selectOption({ label: 'MwSt. 19 % Waren (19 %)' });
      await expectText(
        page.getByTestId('cap-draft-totals'),
        `The draft: net ${invoice.net} + tax ${invoice.tax} = ${invoice.total}, computed from its lines and their tax rate.`,
      );
      await poll(() => page.getByTestId('cap-tax-mismatch').count()).toBe(0);
      await shot(page, '13-tax-rate-chosen');

      await page.getByTestId('capture-save').click();
      await page.getByTestId('document-number').waitFor();
      const invoices = (await api('documents.list', { companyId: company.id, type: 'invoice' })) as {
        items: { id: string }[];
      };
      const saved = (await api('documents.get', { id: invoices.items[0]!.id })) as {
        currency: string;
        totals: { tax: string; gross: string };
      };
      expect(saved.currency).toBe('EUR');
      expect(saved.totals).toMatchObject({ tax: invoice.tax, gross: invoice.total });
      await shot(page, '14-saved-with-printed-tax');

      // What saving taught (the fields checked and saved as read), exported from the Suppliers page, where the
      // bookkeeper finds it without a file open.
      await page.getByTestId('nav-suppliers').click();
      const section = page.getByTestId('learned-layouts');
      await section.scrollIntoViewIfNeeded();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByTestId('capture-export-learned').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^learned-supplier-layouts-lindenhof-praxis-\d{4}-\d{2}-\d{2}\.json$/,
      );
      const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
        suppliers: { supplierName: string; fields: { field: string; taughtBy: string }[] }[];
      };
      expect(exported.suppliers.map((s) => s.supplierName)).toEqual([EURO_SUPPLIER.name]);
      expect(exported.suppliers[0]?.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'invoiceNumber', taughtBy: 'confirmation' }),
          expect.objectContaining({ field: 'total', taughtBy: 'confirmation' }),
        ]),
      );
      await expectText(
        section.getByTestId('capture-export-notice'),
        /^Saved learned-supplier-layouts-.*\.json: /,
      );
      await shot(page, '15-learned-exported-from-suppliers');
      await context.close();
    },
    TEST_TIMEOUT,
  );
});
