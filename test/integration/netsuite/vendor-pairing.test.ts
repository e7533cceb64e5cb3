// Needs pairing for a supplier (issue 16): with 'Create missing records' off, a bill from a supplier NetSuite has
// under another name waits; the vendors mirrored by the supplier import are offered (lists.vendors), and pairing
// the supplier with one (lists.pairVendor) releases the bill through the ledger to that vendor. The supplier the
// import made for the vendor, which has no documents, gives up the pairing; one with documents keeps it.
import { describe, expect, it } from 'vitest';
import { approve, setUp, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

async function waitingBill(companyId: string, supplierId: string, accountId: string, number: string) {
  const bill = await world.core.call('documents.create', {
    companyId,
    type: 'invoice',
    number,
    supplierInvoiceNumber: `${number}-S`,
    supplierId,
    date: '2026-11-05',
    lines: [{ description: 'Freight', quantity: '1', unitPrice: '40.00', accountId }],
  });
  await approve(world.core, bill.id);
  await world.core.app.sync.whenIdle();
  return bill;
}

describe.skipIf(!ready)('NetSuite: pairing a waiting supplier with a mirrored vendor', () => {
  it('offers the imported vendors, pairs the supplier with one and sends the bill that waited to it', async () => {
    const vendor = world.sim.seedRecord('vendor', {
      entityId: 'ACME Supplies Ltd',
      companyName: 'ACME Supplies Ltd',
      isInactive: false,
    });
    const s = await setUp(world, 'tba', { createMissing: false });
    const bill = await waitingBill(s.company.id, s.supplier.id, s.account.id, 'INV-VP-1');
    expect((await world.core.call('documents.get', { id: bill.id })).sync[0]?.status).not.toBe('sent');
    const [need] = await world.core.call('lists.needsPairing', { connectionId: s.connection.id });
    expect(need).toMatchObject({ kind: 'supplier', entityId: s.supplier.id, pairWith: [] });

    // Nothing mirrored before the supplier list is imported.
    expect(await world.core.call('lists.vendors', { connectionId: s.connection.id })).toEqual([]);
    await world.core.call('suppliers.import', { connectionId: s.connection.id });
    const vendors = await world.core.call('lists.vendors', { connectionId: s.connection.id });
    expect(vendors).toEqual([
      expect.objectContaining({ externalId: vendor.id, name: 'ACME Supplies Ltd', documents: 0 }),
    ]);

    const paired = await world.core.call('lists.pairVendor', {
      connectionId: s.connection.id,
      supplierId: s.supplier.id,
      externalId: vendor.id,
    });
    expect(paired).toMatchObject({ released: 1, name: 'ACME Supplies Ltd', unpaired: 'ACME Supplies Ltd' });
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: bill.id });
    expect(sent.sync[0]?.status).toBe('sent');
    expect(world.sim.list('vendorBill')).toEqual([
      expect.objectContaining({ entity: { id: vendor.id }, tranId: 'INV-VP-1-S' }),
    ]);
    expect(await world.core.call('lists.needsPairing', { connectionId: s.connection.id })).toEqual([]);
    // The vendor is now this supplier's; the one the import made keeps its name but no pairing.
    expect(await world.core.call('lists.vendors', { connectionId: s.connection.id })).toEqual([
      expect.objectContaining({ externalId: vendor.id, name: 'Acme Supplies', supplierId: s.supplier.id }),
    ]);
  });

  it('refuses a vendor whose supplier here has documents of its own, and one not mirrored', async () => {
    const vendor = world.sim.seedRecord('vendor', {
      entityId: 'ACME Supplies Ltd',
      companyName: 'ACME Supplies Ltd',
      isInactive: false,
    });
    const s = await setUp(world, 'tba', { createMissing: false });
    await world.core.call('suppliers.import', { connectionId: s.connection.id });
    const [mirror] = await world.core.call('lists.vendors', { connectionId: s.connection.id });
    await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-VP-2',
      supplierId: mirror!.supplierId,
      date: '2026-11-05',
      lines: [{ description: 'Freight', quantity: '1', unitPrice: '40.00', accountId: s.account.id }],
    });
    const bill = await waitingBill(s.company.id, s.supplier.id, s.account.id, 'INV-VP-2');
    await expect(
      world.core.call('lists.pairVendor', {
        connectionId: s.connection.id,
        supplierId: s.supplier.id,
        externalId: vendor.id,
      }),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/has documents of its own/) });
    await expect(
      world.core.call('lists.pairVendor', {
        connectionId: s.connection.id,
        supplierId: s.supplier.id,
        externalId: '999999',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await world.core.call('documents.get', { id: bill.id })).sync[0]?.status).not.toBe('sent');
    expect(await world.core.call('lists.vendors', { connectionId: s.connection.id })).toEqual([
      expect.objectContaining({ externalId: vendor.id, supplierId: mirror!.supplierId, documents: 1 }),
    ]);
  });
});
