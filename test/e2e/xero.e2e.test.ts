// End-to-end: Xero on the Connections page in Debian's Chromium against the headless server, with Xero played by
// its simulator (two organisations, 130 suppliers in the first). In the browser: the Add panel (client ID,
// permissions, the redirect port and the URI to register); then, for a connection pointing at the simulator,
// Connect opens Xero's sign-in in a new tab, which comes back through the fixed redirect port to the app; the
// organisation is chosen in the Xero settings; the suppliers in Xero show 100 at a time, "Load more" adds the
// rest, a search by name narrows them, and "Import all" brings them in. Screenshots go to
// test-results/e2e/xero/.
import { beforeAll, describe, it } from 'vitest';
import { XeroSimulator, type Org } from '../simulators/xero/simulator.js';
import { xeroOracleAvailable } from '../simulators/xero/oracle.js';
import { freePort } from '../integration/xero/harness.js';
import { expectText, poll } from './support';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('xero', 'Xero', { dir: '../shared/oracles/xero/', available: xeroOracleAvailable });
const { shot } = suite;
const CLIENT_ID = 'E2EXEROCLIENT0123456789ABCDEF01';

describe.skipIf(!suite.runs)('Xero on the Connections page in a browser', () => {
  let sim: XeroSimulator;
  let northwind: Org;
  let companyId = '';
  const app = useE2eApp(suite, {
    async start() {
      sim = new XeroSimulator();
      await sim.start();
    },
    started: () => [sim],
  });

  beforeAll(async () => {
    northwind = sim.createOrg({ name: 'Northwind Facilities Ltd' });
    const second = sim.createOrg({ name: 'Harbour Holdings Pty', countryCode: 'AU', baseCurrency: 'AUD' });
    sim.consentTenants = [northwind.tenantId, second.tenantId];
    for (let i = 0; i < 130; i++)
      sim.addContact(northwind, {
        Name: `Supplier ${String(i).padStart(3, '0')}`,
        IsSupplier: true,
        EmailAddress: `ap${i}@supplier.example`,
      });
    sim.addContact(northwind, { Name: 'Acme Plumbing', IsSupplier: true });
    companyId = await createCompany(app.e2e, 'Northwind Facilities', 'NZD');
  });

  it('adds, connects, chooses the organisation, and lists, pages, searches and imports its suppliers', async () => {
    const page = await openConnections(app.e2e);
    try {
      // The Add panel: what the firm's Xero app needs.
      await page.getByTestId('connection-add-xero').click();
      await page.getByTestId('xero-add').waitFor();
      await page.getByTestId('xero-client-id').fill(CLIENT_ID);
      await page.getByTestId('xero-add-port').fill('80');
      await page.getByTestId('error-xero-add-port').waitFor();
      await poll(() => page.getByTestId('xero-add-connect').isDisabled()).toBe(true);
      await page.getByTestId('xero-add-port').fill('58723');
      await expectText(page.locator('#xero-add-port + .field__hint'), /http:\/\/localhost:58723\/callback/);
      await shot(page, '01-add');

      // A connection pointing at the simulator, whose app registered one redirect URI on a free port.
      const port = await freePort();
      sim.registerApp(CLIENT_ID, [`http://localhost:${port}/callback`]);
      await app.e2e.api('connections.create', {
        companyId,
        system: 'xero',
        settings: { ...sim.connectionSettings(), redirectPort: port },
        credentials: { clientId: CLIENT_ID },
      });
      await page.reload();
      await page.getByTestId('connection').waitFor();

      // Connect: Xero's sign-in opens in a new tab and comes back through the redirect port.
      const signIn = page.context().waitForEvent('page');
      await page.getByTestId('connection-connect').click();
      const tab = await signIn;
      await tab.waitForURL(/127\.0\.0\.1:\d+\/callback\?/);
      await expectText(tab.locator('h1'), 'Signed in');
      await tab.close();

      // Two organisations were allowed: the settings ask which one.
      await expectText(page.getByTestId('connection-status-message'), /You allowed 2 Xero organisations/);
      await page.getByTestId('xero-tenant').waitFor();
      await page.getByTestId('xero-tenant').selectOption({ label: 'Northwind Facilities Ltd' });
      await shot(page, '02-choose-organisation');
      await page.getByTestId('xero-choose-tenant').click();
      await expectText(page.getByTestId('connection-status'), /Connected/i);

      // Suppliers in Xero: 100, then the rest, then a search.
      const settings = page.getByTestId('xero-settings');
      if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
      await poll(() => page.getByTestId('xero-supplier-row').count()).toBe(100);
      await expectText(page.getByTestId('xero-suppliers-count'), '100 shown; Xero has more.');
      await shot(page, '03-suppliers-first-page');
      await page.getByTestId('xero-suppliers-more').click();
      await poll(() => page.getByTestId('xero-supplier-row').count()).toBe(131);
      await expectText(page.getByTestId('xero-suppliers-count'), '131 shown.');
      await page.getByTestId('xero-suppliers-search').fill('acme');
      await page.getByTestId('xero-suppliers-search-go').click();
      await poll(() => page.getByTestId('xero-supplier-row').count()).toBe(1);
      await expectText(page.getByTestId('xero-supplier-row'), /Acme Plumbing/);

      // Import all: every supplier read from Xero, the new ones added here.
      await page.getByTestId('xero-suppliers-import-all').click();
      await expectText(page.getByTestId('xero-suppliers-note'), /^131 supplier\(s\) imported from Xero\./);
      await shot(page, '04-suppliers-imported');
      await poll(async () =>
        app.e2e.api<{ total: number }>('suppliers.list', { companyId, limit: 1 }).then((r) => r.total),
      ).toBe(131);
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
