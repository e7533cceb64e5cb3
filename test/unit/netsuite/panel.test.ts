// The NetSuite panel's decisions as pure functions: the send choice as documentsToSend and `receipts` together (the
// connector refuses one without the other), the credentials each way in stores, the account id check, the settings
// of a new connection, the subsidiary options, and the tax rates that would hold a document.
import { describe, expect, it } from 'vitest';
import { NetSuiteSettingsInput } from '../../../main/connectors/netsuite/settings.js';
import {
  accountIdProblem,
  addSettings,
  credentialsFor,
  sendChoiceOf,
  sendSettingsFor,
  subsidiaryOptions,
  type OrdersChoice,
} from '../../../renderer/src/features/connections/netsuite.js';
import { unmappedTaxRates } from '../../../renderer/src/features/connections/tax-code-map.js';

describe('NetSuite panel: what is sent', () => {
  it('turns every choice into settings the connector accepts, and reads them back as the same choice', () => {
    for (const orders of ['none', 'orders', 'orders_and_receipts'] as OrdersChoice[]) {
      for (const invoices of [false, true]) {
        const settings = sendSettingsFor({ orders, invoices });
        expect(NetSuiteSettingsInput.safeParse({ accountId: '1234567', ...settings }).success).toBe(true);
        expect(sendChoiceOf(settings)).toEqual({ orders, invoices });
      }
    }
    expect(sendSettingsFor({ orders: 'orders_and_receipts', invoices: true })).toEqual({
      documentsToSend: ['purchase_order', 'service_order', 'invoice', 'receipt'],
      receipts: true,
    });
    expect(sendSettingsFor({ orders: 'orders', invoices: false })).toEqual({
      documentsToSend: ['purchase_order', 'service_order'],
      receipts: false,
    });
  });

  it('reads the connector defaults (orders and invoices, no receipts) and an older half-set receipts setting', () => {
    expect(
      sendChoiceOf({ documentsToSend: ['purchase_order', 'service_order', 'invoice'], receipts: false }),
    ).toEqual({ orders: 'orders', invoices: true });
    // Saved before the two were checked together: shown as receipts on, so saving makes both agree.
    expect(sendChoiceOf({ documentsToSend: ['purchase_order'], receipts: true })).toEqual({
      orders: 'orders_and_receipts',
      invoices: false,
    });
    expect(sendChoiceOf({})).toEqual({ orders: 'none', invoices: false });
  });
});

describe('NetSuite panel: adding a connection', () => {
  it('stores only the fields of the chosen way in, and names the missing ones', () => {
    const values = {
      clientId: ' m2m-client ',
      certificateId: 'cert-1',
      privateKeyPem: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n\n',
      consumerKey: 'ck',
    };
    expect(credentialsFor('oauth2-client-credentials', values)).toEqual({
      credentials: {
        clientId: 'm2m-client',
        certificateId: 'cert-1',
        privateKeyPem: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
      },
      missing: [],
    });
    const tba = credentialsFor('tba', values);
    expect(tba.credentials).toEqual({ consumerKey: 'ck' });
    expect(tba.missing).toEqual(['Consumer secret', 'Token ID', 'Token secret']);
  });

  it('checks the account id as the connector does, and leaves the API base URL out when empty', () => {
    expect(accountIdProblem('1234567_SB1')).toBeNull();
    expect(accountIdProblem('')).toBe('is required');
    expect(accountIdProblem('1234567 SB1')).toContain('Company Information');
    expect(addSettings({ accountId: ' 1234567_SB1 ', authMethod: 'tba', apiBaseUrl: ' ' })).toEqual({
      accountId: '1234567_SB1',
      authMethod: 'tba',
    });
    expect(
      addSettings({ accountId: '1', authMethod: 'tba', apiBaseUrl: 'http://127.0.0.1:8080' }),
    ).toMatchObject({ apiBaseUrl: 'http://127.0.0.1:8080' });
  });
});

describe('NetSuite panel: subsidiaries and tax codes', () => {
  it('offers the active subsidiaries and keeps the stored one visible', () => {
    const subs = [
      { id: '1', name: 'Parent', parentId: null, active: true, chosen: false },
      { id: '2', name: 'Old UK', parentId: '1', active: false, chosen: true },
      { id: '3', name: 'Closed', parentId: '1', active: false, chosen: false },
    ];
    expect(subsidiaryOptions(subs, '2')).toEqual([
      { id: '1', text: 'Parent (1)' },
      { id: '2', text: 'Old UK (2) — inactive' },
    ]);
    expect(subsidiaryOptions(subs, '9').at(-1)).toEqual({
      id: '9',
      text: 'Internal id 9 (not visible to this role)',
    });
  });

  it('names the tax rates that have neither a mapping nor an active tax code of the same name', () => {
    const rate = (id: string, name: string) => ({ id, companyId: 'c', name, percent: '20', active: true });
    const code = (name: string, active = true) => ({
      id: name,
      companyId: 'c',
      kind: 'tax_code' as const,
      connectionId: 'x',
      externalId: name,
      name,
      code: null,
      parentId: null,
      active,
    });
    const rates = [rate('r1', 'VAT 20%'), rate('r2', 'Reduced 5%'), rate('r3', 'Old')];
    const unmapped = unmappedTaxRates(rates as never, { r2: '55' }, [
      code('VAT 20%'),
      code('Old', false),
    ] as never);
    expect(unmapped.map((r) => r.id)).toEqual(['r3']);
  });
});
