// A supplier's defaults for new lines through the API: kept and read back, none by default, an item and an account
// never both, each id checked against the company's lists and its kind, and gone with a list entry removed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedCompany, startCore, type TestCore } from '../../fixtures/core.js';

let core: TestCore;
beforeEach(async () => {
  core = await startCore();
});
afterEach(async () => {
  await core.close();
});

describe('supplier coding defaults', () => {
  it('keeps an account or item, class, location and tax rate per supplier, checking each', async () => {
    const { company, supplier, vat } = await seedCompany(core);
    const entry = (kind: 'account' | 'item' | 'class' | 'location', name: string) =>
      core.call('lists.create', { companyId: company.id, kind, name });
    const gas = await entry('account', 'Utilities:Gas');
    const pipe = await entry('item', 'Copper pipe');
    const plumbing = await entry('class', 'Plumbing');
    const north = await entry('location', 'North yard');

    expect(await core.call('suppliers.codingDefaults', { supplierId: supplier.id })).toEqual({
      supplierId: supplier.id,
      itemId: null,
      accountId: null,
      classId: null,
      locationId: null,
      taxRateId: null,
      trackingOptionIds: [],
      setBy: null,
    });
    const saved = await core.call('suppliers.setCodingDefaults', {
      supplierId: supplier.id,
      accountId: gas.id,
      classId: plumbing.id,
      locationId: north.id,
      taxRateId: vat.id,
    });
    expect(saved).toMatchObject({
      accountId: gas.id,
      itemId: null,
      classId: plumbing.id,
      locationId: north.id,
      setBy: 'bookkeeper',
    });
    expect(await core.call('suppliers.codingDefaults', { supplierId: supplier.id })).toEqual(saved);

    // An item and an account together, or an entry of the wrong kind, is refused with the field named.
    await expect(
      core.call('suppliers.setCodingDefaults', {
        supplierId: supplier.id,
        itemId: pipe.id,
        accountId: gas.id,
      }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'accountId' })] });
    await expect(
      core.call('suppliers.setCodingDefaults', { supplierId: supplier.id, classId: gas.id }),
    ).rejects.toMatchObject({
      problems: [
        { field: 'classId', message: expect.stringMatching(/^The default class chosen does not exist/) },
      ],
    });
    // Another company's entry is not this supplier's to use.
    const other = await core.call('companies.create', { name: 'Other Co', baseCurrency: 'USD' });
    const theirs = await core.call('lists.create', { companyId: other.id, kind: 'item', name: 'Theirs' });
    await expect(
      core.call('suppliers.setCodingDefaults', { supplierId: supplier.id, itemId: theirs.id }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'itemId' })] });

    const item = await core.call('suppliers.setCodingDefaults', { supplierId: supplier.id, itemId: pipe.id });
    expect(item).toMatchObject({ itemId: pipe.id, accountId: null, classId: null, taxRateId: null });
  });
});
