// Production sign-in has no default relay page (whoever hosts it receives each sign-in's code, realm id and state),
// and a company signed in to gets nothing until the bookkeeper confirms it by name and realm id: a relay page or a
// consent that picked another company is caught before a bill or a vendor lands there. Confirming releases the
// documents that waited; a sign-in to another realm asks again, a sign-in to the same realm does not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejected, sendBill } from '../company-switch.js';
import {
  CLIENT_ID,
  CLIENT_SECRET,
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

/** A sandbox connection signed in through the real consent, not yet confirmed. */
async function signedIn() {
  const { core } = world;
  const { company, connection } = await unsignedConnection(world);
  await signIn(world, company.id, connection.id);
  seedJobMaterials(world, world.realm);
  const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
  const account = await core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  return { company, connection, supplier, account };
}

/** A bill of the signed-in company, its sync row once the worker is idle. */
async function bill(companyId: string, supplierId: string, accountId: string, number: string) {
  return (await sendBill(world.core, { companyId, supplierId, accountId, number })).sync;
}

describe.skipIf(!ready)('QuickBooks Online: the relay page and the company confirmation', () => {
  it('refuses a production Connect until the relay page is set, naming relayUrl; the old default counts as unset', async () => {
    const { core, sim } = world;
    const company = await core.call('companies.create', {
      name: 'Northwind Facilities',
      baseCurrency: 'USD',
    });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
      settings: { ...sim.connectionSettings(), environment: 'production' },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
    expect(connection.settings.relayUrl).toBeNull();
    const refused = await rejected(core.call('connections.connect', { id: connection.id }));
    expect(refused.code).toBe('invalid_input');
    expect(refused.userMessage).toContain('relayUrl');
    expect(refused.userMessage).toContain('docs/relay/');
    expect(refused.userMessage).toContain('sandbox');
    expect(refused.problems.map((p) => p.field)).toEqual(['relayUrl']);
    // Nothing changed: the connection is as it was, no browser was sent anywhere.
    const [after] = await core.call('connections.list', { companyId: company.id });
    expect(after!.status).toBe(connection.status);
    expect(after!.statusMessage).toBe(connection.statusMessage);

    // Stored by an earlier version as the default: nobody here controls it, so it is treated as unset.
    await core.call('connections.update', {
      id: connection.id,
      settings: { relayUrl: 'https://ledgerbridge.github.io/ledgerbridge/relay/' },
    });
    expect((await rejected(core.call('connections.connect', { id: connection.id }))).problems[0]?.field).toBe(
      'relayUrl',
    );

    // A relay page on plain http elsewhere is refused when saved, naming the field.
    const http = await rejected(
      core.call('connections.update', {
        id: connection.id,
        settings: { relayUrl: 'http://relay.example.org/' },
      }),
    );
    expect(http.problems[0]?.field).toBe('relayUrl');
    expect(http.userMessage).toContain('relayUrl must start with https://');

    await core.call('connections.update', {
      id: connection.id,
      settings: { relayUrl: 'https://relay.example.org/ledgerbridge/relay/' },
    });
    const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
    expect(new URL(authorizeUrl!).searchParams.get('redirect_uri')).toBe(
      'https://relay.example.org/ledgerbridge/relay/',
    );
  });

  it('holds sends until the company is confirmed by name and realm id; confirming releases them', async () => {
    const { core, sim, realm } = world;
    const { company, connection, supplier, account } = await signedIn();
    const [listed] = await core.call('connections.list', { companyId: company.id });
    expect(listed!.settings.company).toMatchObject({ name: 'Northwind Facilities', realmId: realm.id });
    expect(listed!.settings.confirmedCompany).toBeNull();

    const waiting = await bill(company.id, supplier.id, account.id, 'HOLD-1');
    expect(waiting.status).toBe('waiting');
    expect(waiting.lastMessage).toContain('Confirm the company on the Connections page');
    expect(waiting.lastMessage).toContain('Northwind Facilities');
    // Nothing reached the company: no bill, and no vendor created on the way.
    expect(sim.records(realm, 'Bill')).toHaveLength(0);
    expect(sim.records(realm, 'Vendor')).toHaveLength(0);

    // A confirmation of another realm than the one signed in to is refused.
    const wrong = await rejected(
      core.call('quickbooksOnline.confirmCompany', { connectionId: connection.id, realmId: '123' }),
    );
    expect(wrong.code).toBe('conflict');
    expect(wrong.problems[0]?.field).toBe('realmId');

    const confirmed = await confirmCompany(core, listed!);
    expect(confirmed.settings.confirmedCompany).toMatchObject({
      realmId: realm.id,
      name: 'Northwind Facilities',
      confirmedBy: 'test-user',
    });
    await core.app.sync.whenIdle();
    const doc = (await core.call('documents.list', { companyId: company.id })).items[0]!;
    expect((await core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    expect(sim.records(realm, 'Bill')).toHaveLength(1);
    const log = await core.call('log.list', { companyId: company.id });
    expect(log.items.map((e) => e.message)).toContain(
      'test-user confirmed the QuickBooks company Northwind Facilities; documents waiting for it go now.',
    );
  });

  it('a sign-in to the same company again keeps the confirmation', async () => {
    const { core } = world;
    const { company, connection, supplier, account } = await signedIn();
    const [first] = await core.call('connections.list', { companyId: company.id });
    await confirmCompany(core, first!);
    const again = await signIn(world, company.id, connection.id);
    expect(again.settings.confirmedCompany).toMatchObject({ realmId: world.realm.id });
    expect((await bill(company.id, supplier.id, account.id, 'SAME-1')).status).toBe('sent');
  });

  it('a sign-in to another company asks again, and the old confirmation cannot be replayed for it', async () => {
    const { core, sim, realm } = world;
    const { company, connection, supplier, account } = await signedIn();
    const [first] = await core.call('connections.list', { companyId: company.id });
    await confirmCompany(core, first!);

    // Reconnect, and the consent picks another company: nothing goes there until it is confirmed.
    const other = sim.createRealm({ companyName: 'Somebody Else Ltd' });
    seedJobMaterials(world, other);
    sim.consentRealm = other.id;
    const reconnected = await signIn(world, company.id, connection.id);
    expect(reconnected.settings.company).toMatchObject({ name: 'Somebody Else Ltd', realmId: other.id });
    const held = await bill(company.id, supplier.id, account.id, 'OTHER-1');
    expect(held.status).toBe('waiting');
    expect(held.lastMessage).toContain('Confirm the company on the Connections page');
    expect(held.lastMessage).toContain('Somebody Else Ltd');
    expect(sim.records(other, 'Bill')).toHaveLength(0);
    expect(sim.records(other, 'Vendor')).toHaveLength(0);
    const stale = await rejected(
      core.call('quickbooksOnline.confirmCompany', { connectionId: connection.id, realmId: realm.id }),
    );
    expect(stale.code).toBe('conflict');

    await confirmCompany(core, reconnected);
    await core.app.sync.whenIdle();
    expect(sim.records(other, 'Bill')).toHaveLength(1);
    expect(sim.records(realm, 'Bill')).toHaveLength(0);
  });
});
