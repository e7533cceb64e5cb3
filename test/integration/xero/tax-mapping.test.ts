// A tax rate of ours goes to Xero by the connection's mapping — chosen by hand (settings.taxRateMap), or matched by
// name or percentage — whether or not 'Create missing suppliers and records' is on: that setting governs creating
// records in Xero, and a tax rate is never created there. One neither mapped nor matched still waits, with the
// message that says where to map it.
import { describe, expect, it } from 'vitest';
import { expectSaveLeavesWaiting } from '../../fixtures/sync/settings-save.js';
import { approve, connectCompany, consentInBrowser, waitForStatus, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

/** A company connected with 'Create missing records' off, its supplier already in Xero, an account coded. */
async function setUp() {
  const { core, sim, org } = world;
  sim.addAccount(org, { Code: '429', Name: 'General Expenses' });
  sim.addContact(org, { Name: 'Harbour Electrical', IsSupplier: true });
  // A second rate at 15 %: a 15 % rate of ours that is not named as either cannot be matched by itself.
  sim.addTaxRate(org, { Name: 'GST on Imports', TaxType: 'GSTONIMPORTS', EffectiveRate: 15 });
  const { company, connection } = await connectCompany(world, { createMissing: false });
  const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Harbour Electrical' });
  const account = await core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'General Expenses',
  });
  return { company, connection, supplier, account };
}

async function bill(
  companyId: string,
  supplierId: string,
  accountId: string,
  taxRateId: string,
  number: string,
) {
  const doc = await world.core.call('documents.create', {
    companyId,
    type: 'invoice',
    supplierId,
    supplierInvoiceNumber: number,
    date: '2026-11-20',
    lines: [{ description: 'Switchboard inspection', quantity: '1', unitPrice: '180', accountId, taxRateId }],
  });
  await approve(world.core, doc.id);
  await world.core.app.sync.whenIdle();
  return world.core.call('documents.get', { id: doc.id });
}

const sentLines = (number: string) =>
  [...world.org.invoices.values()].find((i) => i.InvoiceNumber === number)?.LineItems as
    Record<string, unknown>[] | undefined;

describe.skipIf(!ready)("Xero: mapped tax rates with 'Create missing records' off", () => {
  it('a rate mapped by hand goes with the mapped TaxType and does not wait', async () => {
    const { core } = world;
    const { company, connection, supplier, account } = await setUp();
    const rate = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Purchases 15%',
      percent: '15',
    });
    await core.call('connections.update', {
      id: connection.id,
      settings: { taxRateMap: { [rate.id]: 'GSTONIMPORTS' } },
    });
    const sent = await bill(company.id, supplier.id, account.id, rate.id, 'HE-301');
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    expect(sentLines('HE-301')?.[0]).toMatchObject({ AccountCode: '429', TaxType: 'GSTONIMPORTS' });
  });

  it('a rate matched by percentage (the only Xero rate at 0 %) goes with that TaxType', async () => {
    const { core } = world;
    const { company, supplier, account } = await setUp();
    const zero = await core.call('taxRates.create', { companyId: company.id, name: 'Exempt', percent: '0' });
    const sent = await bill(company.id, supplier.id, account.id, zero.id, 'HE-302');
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    expect(sentLines('HE-302')?.[0]).toMatchObject({ TaxType: 'NONE' });
  });

  it('a rate neither mapped nor matched waits with the message that says where to map it, then goes once mapped', async () => {
    const { core } = world;
    const { company, connection, supplier, account } = await setUp();
    const rate = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Purchases 15%',
      percent: '15',
    });
    const waiting = await bill(company.id, supplier.id, account.id, rate.id, 'HE-303');
    expect(waiting.sync[0]).toMatchObject({
      lastMessage:
        "Tax rate 'Purchases 15%' has no counterpart in Xero, and Xero tax rates are not created from here. Pair it in Connections → Lists.",
    });
    expect(sentLines('HE-303')).toBeUndefined();
    // Settings that cannot release it leave it waiting, in Needs pairing.
    await expectSaveLeavesWaiting(core, connection.id, waiting.id, {
      importPayments: true,
      defaultAccountCode: '429',
    });

    // Mapped on the connection: the waiting bill goes by itself.
    await core.call('connections.update', {
      id: connection.id,
      settings: { taxRateMap: { [rate.id]: 'INPUT2' } },
    });
    await core.app.sync.whenIdle();
    const sent = await core.call('documents.get', { id: waiting.id });
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    expect(sentLines('HE-303')?.[0]).toMatchObject({ TaxType: 'INPUT2' });
  });

  it('a rate neither mapped nor matched is paired on the Lists page with a Xero tax rate, and its waiting bill goes', async () => {
    const { core } = world;
    const { company, connection, supplier, account } = await setUp();
    const rate = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Purchases 15%',
      percent: '15',
    });
    const waiting = await bill(company.id, supplier.id, account.id, rate.id, 'HE-306');
    expect(waiting.sync[0]).toMatchObject({
      status: 'waiting',
      lastMessage: expect.stringContaining('Pair it in Connections → Lists'),
    });

    // Where the message sends the bookkeeper: Needs pairing on the Lists page, once Xero's tax rates are imported.
    await core.call('lists.import', { connectionId: connection.id, kinds: ['tax_rate'] });
    const needs = await core.call('lists.needsPairing', { connectionId: connection.id });
    const need = needs.find((n) => n.kind === 'tax_rate')!;
    expect(need).toMatchObject({ name: 'Purchases 15%', pairWith: ['tax_rate'] });
    expect(need.documents.map((d) => d.id)).toEqual([waiting.id]);
    const imports = (
      await core.call('lists.entries', { connectionId: connection.id, kind: 'tax_rate' })
    ).items.find((e) => e.name === 'GST on Imports')!;
    const paired = await core.call('lists.pair', {
      connectionId: connection.id,
      entityType: need.entityType,
      entityId: need.entityId,
      entryId: imports.id,
    });
    expect(paired).toMatchObject({ externalId: 'GSTONIMPORTS', released: 1 });
    await core.app.sync.whenIdle();

    expect((await core.call('documents.get', { id: waiting.id })).sync[0]).toMatchObject({ status: 'sent' });
    expect(sentLines('HE-306')?.[0]).toMatchObject({ TaxType: 'GSTONIMPORTS' });
    // The pairing holds for the next bill at that rate, and nothing waits on it any more.
    const next = await bill(company.id, supplier.id, account.id, rate.id, 'HE-307');
    expect(next.sync[0]).toMatchObject({ status: 'sent' });
    expect(sentLines('HE-307')?.[0]).toMatchObject({ TaxType: 'GSTONIMPORTS' });
    expect(await core.call('lists.needsPairing', { connectionId: connection.id })).toEqual([]);
  });

  it("after a switch of organisation, a rate is matched among the new organisation's rates, not the old one's read minutes before", async () => {
    const { core, sim, org } = world;
    const { company, connection, supplier, account } = await setUp();
    const exempt = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Exempt',
      percent: '0',
    });
    const before = await bill(company.id, supplier.id, account.id, exempt.id, 'HE-304');
    expect(before.sync[0]).toMatchObject({ status: 'sent' });
    expect(sentLines('HE-304')?.[0]).toMatchObject({ TaxType: 'NONE' });

    // The other organisation names its only 0 % rate differently: NONE does not exist there.
    const other = sim.createOrg({ name: 'Harbour Holdings Pty' });
    other.taxRates.delete('NONE');
    sim.addTaxRate(other, { Name: 'Zero Rated Expenses', TaxType: 'EXEMPTEXPENSES', EffectiveRate: 0 });
    sim.addAccount(other, { Code: '429', Name: 'General Expenses' });
    sim.addContact(other, { Name: 'Harbour Electrical', IsSupplier: true });
    sim.consentTenants = [other.tenantId];
    const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
    await consentInBrowser(authorizeUrl!);
    await waitForStatus(core, company.id, connection.id, 'connected');
    await core.call('connections.confirmCompany', { connectionId: connection.id, id: other.tenantId });
    await core.app.sync.whenIdle();

    const after = await bill(company.id, supplier.id, account.id, exempt.id, 'HE-305');
    expect(after.sync[0]).toMatchObject({ status: 'sent' });
    const sent = [...other.invoices.values()].find((i) => i.InvoiceNumber === 'HE-305');
    expect((sent?.LineItems as Record<string, unknown>[])[0]).toMatchObject({ TaxType: 'EXEMPTEXPENSES' });
    expect(org.invoices.size).toBe(1);
  });
});
