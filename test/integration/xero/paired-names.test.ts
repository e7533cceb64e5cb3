// An entry of ours that a bookkeeper paired with a differently named record of Xero is listed with that record
// (lists.list pairedWith), so the document view can say what the line goes to there. Mirrored entries, and ours
// never paired, carry no pairing.
import { describe, expect, it } from 'vitest';
import { approve, connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('Xero: entries of ours paired with a record there', () => {
  it('are listed with the record they were paired with', async () => {
    const { core, sim, org } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    sim.addContact(org, { Name: 'Acme Supplies', IsSupplier: true });
    const { company, connection } = await connectCompany(world, { createMissing: false });
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    const ours = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Materials',
    });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'AC-1',
      date: '2026-11-20',
      lines: [{ description: 'Copper', quantity: '1', unitPrice: '40', accountId: ours.id }],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    const before = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    expect(before.find((e) => e.id === ours.id)?.pairedWith).toBeUndefined();

    // Xero has no account named 'Materials': the bookkeeper pairs ours with 'Job Materials' and the bill goes.
    const mirrored = before.find((e) => e.connectionId === connection.id && e.name === 'Job Materials')!;
    await core.call('lists.pair', {
      connectionId: connection.id,
      entityType: 'list_entry',
      entityId: ours.id,
      entryId: mirrored.id,
    });
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]).toMatchObject({ status: 'sent' });
    const after = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    expect(after.find((e) => e.id === ours.id)?.pairedWith).toEqual({
      connectionId: connection.id,
      entryId: mirrored.id,
      name: 'Job Materials',
    });
    expect(after.find((e) => e.id === mirrored.id)?.pairedWith).toBeUndefined();
  });
});
