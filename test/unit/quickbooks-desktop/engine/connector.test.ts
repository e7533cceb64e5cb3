// The QuickBooks Desktop connector as the API uses it: settings with their defaults, connect/test without a
// browser (the Web Connector password is the credential), and the worker-facing methods refusing with a reason.
import { describe, expect, it } from 'vitest';
import { ConnectorError, type ConnectorContext } from '../../../../main/connectors/contract.js';
import { quickBooksDesktopConnector as qbd } from '../../../../main/connectors/quickbooks-desktop/connector.js';
import { WEB_CONNECTOR_PASSWORD } from '../../../../main/connectors/quickbooks-desktop/setup.js';
import { ConnectorRegistry } from '../../../../main/connectors/registry.js';
import { qbdSettings, QbdSettingsSchema } from '../../../../main/connectors/quickbooks-desktop/settings.js';
import type { ConnectionT } from '../../../../preload/contract.js';

function context(secret: string | null, connection: Partial<ConnectionT> = {}): ConnectorContext {
  return {
    connection: {
      id: 'c1',
      companyId: 'co1',
      system: 'quickbooks_desktop',
      name: 'QuickBooks Desktop',
      status: 'connected',
      statusMessage: null,
      settings: {},
      credentialNames: [],
      connectedAt: null,
      createdAt: '2026-11-01T00:00:00Z',
      ...connection,
    },
    secrets: {
      get: async (name) => (name === WEB_CONNECTOR_PASSWORD ? secret : null),
      set: async () => undefined,
      delete: async () => undefined,
    },
    signal: new AbortController().signal,
    acquireRequestSlot: async () => undefined,
  };
}

const signIn = { redirectUri: 'http://127.0.0.1:1/cb', state: 's', codeChallenge: 'c', codeVerifier: 'v' };

describe('QuickBooks Desktop connector', () => {
  it('is delivered by the Web Connector session, with settings that default sensibly', () => {
    expect(qbd.system).toBe('quickbooks_desktop');
    expect(qbd.delivery).toBe('session');
    expect(QbdSettingsSchema.safeParse(qbd.defaultSettings).success).toBe(true);
    expect(QbdSettingsSchema.safeParse({ ...qbd.defaultSettings, customerMapping: 'job' }).success).toBe(
      false,
    );
    const settings = qbdSettings({ settings: { billCancel: 'void', importPayments: false } });
    expect(settings).toMatchObject({ billCancel: 'void', importPayments: false, runEveryMinutes: 15 });
  });

  it('connects once the Web Connector password is set, and says how to set it otherwise', async () => {
    await expect(qbd.connect(context('s3cret'), signIn)).resolves.toEqual({ authorizeUrl: null });
    const error = await qbd.connect(context(null), signIn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).kind).toBe('needs_user');
    expect((error as ConnectorError).userMessage).toMatch(/password/);
    expect((error as ConnectorError).userMessage).toMatch(/\.qwc/);
  });

  it('reports the last session, or that none has happened yet', async () => {
    expect((await qbd.test(context('x'))).message).toMatch(/not called yet/);
    const last = 'Last Web Connector session (2026-11-22 05:00 UTC): 3 documents sent.';
    expect(await qbd.test(context('x', { statusMessage: last }))).toEqual({ ok: true, message: last });
    expect((await qbd.test(context('x', { status: 'error', statusMessage: 'stopped' }))).ok).toBe(false);
    expect((await qbd.test(context(null))).ok).toBe(false);
  });

  it('has no worker-facing calls: the registry knows it as a session system', () => {
    const registry = new ConnectorRegistry([qbd]);
    expect(registry.isAccounting('quickbooks_desktop')).toBe(true);
    expect(registry.deliveryOf('quickbooks_desktop')).toBe('session');
    expect(registry.push('quickbooks_desktop')).toBeNull();
    expect('sendDocuments' in qbd).toBe(false);
    expect(qbd.sessionHint).toMatch(/Update Selected/);
  });
});
