// The simulator refuses what QuickBooks Online refuses, so the connector's tests mean something: schema
// violations (2010), duplicate names across vendors and customers (6240), stale SyncToken (5010), missing tax codes
// outside the US, purchase orders on a subscription without them, tax codes made through the TaxService, the rate
// limit (429), and it replays a write sent again with the same requestid instead of doing it twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../../simulators/quickbooks-online/oracle.js';
import { QboSimulator, type Realm } from '../../simulators/quickbooks-online/simulator.js';

const oracle = qboOracleAvailable();
let sim: QboSimulator;
beforeEach(async () => {
  sim = new QboSimulator();
  await sim.start();
  sim.registerApp('cid', 'secret');
});
afterEach(async () => {
  await sim.close();
});

async function tokenFor(realm: Realm): Promise<string> {
  sim.consentRealm = realm.id;
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
  return ((await res.json()) as { access_token: string }).access_token;
}

async function api(realm: Realm, path: string, body?: unknown, query = '') {
  const token = await tokenFor(realm);
  const res = await fetch(`${sim.baseUrl}/v3/company/${realm.id}/${path}?minorversion=75${query}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are inspected loosely, like a person reading them
type Json = Record<string, any>;
const code = (json: Json) => json.Fault?.Error?.[0]?.code as string | undefined;

describe.skipIf(!oracle)('the QuickBooks Online simulator', () => {
  it('rejects unknown keys and bad enums with 2010, like QuickBooks', async () => {
    const realm = sim.createRealm();
    const vendor = sim.seed(realm, 'Vendor', { DisplayName: 'Acme' });
    const bad = await api(realm, 'purchaseorder', {
      VendorRef: { value: vendor.Id },
      POStatus: 'Pending',
      Line: [],
    });
    expect(bad.status).toBe(400);
    expect(code(bad.json)).toBe('2010');
    expect(bad.json.Fault.Error[0].Detail).toContain("'Pending' is not one of Open, Closed");
  });

  it('keeps DisplayName unique across vendors and customers (6240) and refuses a stale SyncToken (5010)', async () => {
    const realm = sim.createRealm();
    sim.seed(realm, 'Customer', { DisplayName: 'Acme' });
    expect(code((await api(realm, 'vendor', { DisplayName: 'acme' })).json)).toBe('6240');
    const created = await api(realm, 'vendor', { DisplayName: 'Bolt' });
    const id = created.json.Vendor.Id as string;
    expect((await api(realm, 'vendor', { Id: id, SyncToken: '0', sparse: true, AcctNum: '1' })).status).toBe(
      200,
    );
    expect(
      code((await api(realm, 'vendor', { Id: id, SyncToken: '0', sparse: true, AcctNum: '2' })).json),
    ).toBe('5010');
  });

  it('answers a write sent again with the same requestid from memory: one vendor, the same answer', async () => {
    const realm = sim.createRealm();
    const first = await api(realm, 'vendor', { DisplayName: 'Crate' }, '&requestid=abc');
    const again = await api(realm, 'vendor', { DisplayName: 'Crate' }, '&requestid=abc');
    expect(again.json.Vendor.Id).toBe(first.json.Vendor.Id);
    expect(sim.records(realm, 'Vendor')).toHaveLength(1);
  });

  it('needs a tax code on every line outside the US, and refuses purchase orders without Plus or Advanced', async () => {
    const uk = sim.createRealm({ country: 'GB', homeCurrency: 'GBP' });
    const vendor = sim.seed(uk, 'Vendor', { DisplayName: 'Acme' });
    const account = sim.seed(uk, 'Account', { Name: 'Materials', AccountType: 'Expense' });
    const line = {
      Amount: 10,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: { AccountRef: { value: account.Id } },
    };
    const refused = await api(uk, 'bill', { VendorRef: { value: vendor.Id }, Line: [line] });
    expect(refused.json.Fault.Error[0]).toMatchObject({
      code: '6000',
      Detail: expect.stringContaining('VAT rate'),
    });
    const taxCode = sim.records(uk, 'TaxCode').find((t) => t.Name === '20.0% S')!;
    const ok = await api(uk, 'bill', {
      VendorRef: { value: vendor.Id },
      GlobalTaxCalculation: 'TaxExcluded',
      Line: [
        {
          ...line,
          AccountBasedExpenseLineDetail: {
            ...line.AccountBasedExpenseLineDetail,
            TaxCodeRef: { value: taxCode.Id },
          },
        },
      ],
    });
    expect(ok.json.Bill).toMatchObject({ TotalAmt: 12, Balance: 12 });

    const essentials = sim.createRealm({ purchaseOrders: false });
    const v2 = sim.seed(essentials, 'Vendor', { DisplayName: 'Acme' });
    const a2 = sim.seed(essentials, 'Account', { Name: 'Materials', AccountType: 'Expense' });
    const po = await api(essentials, 'purchaseorder', {
      VendorRef: { value: v2.Id },
      Line: [{ ...line, AccountBasedExpenseLineDetail: { AccountRef: { value: a2.Id } } }],
    });
    expect(po.json.Fault.Error[0].Detail).toContain('Purchase orders are not available');
  });

  it('creates tax codes through the TaxService as strictly as QuickBooks: schema, agency, names, US', async () => {
    const realm = sim.createRealm({ country: 'GB', homeCurrency: 'GBP' });
    const agency = sim.records(realm, 'TaxAgency')[0]!;
    const rate = (extra: Json = {}) => ({
      TaxRateName: 'Reduced 5%',
      RateValue: 5,
      TaxAgencyId: agency.Id,
      TaxApplicableOn: 'Purchase',
      ...extra,
    });
    const unknownKey = await api(realm, 'taxservice/taxcode', {
      TaxCode: 'R',
      TaxRateDetails: [rate({ Rate: 5 })],
    });
    expect([unknownKey.status, code(unknownKey.json)]).toEqual([400, '2010']);
    const badEnum = await api(realm, 'taxservice/taxcode', {
      TaxCode: 'R',
      TaxRateDetails: [rate({ TaxApplicableOn: 'Buying' })],
    });
    expect(code(badEnum.json)).toBe('2010');
    const textValue = await api(realm, 'taxservice/taxcode', {
      TaxCode: 'R',
      TaxRateDetails: [rate({ RateValue: '5' })],
    });
    expect(code(textValue.json)).toBe('2010');
    const noAgency = await api(realm, 'taxservice/taxcode', {
      TaxCode: 'R',
      TaxRateDetails: [rate({ TaxAgencyId: '999' })],
    });
    expect(code(noAgency.json)).toBe('610');
    const noRates = await api(realm, 'taxservice/taxcode', { TaxCode: 'R', TaxRateDetails: [] });
    expect(code(noRates.json)).toBe('2020');
    const duplicateCode = await api(realm, 'taxservice/taxcode', {
      TaxCode: '20.0% s',
      TaxRateDetails: [rate()],
    });
    expect(code(duplicateCode.json)).toBe('6240');
    expect(sim.records(realm, 'TaxRate').map((r) => r.Name)).not.toContain('Reduced 5%');

    const ok = await api(realm, 'taxservice/taxcode', { TaxCode: 'R', TaxRateDetails: [rate()] });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      TaxCode: 'R',
      TaxCodeId: expect.any(String),
      TaxRateDetails: [{ TaxRateName: 'Reduced 5%', TaxRateId: expect.any(String), RateValue: 5 }],
    });
    const duplicateRate = await api(realm, 'taxservice/taxcode', { TaxCode: 'R2', TaxRateDetails: [rate()] });
    expect(code(duplicateRate.json)).toBe('6240');
    const reuse = await api(realm, 'taxservice/taxcode', {
      TaxCode: 'R2',
      TaxRateDetails: [{ TaxRateId: ok.json.TaxRateDetails[0].TaxRateId, TaxApplicableOn: 'Sales' }],
    });
    expect(reuse.status).toBe(200);
    expect(sim.get(realm, 'TaxCode', reuse.json.TaxCodeId)?.SalesTaxRateList).toMatchObject({
      TaxRateDetail: [{ TaxRateRef: { value: ok.json.TaxRateDetails[0].TaxRateId } }],
    });

    const us = sim.createRealm();
    const usAnswer = await api(us, 'taxservice/taxcode', { TaxCode: 'R', TaxRateDetails: [rate()] });
    expect(code(usAnswer.json)).toBe('6000');
  });

  it('throttles past 500 requests a minute with a ThrottleExceeded fault', async () => {
    const realm = sim.createRealm();
    sim.limits.perMinute = 3;
    const token = await tokenFor(realm);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${sim.baseUrl}/v3/company/${realm.id}/preferences?minorversion=75`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(res.status);
      if (res.status === 429) expect(await res.text()).toContain('ThrottleExceeded');
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
