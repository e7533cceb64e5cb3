// documents.ids: "Select all matching" on the Documents page walks the ids of every document matching the list's
// filters, a page at a time, with no cap. For each path the list takes (no search, a short search, a trigram search,
// a search with a filter the narrow table cannot answer), the ids are exactly those of documents.list, in its order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
let companyId: string;
const COUNT = 12_000;

beforeAll(async () => {
  core = await startCore();
  companyId = (await core.call('companies.create', { name: 'Ids Co', baseCurrency: 'USD' })).id;
  await core.call('suppliers.create', { companyId, name: 'Acme Supplies', currency: 'USD' });
  await core.call('suppliers.create', { companyId, name: 'Birch Timber', currency: 'USD' });
  const rows = ['number,type,supplier,date,description,quantity,unit_price'];
  for (let i = 0; i < COUNT; i++) {
    const supplier = i % 3 === 0 ? 'Birch Timber' : 'Acme Supplies';
    const date = `2026-${i % 2 === 0 ? '10' : '11'}-${String((i % 28) + 1).padStart(2, '0')}`;
    rows.push(`PO-${100000 + i},purchase_order,${supplier},${date},Copper pipe,1,4.50`);
  }
  const result = await core.call('documents.import', {
    companyId,
    kind: 'documents',
    format: 'csv',
    content: rows.join('\n'),
    dryRun: false,
  });
  expect(result.createdIds).toHaveLength(COUNT);
}, 300_000);

afterAll(async () => {
  await core.close();
});

type Filter = Record<string, string>;

/** Every id documents.ids gives for `filter`, page by page. */
async function allIds(filter: Filter, limit: number): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await core.call('documents.ids', { companyId, ...filter, offset, limit });
    ids.push(...page.ids);
    totals.push(page.total);
    if (page.ids.length < limit) break;
  }
  return { ids, totals };
}

/** The ids documents.list shows for `filter`, in its pages of 500. */
async function listed(filter: Filter): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await core.call('documents.list', { companyId, ...filter, offset, limit: 500 });
    ids.push(...page.items.map((d) => d.id));
    if (page.items.length < 500) return ids;
  }
}

describe('documents.ids', () => {
  it('gives every matching id, past any page, in the order of the list', async () => {
    const { ids, totals } = await allIds({}, 5000);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    expect(totals).toEqual([COUNT, COUNT, COUNT]);
    expect(ids).toEqual(await listed({}));
  }, 120_000);

  it.each<[string, Filter]>([
    ['a filter', { dateFrom: '2026-11-01', sort: 'number_asc' }],
    ['a short search', { search: '7' }],
    ['a trigram search', { search: 'PO-101' }],
    ['a search and a supplier filter', { search: 'Birch', dateTo: '2026-10-31' }],
    ['a search matching many, sorted by number', { search: 'Acme', sort: 'number_desc' }],
  ])(
    'matches documents.list with %s',
    async (_name, filter) => {
      const expected = await listed(filter);
      expect(expected.length).toBeGreaterThan(0);
      const { ids, totals } = await allIds(filter, 3000);
      expect(ids).toEqual(expected);
      expect(new Set(totals)).toEqual(new Set([expected.length]));
    },
    120_000,
  );

  it('refuses a page larger than 10,000 ids', async () => {
    await expect(core.call('documents.ids', { companyId, limit: 10_001 })).rejects.toThrow(/10000|10,000/);
  });
});
