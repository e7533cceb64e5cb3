// The connection's settings are checked on save: "approved purchase orders and receipts" is one choice, so
// `receipts` and 'receipt' in documentsToSend must agree; a mismatch is refused on the receipts field with the fix.
// A OneWorld account needs the subsidiary chosen: connecting says so, and a document sent without one says where.
import { describe, expect, it } from 'vitest';
import { approve, connectCompany, setUp, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('NetSuite: settings', () => {
  it('refuses receipts on without receipts among the documents to send, and the reverse', async () => {
    const company = await world.core.call('companies.create', { name: 'Receipts Co', baseCurrency: 'USD' });
    const create = (settings: Record<string, unknown>) =>
      world.core.call('connections.create', {
        companyId: company.id,
        system: 'netsuite',
        settings: { ...world.sim.connectionSettings('tba'), ...settings },
      });
    await expect(create({ receipts: true })).rejects.toMatchObject({
      problems: [expect.objectContaining({ field: 'receipts', message: expect.stringContaining('both on') })],
    });
    await expect(
      create({ documentsToSend: ['purchase_order', 'receipt'], receipts: false }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'receipts' })] });

    const { connection } = await connectCompany(world);
    expect(connection.settings).toMatchObject({ receipts: false });
    const both = await world.core.call('connections.update', {
      id: connection.id,
      settings: { documentsToSend: ['purchase_order', 'service_order', 'receipt'], receipts: true },
    });
    expect(both.settings).toMatchObject({
      receipts: true,
      documentsToSend: ['purchase_order', 'service_order', 'receipt'],
    });
    await expect(
      world.core.call('connections.update', {
        id: connection.id,
        settings: { documentsToSend: ['invoice'] },
      }),
    ).rejects.toMatchObject({ problems: [expect.objectContaining({ field: 'receipts' })] });
  });

  it('says at connect and at send that the subsidiary is still to be chosen', async () => {
    const s = await setUp(world, 'tba', { subsidiaryId: null });
    const test = await world.core.call('connections.test', { id: s.connection.id });
    expect(test).toMatchObject({ ok: true });
    expect(test.message).toContain('Choose the subsidiary this company is in the NetSuite settings');
    const po = await world.core.call('documents.create', {
      companyId: s.company.id,
      type: 'purchase_order',
      number: 'PO-NOSUB',
      supplierId: s.supplier.id,
      date: '2026-11-03',
      lines: [{ description: 'Filters', quantity: '1', unitPrice: '12.99', itemId: s.item.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    const got = await world.core.call('documents.get', { id: po.id });
    expect(got.sync[0]!.status).toBe('failed');
    expect(got.sync[0]!.lastMessage).toContain(
      "Choose the subsidiary this company is in the connection's NetSuite settings",
    );
  });
});
