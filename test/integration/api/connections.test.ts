// Connections end to end: credentials into the real keychain, browser sign-in through the loopback redirect,
// auto-send on approval, documents that predate the connection kept as history — and a planted secret that
// must never surface in SQLite, the log, API output or an error.
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/db/database.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { isCI, probeKeychain } from '../secrets/keychain-probe.js';
import {
  BrowserSigninConnector,
  startSigninSimulator,
  type SigninSimulator,
} from '../../simulators/signin-simulator.js';
import type { ConnectionT } from '../../../preload/contract.js';

const keychain = await probeKeychain();
if (!keychain.available && !isCI) {
  console.warn(`[connections] SKIPPING: no Secret Service here (${keychain.reason}). Run through npm test.`);
}
const describeKeychain = keychain.available || isCI ? describe : describe.skip;

const PLANTED = 'PLANTED-client-secret-7f3a9c1e5b';

describeKeychain('connections with a browser sign-in', () => {
  let core: TestCore;
  let sim: SigninSimulator;
  let connector: BrowserSigninConnector;
  const outputs: unknown[] = [];
  const call: TestCore['call'] = async (method, input) => {
    const result = await core.call(method, input);
    outputs.push(result);
    return result;
  };

  beforeAll(async () => {
    sim = await startSigninSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });
  beforeEach(async () => {
    connector = new BrowserSigninConnector();
    core = await startCore({ connectors: [connector] });
  });
  afterEach(async () => {
    await core.close();
  });

  async function waitForStatus(id: string, status: ConnectionT['status']): Promise<ConnectionT> {
    for (let i = 0; i < 200; i++) {
      const found = (await call('connections.list', {})).find((c) => c.id === id);
      if (found?.status === status) return found;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`connection never became ${status}`);
  }

  it('signs in, sends approved documents automatically, keeps older ones as history, and never leaks a secret', async () => {
    const company = await call('companies.create', { name: 'Cloud Co' });
    const supplier = await call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const draft = (number: string) =>
      call('documents.create', {
        companyId: company.id,
        type: 'purchase_order',
        number,
        supplierId: supplier.id,
        date: '2026-11-02',
        lines: [{ description: 'Bolts', quantity: '100', unitPrice: '0.25' }],
      });
    const older = await draft('PO-OLD');
    await call('documents.submit', { id: older.id });
    await call('documents.approve', { id: older.id });

    const connection = await call('connections.create', {
      companyId: company.id,
      system: 'test_oauth',
      settings: { authBaseUrl: sim.baseUrl, documentsToSend: ['purchase_order'] },
      credentials: { clientId: 'client-123', clientSecret: PLANTED },
    });
    expect(connection.credentialNames).toEqual(['clientId', 'clientSecret']);
    // Vendor defaults fill what the caller did not set; the caller's base URL wins.
    expect(connection.settings).toMatchObject({
      apiBaseUrl: 'https://api.ledger.invalid',
      authBaseUrl: sim.baseUrl,
      documentsToSend: ['purchase_order'],
      importPayments: true,
      createMissing: true,
    });
    expect(connection.status).toBe('not_connected');
    expect(await core.app.call('documents.get', { id: older.id })).toMatchObject({
      sync: [expect.objectContaining({ connectionId: connection.id, status: 'historical' })],
    });

    const { authorizeUrl } = await call('connections.connect', { id: connection.id });
    expect(authorizeUrl).toMatch(new RegExp(`^${sim.baseUrl}/authorize\\?`));
    expect(authorizeUrl).toContain('code_challenge_method=S256');
    expect(authorizeUrl).not.toContain(PLANTED);
    // The "browser": follows the provider's redirect to the loopback listener.
    const landing = await fetch(authorizeUrl!);
    expect(await landing.text()).toContain('return to Ledgerbridge');
    const connected = await waitForStatus(connection.id, 'connected');
    expect(connected.connectedAt).not.toBeNull();
    expect(sim.issuedRefreshTokens).toHaveLength(1);

    const fresh = await draft('PO-NEW');
    await call('documents.submit', { id: fresh.id });
    await call('documents.approve', { id: fresh.id });
    await core.app.sync.whenIdle();
    const sent = await call('documents.get', { id: fresh.id });
    expect(sent.sync).toEqual([expect.objectContaining({ connectionId: connection.id, status: 'sent' })]);
    expect(connector.liveDocuments().map((d) => d.number)).toEqual(['PO-NEW']);
    const stillHistory = await call('documents.get', { id: older.id });
    expect(stillHistory.sync[0]?.status).toBe('historical');

    // A secret over the keychain's limit is refused, with a message that does not echo it.
    const huge = `${PLANTED}${'x'.repeat(2600)}`;
    const refusal = await core
      .call('connections.update', { id: connection.id, credentials: { apiKey: huge } })
      .catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      code: 'secret_too_large',
      userMessage: expect.stringContaining('2,500'),
    });
    expect(JSON.stringify(refusal)).not.toContain(PLANTED);
    expect(String((refusal as Error).message)).not.toContain(PLANTED);

    outputs.push(await call('log.list', { companyId: company.id, limit: 500 }));
    const everything = JSON.stringify(outputs);
    const refreshToken = sim.issuedRefreshTokens[0]!;
    expect(everything).not.toContain(PLANTED);
    expect(everything).not.toContain(refreshToken);
    expect(everything).toContain('Sent to Test Cloud Ledger');

    await core.app.close();
    for (const file of fs.readdirSync(core.dataDir)) {
      const bytes = fs.readFileSync(path.join(core.dataDir, file));
      expect(bytes.includes(PLANTED), `${file} holds the planted secret`).toBe(false);
      expect(bytes.includes(refreshToken), `${file} holds the refresh token`).toBe(false);
    }
  });

  it('shows a refused sign-in on the connection and in the log', async () => {
    const company = await call('companies.create', { name: 'Refusing Co' });
    const connection = await call('connections.create', {
      companyId: company.id,
      system: 'test_oauth',
      settings: { authBaseUrl: sim.baseUrl },
    });
    sim.decision = 'deny';
    try {
      const { authorizeUrl } = await call('connections.connect', { id: connection.id });
      await fetch(authorizeUrl!);
      const failed = await waitForStatus(connection.id, 'error');
      expect(failed.statusMessage).toMatch(/not completed.*Connect again/);
      const log = await call('log.list', { connectionId: connection.id });
      expect(log.items[0]).toMatchObject({ action: 'connect', result: 'failure' });
    } finally {
      sim.decision = 'allow';
    }
  });

  it('refuses an unknown system and a second accounting connection with a clear message', async () => {
    const company = await call('companies.create', { name: 'One Ledger Co' });
    await expect(
      core.call('connections.create', { companyId: company.id, system: 'sage' }),
    ).rejects.toMatchObject({
      code: 'not_supported',
      userMessage: expect.stringContaining('Test Cloud Ledger'),
    });
    await call('connections.create', { companyId: company.id, system: 'test_oauth' });
    await expect(
      core.call('connections.create', { companyId: company.id, system: 'test_oauth' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('removes a connection: refused while sending; then secrets, sync state and outbox go, the log stays', async () => {
    const company = await call('companies.create', { name: 'Switching Co' });
    const supplier = await call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const connection = await call('connections.create', {
      companyId: company.id,
      system: 'test_oauth',
      settings: { authBaseUrl: sim.baseUrl, documentsToSend: ['purchase_order'] },
      credentials: { clientId: 'client-123', clientSecret: PLANTED },
    });
    const { authorizeUrl } = await call('connections.connect', { id: connection.id });
    await fetch(authorizeUrl!);
    await waitForStatus(connection.id, 'connected');
    const po = await call('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: supplier.id,
      date: '2026-11-02',
      lines: [{ description: 'Bolts', quantity: '100', unitPrice: '0.25' }],
    });
    await call('documents.submit', { id: po.id });
    await call('documents.approve', { id: po.id });
    await core.app.sync.whenIdle();
    const listed = async () =>
      (await call('documents.list', { companyId: company.id, sort: 'date_desc', offset: 0, limit: 10 }))
        .items[0];
    expect((await listed())?.syncStatus).toBe('sent');
    expect(await core.app.call('connections.list', { companyId: company.id })).toHaveLength(1);

    // While a job of the connection is being sent, it stays.
    const db = new BetterSqlite3(path.join(core.dataDir, DATABASE_FILE));
    try {
      db.prepare(
        `UPDATE outbox_jobs SET status = 'running' WHERE id = (SELECT id FROM outbox_jobs WHERE connection_id = ? LIMIT 1)`,
      ).run(connection.id);
      await expect(core.call('connections.remove', { id: connection.id })).rejects.toMatchObject({
        code: 'conflict',
        userMessage: expect.stringContaining('is sending right now'),
      });
      db.prepare(`UPDATE outbox_jobs SET status = 'done' WHERE connection_id = ?`).run(connection.id);
    } finally {
      db.close();
    }

    const removed = await call('connections.remove', { id: connection.id });
    expect(removed).toEqual({ id: connection.id, documentsForgotten: 1 });
    expect(await call('connections.list', { companyId: company.id })).toEqual([]);
    const after = await call('documents.get', { id: po.id });
    expect(after.sync).toEqual([]);
    expect((await listed())?.syncStatus).toBe('not_sent');
    expect(
      await core.app.call('connections.remove', { id: connection.id }).catch((e: unknown) => e),
    ).toMatchObject({
      code: 'not_found',
    });
    // The keychain holds nothing of it any more; the log keeps the history and says what happened.
    const { KeychainSecretStore } = await import('../../../main/secrets/index.js');
    expect(await new KeychainSecretStore({ service: core.secretService }).names(connection.id)).toEqual([]);
    const log = await call('log.list', { companyId: company.id, limit: 100 });
    expect(log.items[0]).toMatchObject({ action: 'remove_connection', connectionId: null });
    expect(log.items.some((e) => e.action === 'send_document' && e.documentId === po.id)).toBe(true);

    // Another accounting connection can now be added; the document sent before is history on it.
    const next = await call('connections.create', { companyId: company.id, system: 'test_oauth' });
    expect((await call('documents.get', { id: po.id })).sync).toEqual([
      expect.objectContaining({ connectionId: next.id, status: 'historical' }),
    ]);
  });
});
