// What goes wrong between us and QuickBooks Online: throttling (429 JSON, and 403 with an XML body), an answer lost
// after the bill was created (no second bill), access tokens expiring under concurrent requests (one refresh, the
// rotated refresh token stored, none lost), and a revoked authorization (the connection asks to reconnect; the
// document waits and goes out after reconnecting).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../../main/secrets/index.js';
import {
  approve,
  connectCompany,
  consentInBrowser,
  oracleReady,
  startWorld,
  waitForStatus,
  type QboWorld,
} from './harness.js';

const ready = oracleReady();
let world: QboWorld;
beforeEach(async () => {
  if (ready) world = await startWorld();
});
afterEach(async () => {
  await world?.close();
});

async function bill(companyId: string, supplierId: string, accountId: string, number: string) {
  const doc = await world.core.call('documents.create', {
    companyId,
    type: 'invoice',
    supplierId,
    supplierInvoiceNumber: number,
    date: '2026-11-05',
    lines: [{ description: 'Parts', quantity: '2', unitPrice: '19.95', accountId }],
  });
  return approve(world.core, doc.id);
}

async function setUp() {
  const { company, connection } = await connectCompany(world);
  const supplier = await world.core.call('suppliers.create', {
    companyId: company.id,
    name: 'Acme Supplies',
  });
  world.sim.seed(world.realm, 'Account', {
    Name: 'Job Materials',
    AccountType: 'Expense',
    Classification: 'Expense',
  });
  const account = await world.core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  return { company, connection, supplier, account };
}

describe.skipIf(!ready)('QuickBooks Online: resilience', () => {
  it('waits and retries when QuickBooks throttles (429 JSON and 403 XML)', async () => {
    const { company, supplier, account } = await setUp();
    world.sim.injectFault(
      '/batch',
      { kind: 'throttle', retryAfterSeconds: 0 },
      { bodyIncludes: '"operation":"create"' },
    );
    world.sim.injectFault('/batch', { kind: 'throttle_xml_403' }, { bodyIncludes: '"operation":"create"' });
    const doc = await bill(company.id, supplier.id, account.id, 'T-1');
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    expect(world.sim.stats.throttled).toBe(2);
    expect(world.sim.records(world.realm, 'Bill')).toHaveLength(1);
  });

  it('a first try creates the bill in one batch, without first looking for an earlier copy', async () => {
    const { company, supplier, account } = await setUp();
    const before = world.sim.stats.byPath['batch'] ?? 0;
    const doc = await bill(company.id, supplier.id, account.id, 'FIRST-1');
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    expect((world.sim.stats.byPath['batch'] ?? 0) - before).toBe(1);
  });

  it('does not create a second bill when the answer was lost after QuickBooks created the first', async () => {
    const { company, supplier, account } = await setUp();
    world.sim.injectFault('/batch', { kind: 'drop_after_write' }, { bodyIncludes: '"operation":"create"' });
    const doc = await bill(company.id, supplier.id, account.id, 'CRASH-1');
    await world.core.app.sync.whenIdle();
    const after = await world.core.call('documents.get', { id: doc.id });
    expect(after.sync[0]?.status).toBe('sent');
    const bills = world.sim.records(world.realm, 'Bill');
    expect(bills).toHaveLength(1);
    expect(after.sync[0]?.externalId).toBe(bills[0]!.Id);
    const log = await world.core.call('log.list', { documentId: doc.id });
    expect(log.items.map((e) => e.message).join('\n')).toContain('not sent twice');
  });

  it('refreshes once for many concurrent requests and keeps the rotated refresh token', async () => {
    const { connection } = await setUp();
    world.sim.expireAccessTokens();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => world.core.call('connections.test', { id: connection.id })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(world.sim.stats.tokenRefreshes).toBe(1);
    const live = world.sim.liveRefreshTokens();
    expect(live).toHaveLength(1);
    const keychain = new KeychainSecretStore({ service: world.core.secretService });
    expect(await keychain.get(connection.id, 'refreshToken')).toBe(live[0]);
  });

  it('asks to reconnect when the authorization is revoked; the bill waits and goes out after reconnecting', async () => {
    const { company, connection, supplier, account } = await setUp();
    world.sim.revokeAllRefreshTokens();
    world.sim.expireAccessTokens();
    const doc = await bill(company.id, supplier.id, account.id, 'R-1');
    await world.core.app.sync.whenIdle();
    const waiting = await waitForStatus(world.core, company.id, connection.id, 'needs_reconnect');
    expect(waiting.statusMessage).toContain('Reconnect');
    expect(world.sim.records(world.realm, 'Bill')).toHaveLength(0);

    const { authorizeUrl } = await world.core.call('connections.connect', { id: connection.id });
    await consentInBrowser(authorizeUrl!);
    await waitForStatus(world.core, company.id, connection.id, 'connected');
    await world.core.app.sync.whenIdle();
    expect((await world.core.call('documents.get', { id: doc.id })).sync[0]?.status).toBe('sent');
    expect(world.sim.records(world.realm, 'Bill')).toHaveLength(1);
  });
});
