// End-to-end: a QuickBooks Online connection signed in against the simulator through the headless server, then its
// settings panel in Debian's Chromium. A UK company: the status right after sign-in names the company, the imported
// tax agencies fill the default tax agency picker, and the choice is saved. A US company: no tax settings at all,
// one sentence saying why. Screenshots go to test-results/e2e/quickbooks-online/ for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QboSimulator } from '../simulators/quickbooks-online/simulator';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { expectText, WAIT, type E2eHarness } from './support';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('quickbooks-online', 'QuickBooks Online', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

interface Connection {
  id: string;
  status: string;
  statusMessage: string | null;
  settings: Record<string, unknown>;
}

describe.skipIf(!suite.runs)('QuickBooks Online settings panel (headless server, simulator)', () => {
  let e2e: E2eHarness | null = null;
  const sim = new QboSimulator();

  beforeAll(async () => {
    await sim.start();
    sim.registerApp('e2e-client', 'e2e-secret');
    e2e = await suite.start();
  }, 240_000);

  afterAll(() => suite.stop(sim), 30_000);

  /** A company connected to a new realm through the real sign-in (the consent redirect followed as a browser would). */
  async function connectedCompany(name: string, country: string, currency: string) {
    const { api } = e2e!;
    const realm = sim.createRealm({ companyName: name, country, homeCurrency: currency });
    sim.consentRealm = realm.id;
    const company = await api<{ id: string }>('companies.create', { name, baseCurrency: currency });
    const connection = await api<Connection>('connections.create', {
      companyId: company.id,
      system: 'quickbooks_online',
      settings: { ...sim.connectionSettings(), environment: 'sandbox' },
      credentials: { clientId: 'e2e-client', clientSecret: 'e2e-secret' },
    });
    const { authorizeUrl } = await api<{ authorizeUrl: string }>('connections.connect', {
      id: connection.id,
    });
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    await fetch(consent.headers.get('location')!);
    await expect
      .poll(async () => (await api<Connection[]>('connections.list', { companyId: company.id }))[0]!.status, {
        timeout: WAIT,
      })
      .toBe('connected');
    await api('lists.import', { connectionId: connection.id });
    return { company, connection, realm };
  }

  it('UK: status from sign-in, the tax agency picker filled from QuickBooks, the choice saved', async () => {
    const { api } = e2e!;
    const { company, connection, realm } = await connectedCompany('Thames Facilities', 'GB', 'GBP');
    await api('taxRates.create', { companyId: company.id, name: 'Reduced 5%', percent: '5' });
    const agency = sim.records(realm, 'TaxAgency')[0]!;

    const page = await openConnections(e2e!, company.id);
    const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    await expectText(
      card.getByTestId('connection-status-message'),
      /^Connected to Thames Facilities \(GB, GBP\)/,
    );
    await card.getByText('QuickBooks Online settings').click();
    const picker = card.getByTestId('qbo-defaultTaxAgencyId');
    await expect
      .poll(() => picker.locator('option').allTextContents(), { timeout: WAIT })
      .toContain('Revenue Agency');
    await picker.selectOption(String(agency.Id));
    await card.getByTestId('qbo-tax-map').waitFor();
    await card.getByTestId('qbo-save').click();
    await expectText(card.getByTestId('qbo-note'), 'Settings saved.');
    await shot(page, '01-uk-tax-settings');
    const saved = (await api<Connection[]>('connections.list', { companyId: company.id })).find(
      (c) => c.id === connection.id,
    )!;
    expect(saved.settings.defaultTaxAgencyId).toBe(String(agency.Id));
    await page.context().close();
  }, 120_000);

  it('US: no tax codes, tax agency or mapping; one sentence says why', async () => {
    const { company } = await connectedCompany('Springfield Supply', 'US', 'USD');
    const page = await openConnections(e2e!, company.id);
    const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    await card.getByText('QuickBooks Online settings').click();
    await expectText(
      card.getByTestId('qbo-us-tax'),
      /^Springfield Supply is a US company: purchase lines carry no tax codes/,
    );
    expect(await card.getByTestId('qbo-defaultTaxAgencyId').count()).toBe(0);
    expect(await card.getByTestId('qbo-tax-map').count()).toBe(0);
    await shot(page, '02-us-no-tax-settings');
    await page.context().close();
  }, 120_000);
});
