// The access-token cache and refresh-token rotation that QuickBooks Online, Xero and NetSuite share: one renewal
// for concurrent callers, renewal before expiry and after a refusal, nothing brought back after forget(), the
// rotated refresh token stored before it is returned, a token rotated meanwhile by someone else picked up, and
// transient failures retried only as often as allowed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectorError, type ConnectionSecrets } from '../../../main/connectors/contract.js';
import { AccessTokens, rotateRefreshToken } from '../../../main/connectors/http/access-tokens.js';

function secrets(
  initial: Record<string, string>,
  events: string[] = [],
): ConnectionSecrets & { store: Map<string, string> } {
  const store = new Map(Object.entries(initial));
  return {
    store,
    get: async (name) => store.get(name) ?? null,
    set: async (name, value) => {
      events.push(`stored ${name}=${value}`);
      store.set(name, value);
    },
    delete: async (name) => void store.delete(name),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AccessTokens', () => {
  it('renews once for many concurrent callers and then serves the held token', async () => {
    const tokens = new AccessTokens(60_000);
    let renewals = 0;
    const renew = async () => {
      renewals++;
      await new Promise((r) => setTimeout(r, 5));
      return { accessToken: `token-${renewals}`, expiresInSeconds: 3600 };
    };
    const got = await Promise.all(Array.from({ length: 6 }, () => tokens.get('c1', renew)));
    expect(got).toEqual(Array(6).fill('token-1'));
    expect(await tokens.get('c1', renew)).toBe('token-1');
    expect(renewals).toBe(1);
    // Another connection has its own token.
    expect(await tokens.get('c2', renew)).toBe('token-2');
  });

  it('renews a refused token, but not one another caller already replaced', async () => {
    const tokens = new AccessTokens(0);
    tokens.remember('c1', { accessToken: 'old', expiresInSeconds: 3600 });
    let renewals = 0;
    const renew = async () => ({ accessToken: `new-${++renewals}`, expiresInSeconds: 3600 });
    expect(await tokens.get('c1', renew, 'old')).toBe('new-1');
    expect(await tokens.get('c1', renew, 'old')).toBe('new-1'); // a late 401 on the old token
    expect(renewals).toBe(1);
  });

  it('renews the given margin before the stated expiry', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-06T10:00:00Z') });
    const tokens = new AccessTokens(120_000);
    tokens.remember('c1', { accessToken: 'first', expiresInSeconds: 600 });
    const renew = async () => ({ accessToken: 'second', expiresInSeconds: 600 });
    vi.setSystemTime(Date.parse('2026-12-06T10:07:59Z'));
    expect(await tokens.get('c1', renew)).toBe('first');
    vi.setSystemTime(Date.parse('2026-12-06T10:08:01Z'));
    expect(await tokens.get('c1', renew)).toBe('second');
  });

  it('lets a failed renewal fail every waiting caller, and tries again on the next call', async () => {
    const tokens = new AccessTokens(0);
    let calls = 0;
    const renew = async () => {
      if (++calls === 1) throw new ConnectorError('transient', 'identity service down');
      return { accessToken: 'ok', expiresInSeconds: 3600 };
    };
    const both = await Promise.allSettled([tokens.get('c1', renew), tokens.get('c1', renew)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await tokens.get('c1', renew)).toBe('ok');
    expect(calls).toBe(2);
  });

  it('does not keep a token whose renewal finished after the connection was forgotten', async () => {
    const tokens = new AccessTokens(0);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let renewals = 0;
    const renew = async () => {
      renewals++;
      await gate;
      return { accessToken: `t${renewals}`, expiresInSeconds: 3600 };
    };
    const pending = tokens.get('c1', renew);
    tokens.forget('c1');
    release();
    expect(await pending).toBe('t1'); // the caller that asked still gets its answer
    expect(await tokens.get('c1', async () => ({ accessToken: 'after', expiresInSeconds: 3600 }))).toBe(
      'after',
    );
  });
});

describe('rotateRefreshToken', () => {
  const notSignedIn = 'Not signed in: connect again.';

  it('stores the rotated refresh token before handing back the answer', async () => {
    const events: string[] = [];
    const store = secrets({ refreshToken: 'r1' }, events);
    const answer = await rotateRefreshToken(
      store,
      async (refreshToken) => {
        events.push(`exchanged ${refreshToken}`);
        return { access_token: 'a2', refresh_token: 'r2' };
      },
      { notSignedIn },
    );
    events.push(`returned ${answer.access_token}`);
    expect(events).toEqual(['exchanged r1', 'stored refreshToken=r2', 'returned a2']);
    expect(store.store.get('refreshToken')).toBe('r2');
  });

  it('says "not signed in" when no refresh token is stored', async () => {
    await expect(
      rotateRefreshToken(secrets({}), async () => ({ refresh_token: 'x' }), { notSignedIn }),
    ).rejects.toMatchObject({ kind: 'auth', message: notSignedIn });
  });

  it('retries a refusal with the token someone else rotated meanwhile, and only then', async () => {
    const store = secrets({ refreshToken: 'r1' });
    const tried: string[] = [];
    const answer = await rotateRefreshToken(
      store,
      async (refreshToken) => {
        tried.push(refreshToken);
        if (refreshToken === 'r1') {
          store.store.set('refreshToken', 'r1b'); // another window rotated it while we asked
          throw new ConnectorError('auth', 'invalid_grant');
        }
        return { refresh_token: 'r2' };
      },
      { notSignedIn },
    );
    expect(tried).toEqual(['r1', 'r1b']);
    expect(answer.refresh_token).toBe('r2');

    // Refused, and the keychain still holds the same token: the grant is gone, the user must reconnect.
    const dead = secrets({ refreshToken: 'r9' });
    let calls = 0;
    await expect(
      rotateRefreshToken(
        dead,
        async () => {
          calls++;
          throw new ConnectorError('auth', 'invalid_grant');
        },
        { notSignedIn },
      ),
    ).rejects.toMatchObject({ kind: 'auth', message: 'invalid_grant' });
    expect(calls).toBe(1);
    expect(dead.store.get('refreshToken')).toBe('r9'); // nothing overwritten
  });

  it('retries a transient failure with the same token only as often as allowed', async () => {
    const flaky = (failures: number) => {
      let calls = 0;
      return {
        exchange: async (refreshToken: string) => {
          calls++;
          expect(refreshToken).toBe('r1');
          if (calls <= failures) throw new ConnectorError('transient', 'answer lost');
          return { refresh_token: 'r2' };
        },
        calls: () => calls,
      };
    };
    const withinGrace = flaky(2);
    await expect(
      rotateRefreshToken(secrets({ refreshToken: 'r1' }), withinGrace.exchange, {
        notSignedIn,
        transientRetries: 2,
      }),
    ).resolves.toEqual({ refresh_token: 'r2' });
    expect(withinGrace.calls()).toBe(3);

    const noRetries = flaky(1);
    await expect(
      rotateRefreshToken(secrets({ refreshToken: 'r1' }), noRetries.exchange, { notSignedIn }),
    ).rejects.toMatchObject({ kind: 'transient' });
    expect(noRetries.calls()).toBe(1);
  });
});
