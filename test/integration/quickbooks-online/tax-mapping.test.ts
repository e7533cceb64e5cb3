// A tax rate of ours goes to QuickBooks Online as the tax code the connection maps it to (settings.taxCodeMap),
// whether or not 'Create missing suppliers and records' is on: that setting governs creating records there, and a
// tax code is never made while sending. One neither mapped nor named as a QuickBooks tax code still waits, with the
// message that says where to map it; in a US company, whose purchase forms carry no tax code, none waits.
import { afterEach, describe, expect, it } from 'vitest';
import { expectSaveLeavesWaiting } from '../../fixtures/sync/settings-save.js';
import { approve, connectCompany, oracleReady, startWorld, type QboWorld } from './harness.js';

const ready = oracleReady();
let world: QboWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A company connected with 'Create missing records' off; its vendor and account already in QuickBooks. */
async function setUp(w: QboWorld, currency: string) {
  const { core, sim, realm } = w;
  sim.seed(realm, 'Vendor', { DisplayName: 'Acme Supplies' });
  sim.seed(realm, 'Account', { Name: 'Job Materials', AccountType: 'Expense' });
  const { company, connection } = await connectCompany(w, { createMissing: false });
  const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
  const account = await core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  const send = async (taxRateId: string, number: string) => {
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: number,
      currency,
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '2', unitPrice: '50', accountId: account.id, taxRateId }],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    return core.call('documents.get', { id: doc.id });
  };
  return { company, connection, send };
}

type Line = { AccountBasedExpenseLineDetail: { TaxCodeRef?: { value: string } } };

describe.skipIf(!ready)("QuickBooks Online: mapped tax rates with 'Create missing records' off", () => {
  it('a mapped rate goes with the mapped TaxCodeRef; an unmapped one waits, then goes once mapped', async () => {
    world = await startWorld({ country: 'GB', homeCurrency: 'GBP' });
    const { core, sim, realm } = world;
    const { company, connection, send } = await setUp(world, 'GBP');
    const standard = sim.records(realm, 'TaxCode').find((c) => c.Name === '20.0% S')!;
    const ours = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Standard rate',
      percent: '20',
    });
    await core.call('connections.update', {
      id: connection.id,
      settings: { taxCodeMap: { [ours.id]: standard.Id } },
    });
    const sent = await send(ours.id, 'R-1');
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    const bill = sim.records(realm, 'Bill').find((b) => b.DocNumber === 'R-1')!;
    expect((bill.Line as Line[])[0]!.AccountBasedExpenseLineDetail.TaxCodeRef?.value).toBe(standard.Id);
    expect(bill.TotalAmt).toBe(Number(sent.totals.gross));

    const other = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Other 7%',
      percent: '7',
    });
    const waiting = await send(other.id, 'R-2');
    expect(waiting.sync[0]).toMatchObject({
      lastMessage:
        "Tax rate 'Other 7%' has no counterpart in QuickBooks Online, and QuickBooks Online tax rates are not created from here. Pair it in Connections → Lists.",
    });
    expect(sim.records(realm, 'Bill').some((b) => b.DocNumber === 'R-2')).toBe(false);
    expect(sim.records(realm, 'TaxCode').some((c) => c.Name === 'Other 7%')).toBe(false);
    // Settings that cannot release it leave it waiting, in Needs pairing.
    await expectSaveLeavesWaiting(core, connection.id, waiting.id, {
      importPayments: true,
      classField: 'job class',
    });

    const zero = sim.records(realm, 'TaxCode').find((c) => c.Name === 'Z')!;
    await core.call('connections.update', {
      id: connection.id,
      settings: { taxCodeMap: { [ours.id]: standard.Id, [other.id]: zero.Id } },
    });
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: waiting.id })).sync[0]).toMatchObject({ status: 'sent' });
    const second = sim.records(realm, 'Bill').find((b) => b.DocNumber === 'R-2')!;
    expect((second.Line as Line[])[0]!.AccountBasedExpenseLineDetail.TaxCodeRef?.value).toBe(zero.Id);
  });

  it('a US company: a tax rate needs no QuickBooks tax code, so the bill goes', async () => {
    world = await startWorld();
    const { core, sim, realm } = world;
    const { company, send } = await setUp(world, 'USD');
    const state = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'State tax',
      percent: '6.25',
    });
    const sent = await send(state.id, 'US-1');
    expect(sent.sync[0]).toMatchObject({ status: 'sent' });
    expect(sim.records(realm, 'Bill').some((b) => b.DocNumber === 'US-1')).toBe(true);
  });
});
