// Connection settings are strict for every system: a key no one reads (a secret pasted under a mistyped name) is
// refused with that key named instead of being stored and returned, and every endpoint that receives tokens,
// credentials or documents must be https unless it is on this computer (127.0.0.1, localhost, [::1]). Settings
// the app writes itself (the company read at sign-in, the chosen Xero organisation) are declared, so a later save
// still validates; a key stored before the schemas were strict is dropped at the next save.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { MemorySecrets } from '../qbwc/harness.js';

let core: TestCore;
beforeAll(async () => {
  core = await startCore({ secrets: new MemorySecrets(), startSync: false });
});
afterAll(async () => {
  await core.close();
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

const SYSTEMS: { system: string; settings: Record<string, unknown>; endpoints: string[] }[] = [
  {
    system: 'quickbooks_online',
    settings: {},
    endpoints: ['apiBaseUrl', 'authorizeEndpoint', 'tokenEndpoint', 'revokeEndpoint', 'relayUrl'],
  },
  {
    system: 'xero',
    settings: {},
    endpoints: ['apiBaseUrl', 'authorizeEndpoint', 'tokenEndpoint', 'connectionsEndpoint'],
  },
  { system: 'netsuite', settings: { accountId: '1234567' }, endpoints: ['apiBaseUrl'] },
  { system: 'quickbooks_desktop', settings: { username: 'ledgerbridge-test' }, endpoints: [] },
  { system: 'servicetrade', settings: {}, endpoints: ['baseUrl'] },
];

async function connectionOf(system: string, settings: Record<string, unknown>) {
  const company = await core.call('companies.create', { name: `Co ${system}`, baseCurrency: 'USD' });
  return core.call('connections.create', { companyId: company.id, system, settings });
}

describe('connection settings', () => {
  for (const { system, settings, endpoints } of SYSTEMS) {
    it(`${system}: unknown keys are refused by name, endpoints need https off this computer`, async () => {
      const unknown = await rejected(
        connectionOf(system, { ...settings, clientSecrt: 'pasted-secret-value-1234' }),
      );
      expect(unknown.code).toBe('invalid_input');
      expect(unknown.problems.map((p) => p.field)).toEqual(['clientSecrt']);
      expect(unknown.userMessage).toContain('clientSecrt is not a setting');
      expect(JSON.stringify(await core.call('connections.list', {}))).not.toContain(
        'pasted-secret-value-1234',
      );

      const connection = await connectionOf(system, settings);
      const update = await rejected(
        core.call('connections.update', { id: connection.id, settings: { apiKey: 'k-1234567890' } }),
      );
      expect(update.problems.map((p) => p.field)).toEqual(['apiKey']);

      for (const field of endpoints) {
        const clear = await rejected(
          core.call('connections.update', {
            id: connection.id,
            settings: { [field]: 'http://api.example.com/v1' },
          }),
        );
        // apiBaseUrl is common to every connection, so the contract itself checks it (as settings.apiBaseUrl).
        const named = field === 'apiBaseUrl' ? `settings.${field}` : field;
        expect(clear.problems.map((p) => p.field)).toEqual([named]);
        expect(clear.userMessage).toContain(`${named} must start with https://`);
        for (const local of [
          'http://127.0.0.1:8123/v1',
          'http://localhost:8123/v1',
          'http://[::1]:8123/v1',
        ]) {
          await core.call('connections.update', { id: connection.id, settings: { [field]: local } });
        }
        await core.call('connections.update', {
          id: connection.id,
          settings: { [field]: 'https://api.example.com/v1' },
        });
      }
    });
  }

  it('the confirmed company is refused in the settings: only connections.confirmCompany sets it', async () => {
    const confirmed = { confirmedAt: '2026-12-01T10:00:00.000Z', confirmedBy: 'mallory' };
    const cases: [string, Record<string, unknown>, string, unknown][] = [
      ['quickbooks_online', {}, 'confirmedCompany', { realmId: '9130001', name: 'Elsewhere', ...confirmed }],
      ['xero', {}, 'confirmedOrganisation', { tenantId: 't-1', name: 'Elsewhere Ltd', ...confirmed }],
      ['netsuite', { accountId: '1234567' }, 'confirmedAccount', { id: '7654321', ...confirmed }],
    ];
    for (const [system, settings, key, value] of cases) {
      const connection = await connectionOf(system, settings);
      const update = await rejected(
        core.call('connections.update', {
          id: connection.id,
          settings: { importPayments: false, [key]: value },
        }),
      );
      expect(update.code).toBe('invalid_input');
      expect(update.problems.map((p) => p.field)).toEqual([`settings.${key}`]);
      expect(update.userMessage).toContain(`settings.${key} is set only by Confirm company`);
      // Nothing of that save was stored.
      const stored = (await core.call('connections.list', {})).find((c) => c.id === connection.id)!;
      expect(stored.settings[key] ?? null).toBeNull();
      expect(stored.settings.importPayments).not.toBe(false);
      // Nor can a new connection start out confirmed.
      const created = await rejected(connectionOf(system, { ...settings, [key]: value }));
      expect(created.problems.map((p) => p.field)).toEqual([`settings.${key}`]);
    }
  });

  it('the common endpoints of the contract need https too', async () => {
    const company = await core.call('companies.create', { name: 'Co common', baseCurrency: 'USD' });
    const error = await rejected(
      core.call('connections.create', {
        companyId: company.id,
        system: 'quickbooks_online',
        settings: { authBaseUrl: 'http://login.example.com/' },
      }),
    );
    expect(error.problems[0]?.field).toBe('settings.authBaseUrl');
    expect(error.userMessage).toContain('settings.authBaseUrl must start with https://');
  });

  it('settings the app writes itself still validate on the next save; a key stored before is dropped', async () => {
    const xero = await connectionOf('xero', {});
    const qbo = await connectionOf('quickbooks_online', { environment: 'sandbox' });
    // What a sign-in and the organisation choice store, and a key an earlier version let through.
    const db = new Database(`${core.dataDir}/ledgerbridge.db`);
    try {
      const store = db.prepare('UPDATE connections SET settings_json = ? WHERE id = ?');
      store.run(
        JSON.stringify({
          ...xero.settings,
          tenantId: '2f8e4c1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
          clientSecrt: 'stored-before-strict',
        }),
        xero.id,
      );
      store.run(
        JSON.stringify({
          ...qbo.settings,
          company: { name: 'Northwind', country: 'US', homeCurrency: 'USD', realmId: '9130001' },
          confirmedCompany: {
            realmId: '9130001',
            name: 'Northwind',
            confirmedAt: '2026-12-01T10:00:00.000Z',
            confirmedBy: 'ann',
          },
          relayUrl: 'https://ledgerbridge.github.io/ledgerbridge/relay/',
        }),
        qbo.id,
      );
    } finally {
      db.close();
    }
    const savedXero = await core.call('connections.update', {
      id: xero.id,
      settings: { importPayments: false },
    });
    expect(savedXero.settings.tenantId).toBe('2f8e4c1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b');
    expect(savedXero.settings).not.toHaveProperty('clientSecrt');
    const savedQbo = await core.call('connections.update', {
      id: qbo.id,
      settings: { importPayments: false },
    });
    expect(savedQbo.settings.company).toMatchObject({ realmId: '9130001' });
    expect(savedQbo.settings.confirmedCompany).toMatchObject({ realmId: '9130001' });
  });
});
