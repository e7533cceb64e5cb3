// The document header's subsidiary and class (issue 16: "NetSuite: subsidiary, location, department, class as its
// form has them") through the simulator: imported with the lists, sent on the record body (a bill judged against
// the OpenAPI subset), the class also on each line that has none of its own, the connection's subsidiary when the
// document names none, and both changed by a revision on the same record.
import { describe, expect, it } from 'vitest';
import { approve, setUp, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

type Lines = { items: Record<string, unknown>[] };

async function mirrored(companyId: string, kind: 'subsidiary' | 'class', name: string) {
  const entries = await world.core.call('lists.list', { companyId, kind });
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${kind} '${name}' was not imported`);
  return entry;
}

describe.skipIf(!ready)('NetSuite: subsidiary and class on the document header', () => {
  it('imports subsidiaries and classes, sends them on a bill body and the class on lines without one', async () => {
    const nsWest = world.sim.seedRow('subsidiary', { name: 'Northwind West' });
    const nsRetail = world.sim.seedRow('classification', { name: 'Retail' });
    const nsWholesale = world.sim.seedRow('classification', { name: 'Wholesale' });
    const s = await setUp(world);
    // "Import every list" (no kinds named) reads every list NetSuite has, subsidiaries and locations among them.
    const imported = await world.core.call('lists.import', { connectionId: s.connection.id });
    expect(imported.byKind).toMatchObject({ subsidiary: 2, class: 2, location: 1 });
    const west = await mirrored(s.company.id, 'subsidiary', 'Northwind West');
    const retail = await mirrored(s.company.id, 'class', 'Retail');
    const wholesale = await mirrored(s.company.id, 'class', 'Wholesale');

    const bill = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      number: 'INV-HC-1',
      supplierInvoiceNumber: 'ACME-5501',
      supplierId: s.supplier.id,
      date: '2026-11-05',
      fields: { subsidiary: west.id, class: retail.id },
      lines: [
        { description: 'Filters', quantity: '2', unitPrice: '12.99', itemId: s.item.id },
        {
          description: 'Freight',
          quantity: '1',
          unitPrice: '9.00',
          accountId: s.account.id,
          classId: wholesale.id,
        },
      ],
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: bill.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    expect(world.sim.rejected).toEqual([]);
    const [record] = world.sim.list('vendorBill');
    expect(record).toMatchObject({ subsidiary: { id: nsWest }, class: { id: nsRetail } });
    // The line without a class takes the document's; the line with its own keeps it.
    expect((record!.item as Lines).items).toEqual([expect.objectContaining({ class: { id: nsRetail } })]);
    expect((record!.expense as Lines).items).toEqual([
      expect.objectContaining({ class: { id: nsWholesale } }),
    ]);

    // A revision changes both on the same record.
    await world.core.call('documents.revise', { id: bill.id });
    const home = await mirrored(s.company.id, 'subsidiary', 'Northwind US');
    await world.core.call('documents.update', {
      id: bill.id,
      fields: { subsidiary: home.id, class: wholesale.id },
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    expect(world.sim.list('vendorBill')).toHaveLength(1);
    const [revised] = world.sim.list('vendorBill');
    expect(revised).toMatchObject({ subsidiary: { id: '1' }, class: { id: nsWholesale } });
    expect((revised!.item as Lines).items).toEqual([expect.objectContaining({ class: { id: nsWholesale } })]);
    expect(world.sim.rejected).toEqual([]);
  });

  it("goes in the connection's subsidiary when the document names none, and a header class reaches a purchase order", async () => {
    const nsRetail = world.sim.seedRow('classification', { name: 'Retail' });
    const s = await setUp(world);
    await world.core.call('lists.import', { connectionId: s.connection.id, kinds: ['class'] });
    const retail = await mirrored(s.company.id, 'class', 'Retail');
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-HC-2',
      supplierId: s.supplier.id,
      date: '2026-11-03',
      fields: { class: retail.id },
      lines: [{ description: 'Freight', quantity: '1', unitPrice: '10.00', accountId: s.account.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const [order] = world.sim.list('purchaseOrder');
    expect(order).toMatchObject({ subsidiary: { id: '1' }, class: { id: nsRetail } });
    expect((order!.expense as Lines).items).toEqual([expect.objectContaining({ class: { id: nsRetail } })]);
  });

  it('a subsidiary NetSuite has made inactive holds the document with its reason', async () => {
    const nsOld = world.sim.seedRow('subsidiary', { name: 'Northwind Old' });
    const s = await setUp(world);
    await world.core.call('lists.import', { connectionId: s.connection.id, kinds: ['subsidiary'] });
    const old = await mirrored(s.company.id, 'subsidiary', 'Northwind Old');
    world.sim.tables.get('subsidiary')!.find((r) => r.id === nsOld)!.isinactive = 'T';
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-HC-3',
      supplierId: s.supplier.id,
      date: '2026-11-03',
      fields: { subsidiary: old.id },
      lines: [{ description: 'Freight', quantity: '1', unitPrice: '10.00', accountId: s.account.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const held = await world.core.call('documents.get', { id: po.id });
    expect(held.sync[0]?.status).toBe('failed');
    expect(held.sync[0]?.lastMessage).toMatch(/subsidiary/i);
    expect(world.sim.list('purchaseOrder')).toEqual([]);
  });
});
