// Tax on lines. By default no tax code is sent (tax left to NetSuite, as in the legacy-tax account the OpenAPI subset
// comes from, whose lines have no tax code field) and our tax rates never hold a document back. With lineTaxCodes on,
// each line carries the tax code its tax rate maps to (settings.taxCodeMap, else the tax code of the same name), and
// the simulator checks the reference: a missing map or an inactive code is a plain message with the fix.
import { describe, expect, it } from 'vitest';
import { expectSaveLeavesWaiting } from '../../fixtures/sync/settings-save.js';
import { approve, setUp, type NsWorld, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

type Lines = { items: Record<string, unknown>[] };

async function bill(w: NsWorld, s: Awaited<ReturnType<typeof setUp>>, number: string, taxRates: string[]) {
  const doc = await w.core.call('documents.create', {
    companyId: s.company.id,
    type: 'invoice',
    supplierInvoiceNumber: number,
    supplierId: s.supplier.id,
    date: '2026-11-05',
    lines: [
      {
        description: 'Filters',
        quantity: '2',
        unitPrice: '12.99',
        itemId: s.item.id,
        taxRateId: taxRates[0],
      },
      {
        description: 'Freight',
        quantity: '1',
        unitPrice: '10',
        accountId: s.account.id,
        taxRateId: taxRates[1],
      },
    ],
  });
  await approve(w.core, doc.id);
  await w.core.app.sync.whenIdle();
  return w.core.call('documents.get', { id: doc.id });
}

describe.skipIf(!ready)('NetSuite: tax codes on lines', () => {
  it('by default sends no tax code, and a tax rate with no NetSuite counterpart does not hold the bill', async () => {
    const s = await setUp(world);
    const vat = await world.core.call('taxRates.create', {
      companyId: s.company.id,
      name: 'VAT 20%',
      percent: '20',
    });
    const sent = await bill(world, s, 'TAX-0', [vat.id, vat.id]);
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    const [record] = world.sim.list('vendorBill');
    for (const sublist of ['item', 'expense'] as const)
      for (const line of (record![sublist] as Lines).items) expect(line).not.toHaveProperty('taxCode');
    expect(world.sim.rejected).toEqual([]);
  });

  it('with lineTaxCodes on, each line carries its mapped or same-named tax code; an unmapped rate or an inactive code says what to do', async () => {
    world.sim.lineTaxCodes = true;
    const standard = world.sim.seedRow('salestaxitem', { itemid: 'VAT 20%', rate: '20.00%' });
    const reducedCode = world.sim.seedRow('salestaxitem', { itemid: 'GB-R', rate: '5.00%' });
    const retired = world.sim.seedRow('salestaxitem', { itemid: 'GB-OLD', rate: '17.50%', isinactive: 'T' });
    const s = await setUp(world, 'tba', { lineTaxCodes: true });
    const vat = await world.core.call('taxRates.create', {
      companyId: s.company.id,
      name: 'VAT 20%',
      percent: '20',
    });
    const reduced = await world.core.call('taxRates.create', {
      companyId: s.company.id,
      name: 'Reduced 5%',
      percent: '5',
    });
    const old = await world.core.call('taxRates.create', {
      companyId: s.company.id,
      name: 'Old 17.5%',
      percent: '17.5',
    });

    // 'Reduced 5%' has no tax code of its name and no mapping yet.
    const unmapped = await bill(world, s, 'TAX-1', [vat.id, reduced.id]);
    expect(unmapped.sync[0]!.status).not.toBe('sent');
    expect(unmapped.sync[0]!.lastMessage).toContain(
      'Map the tax rate to a NetSuite tax code in the connection settings',
    );
    expect(world.sim.list('vendorBill')).toHaveLength(0);

    await world.core.call('connections.update', {
      id: s.connection.id,
      settings: {
        lineTaxCodes: true,
        taxCodeMap: { [reduced.id]: reducedCode, [old.id]: retired },
      },
    });
    const sent = await bill(world, s, 'TAX-2', [vat.id, reduced.id]);
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    const [record] = world.sim.list('vendorBill');
    expect((record!.item as Lines).items).toEqual([expect.objectContaining({ taxCode: { id: standard } })]);
    expect((record!.expense as Lines).items).toEqual([
      expect.objectContaining({ taxCode: { id: reducedCode } }),
    ]);

    // A tax code made inactive in NetSuite: the message names the line's tax code and the fix.
    const refused = await bill(world, s, 'TAX-3', [vat.id, old.id]);
    expect(refused.sync[0]!.status).toBe('failed');
    expect(refused.sync[0]!.lastMessage).toMatch(/tax code|taxCode/i);
    expect(refused.sync[0]!.lastMessage).toMatch(/inactive/i);
    expect(world.sim.list('vendorBill')).toHaveLength(1);
  });

  it("with 'Create missing records' off, a mapped rate goes with its tax code; an unmapped one waits", async () => {
    world.sim.lineTaxCodes = true;
    const reducedCode = world.sim.seedRow('salestaxitem', { itemid: 'GB-R', rate: '5.00%' });
    world.sim.seedVendors([{ name: 'Acme Supplies', active: true }]);
    const s = await setUp(world, 'tba', { lineTaxCodes: true, createMissing: false });
    const reduced = await world.core.call('taxRates.create', {
      companyId: s.company.id,
      name: 'Reduced 5%',
      percent: '5',
    });
    const waiting = await bill(world, s, 'TAX-4', [reduced.id, reduced.id]);
    expect(waiting.sync[0]!.status).not.toBe('sent');
    expect(waiting.sync[0]!.lastMessage).toBe(
      "Tax rate 'Reduced 5%' has no counterpart in NetSuite, and NetSuite tax rates are not created from here. Pair it in Connections → Lists.",
    );
    expect(world.sim.list('vendorBill')).toHaveLength(0);
    // Settings that cannot release it leave it waiting, in Needs pairing.
    await expectSaveLeavesWaiting(world.core, s.connection.id, waiting.id, {
      importPayments: true,
      classField: 'cost centre',
    });

    await world.core.call('connections.update', {
      id: s.connection.id,
      settings: { taxCodeMap: { [reduced.id]: reducedCode } },
    });
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: waiting.id })).sync[0]).toMatchObject({
      status: 'sent',
    });
    const [record] = world.sim.list('vendorBill');
    expect((record!.item as Lines).items).toEqual([
      expect.objectContaining({ taxCode: { id: reducedCode } }),
    ]);
    expect((record!.expense as Lines).items).toEqual([
      expect.objectContaining({ taxCode: { id: reducedCode } }),
    ]);
  });
});
