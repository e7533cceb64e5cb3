// End-to-end: coding a bill's lines at 1024 px (a laptop, or a window beside the supplier's PDF), in Debian's
// Chromium against the headless server, with the lists read from the QuickBooks Desktop simulator through the fake
// Web Connector. The lines table is wider than its card there and scrolls sideways with the line's number and
// description kept in place. A bookkeeper who scrolled it to see the amounts opens a line's pickers: each list opens
// whole, over the table's fixed columns and the other lines (not under them, not cut off by the card or the window),
// and an entry is taken by clicking it. Screenshots go to test-results/e2e/line-pickers-narrow/.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { onCi, poll } from './support';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('line-pickers-narrow', 'line pickers at 1024 px', {
  dir: '../shared/oracles/qbwc/',
  available: () => wsdlOracleAvailable() || onCi,
});

/** For each option drawn in the open list: whether the bookkeeper sees it (nothing drawn over its middle, in the window). */
async function optionsSeen(listbox: Locator): Promise<{ name: string; seen: boolean }[]> {
  await listbox.waitFor();
  return listbox.evaluate((list) => {
    const frame = list.getBoundingClientRect();
    // The rows drawn within the list's own box (it scrolls; the virtualizer draws a few more beyond it).
    const shown = [...list.querySelectorAll('[role="option"]')].filter((option) => {
      const r = option.getBoundingClientRect();
      return r.top >= frame.top - 0.5 && r.bottom <= frame.bottom + 0.5;
    });
    return shown.map((option) => {
      const r = option.getBoundingClientRect();
      const x = r.left + Math.min(r.width / 2, 60);
      const y = r.top + r.height / 2;
      const inWindow = x >= 0 && y >= 0 && x <= window.innerWidth && y <= window.innerHeight;
      const top = inWindow ? document.elementFromPoint(x, y) : null;
      return { name: option.textContent ?? '', seen: Boolean(top && option.contains(top)) };
    });
  });
}

/** The line pickers the bookkeeper cannot see whole: something else drawn over either end of the input. */
async function pickersHidden(page: Page): Promise<string[]> {
  return page.locator('.lines-table').evaluate((table) =>
    [...table.querySelectorAll<HTMLInputElement>('[role="combobox"]')]
      .filter((input) => {
        const r = input.getBoundingClientRect();
        const y = r.top + r.height / 2;
        return [r.left + 3, r.right - 3].some((x) => document.elementFromPoint(x, y) !== input);
      })
      .map((input) => input.getAttribute('aria-label') ?? ''),
  );
}

describe.skipIf(!suite.runs)('Line pickers at 1024 px (headless server, simulator)', () => {
  const qbd = useE2eApp(suite);

  it('open over the fixed columns and the other lines, whole, with the table scrolled sideways', async () => {
    const { e2e } = qbd;
    const { api } = e2e;
    const sim = new QbdSimulator({ companyName: 'Harbour Street Bakery' });
    for (let i = 1; i <= 12; i++) sim.addAccount(`Kitchen repairs ${String(i).padStart(2, '0')}`, 'Expense');
    sim.addCustomer('Harbour Street Catering Events');
    sim.addCustomer('Harbour Street Catering Events:Wedding, 14 Nov');
    const companyId = await createCompany(e2e, 'Harbour Street Bakery', 'USD');
    const connection = await connectQuickBooksDesktop(e2e, companyId, { username: 'pickers-e2e' });
    await connection.runSessions(sim);
    await poll(async () =>
      (await api<{ name: string }[]>('lists.list', { companyId, kind: 'account' })).map((a) => a.name),
    ).toContain('Kitchen repairs 12');
    await api('suppliers.create', { companyId, name: 'Northwind Commercial Kitchen Supplies' });

    const page = await openConnections(e2e, companyId);
    try {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.evaluate(() => (window.location.hash = '#/documents/new'));
      await page.getByTestId('document-editor').waitFor();
      await page.getByTestId('doc-type').selectOption('invoice');
      const supplier = page.getByTestId('doc-supplier');
      await supplier.locator('option', { hasText: 'Northwind' }).waitFor({ state: 'attached' });
      await supplier.selectOption({ label: 'Northwind Commercial Kitchen Supplies' });
      await page.getByTestId('add-line').click();
      await page.getByTestId('add-line').click();
      const rows = page.getByTestId('line-row');
      await poll(() => rows.count()).toBe(3);
      for (let i = 0; i < 3; i++) {
        await rows
          .nth(i)
          .getByTestId('line-description')
          .fill(`Deck oven part ${i + 1}`);
        await rows.nth(i).getByTestId('line-quantity').fill('1');
        await rows.nth(i).getByTestId('line-unit-price').fill('100.00');
      }
      // The amounts are off to the right at 1024 px: the bookkeeper scrolls the lines to them.
      const wrap = page.locator('.lines-wrap');
      expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await wrap.scrollIntoViewIfNeeded();
      const view = (name: string) => page.screenshot({ path: path.join(suite.shotsDir, `1024-${name}.png`) });
      await page.evaluate(() => window.scrollBy(0, 200));
      await view('00-lines');
      // Every line's pickers are in view whole, before and after the table scrolls sideways: none under the line's
      // number, none beyond the card's edge.
      expect(await pickersHidden(page)).toEqual([]);
      await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await poll(() => wrap.getAttribute('data-scrolled')).toBe('true');
      await view('00-lines-scrolled');
      expect(await pickersHidden(page)).toEqual([]);

      for (const [name, typed] of [
        ['Account for line 1', 'kitchen'],
        ['Customer or job for line 2', 'harbour'],
        ['Account for line 3', 'kitchen'],
      ] as const) {
        const input = page.getByRole('combobox', { name, exact: true });
        await input.scrollIntoViewIfNeeded();
        await input.click();
        await input.fill(typed);
        const listbox = page.getByRole('listbox', { name, exact: true });
        const seen = await optionsSeen(listbox);
        // What the bookkeeper sees: the window as it is (the suite's shots grow it to the page's height).
        await view(name.replace(/ /g, '-').toLowerCase());
        // A list of 12 accounts shows 8 at a time; the customers, 2.
        expect(seen.length, name).toBe(typed === 'kitchen' ? 8 : 2);
        expect(
          seen.filter((o) => !o.seen).map((o) => o.name),
          `${name}: options hidden`,
        ).toEqual([]);
        const first = listbox.getByRole('option').first();
        const chosen = (await first.getByTestId('option-name').textContent()) ?? '';
        await first.click();
        await poll(() => input.inputValue()).toBe(chosen);
      }
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
