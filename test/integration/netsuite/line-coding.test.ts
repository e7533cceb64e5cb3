// Location and department per line (issue 16: "Per line, pickers for … Location / Department") through the
// simulator: imported with the lists, stored on the document line, sent on that item or expense line (a bill judged
// against the OpenAPI subset), the header's on lines without their own, changed by a revision on the same record,
// taken from a CSV import, and a location NetSuite has made inactive holds the document naming our line.
import { describe, expect, it } from 'vitest';
import { approve, setUp, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

type Lines = { items: Record<string, unknown>[] };

async function mirrored(companyId: string, kind: 'location' | 'department', name: string) {
  const entries = await world.core.call('lists.list', { companyId, kind });
  const entry = entries.find((e) => e.name === name);
  if (!entry) throw new Error(`${kind} '${name}' was not imported`);
  return entry;
}

describe.skipIf(!ready)('NetSuite: location and department per line', () => {
  it("sends a line's own location and department, the header's on the others, and a revision's change", async () => {
    const nsEast = world.sim.seedRow('location', { name: 'East warehouse' });
    const nsOps = world.sim.seedRow('department', { name: 'Operations' });
    const nsSales = world.sim.seedRow('department', { name: 'Sales' });
    const s = await setUp(world);
    await world.core.call('lists.import', {
      connectionId: s.connection.id,
      kinds: ['location', 'department'],
    });
    const east = await mirrored(s.company.id, 'location', 'East warehouse');
    const ops = await mirrored(s.company.id, 'department', 'Operations');
    const sales = await mirrored(s.company.id, 'department', 'Sales');

    const bill = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      number: 'INV-LC-1',
      supplierInvoiceNumber: 'ACME-7701',
      supplierId: s.supplier.id,
      date: '2026-11-05',
      fields: { location: s.location.id, department: ops.id },
      lines: [
        {
          description: 'Filters',
          quantity: '2',
          unitPrice: '12.99',
          itemId: s.item.id,
          locationId: east.id,
          departmentId: sales.id,
        },
        { description: 'Freight', quantity: '1', unitPrice: '9.00', accountId: s.account.id },
      ],
    });
    expect(bill.lines.map((l) => [l.locationId, l.departmentId])).toEqual([
      [east.id, sales.id],
      [null, null],
    ]);
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: bill.id })).sync[0]).toMatchObject({
      status: 'sent',
    });
    expect(world.sim.rejected).toEqual([]);
    const [record] = world.sim.list('vendorBill');
    expect(record).toMatchObject({ location: { id: s.nsLocation }, department: { id: nsOps } });
    expect((record!.item as Lines).items).toEqual([
      expect.objectContaining({ location: { id: nsEast }, department: { id: nsSales } }),
    ]);
    expect((record!.expense as Lines).items).toEqual([
      expect.objectContaining({ location: { id: s.nsLocation }, department: { id: nsOps } }),
    ]);

    // A revision gives the freight line its own location, and takes line 1's department away (the header's then).
    await world.core.call('documents.revise', { id: bill.id });
    const current = await world.core.call('documents.get', { id: bill.id });
    await world.core.call('documents.update', {
      id: bill.id,
      lines: current.lines.map((l, i) => ({
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        itemId: l.itemId,
        accountId: l.accountId,
        locationId: i === 1 ? east.id : l.locationId,
        departmentId: i === 0 ? null : l.departmentId,
      })),
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    expect(world.sim.list('vendorBill')).toHaveLength(1);
    const [revised] = world.sim.list('vendorBill');
    expect((revised!.item as Lines).items).toEqual([
      expect.objectContaining({ location: { id: nsEast }, department: { id: nsOps } }),
    ]);
    expect((revised!.expense as Lines).items).toEqual([
      expect.objectContaining({ location: { id: nsEast }, department: { id: nsOps } }),
    ]);
    expect(world.sim.rejected).toEqual([]);
  });

  it('takes line locations and departments from a CSV import and sends them on a purchase order', async () => {
    const nsEast = world.sim.seedRow('location', { name: 'East warehouse' });
    const nsSales = world.sim.seedRow('department', { name: 'Sales' });
    const s = await setUp(world);
    await world.core.call('lists.import', {
      connectionId: s.connection.id,
      kinds: ['location', 'department'],
    });
    const csv = [
      'number,type,supplier,date,description,quantity,unit_price,account,location,department',
      'PO-LC-2,purchase_order,Acme Supplies,2026-11-03,Freight,1,10.00,Job Materials,East warehouse,Sales',
      'PO-LC-2,,,,Handling,1,5.00,Job Materials,,',
      'PO-LC-3,purchase_order,Acme Supplies,2026-11-03,Freight,1,10.00,Job Materials,West warehouse,',
    ].join('\n');
    const preview = await world.core.call('documents.import', {
      companyId: s.company.id,
      kind: 'documents',
      format: 'csv',
      content: csv,
    });
    // A name the lists do not hold is a problem on its row and column.
    expect(preview.records.flatMap((r) => r.problems)).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'location',
        message: expect.stringMatching(/No location named 'West warehouse' exists/),
      }),
    ]);
    const done = await world.core.call('documents.import', {
      companyId: s.company.id,
      kind: 'documents',
      format: 'csv',
      content: csv,
      dryRun: false,
      onlyValid: true,
    });
    expect(done.createdIds).toHaveLength(1);
    const po = await world.core.call('documents.get', { id: done.createdIds[0]! });
    expect(po.lines.map((l) => l.locationId !== null)).toEqual([true, false]);
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const [order] = world.sim.list('purchaseOrder');
    expect((order!.expense as Lines).items).toEqual([
      expect.objectContaining({ memo: 'Freight', location: { id: nsEast }, department: { id: nsSales } }),
      expect.not.objectContaining({ location: expect.anything() }),
    ]);
  });

  it('a line location NetSuite has made inactive holds the document, naming the line', async () => {
    const nsOld = world.sim.seedRow('location', { name: 'Old depot' });
    const s = await setUp(world);
    await world.core.call('lists.import', { connectionId: s.connection.id, kinds: ['location'] });
    const old = await mirrored(s.company.id, 'location', 'Old depot');
    world.sim.tables.get('location')!.find((r) => r.id === nsOld)!.isinactive = 'T';
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-LC-4',
      supplierId: s.supplier.id,
      date: '2026-11-03',
      lines: [
        { description: 'Filters', quantity: '1', unitPrice: '12.99', itemId: s.item.id },
        { description: 'Freight', quantity: '1', unitPrice: '10.00', accountId: s.account.id },
        {
          description: 'Handling',
          quantity: '1',
          unitPrice: '4.00',
          accountId: s.account.id,
          locationId: old.id,
        },
      ],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const held = await world.core.call('documents.get', { id: po.id });
    expect(held.sync[0]?.status).toBe('failed');
    expect(held.sync[0]?.lastMessage).toMatch(
      /the location on line 3 is inactive, deleted or not available in this subsidiary\. Choose another location for line 3 in a revision/,
    );
    expect(world.sim.list('purchaseOrder')).toEqual([]);
  });
});
