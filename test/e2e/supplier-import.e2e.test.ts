// End-to-end: a bookkeeper imports a QuickBooks Online company's supplier list of 2,600 vendors from the
// connection's card in Debian's Chromium, against the simulator through the headless server. The second page fails
// once: the card says where the import stopped and offers to continue; Continue reads the rest with a progress bar
// (suppliers read of the total QuickBooks told, pages done) and ends with the counts, every vendor imported once.
// Screenshots go to test-results/e2e/supplier-import/.
import { describe, expect, it } from 'vitest';
import { qboOracleAvailable } from '../simulators/quickbooks-online/oracle';
import { seedVendors } from '../simulators/supplier-lists';
import { expectText, WAIT } from './support';
import { qboE2e } from './quickbooks-online-connect';
import { e2eSuite, openConnections } from './suite';

const suite = e2eSuite('supplier-import', 'supplier import', {
  dir: '../shared/oracles/qbo/',
  available: qboOracleAvailable,
});
const { shot } = suite;

const VENDORS = 2600;
const INACTIVE = 52; // every 50th seeded vendor is inactive, and is not imported

describe.skipIf(!suite.runs)('Supplier import from the connection card (headless server, simulator)', () => {
  // The simulator with the tests' app ('e2e-client', 'e2e-secret') registered, the server and Chromium.
  const qbo = qboE2e(suite);
  const { sim } = qbo;

  it('imports 2,600 vendors with progress, continues after a failed page, and shows the final count', async () => {
    const { api } = qbo.e2e;
    const realm = sim.createRealm({ companyName: 'Springfield Supply', country: 'US', homeCurrency: 'USD' });
    sim.consentRealm = realm.id;
    sim.seedVendors(realm, seedVendors(VENDORS));
    const company = await api<{ id: string }>('companies.create', {
      name: 'Springfield Supply',
      baseCurrency: 'USD',
    });
    const connection = await api<{ id: string }>('connections.create', {
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
      .poll(
        async () =>
          (await api<{ status: string }[]>('connections.list', { companyId: company.id }))[0]!.status,
        { timeout: WAIT },
      )
      .toBe('connected');

    const page = await openConnections(qbo.e2e, company.id);
    const card = page.locator('[data-testid="connection"][data-system="quickbooks_online"]');
    // Nothing is read from a company until the bookkeeper confirms it is theirs.
    await card.getByTestId('qbo-confirm-company-button').click();
    await card.getByTestId('qbo-company-confirmed').waitFor();
    const start = card.getByTestId('supplier-import-start');
    await expectText(start, 'Import suppliers');
    await shot(page, '01-before-import');

    // The second page of 1000 fails once: the first page is kept, and the card says how to go on.
    sim.injectFault('query', { kind: 'server_error' }, { bodyIncludes: 'STARTPOSITION 1001' });
    await start.click();
    const result = card.getByTestId('supplier-import-result');
    await expectText(
      result,
      /stopped after page 1 \(1,000 of 2,600 suppliers read in 1 page\).*Continue import/,
    );
    expect(await result.getAttribute('data-status')).toBe('failed');
    await expectText(start, 'Continue import');
    await shot(page, '02-stopped-after-page-1');

    // Slow answers, so the progress bar is there to see while the rest is read.
    sim.latencyMs = 700;
    await start.click();
    const progress = card.getByTestId('supplier-import-progress-text');
    await expectText(
      progress,
      /^(Continuing|Importing suppliers): 2,000 of 2,600 suppliers read in 2 pages$/,
    );
    const bar = card.locator('[data-testid="supplier-import-progress"] progress');
    expect(await bar.getAttribute('max')).toBe('2600');
    await shot(page, '03-progress');
    await expectText(
      result,
      `Imported the supplier list from ${await card.locator('h2').textContent()}: ${(VENDORS - INACTIVE).toLocaleString('en-US')} new, 0 paired by name, 0 updated, 0 already in step, ${INACTIVE} skipped — 2,600 of 2,600 suppliers read in 3 pages.`,
    );
    expect(await result.getAttribute('data-status')).toBe('finished');
    await expectText(start, 'Import suppliers');
    await shot(page, '04-finished');
    sim.latencyMs = 0;

    // Every active vendor is a supplier now, once.
    const listed = await api<{ total: number }>('suppliers.list', { companyId: company.id, limit: 1 });
    expect(listed.total).toBe(VENDORS - INACTIVE);
    await page.context().close();
  }, 180_000);
});
