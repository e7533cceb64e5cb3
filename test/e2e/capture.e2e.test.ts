// End-to-end: supplier invoices from files, in the built renderer in Debian's Chromium against the headless
// server. "New invoice from file" opens the review (page image beside the proposed invoice, fields highlighted,
// doubtful totals marked), the bookkeeper corrects a field and saves a draft with the file attached and linked to
// its order, whose two-way match the document page shows; then two files dropped on the Documents page are read
// with progress. Screenshots go to test-results/e2e/capture/.
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { makeInvoice } from '../fixtures/capture/invoices.js';
import { renderInvoicePdf } from '../fixtures/capture/templates.js';
import {
  CHROMIUM,
  expectText,
  haveChromium,
  onCi,
  poll,
  root,
  screenshots,
  type ServerInfo,
  WAIT,
  callApi,
  startE2e,
  type E2eHarness,
} from './support';

// A folder of its own: the documents test empties test-results/e2e/ when it starts.
const shotsDir = path.join(root, 'test-results', 'e2e', 'capture');
const shot = screenshots(shotsDir);
const TEST_TIMEOUT = 120_000;
/** How long to wait for one element or value; generous for a slow 2-core CI machine. */

if (!haveChromium && !onCi) {
  console.warn(
    `Skipping the end-to-end tests: no Chromium at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium`,
  );
}

describe.skipIf(!haveChromium && !onCi)('Invoices from files (headless server, Chromium)', () => {
  let e2e: E2eHarness | undefined;
  let info: ServerInfo;
  let browser: Browser;

  const api = (method: string, input: unknown): Promise<Record<string, unknown>> =>
    callApi(info, method, input);

  beforeAll(async () => {
    e2e = await startE2e('capture', shotsDir);
    ({ info, browser } = e2e);
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  }, 30_000);

  it(
    'reads an invoice PDF, shows where each field was read, saves the corrected draft with the file and its order',
    async () => {
      if (!browser) throw new Error('no browser');
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
      // The supplier printed a total that does not add up: the review must mark it.
      const printed = { ...truth, total: (Number(truth.total) + 1).toFixed(2) };
      const pdf = await renderInvoicePdf(printed);

      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      context.setDefaultTimeout(WAIT);
      const page = await context.newPage();
      await page.goto(info.openUrl);
      await page.getByTestId('nav-documents').waitFor();
      await shot(page, '01-documents');

      await page.getByTestId('capture-file').setInputFiles({
        name: 'acme-invoice.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(pdf),
      });
      await page.getByTestId('capture-review').waitFor();
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
});
