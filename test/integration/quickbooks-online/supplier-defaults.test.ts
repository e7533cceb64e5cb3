// A QuickBooks Online vendor's own default account (PrefillAccountRef, the only default coding the v3 schema gives
// a Vendor) becomes the supplier's default when a supplier import or sync reads it: never over the bookkeeper's
// own choice, followed when it changes there, and nothing when the vendor has none (the element left out).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

describe.skipIf(!ready)('QuickBooks Online: the vendor default account', () => {
  it('is kept as the supplier default where the bookkeeper set none, and followed on a later sync', async () => {
    const { sim, realm, core } = world;
    const account = (Name: string) =>
      sim.seed(realm, 'Account', { Name, AccountType: 'Expense', Classification: 'Expense' });
    const materials = account('Job Materials');
    const fuel = account('Fuel');
    sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies', PrefillAccountRef: { value: materials.Id } });
    sim.seed(realm, 'Vendor', { DisplayName: 'Bolt Depot' });
    sim.seed(realm, 'Vendor', { DisplayName: 'Core Co', PrefillAccountRef: { value: materials.Id } });
    const { company, connection } = await connectCompany(world);
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    const accounts = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    const ours = (name: string) => accounts.find((a) => a.name === name)!.id;
    // Core Co's coding was chosen here by the bookkeeper: QuickBooks' default does not replace it.
    const core_ = await core.call('suppliers.create', { companyId: company.id, name: 'Core Co' });
    await core.call('suppliers.setCodingDefaults', { supplierId: core_.id, accountId: ours('Fuel') });

    const { run } = await core.call('suppliers.import', { connectionId: connection.id });
    expect(run).toMatchObject({ added: 2, matched: 1 });
    const supplier = async (name: string) =>
      (await core.call('suppliers.list', { companyId: company.id, search: name })).items[0]!;
    const defaultsOf = async (name: string) =>
      core.call('suppliers.codingDefaults', { supplierId: (await supplier(name)).id });
    expect(await defaultsOf('Acme Supplies')).toMatchObject({
      accountId: ours('Job Materials'),
      itemId: null,
      classId: null,
      setBy: 'import',
    });
    expect(await defaultsOf('Bolt Depot')).toMatchObject({ accountId: null, setBy: null });
    expect(await defaultsOf('Core Co')).toMatchObject({ accountId: ours('Fuel'), setBy: 'bookkeeper' });

    // The bookkeeper changes Acme's default in QuickBooks: the next sync follows it.
    const acme = sim.records(realm, 'Vendor').find((v) => v.DisplayName === 'Acme Supplies')!;
    sim.edit(realm, 'Vendor', String(acme.Id), { PrefillAccountRef: { value: fuel.Id } });
    await core.call('suppliers.sync', { connectionId: connection.id });
    expect(await defaultsOf('Acme Supplies')).toMatchObject({ accountId: ours('Fuel'), setBy: 'import' });
    expect(await defaultsOf('Core Co')).toMatchObject({ accountId: ours('Fuel'), setBy: 'bookkeeper' });
  });
});
