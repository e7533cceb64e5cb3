// The Lists page's methods against Xero: the chart of accounts imported as "Import new" and then, after an account
// is renamed and another archived in Xero, as "Update existing" (nothing added, the rename and the archive taken);
// tracking options imported with their categories and searched by "Category:Option"; an account hidden from the
// pickers.
import { describe, expect, it } from 'vitest';
import { xeroDescriptor } from '../../../main/connectors/xero/descriptor.js';
import { ListKind } from '../../../preload/schemas.js';
import { connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('Xero: the Lists page', () => {
  it('offers the lists Xero has, each what the import of every list produces, and no other', async () => {
    const { sim, org, core } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    sim.addItem(org, { Code: 'AF-20', Name: 'Air filter', AccountCode: '310' });
    sim.addTracking(org, 'Region', ['North']);
    const { connection } = await connectCompany(world);
    const overview = await core.call('lists.overview', { connectionId: connection.id });
    expect(overview.kinds).toEqual(xeroDescriptor.listKinds);
    const everything = await core.call('lists.import', {
      connectionId: connection.id,
      kinds: ListKind.options,
    });
    expect(Object.keys(everything.byKind).sort()).toEqual([...xeroDescriptor.listKinds].sort());
  });

  it('imports new accounts and updates existing ones apart; tracking options under their category', async () => {
    const { sim, org, core } = world;
    const materials = sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    const vans = sim.addAccount(org, { Code: '449', Name: 'Motor Vehicle Expenses' });
    sim.addTracking(org, 'Region', ['North', 'South']);
    const { company, connection } = await connectCompany(world);

    const first = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'new',
    });
    expect(first).toMatchObject({ kind: 'account', seen: 2, added: 2, updated: 0, queued: false });

    materials.Name = 'Job Materials and Parts';
    vans.Status = 'ARCHIVED';
    sim.addAccount(org, { Code: '461', Name: 'Printing & Stationery' });
    const added = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'new',
    });
    expect(added).toMatchObject({ seen: 3, added: 1, updated: 0, deactivated: 0 });
    const entries = async (search?: string) =>
      (await core.call('lists.entries', { connectionId: connection.id, kind: 'account', search })).items.map(
        (e) => [e.fullName, e.code, e.active],
      );
    expect(await entries()).toEqual([
      ['Job Materials', '310', true],
      ['Motor Vehicle Expenses', '449', true],
      ['Printing & Stationery', '461', true],
    ]);

    const updated = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'account',
      mode: 'update',
    });
    expect(updated).toMatchObject({ seen: 3, added: 0, updated: 1, deactivated: 1 });
    expect(await entries()).toEqual([
      ['Job Materials and Parts', '310', true],
      ['Motor Vehicle Expenses', '449', false],
      ['Printing & Stationery', '461', true],
    ]);
    // Found by code as well as by name.
    expect(await entries('461')).toEqual([['Printing & Stationery', '461', true]]);

    // A tracking option is read with its category, and listed under it.
    const options = await core.call('lists.importKind', {
      connectionId: connection.id,
      kind: 'tracking_option',
      mode: 'new',
    });
    expect(options).toMatchObject({ seen: 2, added: 2 });
    const tracked = await core.call('lists.entries', {
      connectionId: connection.id,
      kind: 'tracking_option',
      search: 'region nor',
    });
    expect(tracked.items.map((e) => e.fullName)).toEqual(['Region:North']);
    const overview = await core.call('lists.overview', { connectionId: connection.id });
    expect(overview.lists.map((l) => [l.kind, l.count, l.active, l.lastImport?.mode])).toEqual([
      ['account', 3, 2, 'update'],
      ['tracking_category', 1, 1, 'new'],
      ['tracking_option', 2, 2, 'new'],
    ]);

    const printing = (
      await core.call('lists.entries', { connectionId: connection.id, kind: 'account', search: 'printing' })
    ).items[0]!;
    await core.call('lists.setHidden', { id: printing.id, hidden: true });
    const picker = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    expect(picker.map((e) => e.name).sort()).toEqual(['Job Materials and Parts', 'Motor Vehicle Expenses']);
  });
});
