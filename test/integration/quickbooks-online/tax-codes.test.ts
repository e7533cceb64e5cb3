// Tax codes created in QuickBooks from our tax rates, on request (non-US companies): the default tax agency is
// required and said so when missing; a rate of ours that maps to no QuickBooks tax code becomes one through the
// TaxService endpoint (its body judged by the simulator against Intuit's SalesTax.xsd), filed with that agency and
// applicable on purchases; the code goes into taxCodeMap and the tax lists, and a bill at that rate is then sent
// with it and QuickBooks' total equals ours. Codes of the same name are mapped instead of made twice (so asking
// again after a lost answer makes no second code), and a clashing rate name is refused with what to do.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../../main/connectors/contract.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function connected(w: QboWorld, companyId: string) {
  return (await w.core.call('connections.list', { companyId }))[0]!;
}

async function ukCompany(w: QboWorld) {
  const { company, connection } = await connectCompany(w);
  await w.core.call('lists.import', { connectionId: connection.id });
  const agencies = await w.core.call('lists.list', { companyId: company.id, kind: 'tax_agency' });
  expect(agencies.map((a) => a.name)).toEqual(['Revenue Agency']);
  return { company, connection, agency: agencies[0]! };
}

describe.skipIf(!ready)('QuickBooks Online: creating tax codes from our tax rates', () => {
  it('needs the default tax agency, then creates the code, maps it, imports it and sends with it', async () => {
    world = await startWorld({ country: 'GB', homeCurrency: 'GBP' });
    const { core, sim, realm, connector } = world;
    const { company, connection, agency } = await ukCompany(world);
    const reduced = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Reduced 5%',
      percent: '5',
    });
    const zero = await core.call('taxRates.create', { companyId: company.id, name: 'Z', percent: '0' });

    // No agency chosen yet: nothing is created and the message says what to pick.
    const before = sim.received.length;
    const missing = await connector
      .createTaxCodes(core.app.sync.connectorContext(await connected(world, company.id)), [reduced])
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ConnectorError);
    expect((missing as ConnectorError).userMessage).toContain('Choose the default tax agency');
    expect(sim.received.length).toBe(before);

    await core.call('connections.update', {
      id: connection.id,
      settings: { defaultTaxAgencyId: agency.externalId },
    });
    const setup = await connector.createTaxCodes(
      core.app.sync.connectorContext(await connected(world, company.id)),
      [reduced, zero],
    );
    const created = sim.records(realm, 'TaxCode').find((c) => c.Name === 'Reduced 5%')!;
    const z = sim.records(realm, 'TaxCode').find((c) => c.Name === 'Z')!;
    expect(setup.results).toEqual([
      expect.objectContaining({ taxRateId: reduced.id, outcome: 'created', taxCodeId: created.Id }),
      expect.objectContaining({ taxRateId: zero.id, outcome: 'matched', taxCodeId: z.Id }),
    ]);
    expect(setup.results[0]!.message).toContain('filed with Revenue Agency');
    expect(setup.taxCodeMap).toEqual({ [reduced.id]: created.Id, [zero.id]: z.Id });
    // In QuickBooks: one purchase rate of 5 % with the chosen agency, no sales rate.
    const detail = (created.PurchaseTaxRateList as { TaxRateDetail: { TaxRateRef: { value: string } }[] })
      .TaxRateDetail;
    expect(detail).toHaveLength(1);
    expect(sim.get(realm, 'TaxRate', detail[0]!.TaxRateRef.value)).toMatchObject({
      Name: 'Reduced 5%',
      RateValue: 5,
      AgencyRef: { value: agency.externalId },
    });
    expect(created.SalesTaxRateList).toEqual({ TaxRateDetail: [] });
    expect(sim.received.filter((r) => r.path === 'TaxService')).toEqual([
      {
        method: 'create',
        path: 'TaxService',
        body: {
          TaxCode: 'Reduced 5%',
          TaxRateDetails: [
            {
              TaxRateName: 'Reduced 5%',
              RateValue: 5,
              TaxAgencyId: agency.externalId,
              TaxApplicableOn: 'Purchase',
            },
          ],
        },
      },
    ]);

    // Stored as the API method does it: the map in the settings, the tax lists imported again.
    await core.call('connections.update', { id: connection.id, settings: { taxCodeMap: setup.taxCodeMap } });
    await core.call('lists.import', { connectionId: connection.id, kinds: ['tax_code', 'tax_rate'] });
    const codes = await core.call('lists.list', { companyId: company.id, kind: 'tax_code' });
    expect(codes.find((c) => c.name === 'Reduced 5%')?.externalId).toBe(created.Id);

    // Asked again: already mapped, nothing sent to the TaxService.
    const again = await connector.createTaxCodes(
      core.app.sync.connectorContext(await connected(world, company.id)),
      [reduced],
    );
    expect(again.results[0]).toMatchObject({ outcome: 'mapped', taxCodeId: created.Id });
    expect(sim.received.filter((r) => r.path === 'TaxService')).toHaveLength(1);

    // A bill at that rate goes with the new code; QuickBooks adds 5 % and its total equals ours.
    sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'R-5',
      currency: 'GBP',
      date: '2026-11-05',
      lines: [
        {
          description: 'Parts',
          quantity: '3',
          unitPrice: '19.99',
          accountId: account.id,
          taxRateId: reduced.id,
        },
      ],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    const sent = await core.call('documents.get', { id: doc.id });
    expect(sent.sync[0]).toMatchObject({
      status: 'sent',
      lastMessage: expect.not.stringContaining('instead of'),
    });
    const bill = sim.records(realm, 'Bill')[0]!;
    const line = (bill.Line as { AccountBasedExpenseLineDetail: { TaxCodeRef: { value: string } } }[])[0]!;
    expect(line.AccountBasedExpenseLineDetail.TaxCodeRef.value).toBe(created.Id);
    expect(bill.TotalAmt).toBe(Number(sent.totals.gross));
  });

  it('taxRates.createExternal: refuses without an agency, then creates, saves the pairing, imports it and logs it', async () => {
    world = await startWorld({ country: 'GB', homeCurrency: 'GBP' });
    const { core, sim, realm } = world;
    const { company, connection, agency } = await ukCompany(world);
    const reduced = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Reduced 5%',
      percent: '5',
    });
    await core.call('taxRates.create', { companyId: company.id, name: 'Other 7%', percent: '7' });

    await expect(core.call('taxRates.createExternal', { connectionId: connection.id })).rejects.toMatchObject(
      {
        code: 'validation_failed',
        message: expect.stringContaining('Choose the default tax agency'),
      },
    );
    await expect(
      core.call('taxRates.createExternal', { connectionId: connection.id, taxRateIds: [company.id] }),
    ).rejects.toMatchObject({ code: 'not_found' });

    await core.call('connections.update', {
      id: connection.id,
      settings: { defaultTaxAgencyId: agency.externalId },
    });
    const answer = await core.call('taxRates.createExternal', {
      connectionId: connection.id,
      taxRateIds: [reduced.id],
    });
    const created = sim.records(realm, 'TaxCode').find((c) => c.Name === 'Reduced 5%')!;
    expect(answer.results).toEqual([
      expect.objectContaining({ taxRateId: reduced.id, outcome: 'created', taxCodeId: created.Id }),
    ]);
    // Only the rate asked for; the pairing saved on the connection, beside its other settings.
    expect(sim.records(realm, 'TaxCode').some((c) => c.Name === 'Other 7%')).toBe(false);
    expect(answer.connection.settings).toMatchObject({
      taxCodeMap: { [reduced.id]: created.Id },
      defaultTaxAgencyId: agency.externalId,
    });
    const codes = await core.call('lists.list', { companyId: company.id, kind: 'tax_code' });
    expect(codes.find((c) => c.name === 'Reduced 5%')?.externalId).toBe(created.Id);
    const log = await core.call('log.list', { connectionId: connection.id, offset: 0, limit: 100 });
    expect(log.items.map((e) => e.message)).toContainEqual(
      expect.stringContaining('filed with Revenue Agency'),
    );
  });

  it('refuses a rate whose name QuickBooks uses at another value, and goes on with the others', async () => {
    world = await startWorld({ country: 'AU', homeCurrency: 'AUD' });
    const { core, sim, realm, connector } = world;
    const { company, connection, agency } = await ukCompany(world);
    sim.seed(realm, 'TaxRate', {
      Name: 'Freight 10%',
      RateValue: 12,
      AgencyRef: { value: agency.externalId },
    });
    const freight = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Freight 10%',
      percent: '10',
    });
    const gst = await core.call('taxRates.create', { companyId: company.id, name: 'GST 10%', percent: '10' });
    await core.call('connections.update', {
      id: connection.id,
      settings: { defaultTaxAgencyId: agency.externalId },
    });
    const setup = await connector.createTaxCodes(
      core.app.sync.connectorContext(await connected(world, company.id)),
      [freight, gst],
    );
    expect(setup.results[0]).toMatchObject({ outcome: 'failed', taxCodeId: null });
    expect(setup.results[0]!.message).toContain("already has a tax rate named 'Freight 10%' at 12%");
    expect(setup.results[1]).toMatchObject({ outcome: 'created' });
    expect(Object.keys(setup.taxCodeMap)).toEqual([gst.id]);
    expect(sim.records(realm, 'TaxCode').map((c) => c.Name)).not.toContain('Freight 10%');
  });

  it('after a lost answer, asking again finds the code that was made: one tax code, not two', async () => {
    world = await startWorld({ country: 'CA', homeCurrency: 'CAD' });
    const { core, sim, realm, connector } = world;
    const { company, connection, agency } = await ukCompany(world);
    const hst = await core.call('taxRates.create', { companyId: company.id, name: 'HST ON', percent: '13' });
    await core.call('connections.update', {
      id: connection.id,
      settings: { defaultTaxAgencyId: agency.externalId },
    });
    sim.injectFault('taxservice/taxcode', { kind: 'drop_after_write' });
    const ctx = core.app.sync.connectorContext(await connected(world, company.id));
    await expect(connector.createTaxCodes(ctx, [hst])).rejects.toThrow();
    // The code exists now, but the bookkeeper only saw an error: asking again maps it instead of making another.
    const setup = await connector.createTaxCodes(ctx, [hst]);
    const codes = sim.records(realm, 'TaxCode').filter((c) => c.Name === 'HST ON');
    expect(codes).toHaveLength(1);
    expect(setup.results[0]).toMatchObject({ taxCodeId: codes[0]!.Id });
    expect(sim.records(realm, 'TaxRate').filter((r) => r.Name === 'HST ON')).toHaveLength(1);
  });

  it('US companies have no tax codes to create; an agency gone from QuickBooks is said plainly', async () => {
    world = await startWorld();
    const { core, connector } = world;
    const { company, connection } = await connectCompany(world, { defaultTaxAgencyId: '999' });
    const rate = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Sales tax',
      percent: '8',
    });
    const us = await connector
      .createTaxCodes(core.app.sync.connectorContext(connection), [rate])
      .catch((e: unknown) => e);
    expect((us as ConnectorError).userMessage).toContain('US company');

    await world.close();
    world = await startWorld({ country: 'GB', homeCurrency: 'GBP' });
    const uk = await connectCompany(world, { defaultTaxAgencyId: '999' });
    const gone = await world.connector
      .createTaxCodes(world.core.app.sync.connectorContext(uk.connection), [
        { id: rate.id, name: 'VAT 5%', percent: '5' },
      ])
      .catch((e: unknown) => e);
    expect((gone as ConnectorError).userMessage).toContain('no longer in QuickBooks');
    expect(world.sim.received.filter((r) => r.path === 'TaxService')).toHaveLength(0);
  });
});
