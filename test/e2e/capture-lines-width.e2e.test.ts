// End-to-end: the capture review's lines table at the window widths bookkeepers use (1280 px, and 1024 px on a
// laptop), in Debian's Chromium against the headless server. The review's right-hand card is narrow at 1024 px:
// the table scrolls sideways inside it, as a document's lines do, with the description kept in view and whole;
// the headings stand apart, each inside its own cell, and the last column can be scrolled into view. Screenshots
// go to test-results/e2e/capture-lines-width/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UNPLACED_INVOICE, unplacedDateInvoicePdf } from '../fixtures/capture/unplaced-date-invoice.js';
import { captureInvoice, createCompany, e2eSuite, FIRST_READ, openApp, useE2eApp } from './suite';
import { poll } from './support';

const suite = e2eSuite('capture-lines-width', 'capture review lines at narrow widths');

type Box = { left: number; right: number; top: number; bottom: number };

interface Layout {
  /** The visible part of the table: its scrolling frame, inside the card, inside the window. */
  frame: Box;
  /** Each heading's cell, and the box of its text. */
  headers: { name: string; cell: Box; text: Box | null }[];
  description: { box: Box; fits: boolean; value: string };
  scrolls: boolean;
}

async function layout(page: Page): Promise<Layout> {
  return page.getByTestId('cap-lines').evaluate((table) => {
    const box = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    const boxes: DOMRect[] = [];
    for (let el: Element | null = table.parentElement; el; el = el.parentElement) {
      if (getComputedStyle(el).overflowX !== 'visible' || el === document.documentElement)
        boxes.push(el.getBoundingClientRect());
    }
    const frame = {
      left: Math.max(0, ...boxes.map((b) => b.left)),
      right: Math.min(window.innerWidth, ...boxes.map((b) => b.right)),
      top: Math.max(0, ...boxes.map((b) => b.top)),
      bottom: Math.min(window.innerHeight * 10, ...boxes.map((b) => b.bottom)),
    };
    const headers = [...table.querySelectorAll('thead th')]
      .filter((th) => (th.textContent ?? '').trim() !== '' && !th.querySelector('.sr-only'))
      .map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        const text = range.getBoundingClientRect();
        return {
          name: (th.textContent ?? '').trim(),
          cell: box(th.getBoundingClientRect()),
          text: text.width > 0 ? box(text) : null,
        };
      });
    const input = table.querySelector<HTMLInputElement>('input[aria-label="Line 1 description"]');
    if (!input) throw new Error('no description input');
    const wrap = table.parentElement as HTMLElement;
    return {
      frame,
      headers,
      description: {
        box: box(input.getBoundingClientRect()),
        fits: input.scrollWidth <= input.clientWidth,
        value: input.value,
      },
      scrolls: wrap.scrollWidth > wrap.clientWidth,
    };
  });
}

const inside = (b: Box, frame: Box) => b.left >= frame.left - 0.5 && b.right <= frame.right + 0.5;

/** Every heading's text inside its own cell, and no two headings over each other. */
function expectHeadersApart(l: Layout, width: number): void {
  expect(l.headers.map((h) => h.name)).toEqual(['Description', 'Quantity', 'Unit price', 'Printed amount']);
  for (const h of l.headers) {
    expect(h.text, `${h.name} at ${width} px`).not.toBeNull();
    const text = h.text as Box;
    expect(text.left, `${h.name} starts inside its cell at ${width} px`).toBeGreaterThanOrEqual(
      h.cell.left - 0.5,
    );
    expect(text.right, `${h.name} ends inside its cell at ${width} px`).toBeLessThanOrEqual(
      h.cell.right + 0.5,
    );
    // Two lines at most ("Printed / amount"): a heading a word a line is one squeezed.
    expect(text.bottom - text.top, `${h.name} on two lines at most at ${width} px`).toBeLessThan(36);
  }
  for (let i = 1; i < l.headers.length; i++) {
    const [before, after] = [l.headers[i - 1], l.headers[i]];
    expect(before?.cell.right, `${before?.name} before ${after?.name} at ${width} px`).toBeLessThanOrEqual(
      (after?.cell.left ?? 0) + 0.5,
    );
  }
}

describe.skipIf(!suite.runs)('The capture review’s lines at 1280 and 1024 px (headless server)', () => {
  const app = useE2eApp(suite);

  it('keeps the description whole and the headings apart; the table scrolls inside its card', async () => {
    const { e2e } = app;
    const companyId = await createCompany(e2e, 'Northwind Facilities', 'USD');
    const page = await openApp(e2e, companyId);
    const harbour = { name: 'harbour.pdf', pdf: await unplacedDateInvoicePdf() };
    await captureInvoice(page, harbour, UNPLACED_INVOICE.number, FIRST_READ);
    await poll(() => page.getByTestId('cap-line').count()).toBe(1);

    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 860 });
      await page.getByTestId('cap-lines').scrollIntoViewIfNeeded();
      await suite.shot(page, `${width}-01-review`);
      const l = await layout(page);
      expect(l.frame.right).toBeLessThanOrEqual(width);
      expectHeadersApart(l, width);
      // The description is in view, readable, and whole.
      expect(l.description.value).toBe('Printer paper, box');
      expect(inside(l.description.box, l.frame), `description in view at ${width} px`).toBe(true);
      expect(l.description.box.right - l.description.box.left).toBeGreaterThanOrEqual(140);
      expect(l.description.fits, `description whole at ${width} px`).toBe(true);
      const wrap = page.getByTestId('cap-lines-wrap');
      // At 1024 px the card is narrower than the table: it scrolls inside it, and its edge says so.
      if (l.scrolls) await poll(() => wrap.getAttribute('data-more')).toBe('true');
      // At 1280 px the card has room for every column.
      expect(l.scrolls, `sideways scroll at ${width} px`).toBe(width < 1280);

      // Scrolled to its end: the last column is in view and whole, the description still beside it.
      await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await poll(() => wrap.getAttribute('data-more')).toBe(null);
      const end = await layout(page);
      const amount = end.headers.find((h) => h.name === 'Printed amount');
      const description = end.headers.find((h) => h.name === 'Description');
      expect(inside(amount?.cell as Box, end.frame), `Printed amount in view at ${width} px`).toBe(true);
      expect(inside(end.description.box, end.frame), `description kept in view at ${width} px`).toBe(true);
      expect(amount?.cell.left).toBeGreaterThanOrEqual((description?.cell.right ?? 0) - 0.5);
      const remove = await page.getByRole('button', { name: 'Remove line 1' }).boundingBox();
      expect(remove && remove.x + remove.width).toBeLessThanOrEqual(end.frame.right + 0.5);
      await suite.shot(page, `${width}-02-scrolled-to-the-end`);
      await wrap.evaluate((el) => el.scrollTo({ left: 0 }));
    }
    await page.context().close();
  }, 240_000);
});
