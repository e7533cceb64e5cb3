// A Xero contact's own defaults for bills become the supplier's defaults when the supplier list is imported: the
// account by its code (PurchasesDefaultAccountCode), one tracking option per category it names, up to Xero's two
// (PurchasesTrackingCategories), and the tax (AccountsPayableTaxType) as the rate of ours the connection maps to
// that TaxType — by hand, or matched by name or percentage — left empty when none or several of ours do. A contact
// without them, or naming a tracking category not mirrored here, gives none; defaults the bookkeeper set stay. Set
// by hand: one tracking option per category, at most two.
import { describe, expect, it } from 'vitest';
import { connectCompany, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('Xero: the contact default purchase account, tracking and tax', () => {
  it('are kept as the supplier defaults on import', async () => {
    const { sim, org, core } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    sim.addTracking(org, 'Region', ['North', 'South']);
    sim.addTracking(org, 'Team', ['Install', 'Service']);
    sim.addTaxRate(org, { Name: 'GST on Imports', TaxType: 'GSTONIMPORTS', EffectiveRate: 15 });
    sim.addTaxRate(org, { Name: 'Reduced', TaxType: 'REDUCED', EffectiveRate: 5 });
    sim.addContact(org, {
      Name: 'Acme Supplies',
      IsSupplier: true,
      PurchasesDefaultAccountCode: '310',
      PurchasesTrackingCategories: [
        { TrackingCategoryName: 'Region', TrackingOptionName: 'South' },
        { TrackingCategoryName: 'Team', TrackingOptionName: 'Install' },
      ],
      AccountsPayableTaxType: 'GSTONIMPORTS',
    });
    sim.addContact(org, { Name: 'Bolt Depot', IsSupplier: true, AccountsPayableTaxType: 'NONE' });
    sim.addContact(org, {
      Name: 'Crate & Co',
      IsSupplier: true,
      PurchasesTrackingCategories: [{ TrackingCategoryName: 'Crew', TrackingOptionName: 'Alpha' }],
      AccountsPayableTaxType: 'REDUCED',
    });
    sim.addContact(org, { Name: 'Dune Hire', IsSupplier: true, AccountsPayableTaxType: 'INPUT2' });
    const { company, connection } = await connectCompany(world);
    await core.call('lists.import', {
      connectionId: connection.id,
      kinds: ['account', 'tracking_category', 'tracking_option'],
    });
    // Ours: one mapped by hand to GSTONIMPORTS; one matched by percentage to NONE (the only Xero rate at 0 %); none
    // at 5 %; two mapped to INPUT2, so which of them Dune Hire means is not ours to guess.
    const imports = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Imports',
      percent: '15',
    });
    const exempt = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Exempt',
      percent: '0',
    });
    const a = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Standard A',
      percent: '15',
    });
    const b = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Standard B',
      percent: '15',
    });
    await core.call('connections.update', {
      id: connection.id,
      settings: { taxRateMap: { [imports.id]: 'GSTONIMPORTS', [a.id]: 'INPUT2', [b.id]: 'INPUT2' } },
    });
    const entries = await core.call('lists.list', { companyId: company.id });
    const entry = (name: string) => entries.find((e) => e.name === name)!.id;

    const { run } = await core.call('suppliers.import', { connectionId: connection.id });
    expect(run).toMatchObject({ added: 4 });
    const defaultsOf = async (name: string) => {
      const supplier = (await core.call('suppliers.list', { companyId: company.id, search: name })).items[0]!;
      return core.call('suppliers.codingDefaults', { supplierId: supplier.id });
    };
    const acme = await defaultsOf('Acme Supplies');
    expect(acme).toMatchObject({
      accountId: entry('Job Materials'),
      classId: null,
      taxRateId: imports.id,
      setBy: 'import',
    });
    expect([...acme.trackingOptionIds].sort()).toEqual([entry('South'), entry('Install')].sort());
    expect(await defaultsOf('Bolt Depot')).toMatchObject({
      accountId: null,
      taxRateId: exempt.id,
      trackingOptionIds: [],
      setBy: 'import',
    });
    // No rate of ours at 5 %, and a tracking category not mirrored: nothing to keep.
    expect(await defaultsOf('Crate & Co')).toMatchObject({
      taxRateId: null,
      trackingOptionIds: [],
      setBy: null,
    });
    expect(await defaultsOf('Dune Hire')).toMatchObject({ taxRateId: null, setBy: null });

    // The bookkeeper's choice stays through the next import; an imported one follows Xero.
    const acmeId = acme.supplierId;
    const bolt = (await defaultsOf('Bolt Depot')).supplierId;
    await core.call('suppliers.setCodingDefaults', {
      supplierId: acmeId,
      accountId: entry('Job Materials'),
      trackingOptionIds: [entry('North')],
    });
    for (const contact of org.contacts.values()) {
      if (contact.Name === 'Acme Supplies' || contact.Name === 'Bolt Depot') {
        contact.AccountsPayableTaxType = 'GSTONIMPORTS';
        contact.PurchasesTrackingCategories = [
          { TrackingCategoryName: 'Team', TrackingOptionName: 'Service' },
        ];
      }
    }
    await core.call('suppliers.import', { connectionId: connection.id });
    expect(await core.call('suppliers.codingDefaults', { supplierId: acmeId })).toMatchObject({
      taxRateId: null,
      trackingOptionIds: [entry('North')],
      setBy: 'bookkeeper',
    });
    expect(await core.call('suppliers.codingDefaults', { supplierId: bolt })).toMatchObject({
      taxRateId: imports.id,
      trackingOptionIds: [entry('Service')],
      setBy: 'import',
    });
  });

  it('keeps one tracking option per category, at most two; one sent as the class counts as one of them', async () => {
    const { sim, org, core } = world;
    sim.addTracking(org, 'Region', ['North', 'South']);
    sim.addTracking(org, 'Team', ['Install']);
    const { company, connection } = await connectCompany(world);
    await core.call('lists.import', {
      connectionId: connection.id,
      kinds: ['tracking_category', 'tracking_option'],
    });
    const entries = await core.call('lists.list', { companyId: company.id });
    const byName = (name: string) => entries.find((e) => e.name === name)!;
    const [region, north, south, install] = [
      byName('Region'),
      byName('North'),
      byName('South'),
      byName('Install'),
    ];
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });

    const saved = await core.call('suppliers.setCodingDefaults', {
      supplierId: supplier.id,
      trackingOptionIds: [north.id, install.id],
    });
    expect(saved).toMatchObject({ classId: null, setBy: 'bookkeeper' });
    expect([...saved.trackingOptionIds].sort()).toEqual([north.id, install.id].sort());
    const read = await core.call('suppliers.codingDefaults', { supplierId: supplier.id });
    expect([...read.trackingOptionIds].sort()).toEqual([north.id, install.id].sort());

    // Two in one category, three in all, or an entry that is no tracking option: refused.
    const refused = (trackingOptionIds: string[], classId?: string) =>
      core.call('suppliers.setCodingDefaults', { supplierId: supplier.id, trackingOptionIds, classId });
    await expect(refused([north.id, south.id])).rejects.toMatchObject({
      problems: [{ field: 'trackingOptionIds', message: expect.stringMatching(/one default option per/) }],
    });
    await expect(refused([north.id, install.id, south.id])).rejects.toMatchObject({
      message: expect.stringContaining('at most two'),
    });
    // A third sent as the class (lines carry the first category's option there) counts too.
    await expect(refused([north.id, install.id], south.id)).rejects.toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({
          field: 'trackingOptionIds',
          message: expect.stringMatching(/at most two/),
        }),
      ]),
    });
    await expect(refused([region.id])).rejects.toMatchObject({
      problems: [expect.objectContaining({ field: 'trackingOptionIds' })],
    });

    // As lines carry the first category's option: sent as the class, kept as a tracking default.
    const asClass = await core.call('suppliers.setCodingDefaults', {
      supplierId: supplier.id,
      classId: south.id,
    });
    expect(asClass).toMatchObject({ classId: null, trackingOptionIds: [south.id] });
  });
});
