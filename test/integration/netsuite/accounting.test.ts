// NetSuite through the optional capabilities: lists imported with SuiteQL page by page (limit/offset, ordered by
// id), suppliers synced both ways, vendor payments read since the checkpoint (partly paid → paid; voided → unpaid).
import { describe, expect, it } from 'vitest';
import { netSuiteDescriptor } from '../../../main/connectors/netsuite/descriptor.js';
import { ListKind } from '../../../preload/schemas.js';
import { approve, setUp, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('NetSuite: lists, suppliers, payments', () => {
  it('imports every list with SuiteQL, more than one page of items', async () => {
    const s = await setUp(world);
    for (let i = 0; i < 1203; i++) world.sim.seedRow('item', { itemid: `Part ${i}`, itemtype: 'InvtPart' });
    world.sim.seedRow('department', { name: 'Maintenance' });
    world.sim.seedRow('classification', { name: 'Commercial', isinactive: 'T' });
    world.sim.seedRow('customer', { entityid: 'Harbor Mall' });
    world.sim.seedRow('term', { name: 'Net 30' });
    world.sim.seedRow('salestaxitem', { itemid: 'CA-8.25', rate: '8.25%' });
    const result = await world.core.call('lists.import', {
      connectionId: s.connection.id,
      kinds: ['account', 'item', 'department', 'class', 'customer', 'term', 'tax_code', 'location'],
    });
    expect(result.byKind).toMatchObject({
      account: 1,
      item: 1204,
      department: 1,
      class: 1,
      customer: 1,
      term: 1,
      tax_code: 1,
      location: 1,
    });
    // Every list the connector states (the Lists page shows these), and no other, comes from the import.
    const everything = await world.core.call('lists.import', {
      connectionId: s.connection.id,
      kinds: ListKind.options,
    });
    expect(Object.keys(everything.byKind).sort()).toEqual([...netSuiteDescriptor.listKinds].sort());
    const overview = await world.core.call('lists.overview', { connectionId: s.connection.id });
    expect(overview.kinds).toEqual(netSuiteDescriptor.listKinds);
    const classes = await world.core.call('lists.list', { companyId: s.company.id, kind: 'class' });
    expect(classes.find((c) => c.name === 'Commercial')).toMatchObject({ active: false });
    const accounts = await world.core.call('lists.list', { companyId: s.company.id, kind: 'account' });
    expect(accounts.find((a) => a.externalId === s.nsAccount)).toMatchObject({
      name: 'Job Materials',
      code: '6100',
    });
  });

  it('syncs suppliers both ways: theirs imported, ours created as vendors with an external id', async () => {
    const s = await setUp(world);
    world.sim.seedRecord('vendor', {
      entityId: 'Beacon Electric',
      companyName: 'Beacon Electric',
      email: 'ap@beacon.test',
      isInactive: false,
    });
    const result = await world.core.call('suppliers.sync', {
      connectionId: s.connection.id,
      importUnmatched: true,
    });
    expect(result).toBeDefined();
    const suppliers = await world.core.call('suppliers.list', { companyId: s.company.id });
    expect(suppliers.items.map((x) => x.name).sort()).toEqual(['Acme Supplies', 'Beacon Electric']);
    const created = await world.core.call('suppliers.createExternal', {
      connectionId: s.connection.id,
      supplierId: s.supplier.id,
    });
    expect(created.links).toHaveLength(1);
    expect(world.sim.list('vendor').find((v) => v.externalId === `lb-sup-${s.supplier.id}`)).toMatchObject({
      companyName: 'Acme Supplies',
      phone: '555-0100',
    });
    expect(world.sim.rejected).toEqual([]);
  });

  it('reads vendor payments since the checkpoint: partly paid, paid, and a voided payment undone', async () => {
    const s = await setUp(world);
    const bill = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'invoice',
      number: 'B-PAY',
      supplierInvoiceNumber: 'ACME-PAY',
      supplierId: s.supplier.id,
      date: '2026-11-05',
      lines: [{ description: 'Filters', quantity: '4', unitPrice: '25.00', itemId: s.item.id }],
    });
    await approve(world.core, bill.id);
    await world.core.app.sync.whenIdle();
    const billId = (await world.core.call('documents.get', { id: bill.id })).sync[0]!.externalId!;

    const first = world.sim.payBills({ [billId]: 40 }, '2026-11-20');
    const polled = await world.core.call('payments.sync', { connectionId: s.connection.id });
    expect(polled.imported).toBe(1);
    expect(polled.checkpoint).toBeTruthy();
    expect((await world.core.call('documents.get', { id: bill.id })).paymentStatus).toBe('partly_paid');

    world.sim.payBills({ [billId]: 60 }, '2026-11-21');
    const second = await world.core.call('payments.sync', { connectionId: s.connection.id });
    expect(second.imported).toBe(1); // only the payment changed since the checkpoint
    expect((await world.core.call('documents.get', { id: bill.id })).paymentStatus).toBe('paid');

    world.sim.voidPayment(first.id);
    const voided = await world.core.call('payments.sync', { connectionId: s.connection.id });
    expect(voided.canceled).toBe(1);
    expect((await world.core.call('documents.get', { id: bill.id })).paymentStatus).toBe('partly_paid');

    const ranged = await world.core.call('payments.import', {
      connectionId: s.connection.id,
      from: '2026-11-21',
      to: '2026-11-30',
    });
    expect(ranged.checkpoint).toBeNull();
  });

  it('lists the subsidiaries the role can see, marking the one this company maps to', async () => {
    const s = await setUp(world);
    world.sim.tables.get('subsidiary')!.push({ id: '2', name: 'Northwind EU', parent: '1', isinactive: 'F' });
    const subsidiaries = await world.core.call('netsuite.subsidiaries', { connectionId: s.connection.id });
    expect(subsidiaries).toEqual([
      { id: '1', name: 'Northwind US', parentId: null, active: true, chosen: true },
      { id: '2', name: 'Northwind EU', parentId: '1', active: true, chosen: false },
    ]);
  });
});
