// A connection reconnected to another QuickBooks company. Every company numbers its records from 1, so the old
// company's vendor id names some other vendor (or none) in the new one. Until the bookkeeper confirms the new
// company nothing is written there and nothing read from it joins what the connection knows (tax codes, lists);
// on the confirmation the old company's pairings, mirrored ids and mapped settings are retired (kept for the
// record), and a bill sent to the old company is never updated into the new one: its status and log say so.
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/db/database.js';
import { AppError } from '../../../main/domain/errors.js';
import {
  approve,
  CLIENT_ID,
  CLIENT_SECRET,
  confirmCompany,
  consentInBrowser,
  oracleReady,
  startWorld,
  waitForStatus,
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

async function rejected(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

async function signIn(companyId: string, connectionId: string) {
  const { authorizeUrl } = await world.core.call('connections.connect', { id: connectionId });
  await consentInBrowser(authorizeUrl!);
  return waitForStatus(world.core, companyId, connectionId, 'connected');
}

function seedAccount(realm: QboWorld['realm']) {
  return world.sim.seed(realm, 'Account', {
    Name: 'Job Materials',
    AccountType: 'Expense',
    Classification: 'Expense',
  });
}

describe.skipIf(!ready)('QuickBooks Online: switching the connection to another company', () => {
  it('holds writes and imports until confirmed, then retires the old pairings and never updates an old bill into the new company', async () => {
    const { core, sim, realm } = world;
    const company = await core.call('companies.create', {
      name: 'Northwind Facilities',
      baseCurrency: 'USD',
    });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
      settings: { ...sim.connectionSettings(), environment: 'sandbox', documentsToSend: ['invoice'] },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
    const first = await signIn(company.id, connection.id);

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
    const oldAccount = seedAccount(realm);
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
    const doc = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'OLD-1',
      date: '2026-11-05',
      lines: [{ description: 'Parts', quantity: '2', unitPrice: '19.95', accountId: mirrored.id }],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    const oldVendor = sim.records(realm, 'Vendor').find((v) => v.DisplayName === 'Acme Supplies')!;
    const oldBill = sim.records(realm, 'Bill')[0]!;

    // The second company has records under the same ids: another vendor, another bill.
    const other = sim.createRealm({ companyName: 'Somebody Else Ltd' });
    while (other.nextId < Number(oldVendor.Id)) other.nextId += 1;
    const stranger = sim.seed(other, 'Vendor', { DisplayName: 'Unrelated Vendor' });
    expect(stranger.Id).toBe(oldVendor.Id);
    seedAccount(other);
    sim.consentRealm = other.id;
    const reconnected = await signIn(company.id, connection.id);
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
    const log = await core.call('log.list', { companyId: company.id });
    const messages = log.items.map((e) => e.message);
    expect(
      messages.some((m) =>
        m.startsWith('This connection now sends to the QuickBooks company Somebody Else Ltd'),
      ),
    ).toBe(true);
    expect(messages.some((m) => m.includes('1 document sent to Northwind Facilities stays there'))).toBe(
      true,
    );
    const db = new BetterSqlite3(path.join(core.dataDir, DATABASE_FILE), { readonly: true });
    const retired = db
      .prepare<[string], { entity_type: string; external_id: string }>(
        'SELECT entity_type, external_id FROM retired_company_links WHERE connection_id = ? ORDER BY entity_type',
      )
      .all(connection.id);
    db.close();
    expect(retired).toEqual(
      expect.arrayContaining([
        { entity_type: 'document', external_id: String(oldBill.Id) },
        { entity_type: 'supplier', external_id: String(oldVendor.Id) },
        { entity_type: 'mirrored_list_entry', external_id: String(oldAccount.Id) },
      ]),
    );
    const hidden = await core.call('lists.list', { companyId: company.id, kind: 'account' });
    expect(hidden.find((a) => a.id === mirrored.id)).toBeUndefined();

    // A revision of the old bill is not sent on its own to the new company, and nothing there is updated.
    await core.call('documents.revise', { id: doc.id });
    await core.call('documents.update', {
      id: doc.id,
      lines: [{ description: 'Parts', quantity: '3', unitPrice: '19.95', accountId: mirrored.id }],
    });
    await approve(core, doc.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('historical');
    expect(sim.records(other, 'Bill')).toHaveLength(0);

    // A new bill goes to the new company on its own vendor, never on the stranger that has the old id.
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    const newAccount = (await core.call('lists.list', { companyId: company.id, kind: 'account' })).find(
      (a) => a.name === 'Job Materials',
    )!;
    const fresh = await core.call('documents.create', {
      companyId: company.id,
      type: 'invoice',
      supplierId: supplier.id,
      supplierInvoiceNumber: 'NEW-1',
      date: '2026-11-06',
      lines: [{ description: 'Parts', quantity: '1', unitPrice: '10.00', accountId: newAccount.id }],
    });
    await approve(core, fresh.id);
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: fresh.id })).sync[0]?.status).toBe('sent');
    const bills = sim.records(other, 'Bill');
    expect(bills).toHaveLength(1);
    const vendorRef = (bills[0]!.VendorRef as { value: string }).value;
    expect(vendorRef).not.toBe(stranger.Id);
    expect(sim.get(other, 'Vendor', vendorRef)).toMatchObject({ DisplayName: 'Acme Supplies' });
    expect(sim.get(realm, 'Bill', String(oldBill.Id))).toMatchObject({ SyncToken: oldBill.SyncToken });
  });
});
