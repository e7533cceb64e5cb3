// The company decides what may be sent: a UK company needs a tax code on every line (our tax rates mapped in the
// settings; QuickBooks adds the VAT and its total equals ours), a US company sends lines with sales tax without tax
// codes, and a subscription without purchase orders is said plainly at connect and before any order is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function setUp(w: QboWorld, settings: (taxRateId: string) => Record<string, unknown> = () => ({})) {
  const { core, sim, realm } = w;
  sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' });
  const { company, connection } = await connectCompany(w);
  const vat = await core.call('taxRates.create', { companyId: company.id, name: 'VAT 20%', percent: '20' });
  await core.call('connections.update', { id: connection.id, settings: settings(vat.id) });
  const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
  const account = await core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  return { company, connection, supplier, account, vat };
}

describe.skipIf(!ready)('QuickBooks Online: what the company allows', () => {
  it('UK: a tax code on every line from the mapping; QuickBooks adds the VAT and the totals agree', async () => {
    world = await startWorld({ country: 'GB', homeCurrency: 'GBP' });
    const code = world.sim.records(world.realm, 'TaxCode').find((t) => t.Name === '20.0% S')!;
    const { company, supplier, account, vat } = await setUp(world, (id) => ({
      taxCodeMap: { [id]: String(code.Id) },
    }));
    const doc = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'UK-1',
      currency: 'GBP',
      date: '2026-11-05',
      lines: [
        { description: 'Parts', quantity: '3', unitPrice: '19.99', accountId: account.id, taxRateId: vat.id },
        { description: 'More', quantity: '1', unitPrice: '0.05', accountId: account.id, taxRateId: vat.id },
      ],
    });
    await approve(world.core, doc.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: doc.id });
    expect(sent.sync[0]).toMatchObject({
      status: 'sent',
      lastMessage: expect.not.stringContaining('instead of'),
    });
    const bill = world.sim.records(world.realm, 'Bill')[0]!;
    expect(bill.GlobalTaxCalculation).toBe('TaxExcluded');
    expect(bill.TotalAmt).toBe(Number(sent.totals.gross));
  });

  it('US: lines with sales tax go without tax codes; the bill carries the tax in its lines', async () => {
    world = await startWorld();
    const { company, supplier, account } = await setUp(world);
    const tax = await world.core.call('taxRates.create', {
      companyId: company.id,
      name: 'Sales tax 8.25%',
      percent: '8.25',
    });
    const doc = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'US-1',
      date: '2026-11-05',
      lines: [
        { description: 'Parts', quantity: '3', unitPrice: '19.99', accountId: account.id, taxRateId: tax.id },
      ],
    });
    await approve(world.core, doc.id);
    await world.core.app.sync.whenIdle();
    const sent = await world.core.call('documents.get', { id: doc.id });
    expect(sent.sync[0]?.status).toBe('sent');
    expect(world.sim.records(world.realm, 'Bill')[0]!.TotalAmt).toBe(Number(sent.totals.gross));
  });

  it('Essentials: says at connect that purchase orders are unavailable, refuses orders before sending; Test updates it', async () => {
    world = await startWorld({ purchaseOrders: false });
    const { company, connection, supplier, account } = await setUp(world);
    // Right after the sign-in, before any Test or send: the connection's status says it and keeps saying it.
    const listed = (await world.core.call('connections.list', { companyId: company.id }))[0]!;
    expect(listed.status).toBe('connected');
    expect(listed.statusMessage).toContain(
      'purchase orders are not available on QuickBooks Online Essentials',
    );
    expect(listed.settings.company).toEqual({
      name: 'Northwind Facilities',
      country: 'US',
      homeCurrency: 'USD',
      // Kept since the bookkeeper confirms the company by name and realm id before the first send.
      realmId: String(world.realm.id),
      // Kept so the document editor offers only the fields QuickBooks takes.
      classTracking: 'line',
      trackDepartments: true,
      departmentTerminology: 'Location',
    });
    const test = await world.core.call('connections.test', { id: connection.id });
    expect(test.message).toContain('purchase orders are not available on QuickBooks Online Essentials');
    const po = await world.core.call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: supplier.id,
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '1', unitPrice: '5', accountId: account.id }],
    });
    await approve(world.core, po.id);
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: po.id })).sync[0]).toMatchObject({
      status: 'failed',
      lastMessage: expect.stringContaining('need QuickBooks Online Plus or Advanced'),
    });
    expect(world.sim.received.filter((r) => r.path === 'PurchaseOrder')).toHaveLength(0);

    // Upgraded to Plus: the next Test brings the connection's status line up to date.
    world.realm.options.purchaseOrders = true;
    const upgraded = await world.core.call('connections.test', { id: connection.id });
    expect(upgraded.message).not.toContain('purchase orders are not available');
    const after = (await world.core.call('connections.list', { companyId: company.id }))[0]!;
    expect(after.statusMessage).toBe(upgraded.message);
  });
});

describe.skipIf(!ready)('QuickBooks Online: multicurrency', () => {
  it('removing the connection revokes its refresh token at Intuit and forgets its secrets', async () => {
    world = await startWorld();
    const { company, connection } = await connectCompany(world);
    expect(world.sim.liveRefreshTokens()).toHaveLength(1);
    const removed = await world.core.call('connections.remove', { id: connection.id });
    expect(removed.id).toBe(connection.id);
    expect(world.sim.liveRefreshTokens()).toEqual([]);
    expect(await world.core.call('connections.list', { companyId: company.id })).toEqual([]);
  });

  it('a bill in the supplier’s currency goes with CurrencyRef to a vendor of that currency; a clash is said', async () => {
    world = await startWorld({ multiCurrency: true });
    const { core, sim, realm } = world;
    const { company, account } = await setUp(world);
    const euro = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Rhein Teile GmbH',
      currency: 'EUR',
    });
    const bill = (supplierId: string, number: string) =>
      core.call('documents.create', {
        companyId: company.id,
        type: 'invoice',
        supplierId,
        supplierInvoiceNumber: number,
        currency: 'EUR',
        date: '2026-11-05',
        lines: [{ description: 'Lager', quantity: '2', unitPrice: '12.50', accountId: account.id }],
      });
    const doc = await bill(euro.id, 'EU-1');
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    const vendor = sim.records(realm, 'Vendor').find((v) => v.DisplayName === 'Rhein Teile GmbH')!;
    expect(vendor.CurrencyRef).toEqual({ value: 'EUR' });
    expect(sim.records(realm, 'Bill')[0]).toMatchObject({ CurrencyRef: { value: 'EUR' }, TotalAmt: 25 });

    // A vendor already in QuickBooks in the home currency cannot take a bill in euros: said, with what to do.
    sim.seed(realm, 'Vendor', { DisplayName: 'Dollar Parts' });
    const usd = await core.call('suppliers.create', { companyId: company.id, name: 'Dollar Parts' });
    const clash = await bill(usd.id, 'EU-2');
    await approve(core, clash.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: clash.id })).sync[0]).toMatchObject({
      status: 'failed',
      lastMessage: expect.stringContaining(
        "Pair the supplier with a QuickBooks vendor in the document's currency (Suppliers)",
      ),
    });
  });

  it('a bill in yen (no decimals) is compared and reported in whole yen', async () => {
    world = await startWorld({ multiCurrency: true });
    const { core, sim, realm } = world;
    const { company, account } = await setUp(world);
    const tokyo = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Tokyo Seiki',
      currency: 'JPY',
    });
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: tokyo.id,
      supplierInvoiceNumber: 'JP-1',
      currency: 'JPY',
      date: '2026-11-05',
      lines: [{ description: 'Bearings', quantity: '3', unitPrice: '1500', accountId: account.id }],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]).toMatchObject({
      status: 'sent',
      lastMessage: expect.stringContaining('(total 4500).'),
    });
    expect(sim.records(realm, 'Bill')[0]).toMatchObject({ CurrencyRef: { value: 'JPY' }, TotalAmt: 4500 });
  });
});
