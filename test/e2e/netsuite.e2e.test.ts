// End-to-end: NetSuite on the Connections page in Debian's Chromium against the headless server, with NetSuite played
// by its simulator (token-based authentication, two subsidiaries). In the browser: the Add panel (account id, the
// way in and its secrets, the API base URL pointing at the simulator) connects; the settings choose the subsidiary,
// "approved purchase orders and receipts" without invoices, and save (both documentsToSend and receipts change);
// "Import lists" reads the accounts with SuiteQL. Screenshots go to test-results/e2e/netsuite/.
import { beforeAll, describe, expect, it } from 'vitest';
import { netsuiteOracleAvailable } from '../simulators/netsuite/oas.js';
import type { NetSuiteSimulator } from '../simulators/netsuite/simulator.js';
import { expectText, poll } from './support';
import { startNetSuite } from './netsuite-connect';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('netsuite', 'NetSuite', {
  dir: '../shared/oracles/netsuite/',
  available: netsuiteOracleAvailable,
});
const { shot } = suite;
const TBA = { consumerKey: 'ck-e2e', consumerSecret: 'cs-e2e', tokenId: 'tk-e2e', tokenSecret: 'ts-e2e' };

describe.skipIf(!suite.runs)('NetSuite on the Connections page in a browser', () => {
  let sim: NetSuiteSimulator;
  let companyId = '';
  const app = useE2eApp(suite, {
    async start() {
      sim = await startNetSuite(TBA);
      sim.seedRow('subsidiary', { name: 'Northwind UK', parent: '1' });
      sim.seedRow('account', { acctname: 'Job Materials', acctnumber: '6100', accttype: 'Expense' });
    },
    started: () => [sim],
  });

  beforeAll(async () => {
    companyId = await createCompany(app.e2e, 'Northwind Facilities', 'USD');
  });

  it('adds and connects a NetSuite connection, then chooses the subsidiary and what is sent, and imports the lists', async () => {
    const page = await openConnections(app.e2e);
    try {
      await page.getByTestId('connection-add-netsuite').click();
      await page.getByTestId('netsuite-add').waitFor();
      await page.getByTestId('netsuite-account-id').fill('1234567 SB1');
      await page.getByTestId('error-netsuite-account-id').waitFor();
      await page.getByTestId('netsuite-account-id').fill(sim.accountId);
      await page.getByTestId('netsuite-auth-method').selectOption('tba');
      await page.getByTestId('netsuite-consumerKey').fill(TBA.consumerKey);
      await page.getByTestId('netsuite-consumerSecret').fill(TBA.consumerSecret);
      await page.getByTestId('netsuite-tokenId').fill(TBA.tokenId);
      await poll(() => page.getByTestId('netsuite-add-connect').isDisabled()).toBe(true);
      await page.getByTestId('netsuite-tokenSecret').fill(TBA.tokenSecret);
      await page.getByTestId('netsuite-api-base-url').fill(sim.baseUrl);
      await shot(page, '01-add');
      await page.getByTestId('netsuite-add-connect').click();

      const card = page.locator('[data-testid="connection"][data-system="netsuite"]');
      await poll(() => card.getByTestId('connection-status').getAttribute('data-value')).toBe('connected');
      expect(sim.stats.signaturesChecked).toBeGreaterThan(0);

      const settings = card.getByTestId('netsuite-settings');
      if ((await settings.getAttribute('open')) === null) await settings.locator('summary').click();
      await poll(() =>
        settings.getByTestId('netsuite-subsidiary').locator('option').allTextContents(),
      ).toEqual(['— none (no subsidiaries in this account) —', 'Northwind US (1)', 'Northwind UK (100)']);
      // A new connection has no subsidiary yet: the bookkeeper picks the one this company is.
      await expect(settings.getByTestId('netsuite-subsidiary').inputValue()).resolves.toBe('');
      await settings.getByTestId('netsuite-subsidiary').selectOption('100');
      await settings.getByTestId('netsuite-orders').selectOption('orders_and_receipts');
      await settings.getByTestId('netsuite-send-invoice').uncheck();
      await settings.getByTestId('netsuite-save').click();
      await expectText(card.getByTestId('netsuite-note'), 'Settings saved.');
      const [stored] = await app.e2e.api<{ settings: Record<string, unknown> }[]>('connections.list', {
        companyId,
      });
      expect(stored!.settings).toMatchObject({
        subsidiaryId: '100',
        receipts: true,
        documentsToSend: ['purchase_order', 'service_order', 'receipt'],
      });

      await card.getByTestId('netsuite-import-lists').click();
      await expectText(card.getByTestId('netsuite-note'), /^Lists imported: \d+ new/);
      const reopened = card.getByTestId('netsuite-settings');
      if ((await reopened.getAttribute('open')) === null) await reopened.locator('summary').click();
      await poll(() =>
        reopened.getByTestId('netsuite-default-expense-account').locator('option').allTextContents(),
      ).toContain('Job Materials');
      await shot(page, '02-settings');
    } finally {
      await page.context().close();
    }
  });
});
