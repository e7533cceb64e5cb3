import { describe, expect, it } from 'vitest';
import { PagedList } from '../../../renderer/src/lib/pagedList';
import { pagesForRange, pagesToEvict } from '../../../renderer/src/lib/pages';

const TOTAL = 100_000;
function fakeServer() {
  const calls: Array<[number, number]> = [];
  const fetcher = async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    const items = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => offset + i);
    return { total: TOTAL, items };
  };
  return { calls, fetcher };
}

describe('pages', () => {
  it('maps a row range to pages', () => {
    expect(pagesForRange(0, 30, 200)).toEqual([0]);
    expect(pagesForRange(190, 410, 200)).toEqual([0, 1, 2]);
    expect(pagesForRange(5, 4, 200)).toEqual([]);
  });

  it('evicts the pages farthest from the one in view', () => {
    expect(pagesToEvict([0, 1, 2, 50, 51], 50, 3).sort((a, b) => a - b)).toEqual([0, 1]);
    expect(pagesToEvict([1, 2], 1, 5)).toEqual([]);
  });
});

describe('PagedList', () => {
  it('fetches only the pages asked for and keeps the server total', async () => {
    const { calls, fetcher } = fakeServer();
    const list = new PagedList(fetcher, 200, 3);
    let notified = 0;
    list.subscribe(() => notified++);
    await list.load(0);
    await list.load(0);
    await list.load(249); // row 49,800 is on page 249
    expect(calls).toEqual([
      [0, 200],
      [49_800, 200],
    ]);
    expect(list.total).toBe(TOTAL);
    expect(list.row(49_801)).toBe(49_801);
    expect(list.row(300)).toBeUndefined();
    expect(notified).toBe(2);
  });

  it('keeps at most maxPages pages', async () => {
    const { fetcher } = fakeServer();
    const list = new PagedList(fetcher, 100, 2);
    await list.load(0);
    await list.load(10);
    await list.load(11);
    expect(list.has(0)).toBe(false);
    expect(list.has(10) && list.has(11)).toBe(true);
  });

  it('refreshes visible pages in place and drops the rest', async () => {
    const { calls, fetcher } = fakeServer();
    const list = new PagedList(fetcher, 100);
    await list.load(0);
    await list.load(5);
    await list.refresh([5]);
    expect(list.has(0)).toBe(false);
    expect(list.row(500)).toBe(500);
    expect(calls.length).toBe(3);
  });

  it('ignores answers after dispose', async () => {
    const { fetcher } = fakeServer();
    const list = new PagedList(fetcher, 100);
    const pending = list.load(0);
    list.dispose();
    await pending;
    expect(list.total).toBeNull();
  });
});
