// The connection's settings are checked on save: "approved purchase orders and receipts" is one choice, so
// `receipts` and 'receipt' in documentsToSend must agree; a mismatch is refused on the receipts field with the fix.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCompany, oracleReady, startWorld, type NsWorld } from './harness.js';

const ready = oracleReady();
let world: NsWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

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
});
