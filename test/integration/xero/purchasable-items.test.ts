// Xero items that are not bought (IsPurchased false; Xero then drops their PurchaseDetails) are mirrored, but the
// line Item picker does not offer them. An item without IsPurchased is purchased: Xero's OpenAPI says the field
// "defaults to true".
import { describe, expect, it } from 'vitest';
import { codingLayout } from '../../../renderer/src/features/documents/editor/coding.js';
import { connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('Xero: only purchased items in the line Item picker', () => {
  it('mirrors every item and offers only those Xero lets be bought, reading an absent IsPurchased as true', async () => {
    const { sim, org, core } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    sim.addItem(org, { Code: 'AF-20', Name: 'Air filter', AccountCode: '310' });
    sim.addItem(org, { Code: 'SVC-1', Name: 'Service call', AccountCode: '310', IsPurchased: false });
    sim.addItem(org, { Code: 'OLD-9', Name: 'Legacy part', IsPurchased: null });
    const { company, connection } = await connectCompany(world);
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account', 'item'] });

    const items = await core.call('lists.list', {
      companyId: company.id,
      kind: 'item',
      connectionId: connection.id,
    });
    expect(items.map((i) => [i.name, i.purchasable ?? 'absent']).sort()).toEqual([
      ['Air filter', 'absent'],
      ['Legacy part', 'absent'],
      ['Service call', false],
    ]);

    const [listed] = await core.call('connections.list', { companyId: company.id });
    const all = await core.call('lists.list', { companyId: company.id, connectionId: connection.id });
    for (const type of ['purchase_order', 'invoice'] as const) {
      const layout = codingLayout(listed!, all, type);
      expect(layout.item?.map((o) => o.fullName).sort()).toEqual(['Air filter', 'Legacy part']);
    }
  });
});
