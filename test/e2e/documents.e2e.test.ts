// End-to-end: the built renderer in Debian's Chromium against the headless server (DESIGN §10). A bookkeeper's
// day driven through the UI with clicks and typing: first run, a supplier, a purchase order with a document
// discount, submit, approve, the list, the log; and a CSV import with one invalid row. Screenshots of every major
// step go to test-results/e2e/documents/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSuite, openApp, useE2eApp } from './suite';
import { expectText, poll, WAIT, submitAndApprove } from './support';

const suite = e2eSuite('documents', 'documents');
const { shot } = suite;
const TEST_TIMEOUT = 120_000;

async function expectTotals(page: Page, totals: Record<string, string>): Promise<void> {
  for (const [name, amount] of Object.entries(totals)) {
    await expectText(page.getByTestId(`total-${name}`), amount);
  }
}

/** The first-run screen creates a company; when one exists already (a test run on its own), nothing happens. */
async function ensureCompany(page: Page, name: string): Promise<void> {
  const firstRun = page.getByTestId('first-run');
  const shell = page.getByTestId('nav-documents');
  await firstRun.or(shell).first().waitFor({ timeout: WAIT });
  if (!(await firstRun.isVisible())) return;
  await page.getByTestId('company-name').fill(name);
  await page.getByTestId('company-currency').fill('USD');
  await page.getByTestId('company-create').click();
  await shell.waitFor({ timeout: WAIT });
}

async function createSupplier(page: Page, name: string, fields: Record<string, string> = {}): Promise<void> {
  await page.getByTestId('nav-suppliers').click();
  await page.getByTestId('new-supplier').click();
  await page.getByTestId('supplier-form').waitFor({ timeout: WAIT });
  await page.getByTestId('supplier-name').fill(name);
  for (const [testId, value] of Object.entries(fields)) await page.getByTestId(testId).fill(value);
  await page.getByTestId('save-supplier').click();
  // Saving a new supplier opens it: the title becomes its name.
  await expectText(page.locator('.page-header h1'), name);
}

async function chooseSupplier(page: Page, testId: string, name: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.locator('option', { hasText: name }).first().waitFor({ state: 'attached', timeout: WAIT });
  await select.selectOption({ label: name });
}

describe.skipIf(!suite.runs)('Ledgerbridge in a browser (headless server)', () => {
  const app = useE2eApp(suite);

  it(
    'first run, a supplier, a purchase order with a document discount, submit, approve, the list and the log',
    async () => {
      const page = await openApp(app.e2e);
      try {
        // First run: a company.
        await page.getByTestId('first-run').waitFor();
        await shot(page, '01-first-run');
        await page.getByTestId('company-name').fill('Harbour Street Bakery');
        await page.getByTestId('company-create').click();
        await page.getByTestId('nav-documents').waitFor();
        await page.getByTestId('documents-empty').waitFor();
        await shot(page, '02-documents-empty');

        // A supplier, on the Suppliers page.
        await page.getByTestId('nav-suppliers').click();
        await page.getByTestId('suppliers-empty').waitFor();
        await shot(page, '03-suppliers-empty');
        await page.getByTestId('new-supplier').click();
        await page.getByTestId('supplier-form').waitFor();
        await page.getByTestId('supplier-name').fill('Northwind Fasteners');
        await page.getByTestId('supplier-email').fill('orders@northwind.example');
        await page.getByTestId('supplier-city').fill('Portland');
        await shot(page, '04-supplier-form');
        await page.getByTestId('save-supplier').click();
        await expectText(page.locator('.page-header h1'), 'Northwind Fasteners');
        await page.getByTestId('nav-suppliers').click();
        await expectText(page.getByTestId('supplier-link'), 'Northwind Fasteners');
        await expectText(page.getByTestId('suppliers-total'), '1 supplier');
        await shot(page, '05-suppliers-list');

        // The main flow is reachable from the keyboard: Tab to "New document", Enter opens the editor.
        await page.getByTestId('nav-documents').click();
        await page.getByTestId('documents-empty').waitFor();
        await page.locator('body').focus();
        let reached = false;
        for (let i = 0; i < 40 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate(
            () => document.activeElement?.getAttribute('data-testid') === 'new-document',
          );
        }
        expect(reached, 'Tab reaches New document').toBe(true);
        const focusRing = await page.evaluate(() => {
          const s = getComputedStyle(document.activeElement as Element);
          return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
        });
        expect(
          (focusRing.outline !== 'none' && focusRing.width !== '0px') || focusRing.shadow !== 'none',
          `New document shows where the focus is (${JSON.stringify(focusRing)})`,
        ).toBe(true);
        await shot(page, '06-keyboard-focus-new-document');
        await page.keyboard.press('Enter');
        await page.getByTestId('document-editor').waitFor();

        // A purchase order with three lines and a 5 % document discount.
        await poll(() => page.getByTestId('doc-type').inputValue()).toBe('purchase_order');
        await chooseSupplier(page, 'doc-supplier', 'Northwind Fasteners');
        const lines = [
          { description: 'Hex bolts M8 × 40, box of 100', quantity: '12', unitPrice: '4.35' },
          { description: 'Torque wrench 3/8"', quantity: '3', unitPrice: '19.99' },
          { description: 'Stainless sheet, per kg', quantity: '2.5', unitPrice: '65.00' },
        ];
        for (let i = 0; i < lines.length; i++) {
          if (i > 0) await page.getByTestId('add-line').click();
          const row = page.getByTestId('line-row').nth(i);
          await row.getByTestId('line-description').fill(lines[i]!.description);
          await row.getByTestId('line-quantity').fill(lines[i]!.quantity);
          await row.getByTestId('line-unit-price').fill(lines[i]!.unitPrice);
        }
        await page.getByTestId('doc-discount-percent').click();
        await page.getByTestId('doc-discount').fill('5');
        await page.getByTestId('doc-memo').fill('Spring stock-up for the workshop.');
        await expectTotals(page, {
          subtotal: '$274.67',
          discount: '$13.73',
          net: '$260.94',
          tax: '$0.00',
          gross: '$260.94',
        });
        await shot(page, '07-editor-preview');

        await page.getByTestId('save-document').click();
        const view = page.getByTestId('document-view');
        await view.waitFor();
        await expectText(page.getByTestId('document-status'), 'Draft');
        await expectTotals(page, {
          subtotal: '$274.67',
          discount: '$13.73',
          net: '$260.94',
          gross: '$260.94',
        });
        await poll(() => page.getByTestId('line-row').count()).toBe(3);
        const number = ((await page.getByTestId('document-number').textContent()) ?? '').trim();
        expect(number).not.toBe('');
        await shot(page, '08-document-saved');

        // Submit, then approve (through the confirm dialog when there is one).
        await submitAndApprove(page, () => shot(page, '09-document-pending'));
        await expectText(page.getByTestId('document-status'), 'Approved');
        await shot(page, '10-document-approved');

        // The Documents list shows it as Approved, and a search for its number finds it.
        await page.getByTestId('nav-documents').click();
        const row = page.locator(`[data-testid="document-row"][data-number="${number}"]`);
        await row.waitFor();
        await expectText(row.getByTestId('document-row-status'), 'Approved');
        await expectText(row.getByTestId('document-row-gross'), '$260.94');
        await shot(page, '11-documents-list');
        await page.getByTestId('filter-search').fill('ZZ-no-such-number');
        await page.getByTestId('documents-empty').waitFor();
        await page.getByTestId('filter-search').fill(number);
        await row.waitFor();
        await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe('1');
        await expectText(page.getByTestId('document-row-number'), number);
        await shot(page, '12-documents-search');

        // Open it: the log has the approval, the history every transition.
        await row.click();
        await view.waitFor();
        const timeline = page.getByTestId('log-timeline');
        await timeline.waitFor();
        const approval = timeline.getByTestId('log-entry').filter({ hasText: /Approved by / });
        await approval.first().waitFor();
        expect(await approval.first().getAttribute('data-result')).toBe('info');
        const history = page.getByTestId('history-entry');
        await poll(() => history.count()).toBeGreaterThanOrEqual(3);
        await expectText(history.first().locator('strong'), 'Approved');
        await expectText(history.last().locator('strong'), 'Draft');
        await shot(page, '13-document-log-and-history');
      } catch (error) {
        await shot(page, 'failed-purchase-order').catch(() => {});
        throw error;
      } finally {
        await page.context().close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'imports a CSV of documents: the preview shows the invalid row and its column, only the valid are imported',
    async () => {
      const page = await openApp(app.e2e);
      try {
        await ensureCompany(page, 'Harbour Street Bakery');
        await createSupplier(page, 'Globex Paper Co');

        // Tax rates have their card on the Company page; the editor's lines offer them.
        await page.getByTestId('nav-company').click();
        await page.getByTestId('tax-rates').waitFor();
        await page.getByTestId('tax-rate-name').fill('Sales tax 8.25');
        await page.getByTestId('tax-rate-percent').fill('8.25');
        await page.getByTestId('tax-rate-add').click();
        const rate = page.getByTestId('tax-rate-row').last();
        await expectText(rate.getByTestId('tax-rate-name-cell'), 'Sales tax 8.25');
        await expectText(rate.getByTestId('tax-rate-percent-cell'), '8.25 %');
        await shot(page, '19-company-with-tax-rate');
        await page.getByTestId('nav-documents').click();
        await page.getByTestId('new-document').click();
        await page
          .getByTestId('line-tax-rate')
          .locator('option', { hasText: 'Sales tax 8.25 (8.25 %)' })
          .waitFor({ state: 'attached' });
        await page.getByTestId('cancel-edit').click();
        const csv = [
          'number,type,supplier,date,description,quantity,unit_price',
          'IMP-1,purchase_order,Globex Paper Co,2024-03-01,Copy paper A4,10,4.20',
          'IMP-1,purchase_order,Globex Paper Co,2024-03-01,Toner cartridge,2,61.90',
          'IMP-2,purchase_order,Globex Paper Co,2024-03-04,Envelopes C5,"12,50",1',
          'IMP-3,invoice,Globex Paper Co,2024-03-06,Paper delivery,1,15.00',
        ].join('\n');
        const file = path.join(app.e2e.dataDir, 'documents-march.csv');
        fs.writeFileSync(file, `${csv}\n`);

        await page.getByTestId('nav-import').click();
        await page.getByTestId('import-file').waitFor();
        await shot(page, '20-import-empty');
        await page.getByTestId('import-file').setInputFiles(file);
        const preview = page.getByTestId('import-preview');
        await preview.waitFor();
        await expectText(page.getByTestId('import-valid-count'), '2');
        await expectText(page.getByTestId('import-invalid-count'), '1');
        const invalid = page.locator('[data-testid="import-record"][data-valid="false"]');
        await poll(() => invalid.count()).toBe(1);
        await expectText(invalid.getByTestId('import-record-problems'), /row 4, column “quantity”: '12,50'/);
        expect(await page.getByTestId('import-all').isDisabled()).toBe(true);
        await shot(page, '21-import-preview');

        await page.getByTestId('import-valid').click();
        await page.getByTestId('import-result').waitFor();
        await expectText(page.getByTestId('import-result').locator('h2'), 'Imported 2 documents');
        await shot(page, '22-import-result');

        await page.getByTestId('import-result-link').click();
        for (const number of ['IMP-1', 'IMP-3']) {
          await page.locator(`[data-testid="document-row"][data-number="${number}"]`).waitFor();
        }
        expect(await page.locator('[data-testid="document-row"][data-number="IMP-2"]').count()).toBe(0);
        // The import is over: no progress bar is left standing on other pages.
        await poll(() => page.getByTestId('progress').count()).toBe(0);
        const imp1 = page.locator('[data-testid="document-row"][data-number="IMP-1"]');
        await expectText(imp1.getByTestId('document-row-gross'), '$165.80');
        await shot(page, '23-documents-after-import');
      } catch (error) {
        await shot(page, 'failed-import').catch(() => {});
        throw error;
      } finally {
        await page.context().close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    'a long list: rows come page by page as it scrolls, and a change made elsewhere shows without a reload',
    async () => {
      const { api } = app.e2e;
      const company = await api<{ id: string }>('companies.create', { name: 'Long List Ltd' });
      const supplier = await api<{ id: string }>('suppliers.create', {
        companyId: company.id,
        name: 'Initech Office Supply',
      });
      const COUNT = 450; // three pages of 200
      const day = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const ids: string[] = [];
      for (let i = 0; i < COUNT; i++) {
        const doc = await api<{ id: string }>('documents.create', {
          companyId: company.id,
          type: 'purchase_order',
          number: `LL-${String(i).padStart(4, '0')}`,
          supplierId: supplier.id,
          date: day(i),
          lines: [{ description: `Item ${i}`, quantity: '1', unitPrice: '10' }],
        });
        ids.push(doc.id);
      }
      const page = await openApp(app.e2e);
      try {
        await page.getByTestId('company-select').selectOption(company.id);
        await page.getByTestId('nav-documents').click();
        await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe(String(COUNT));
        // Newest first: LL-0449 on top; the oldest, LL-0000, is row 450, on the third page.
        await page.locator('[data-testid="document-row"][data-number="LL-0449"]').waitFor();
        expect(await page.locator('[data-testid="document-row"][data-number="LL-0000"]').count()).toBe(0);
        await page
          .getByTestId('documents-list')
          .evaluate((list) => list.scrollTo({ top: list.scrollHeight }));
        const oldest = page.locator('[data-testid="document-row"][data-number="LL-0000"]');
        await oldest.waitFor();
        await expectText(oldest.getByTestId('document-row-status'), 'Draft');
        await shot(page, '24-long-list-scrolled-to-the-end');

        // Submitted through the API (another window, automation): the row on screen follows.
        await api('documents.submit', { id: ids[0] });
        await expectText(oldest.getByTestId('document-row-status'), 'Pending approval');
        // Back to the top: the first page is still there or fetched again.
        await page.getByTestId('documents-list').evaluate((list) => list.scrollTo({ top: 0 }));
        await page.locator('[data-testid="document-row"][data-number="LL-0449"]').waitFor();
      } catch (error) {
        await shot(page, 'failed-long-list').catch(() => {});
        throw error;
      } finally {
        await page.context().close();
      }
    },
    TEST_TIMEOUT,
  );
});
