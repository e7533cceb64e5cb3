// OAuth 2.0 client credentials against the simulator's token endpoint: concurrent requests share one exchange
// (single flight), the assertion carries what NetSuite checks (kid, iss, aud, scope, exp ≤ iat + 3600), and a
// refused token is replaced by a fresh one, and a token is never sent to another account than it was minted for.
import { decodeJwt, decodeProtectedHeader, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCredentialsTokens, signAssertion } from '../../../main/connectors/netsuite/auth.js';
import type { ConnectorContext } from '../../../main/connectors/contract.js';
import type { ConnectionT } from '../../../preload/contract.js';
import { NetSuiteSimulator } from '../../simulators/netsuite/simulator.js';

let sim: NetSuiteSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function contextWith(secrets: Record<string, string>): ConnectorContext {
  return {
    connection: { id: 'conn-1', settings: {} } as unknown as ConnectionT,
    secrets: {
      get: (name) => Promise.resolve(secrets[name] ?? null),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    },
    signal: new AbortController().signal,
    acquireRequestSlot: () => Promise.resolve(),
  };
}

describe('NetSuite client credentials', () => {
  it('signs an assertion NetSuite accepts and shares one token among concurrent requests', async () => {
    sim = new NetSuiteSimulator();
    await sim.start();
    const { publicKey, privateKey } = await generateKeyPair('PS256', {
      extractable: true,
      modulusLength: 2048,
    });
    sim.registerCertificate('client-1', 'cert-1', await exportSPKI(publicKey));
    const privateKeyPem = await exportPKCS8(privateKey);

    const assertion = await signAssertion({
      clientId: 'client-1',
      certificateId: 'cert-1',
      privateKeyPem,
      tokenUrl: sim.tokenUrl,
    });
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'cert-1' });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ iss: 'client-1', aud: sim.tokenUrl, scope: ['rest_webservices'] });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(3600);

    const tokens = new ClientCredentialsTokens();
    const ctx = contextWith({ clientId: 'client-1', certificateId: 'cert-1', privateKeyPem });
    const got = await Promise.all(
      Array.from({ length: 5 }, () => tokens.accessToken(ctx, sim!.tokenUrl, 'TSTDRV1')),
    );
    expect(new Set(got).size).toBe(1);
    expect(sim.stats.tokensIssued).toBe(1);

    const fresh = await tokens.accessToken(ctx, sim.tokenUrl, 'TSTDRV1', got[0]);
    expect(fresh).not.toBe(got[0]);
    expect(sim.stats.tokensIssued).toBe(2);

    // The connection pointed at another account: the token held for the old one is not sent to it.
    const otherAccount = await tokens.accessToken(ctx, sim.tokenUrl, 'TSTDRV2');
    expect(otherAccount).not.toBe(fresh);
    expect(sim.stats.tokensIssued).toBe(3);
    expect(await tokens.accessToken(ctx, sim.tokenUrl, 'TSTDRV2')).toBe(otherAccount);
    expect(sim.stats.tokensIssued).toBe(3);
  });

  it('names what is missing when the keychain lacks the certificate key', async () => {
    const tokens = new ClientCredentialsTokens();
    await expect(
      tokens.accessToken(contextWith({ clientId: 'x' }), 'http://127.0.0.1:9/token', 'TSTDRV1'),
    ).rejects.toThrow(/certificate id or private key/);
  });
});
