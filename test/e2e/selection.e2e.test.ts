// End-to-end: selecting documents on the Documents page, in Debian's Chromium against the headless server. 20,000
// purchase orders are imported. Clicking row 3's box and shift-clicking row 9's selects the seven rows between, and
// the bulk bar says so. "Select all 20,000 matching" then reads every matching id (four pages of them, past the list's
// pages of 500 and the old cap of 5,000), and Submit for approval acts on all of them with its progress and summary.
// Screenshots go to test-results/e2e/selection/.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectText, poll } from './support';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('selection', 'documents selection');
const { shot } = suite;
const COUNT = 20_000;

describe.skipIf(!suite.runs)('Selecting documents (headless server, Chromium)', () => {
  const app = useE2eApp(suite);
  let companyId = '';
  let page: Page;

  beforeAll(async () => {
    const { e2e } = app;
    companyId = await createCompany(e2e, 'Harbour Plumbing', 'USD');
    await e2e.api('suppliers.create', { companyId, name: 'Acme Supplies', currency: 'USD' });
    const rows = ['number,type,supplier,date,description,quantity,unit_price'];
    for (let i = 0; i < COUNT; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      rows.push(`PO-${100000 + i},purchase_order,Acme Supplies,2026-11-${day},Copper pipe,2,12.40`);
    }
    const imported = await e2e.api<{ createdIds: string[] }>('documents.import', {
      companyId,
      kind: 'documents',
      format: 'csv',
      content: rows.join('\n'),
      dryRun: false,
    });
    expect(imported.createdIds).toHaveLength(COUNT);
    page = await openConnections(e2e, companyId);
    await page.getByTestId('nav-documents').click();
    await page.getByTestId('documents-page').waitFor();
  }, 600_000);

  /** The document shown on the list's row `index` (0-based). */
  const rowId = async (index: number) =>
    (await page
      .locator(`[data-testid="document-row"][data-index="${index}"]`)
      .getAttribute('data-document-id')) ?? '';
  const box = (id: string) => page.locator(`[data-testid="document-row-select"][data-document-id="${id}"]`);

  it('selects rows 3 to 9 by clicking row 3 and shift-clicking row 9', async () => {
    await poll(() => page.getByTestId('documents-total').getAttribute('data-total')).toBe(String(COUNT));
    await page.locator('[data-testid="document-row"][data-index="9"]').waitFor();
    const ids = await Promise.all([2, 3, 4, 5, 6, 7, 8].map(rowId));
    expect(new Set(ids).size).toBe(7);

    await box(ids[0]!).click();
    await poll(() => page.getByTestId('bulk-selected-count').getAttribute('data-count')).toBe('1');
    await box(ids[6]!).click({ modifiers: ['Shift'] });
    const count = page.getByTestId('bulk-selected-count');
    await poll(() => count.getAttribute('data-count')).toBe('7');
    await expectText(count, '7 selected');
    // Exactly rows 3 to 9: not row 2, not row 10.
    for (const id of ids) expect(await box(id).isChecked()).toBe(true);
    expect(await box(await rowId(1)).isChecked()).toBe(false);
    expect(await box(await rowId(9)).isChecked()).toBe(false);
    expect(await page.locator('.table__row--selected').count()).toBe(7);
    await shot(page, '01-shift-click-range');

    // Shift-clicking back inside the range takes the clicked row's new state over the range from the last click.
    await box(ids[3]!).click({ modifiers: ['Shift'] });
    await poll(() => count.getAttribute('data-count')).toBe('3');
    await page.getByTestId('bulk-clear').click();
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
  });

  it('selects all 20,000 matching documents and submits them, with progress and the summary', async () => {
    await box(await rowId(0)).click();
    const matching = page.getByTestId('bulk-select-matching');
    await expectText(matching, 'Select all 20,000 matching');
    await matching.click();
    const count = page.getByTestId('bulk-selected-count');
    await expect.poll(() => count.getAttribute('data-count'), { timeout: 120_000 }).toBe(String(COUNT));
    await expectText(count, '20,000 selected');
    await shot(page, '02-all-matching-selected');

    await page.getByTestId('bulk-submit').click();
    const summary = page.getByTestId('bulk-summary');
    await summary.waitFor();
    await expectText(summary.locator('h2'), 'Submit for approval: 20,000 documents');
    // The progress shows while the server answers, part by part.
    await page.getByTestId('bulk-progress').waitFor();
    await shot(page, '03-submit-progress');
    await expect
      .poll(() => summary.getAttribute('data-running'), { timeout: 480_000, interval: 500 })
      .toBe('false');
    await poll(() => summary.getByTestId('bulk-count-submitted').getAttribute('data-count')).toBe(
      String(COUNT),
    );
    await expectText(summary.getByTestId('bulk-headline'), '20,000 submitted for approval.');
    expect(await page.getByTestId('bulk-bar').count()).toBe(0);
    await shot(page, '04-submit-summary');

    const pending = await app.e2e.api<{ total: number }>('documents.list', {
      companyId,
      status: 'pending_approval',
      limit: 1,
    });
    expect(pending.total).toBe(COUNT);
  }, 600_000);
});
