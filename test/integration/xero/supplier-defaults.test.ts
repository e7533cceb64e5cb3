// A Xero contact's own defaults for bills (PurchasesDefaultAccountCode, PurchasesTrackingCategories) become the
// supplier's defaults when the supplier list is imported: the account by its code, the tracking option by category
// and option name; a contact without them, or naming a tracking category not mirrored here, gives none.
import { describe, expect, it } from 'vitest';
import { connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('Xero: the contact default purchase account and tracking', () => {
  it('are kept as the supplier defaults on import', async () => {
    const { sim, org, core } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    sim.addTracking(org, 'Region', ['North', 'South']);
    sim.addContact(org, {
      Name: 'Acme Supplies',
      IsSupplier: true,
      PurchasesDefaultAccountCode: '310',
      PurchasesTrackingCategories: [{ TrackingCategoryName: 'Region', TrackingOptionName: 'South' }],
    });
    sim.addContact(org, { Name: 'Bolt Depot', IsSupplier: true });
    sim.addContact(org, {
      Name: 'Crate & Co',
      IsSupplier: true,
      PurchasesTrackingCategories: [{ TrackingCategoryName: 'Crew', TrackingOptionName: 'Alpha' }],
    });
    const { company, connection } = await connectCompany(world);
    await core.call('lists.import', {
      connectionId: connection.id,
      kinds: ['account', 'tracking_category', 'tracking_option'],
    });
    const entries = await core.call('lists.list', { companyId: company.id });
    const entry = (name: string) => entries.find((e) => e.name === name)!.id;

    const { run } = await core.call('suppliers.import', { connectionId: connection.id });
    expect(run).toMatchObject({ added: 3 });
    const defaultsOf = async (name: string) => {
      const supplier = (await core.call('suppliers.list', { companyId: company.id, search: name })).items[0]!;
      return core.call('suppliers.codingDefaults', { supplierId: supplier.id });
    };
    expect(await defaultsOf('Acme Supplies')).toMatchObject({
      accountId: entry('Job Materials'),
      classId: entry('South'),
      setBy: 'import',
    });
    expect(await defaultsOf('Bolt Depot')).toMatchObject({ accountId: null, classId: null, setBy: null });
    expect(await defaultsOf('Crate & Co')).toMatchObject({ accountId: null, classId: null, setBy: null });
  });
});
