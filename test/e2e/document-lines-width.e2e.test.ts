// End-to-end: a document's lines table at the window widths bookkeepers use (1280 px, and 1024 px on a laptop or a
// window beside the PDF), in Debian's Chromium against the headless server. A bill whose lines are coded to an
// account, a class and a customer, with a discount and a tax rate, has the table's widest columns; every column,
// Net amount and Tax the last, can be read: the table scrolls sideways inside its card while the line's number and
// description stay in view, and nothing of it is cut off by the card or the window. Screenshots go to
// test-results/e2e/document-lines-width/.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';
import { poll } from './support';

const suite = e2eSuite('document-lines-width', 'document lines at narrow widths');
const { shot } = suite;

/** Where a box of the page is, as the bookkeeper sees it. */
type Box = { left: number; right: number; top: number; bottom: number };

/** The visible part of the lines table (its scrolling frame, inside the card, inside the window). */
async function visibleFrame(page: Page, table = '[data-testid="document-lines"]'): Promise<Box> {
  return page.locator(table).evaluate((table) => {
    const boxes: DOMRect[] = [];
    for (let el: Element | null = table.parentElement; el; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.overflowX !== 'visible' || el === document.documentElement)
        boxes.push(el.getBoundingClientRect());
    }
    return {
      left: Math.max(0, ...boxes.map((b) => b.left)),
      right: Math.min(window.innerWidth, ...boxes.map((b) => b.right)),
      top: Math.max(0, ...boxes.map((b) => b.top)),
      bottom: Math.min(window.innerHeight * 10, ...boxes.map((b) => b.bottom)),
    };
  });
}

async function boxOf(locator: Locator): Promise<Box> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
}

/** The header cell's box: where "Net amount" or "#" stands now. */
async function headerBox(page: Page, name: string, table = '[data-testid="document-lines"]'): Promise<Box> {
  return boxOf(
    page
      .locator(table)
      .locator('thead th', { hasText: new RegExp(`^${name}$`) })
      .first(),
  );
}

const inside = (box: Box, frame: Box) => box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5;

describe.skipIf(!suite.runs)('A document’s lines at 1280 and 1024 px (headless server)', () => {
  const app = useE2eApp(suite);

  it('every column can be read; the table scrolls inside its card with the line’s description kept in view', async () => {
    const { e2e } = app;
    const { api } = e2e;
    const companyId = await createCompany(e2e, 'Harbour Street Bakery', 'USD');
    const supplier = await api<{ id: string }>('suppliers.create', {
      companyId,
      name: 'Northwind Commercial Kitchen Supplies',
    });
    const entry = (kind: string, name: string) =>
      api<{ id: string }>('lists.create', { companyId, kind, name });
    const account = await entry('account', 'Kitchen equipment repairs and maintenance');
    const klass = await entry('class', 'Bakery production — night shift');
    const customer = await entry('customer', 'Harbour Street Catering Events');
    const rate = await api<{ id: string }>('taxRates.create', {
      companyId,
      name: 'Sales tax 8.875 %',
      percent: '8.875',
    });
    const line = (description: string, quantity: string, unitPrice: string) => ({
      description,
      quantity,
      unitPrice,
      discount: { percent: '12.5' },
      accountId: account.id,
      classId: klass.id,
      customerId: customer.id,
      taxRateId: rate.id,
    });
    const bill = await api<{ id: string }>('documents.create', {
      companyId,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'NW-2026-004817',
      date: '2026-11-05',
      lines: [
        line('Replacement thermostat for deck oven, model DO-4 (fitted)', '1', '1249.95'),
        line('Service call, two technicians, after hours', '3.5', '185.00'),
      ],
    });

    const page = await openConnections(e2e, companyId);
    await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${bill.id}`);
    await page.locator(`[data-testid="document-view"][data-document-id="${bill.id}"]`).waitFor();
    await poll(() => page.getByTestId('line-coded').count()).toBe(6);

    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 860 });
      const frame = await visibleFrame(page);
      await shot(page, `${width}-01-lines`);
      // The table's frame lies inside the window: nothing of it is hidden beyond the window's edge.
      expect(frame.right).toBeLessThanOrEqual(width);
      // The description keeps a readable width (not a word a line).
      const description = await headerBox(page, 'Description');
      expect(description.right - description.left, `Description at ${width} px`).toBeGreaterThanOrEqual(150);
      const wrap = page.locator('.lines-wrap');
      const sideways = await wrap.evaluate((el) => el.scrollWidth > el.clientWidth);
      // At 1280 px every column fits; at 1024 px the edge says there is more to the right.
      expect(sideways, `sideways scroll at ${width} px`).toBe(width < 1280);
      await poll(() => wrap.getAttribute('data-more')).toBe(width < 1280 ? 'true' : null);
      // Scrolled to its end, the last columns are in view, whole.
      await page
        .getByTestId('document-lines')
        .evaluate((table) => table.parentElement!.scrollTo({ left: table.scrollWidth }));
      for (const name of ['Net amount', 'Tax']) {
        expect(inside(await headerBox(page, name), frame), `${name} at ${width} px`).toBe(true);
      }
      const netAmounts = page.getByTestId('line-net-amount');
      for (let i = 0; i < 2; i++) {
        const box = await boxOf(netAmounts.nth(i));
        expect(inside(box, frame), `line ${i + 1}'s net amount at ${width} px`).toBe(true);
      }
      // The line's number and description stay in view beside them.
      for (const name of ['#', 'Description']) {
        expect(inside(await headerBox(page, name), frame), `${name} at ${width} px, scrolled`).toBe(true);
      }
      if (width < 1280) await poll(() => wrap.getAttribute('data-more')).toBe(null);
      await shot(page, `${width}-02-lines-scrolled-to-the-end`);
      await page
        .getByTestId('document-lines')
        .evaluate((table) => table.parentElement!.scrollTo({ left: 0 }));
    }
    // The editor's lines: the same at both widths, with inputs in the cells, and the page itself never wider than
    // the window.
    await page.getByTestId('action-edit').click();
    await page.getByTestId('document-editor').waitFor();
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 860 });
      const wrap = page.locator('.lines-wrap');
      await shot(page, `${width}-03-editor-lines`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(width < 1280);
      const frame = await visibleFrame(page, '.lines-table');
      const input = await boxOf(page.getByTestId('line-description').first());
      expect(input.right - input.left, `description input at ${width} px`).toBeGreaterThanOrEqual(140);
      await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      for (const name of ['#', 'Description', 'Net amount']) {
        expect(inside(await headerBox(page, name, '.lines-table'), frame), `${name} at ${width} px`).toBe(
          true,
        );
      }
      expect(inside(await boxOf(page.getByTestId('line-remove').first()), frame)).toBe(true);
      expect(inside(await boxOf(page.getByTestId('line-description').first()), frame)).toBe(true);
      await shot(page, `${width}-04-editor-lines-scrolled-to-the-end`);
      await wrap.evaluate((el) => el.scrollTo({ left: 0 }));
    }
    await page.context().close();
  }, 240_000);
});
