// A connection reconnected to another QuickBooks company. Every company numbers its records from 1, so the old
// company's vendor id names some other vendor (or none) in the new one. Until the bookkeeper confirms the new
// company nothing is written there and nothing read from it joins what the connection knows (tax codes, lists);
// on the confirmation the old company's pairings, mirrored ids and mapped settings are retired (kept for the
// record), and a bill sent to the old company is never updated into the new one: its status and log say so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logMessages, rejected, retiredLinks, reviseBill, sendBill } from '../company-switch.js';
import {
  confirmCompany,
  oracleReady,
  seedJobMaterials,
  signIn,
  startWorld,
  unsignedConnection,
  type QboWorld,
} from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld({ companyName: 'Northwind Facilities' });
});
afterEach(async () => {
  await world?.close();
});

describe.skipIf(!ready)('QuickBooks Online: switching the connection to another company', () => {
  it('holds writes and imports until confirmed, then retires the old pairings and never updates an old bill into the new company', async () => {
    const { core, sim, realm } = world;
    const { company, connection } = await unsignedConnection(world);
    const first = await signIn(world, company.id, connection.id);

    // Tax-code creation waits for the confirmation like a send, with the same message, and writes nothing.
    const rate = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'Reduced 5%',
      percent: '5',
    });
    const before = sim.received.length;
    const held = await rejected(
      core.call('taxRates.createExternal', { connectionId: connection.id, taxRateIds: [rate.id] }),
    );
    expect(held.code).toBe('conflict');
    expect(held.userMessage).toContain('Waiting for you to confirm the QuickBooks company');
    expect(held.userMessage).toContain('Confirm the company on the Connections page');
    expect(held.userMessage).toContain('Northwind Facilities');
    expect(sim.received.length).toBe(before);
    expect(sim.records(realm, 'TaxCode')).toHaveLength(0);

    await confirmCompany(core, first);
    const oldAccount = seedJobMaterials(world, realm);
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    const accounts = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    const mirrored = accounts.find((a) => a.name === 'Job Materials')!;
    expect(mirrored.externalId).toBe(oldAccount.Id);
    await core.call('connections.update', {
      id: connection.id,
      settings: {
        taxCodeMap: { [rate.id]: '1' },
        defaultExpenseAccountId: String(oldAccount.Id),
      },
    });

    // A bill sent to the first company: its vendor is created there and paired.
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const doc = await sendBill(core, {
      companyId: company.id,
      supplierId: supplier.id,
      accountId: mirrored.id,
      number: 'OLD-1',
    });
    expect(doc.sync.status).toBe('sent');
    const oldVendor = sim.records(realm, 'Vendor').find((v) => v.DisplayName === 'Acme Supplies')!;
    const oldBill = sim.records(realm, 'Bill')[0]!;

    // The second company has records under the same ids: another vendor, another bill.
    const other = sim.createRealm({ companyName: 'Somebody Else Ltd' });
    while (other.nextId < Number(oldVendor.Id)) other.nextId += 1;
    const stranger = sim.seed(other, 'Vendor', { DisplayName: 'Unrelated Vendor' });
    expect(stranger.Id).toBe(oldVendor.Id);
    seedJobMaterials(world, other);
    sim.consentRealm = other.id;
    const reconnected = await signIn(world, company.id, connection.id);
    expect(reconnected.settings.company).toMatchObject({ name: 'Somebody Else Ltd', realmId: other.id });

    // Not confirmed yet: the new company's lists do not join the old company's mirror.
    const importHeld = await rejected(core.call('lists.import', { connectionId: connection.id }));
    expect(importHeld.userMessage).toContain('Somebody Else Ltd');
    expect(
      (await core.call('lists.list', { companyId: company.id, kind: 'account' })).find(
        (a) => a.id === mirrored.id,
      )?.externalId,
    ).toBe(oldAccount.Id);

    const confirmed = await confirmCompany(core, reconnected);
    // Ids of the old company are gone from the settings.
    expect(confirmed.settings.taxCodeMap).toEqual({});
    expect(confirmed.settings.defaultExpenseAccountId).toBeNull();
    expect(confirmed.settings.confirmedCompany).toMatchObject({ realmId: other.id });

    // The bill sent to the old company: historical here, said plainly, its old id kept for the record.
    const after = await core.call('documents.get', { id: doc.id });
    expect(after.sync[0]?.status).toBe('historical');
    expect(after.sync[0]?.lastMessage).toContain('Sent to the QuickBooks company Northwind Facilities');
    expect(after.sync[0]?.lastMessage).toContain(
      'nor update it into the QuickBooks company Somebody Else Ltd',
    );
    const messages = await logMessages(core, company.id);
    expect(
      messages.some((m) =>
        m.startsWith('This connection now sends to the QuickBooks company Somebody Else Ltd'),
      ),
    ).toBe(true);
    expect(messages.some((m) => m.includes('1 document sent to Northwind Facilities stays there'))).toBe(
      true,
    );
    expect(retiredLinks(core, connection.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity_type: 'document', external_id: String(oldBill.Id) }),
        expect.objectContaining({ entity_type: 'supplier', external_id: String(oldVendor.Id) }),
        expect.objectContaining({ entity_type: 'mirrored_list_entry', external_id: String(oldAccount.Id) }),
      ]),
    );
    const hidden = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    expect(hidden.find((a) => a.id === mirrored.id)).toBeUndefined();

    // A revision of the old bill is not sent on its own to the new company, and nothing there is updated.
    expect((await reviseBill(core, doc.id, mirrored.id, '3')).status).toBe('historical');
    expect(sim.records(other, 'Bill')).toHaveLength(0);

    // A new bill goes to the new company on its own vendor, never on the stranger that has the old id.
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    const newAccount = (await core.call('lists.list', { companyId: company.id, kind: 'account' })).find(
      (a) => a.name === 'Job Materials',
    )!;
    const fresh = await sendBill(core, {
      companyId: company.id,
      supplierId: supplier.id,
      accountId: newAccount.id,
      number: 'NEW-1',
      quantity: '1',
    });
    expect(fresh.sync.status).toBe('sent');
    const bills = sim.records(other, 'Bill');
    expect(bills).toHaveLength(1);
    const vendorRef = (bills[0]!.VendorRef as { value: string }).value;
    expect(vendorRef).not.toBe(stranger.Id);
    expect(sim.get(other, 'Vendor', vendorRef)).toMatchObject({ DisplayName: 'Acme Supplies' });
    expect(sim.get(realm, 'Bill', String(oldBill.Id))).toMatchObject({ SyncToken: oldBill.SyncToken });
  });
});
