// Connecting to Xero against the simulator: PKCE with no client secret, the state checked by the loopback, the
// organisation chosen after sign-in, granular scopes by default, rotating refresh tokens (single-flight, stored
// before use, a lost answer retried within the grace period), invalid_grant → reconnect.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GRANULAR_SCOPES } from '../../../main/connectors/xero/settings.js';
import {
  CLIENT_ID,
  connectCompany,
  consentInBrowser,
  freePort,
  waitForStatus,
  world,
  worldEachTest,
} from './harness.js';

const ready = worldEachTest();

describe.skipIf(!ready)('Xero: connect', () => {
  it('signs in with PKCE (S256, no secret), granular scopes, one organisation chosen by itself', async () => {
    const { connection } = await connectCompany(world);
    expect(connection.status).toBe('connected');
    expect(world.sim.lastScopes).toEqual([...GRANULAR_SCOPES]);
    expect(world.sim.liveRefreshTokens()).toHaveLength(1);
    const test = await world.core.call('connections.test', { id: connection.id });
    expect(test).toEqual({ ok: true, message: 'Connected to Northwind Facilities Ltd (NZ, NZD).' });
    const listed = JSON.stringify(
      await world.core.call('connections.list', { companyId: connection.companyId }),
    );
    expect(listed).not.toContain(world.sim.liveRefreshTokens()[0]!);
  });

  it('removing the connection revokes the sign-in at Xero', async () => {
    const { connection } = await connectCompany(world);
    expect(world.sim.liveRefreshTokens()).toHaveLength(1);
    await world.core.call('connections.remove', { id: connection.id });
    expect(world.sim.liveRefreshTokens()).toEqual([]);
    expect(await world.core.call('connections.list', { companyId: connection.companyId })).toEqual([]);
  });

  it('asks for the broad scopes when set, and refuses a browser answer with another state', async () => {
    const { core, sim } = world;
    const company = await core.call('companies.create', { name: 'Old App Co', baseCurrency: 'NZD' });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'xero',
      settings: { ...sim.connectionSettings(), scopes: 'broad' },
      credentials: { clientId: CLIENT_ID },
    });
    const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
    const url = new URL(authorizeUrl!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toContain('accounting.transactions');
    const consent = await fetch(authorizeUrl!, { redirect: 'manual' });
    const forged = new URL(consent.headers.get('location')!);
    forged.searchParams.set('state', 'not-ours');
    expect((await fetch(forged)).status).toBe(400);
    expect((await fetch(consent.headers.get('location')!)).status).toBe(200);
    await waitForStatus(core, company.id, connection.id, 'connected');
  });

  it('with several organisations, asks the user to choose one; xero.tenants lists them and xero.chooseTenant connects', async () => {
    const second = world.sim.createOrg({ name: 'Second Org Pty', countryCode: 'AU', baseCurrency: 'AUD' });
    world.sim.consentTenants = [world.org.tenantId, second.tenantId];
    const { core, sim } = world;
    const company = await core.call('companies.create', { name: 'Two Orgs', baseCurrency: 'AUD' });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'xero',
      settings: sim.connectionSettings(),
      credentials: { clientId: CLIENT_ID },
    });
    const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
    await consentInBrowser(authorizeUrl!);
    const waiting = await waitForStatus(core, company.id, connection.id, 'error');
    expect(waiting.statusMessage).toContain('You allowed 2 Xero organisations');
    const tenants = await core.call('xero.tenants', { connectionId: connection.id });
    expect(tenants.map((t) => t.name).sort()).toEqual(['Northwind Facilities Ltd', 'Second Org Pty']);
    const chosen = await core.call('xero.chooseTenant', {
      connectionId: connection.id,
      tenantId: second.tenantId,
    });
    expect(chosen.status).toBe('connected');
    const test = await core.call('connections.test', { id: connection.id });
    expect(test.message).toContain('Second Org Pty (AU, AUD)');
  });

  it('refreshes once for many callers, stores the rotated token first, and retries a lost answer within the grace period', async () => {
    const { connection } = await connectCompany(world);
    const before = world.sim.liveRefreshTokens()[0]!;
    world.sim.expireAccessTokens();
    world.sim.dropNextTokenAnswer = true; // the first refresh answer is lost; the same token works again (grace)
    const results = await Promise.all(
      Array.from({ length: 4 }, () => world.core.call('connections.test', { id: connection.id })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const live = world.sim.liveRefreshTokens();
    expect(live).not.toContain(before);
    const stored = await world.secrets.get(connection.id, 'refreshToken');
    expect(live).toContain(stored);
    expect(world.sim.stats.tokenRefreshes).toBe(2); // the lost one, and its retry — not one per caller
  });

  it('comes back through the fixed redirect port the Xero app registered (Xero matches the URI exactly)', async () => {
    const { core, sim } = world;
    const port = await freePort();
    const registered = `http://localhost:${port}/callback`;
    sim.registerApp('FIXEDPORTCLIENT', [registered]);
    const company = await core.call('companies.create', { name: 'Fixed Port Co', baseCurrency: 'NZD' });
    const connection = await core.call('connections.create', {
      companyId: company.id,
      system: 'xero',
      settings: { ...sim.connectionSettings(), redirectPort: port },
      credentials: { clientId: 'FIXEDPORTCLIENT' },
    });
    const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
    expect(new URL(authorizeUrl!).searchParams.get('redirect_uri')).toBe(registered);
    const consent = await fetch(authorizeUrl!, { redirect: 'manual' });
    const back = consent.headers.get('location')!;
    expect(back.startsWith(`${registered}?`)).toBe(true);
    // Any page can send the browser to localhost: a callback without this sign-in's state is refused and the
    // sign-in goes on.
    const forged = new URL(back);
    forged.searchParams.set('state', 'not-ours');
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(400);
    forged.searchParams.delete('state');
    expect((await fetch(forged, { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(`${registered}?error=access_denied`, { redirect: 'manual' })).status).toBe(400);
    const relayed = await fetch(back, { redirect: 'manual' });
    expect(relayed.status).toBe(302);
    expect(relayed.headers.get('location')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    expect((await fetch(relayed.headers.get('location')!)).status).toBe(200);
    const connected = await waitForStatus(core, company.id, connection.id, 'connected', 'error');
    expect(connected.status).toBe('connected');
    // The relay is gone once the answer went through.
    await expect(fetch(back)).rejects.toThrow();

    // A random port is not what the app registered: Xero refuses before any sign-in.
    await core.call('connections.update', { id: connection.id, settings: { redirectPort: 0 } });
    const again = await core.call('connections.connect', { id: connection.id });
    expect((await fetch(again.authorizeUrl!, { redirect: 'manual' })).status).toBe(500);
  });

  it('says what to do when the redirect port is taken', async () => {
    const { core, sim } = world;
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const company = await core.call('companies.create', { name: 'Busy Port Co', baseCurrency: 'NZD' });
      const connection = await core.call('connections.create', {
        companyId: company.id,
        system: 'xero',
        settings: { ...sim.connectionSettings(), redirectPort: port },
        credentials: { clientId: CLIENT_ID },
      });
      await expect(core.call('connections.connect', { id: connection.id })).rejects.toThrow(
        `Port ${port}, where Xero sends the browser back after sign-in, is in use`,
      );
    } finally {
      blocker.close();
    }
  });

  it('a revoked grant (invalid_grant) asks to reconnect, and nothing is lost', async () => {
    const { connection } = await connectCompany(world);
    world.sim.revokeAll();
    const test = await world.core.call('connections.test', { id: connection.id });
    expect(test.ok).toBe(false);
    expect(test.message).toContain('Choose Reconnect');
  });
});
