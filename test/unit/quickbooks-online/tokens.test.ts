// The token keeper against the simulator's OAuth endpoints (through intuit-oauth): one refresh for many callers,
// the rotated refresh token stored before the new access token is handed out, a token rotated meanwhile by someone
// else picked up from the store after invalid_grant, and a dead grant reported as 'auth' (reconnect).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorContext } from '../../../main/connectors/contract.js';
import { TokenKeeper } from '../../../main/connectors/quickbooks-online/oauth.js';
import { QboSettings } from '../../../main/connectors/quickbooks-online/settings.js';
import type { ConnectionT } from '../../../preload/contract.js';
import { QboSimulator, type Realm } from '../../simulators/quickbooks-online/simulator.js';

let sim: QboSimulator;
let realm: Realm;
beforeEach(async () => {
  sim = new QboSimulator();
  await sim.start();
  sim.registerApp('cid', 'secret');
  realm = sim.createRealm();
});
afterEach(async () => {
  await sim.close();
});

async function refreshTokenFromSignIn(): Promise<string> {
  const redirect = 'http://127.0.0.1:9/callback';
  const consent = await fetch(
    `${sim.baseUrl}/connect/oauth2?client_id=cid&redirect_uri=${encodeURIComponent(redirect)}&state=s`,
    { redirect: 'manual' },
  );
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${sim.baseUrl}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from('cid:secret').toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect }).toString(),
  });
  return ((await res.json()) as { refresh_token: string }).refresh_token;
}

function context(store: Map<string, string>, events: string[], staleFirstRead?: string): ConnectorContext {
  let first = true;
  return {
    connection: { id: 'conn-1', settings: sim.connectionSettings() } as unknown as ConnectionT,
    signal: new AbortController().signal,
    acquireRequestSlot: async () => undefined,
    secrets: {
      get: async (name) => {
        if (name === 'refreshToken' && staleFirstRead && first) {
          first = false;
          return staleFirstRead;
        }
        return store.get(name) ?? null;
      },
      set: async (name, value) => {
        events.push(`stored ${name}`);
        store.set(name, value);
      },
      delete: async (name) => void store.delete(name),
    },
  };
}

const settings = () => QboSettings.parse(sim.connectionSettings());

describe('QuickBooks Online tokens', () => {
  it('refreshes once for concurrent callers and stores the rotated token before handing out the access token', async () => {
    const store = new Map([
      ['clientId', 'cid'],
      ['clientSecret', 'secret'],
      ['realmId', realm.id],
      ['refreshToken', await refreshTokenFromSignIn()],
    ]);
    const events: string[] = [];
    const keeper = new TokenKeeper();
    const ctx = context(store, events);
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () =>
        keeper.accessToken(ctx, settings()).then((t) => (events.push('got access token'), t)),
      ),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(sim.stats.tokenRefreshes).toBe(1);
    expect(events[0]).toBe('stored refreshToken');
    expect(sim.liveRefreshTokens()).toEqual([store.get('refreshToken')]);
  });

  it('picks up a refresh token another process rotated meanwhile', async () => {
    const spent = await refreshTokenFromSignIn();
    const other = new TokenKeeper();
    const otherStore = new Map([
      ['clientId', 'cid'],
      ['clientSecret', 'secret'],
      ['refreshToken', spent],
    ]);
    await other.accessToken(context(otherStore, []), settings()); // the other process rotates `spent`
    const store = new Map([
      ['clientId', 'cid'],
      ['clientSecret', 'secret'],
      ['refreshToken', otherStore.get('refreshToken')!],
    ]);
    const keeper = new TokenKeeper();
    const token = await keeper.accessToken(context(store, [], spent), settings());
    expect(token).toBeTruthy();
    expect(sim.liveRefreshTokens()).toEqual([store.get('refreshToken')]);
  });

  it('reports a revoked grant as auth (the connection asks to reconnect)', async () => {
    const store = new Map([
      ['clientId', 'cid'],
      ['clientSecret', 'secret'],
      ['refreshToken', await refreshTokenFromSignIn()],
    ]);
    sim.revokeAllRefreshTokens();
    await expect(new TokenKeeper().accessToken(context(store, []), settings())).rejects.toMatchObject({
      kind: 'auth',
      userMessage: expect.stringContaining('Reconnect'),
    });
  });
});
