// A NetSuite connection given another account id (a sandbox left for production, another account). Internal ids
// repeat from one account to the next, so until the bookkeeper confirms the switch nothing is written to the new
// account and nothing read from it joins what the connection knows; on the confirmation the old account's pairings,
// mirrored ids, subsidiary, default expense account and tax mapping are retired (kept for the record), and a bill
// sent to the old account is never updated into the new one (its external id would upsert it there).
import { afterEach, describe, expect, it } from 'vitest';
import { NetSuiteSimulator } from '../../simulators/netsuite/simulator.js';
import { logMessages, rejected, retiredLinks, reviseBill, sendBill } from '../company-switch.js';
import { setUp, TBA, world, worldEachTest } from './harness.js';

const ready = worldEachTest();
let production: NetSuiteSimulator | null = null;
afterEach(async () => {
  await production?.close();
  production = null;
});

describe.skipIf(!ready)('NetSuite: switching the connection to another account', () => {
  it('holds a new account id until confirmed, then retires the old links and writes fresh records', async () => {
    const { core, sim } = world;
    const s = await setUp(world);
    expect(s.connection.settings.confirmedAccount).toMatchObject({ accountId: '1234567_SB1' });
    const old = await sendBill(core, {
      companyId: s.company.id,
      supplierId: s.supplier.id,
      accountId: s.account.id,
      number: 'OLD-1',
    });
    expect(old.sync.status).toBe('sent');
    const [oldBill] = sim.list('vendorBill');
    const [oldVendor] = sim.list('vendor');

    // The production account numbers its records from the same start: its first account is Rent.
    production = new NetSuiteSimulator({ accountId: '7654321' });
    await production.start();
    production.registerTba(TBA.consumerKey, TBA.consumerSecret, TBA.tokenId, TBA.tokenSecret);
    const rent = production.seedRow('account', { acctname: 'Rent', acctnumber: '6200', accttype: 'Expense' });
    expect(rent).toBe(s.nsAccount);
    const jobMaterials = production.seedRow('account', {
      acctname: 'Job Materials',
      acctnumber: '6100',
      accttype: 'Expense',
    });
    const switched = await core.call('connections.update', {
      id: s.connection.id,
      settings: { accountId: '7654321', apiBaseUrl: production.baseUrl },
    });
    expect(switched.settings.confirmedAccount).toMatchObject({ accountId: '1234567_SB1' });

    // Not confirmed: a bill waits with the message, and the lists are not read into the old mirror.
    const held = await sendBill(core, {
      companyId: s.company.id,
      supplierId: s.supplier.id,
      accountId: s.account.id,
      number: 'HELD-1',
    });
    expect(held.sync.status).toBe('waiting');
    expect(held.sync.lastMessage).toContain(
      'Waiting for you to confirm the switch to the NetSuite account 7654321',
    );
    const importHeld = await rejected(core.call('lists.import', { connectionId: s.connection.id }));
    expect(importHeld.code).toBe('conflict');
    expect(production.list('vendorBill')).toHaveLength(0);
    expect(production.list('vendor')).toHaveLength(0);

    const confirmed = await core.call('connections.confirmCompany', {
      connectionId: s.connection.id,
      id: '7654321',
    });
    expect(confirmed.settings).toMatchObject({
      confirmedAccount: { accountId: '7654321', confirmedBy: 'test-user' },
      subsidiaryId: null,
      defaultExpenseAccountId: null,
      taxCodeMap: {},
    });
    await core.app.sync.whenIdle();

    // The bill sent to the old account: historical, said plainly, its id kept for the record.
    const after = await core.call('documents.get', { id: old.id });
    expect(after.sync[0]?.status).toBe('historical');
    expect(after.sync[0]?.lastMessage).toContain('Sent to the NetSuite account 1234567_SB1');
    expect(after.sync[0]?.lastMessage).toContain('nor update it into the NetSuite account 7654321');
    expect(await logMessages(core, s.company.id)).toContainEqual(
      expect.stringMatching(
        /^This connection now sends to the NetSuite account 7654321, no longer to 1234567_SB1/,
      ),
    );
    expect(retiredLinks(core, s.connection.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity_type: 'document', external_id: oldBill!.id }),
        expect.objectContaining({ entity_type: 'supplier', external_id: oldVendor!.id }),
        expect.objectContaining({ entity_type: 'list_entry', external_id: s.nsAccount }),
      ]),
    );

    // The held bill went once confirmed, and stops at the subsidiary the switch cleared: said, nothing written.
    const heldNow = (await core.call('documents.get', { id: held.id })).sync[0]!;
    expect(heldNow.status).not.toBe('sent');
    expect(heldNow.lastMessage).toContain('it needs a subsidiary, and this connection has none chosen');
    expect(production.list('vendorBill')).toHaveLength(0);

    // The bookkeeper chooses the new account's subsidiary. A revision of the old bill still goes nowhere.
    await core.call('connections.update', { id: s.connection.id, settings: { subsidiaryId: '1' } });
    const revised = await reviseBill(core, old.id, s.account.id, '3');
    expect(revised.status).toBe('historical');
    expect(production.list('vendorBill').map((b) => b.externalId)).not.toContain(`lb-${old.id}`);
    expect(sim.list('vendorBill')).toEqual([oldBill]);

    // A new bill: a fresh record in the new account, on its own vendor and its Job Materials, never on Rent.
    const fresh = await sendBill(core, {
      companyId: s.company.id,
      supplierId: s.supplier.id,
      accountId: s.account.id,
      number: 'NEW-1',
    });
    expect(fresh.sync.status).toBe('sent');
    const bills = production.list('vendorBill');
    const newBill = bills.find((b) => b.externalId === `lb-${fresh.id}`)!;
    expect((newBill.expense as { items: { account: { id: string } }[] }).items[0]?.account.id).toBe(
      jobMaterials,
    );
    expect(production.list('vendor')).toEqual([expect.objectContaining({ entityId: 'Acme Supplies' })]);
    expect(sim.list('vendorBill')).toHaveLength(1);
  });

  it('typing the account it sent to back in is no switch: nothing to confirm, nothing retired', async () => {
    const { core } = world;
    const s = await setUp(world);
    await core.call('connections.update', { id: s.connection.id, settings: { accountId: '7654321' } });
    const back = await core.call('connections.update', {
      id: s.connection.id,
      settings: { accountId: '1234567_sb1' },
    });
    expect(back.settings.confirmedAccount).toMatchObject({ accountId: '1234567_SB1' });
    const sent = await sendBill(core, {
      companyId: s.company.id,
      supplierId: s.supplier.id,
      accountId: s.account.id,
      number: 'SAME-1',
    });
    expect(sent.sync.status).toBe('sent');
    expect(retiredLinks(core, s.connection.id)).toEqual([]);
  });
});
