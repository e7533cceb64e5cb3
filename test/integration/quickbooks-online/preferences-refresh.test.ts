// QuickBooks Online preferences (class tracking, locations) were read only at sign-in. A list import, "Update
// existing" on one list, and a check of the connection read them again, so turning class tracking on in
// QuickBooks shows the class picker without connecting again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codingLayout } from '../../../renderer/src/features/documents/editor/coding.js';
import { connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld({ classTracking: 'none', trackDepartments: false });
});
afterEach(async () => {
  await world?.close();
});

describe.skipIf(!ready)('QuickBooks Online: preferences read again after sign-in', () => {
  it('picks up class tracking and locations turned on in QuickBooks on a list import and an update of one list', async () => {
    const { core, sim, realm } = world;
    const { company, connection } = await connectCompany(world);
    sim.seed(realm, 'Class', { Name: 'Plumbing' });
    const company0 = (await core.call('connections.list', { companyId: company.id }))[0]!;
    expect(company0.settings.company).toMatchObject({ classTracking: 'none', trackDepartments: false });
    await core.call('lists.import', { connectionId: connection.id, kinds: ['class'] });
    const entries = await core.call('lists.list', { companyId: company.id });
    expect(codingLayout(company0, entries, 'invoice').class).toBeNull();

    // The bookkeeper turns class tracking per line on in QuickBooks, then imports the lists.
    realm.options.classTracking = 'line';
    realm.options.trackDepartments = true;
    await core.call('lists.import', { connectionId: connection.id, kinds: ['class'] });
    const after = (await core.call('connections.list', { companyId: company.id }))[0]!;
    expect(after.settings.company).toMatchObject({ classTracking: 'line', trackDepartments: true });
    expect(after.settings.confirmedCompany).toMatchObject({ realmId: realm.id });
    expect(codingLayout(after, entries, 'invoice').class?.map((o) => o.fullName)).toEqual(['Plumbing']);

    // Per transaction, then: "Update existing" on the class list reads it again too.
    realm.options.classTracking = 'txn';
    await core.call('lists.importKind', { connectionId: connection.id, kind: 'class', mode: 'update' });
    const txn = (await core.call('connections.list', { companyId: company.id }))[0]!;
    expect(txn.settings.company).toMatchObject({ classTracking: 'txn' });
    expect(codingLayout(txn, entries, 'purchase_order').header.map((h) => h.key)).toContain('class');
  });

  it('checking the connection (Test on the Connections page) reads them again', async () => {
    const { core, realm } = world;
    const { company, connection } = await connectCompany(world);
    realm.options.classTracking = 'line';
    expect((await core.call('connections.test', { id: connection.id })).ok).toBe(true);
    const after = (await core.call('connections.list', { companyId: company.id }))[0]!;
    expect(after.settings.company).toMatchObject({ classTracking: 'line' });
  });
});
