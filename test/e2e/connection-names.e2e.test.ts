// End-to-end: a bookkeeper with two QuickBooks Desktop company files (one Ledgerbridge company each, as a company
// sends to one accounting system) names each connection on the Add form, renames one on its card, and then tells
// them apart everywhere: on the cards, on a document's Send button and status, and in what an import did. The card's
// buttons stay on one row at 1280 and at 1024 px. ServiceTrade's Add form has a Name too, and refuses one that
// another connection of the company has. In Debian's Chromium against the headless server, the fake Web
// Connector (SOAP, from Intuit's WSDL) and the QuickBooks Desktop simulator. Screenshots go to
// test-results/e2e/connection-names/.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { quickbooks } from '../integration/job-costing/support.js';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { ServiceTradeSimulator } from '../simulators/servicetrade/simulator.js';
import { FakeWebConnector, wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { expectText, onCi, type E2eHarness } from './support';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('connection-names', 'connection names', {
  dir: '../shared/oracles/qbwc/',
  available: () => wsdlOracleAvailable() || onCi,
});
const { shot } = suite;

const CARD = '[data-testid="connection"][data-system="quickbooks_desktop"]';

/** Adds QuickBooks Desktop on the Connections page, named `name` (the form's default when null); its password. */
async function addQuickBooksDesktop(page: Page, name: string | null, username: string): Promise<string> {
  await page.getByTestId('connection-add-quickbooks_desktop').click();
  const field = page.getByTestId('qbd-add-name');
  expect(await field.inputValue()).toBe('QuickBooks Desktop');
  if (name !== null) await field.fill(name);
  await page.getByTestId('qbd-add-username').fill(username);
  await page.getByTestId('qbd-add-submit').click();
  await page.getByTestId('qbwc-page').waitFor();
  const password = await page.getByTestId('qbwc-password').inputValue();
  await page.getByTestId('qbwc-password-save').click();
  await expectText(page.getByTestId('qbwc-password-status'), /Password set/);
  await page.getByTestId('nav-connections').click();
  return password;
}

/** The card's buttons on one row: the first and the last (Remove…) at the same height, all inside the card. */
async function expectButtonsOnOneRow(card: Locator): Promise<void> {
  const first = await card.getByTestId('connection-web-connector').boundingBox();
  const remove = await card.getByTestId('connection-remove').boundingBox();
  const box = await card.boundingBox();
  expect(first && remove && box).toBeTruthy();
  expect(Math.abs(first!.y - remove!.y)).toBeLessThan(2);
  expect(remove!.x + remove!.width).toBeLessThanOrEqual(box!.x + box!.width);
}

async function runWebConnector(e2e: E2eHarness, sim: QbdSimulator, userName: string, password: string) {
  const wc = new FakeWebConnector({
    endpoint: e2e.info.qbwcUrl,
    userName,
    password,
    quickbooks: quickbooks(sim),
  });
  for (let i = 0; i < 6; i += 1) if ((await wc.runSession()).auth[1] === 'none') break;
}

async function approvedBill(e2e: E2eHarness, companyId: string, supplier: string, number: string) {
  const { id: supplierId } = await e2e.api<{ id: string }>('suppliers.create', { companyId, name: supplier });
  const bill = await e2e.api<{ id: string }>('documents.create', {
    companyId,
    type: 'invoice',
    number,
    supplierInvoiceNumber: `S-${number}`,
    supplierId,
    date: '2026-11-20',
    lines: [{ description: 'Framing timber', quantity: '4', unitPrice: '18.50' }],
  });
  await e2e.api('documents.submit', { id: bill.id });
  await e2e.api('documents.approve', { id: bill.id });
  return bill.id;
}

async function openDocument(page: Page, id: string): Promise<void> {
  await page.evaluate((hash) => (window.location.hash = hash), `#/documents/${id}`);
  await page.getByTestId('document-view').waitFor();
}

describe.skipIf(!suite.runs)('two QuickBooks Desktop company files told apart by name (simulator)', () => {
  const qbd = useE2eApp(suite);

  it('names each connection on the Add form and on its card, renames one, and shows the names everywhere', async () => {
    const { e2e } = qbd;
    const kauri = await createCompany(e2e, 'Kauri Builders', 'USD');
    const totara = await createCompany(e2e, 'Totara Homes', 'USD');
    const page = await openConnections(e2e, kauri);
    try {
      // Kauri's company file, named on the Add form.
      const kauriPassword = await addQuickBooksDesktop(page, 'Kauri – 2026 file', 'kauri-2026');
      const card = page.locator(CARD);
      await expectText(card.getByTestId('connection-name'), 'Kauri – 2026 file');
      await expectText(card.getByTestId('connection-system'), 'QuickBooks Desktop');
      await expectText(card.getByTestId('connection-status'), 'Waiting for first run');
      // Before the first run the card has its most buttons: they stay on one row, Remove… included.
      await expectButtonsOnOneRow(card);
      await shot(page, '01-named-card-1280');
      await page.setViewportSize({ width: 1024, height: 860 });
      await expectButtonsOnOneRow(card);
      await shot(page, '02-named-card-1024');
      await page.setViewportSize({ width: 1280, height: 860 });

      // Totara's file, added with the form's default name, then renamed on its card.
      await page.getByTestId('company-select').selectOption(totara);
      await page.getByTestId('nav-connections').click();
      const totaraPassword = await addQuickBooksDesktop(page, null, 'totara-main');
      await expectText(card.getByTestId('connection-name'), 'QuickBooks Desktop');
      expect(await card.getByTestId('connection-system').count()).toBe(0);
      await card.getByTestId('connection-rename').click();
      const field = card.getByTestId(/^connection-rename-/).and(page.locator('input'));
      expect(await field.inputValue()).toBe('QuickBooks Desktop');
      await field.fill('  ');
      expect(await card.getByTestId('connection-rename-save').isDisabled()).toBe(true);
      await field.fill('Totara – main file');
      await shot(page, '03-rename-form-1280');
      await field.press('Enter');
      // The save is a round trip to the server: the form closes when it answers.
      await card.getByTestId('connection-rename-form').waitFor({ state: 'detached' });
      await expectText(card.getByTestId('connection-name'), 'Totara – main file');
      await expectText(card.getByTestId('connection-system'), 'QuickBooks Desktop');
      await page.setViewportSize({ width: 1024, height: 860 });
      await card.getByTestId('connection-rename').click();
      await shot(page, '04-rename-form-1024');
      await card.getByTestId('connection-rename-cancel').click();
      await expectButtonsOnOneRow(card);
      await page.setViewportSize({ width: 1280, height: 860 });

      // Each file's Web Connector runs; a bill of each company goes to its own file, and says which.
      const kauriSim = new QbdSimulator({ companyName: 'Kauri Builders' });
      const totaraSim = new QbdSimulator({ companyName: 'Totara Homes' });
      totaraSim.addVendor('Beacon Electric');
      const kauriBill = await approvedBill(e2e, kauri, 'Matai Timber', 'B-100');
      await runWebConnector(e2e, kauriSim, 'kauri-2026', kauriPassword);
      await runWebConnector(e2e, totaraSim, 'totara-main', totaraPassword);

      await page.getByTestId('company-select').selectOption(kauri);
      await openDocument(page, kauriBill);
      const sync = page.getByTestId('sync-status');
      await expectText(sync.getByTestId('sync-status-badge'), 'Sent');
      await expectText(sync.locator('strong'), 'Kauri – 2026 file');
      await expectText(sync.getByTestId('sync-message'), /^Created bill S-B-100 in Kauri – 2026 file/);
      await expectText(page.getByTestId('action-send'), 'Send again to Kauri – 2026 file');
      await shot(page, '05-document-sent-to-named-file');

      // Totara's card: what a supplier import did names the renamed connection.
      await page.getByTestId('company-select').selectOption(totara);
      await page.getByTestId('nav-connections').click();
      await card.getByTestId('supplier-import-start').click();
      await expectText(card.getByTestId('supplier-import-queued'), /at the next Web Connector session/);
      await runWebConnector(e2e, totaraSim, 'totara-main', totaraPassword);
      await expectText(card.getByTestId('supplier-import-result'), /^Read 1 vendor from Totara – main file/);
      await expectText(card.getByTestId('connection-status'), 'Connected');
      await shot(page, '06-renamed-card-import');
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it('names ServiceTrade on its Add form, refusing a name another connection of the company has', async () => {
    const { e2e } = qbd;
    const sim = await new ServiceTradeSimulator({ perPage: 50 }).start();
    sim.clients.set('names-client', 'names-secret');
    sim.addJob(sim.addLocation(sim.addCompany('Acme Corp'), 'Main St Store'), { number: 'J-7' });
    const companyId = await createCompany(e2e, 'Rimu Services', 'USD');
    await connectQuickBooksDesktop(e2e, companyId, { username: 'rimu-e2e', name: 'Rimu – 2026 file' });
    const page = await openConnections(e2e, companyId);
    try {
      await page.getByTestId('connection-add').click();
      await page.getByTestId('connection-add-servicetrade').click();
      const field = page.getByTestId('servicetrade-add-name');
      expect(await field.inputValue()).toBe('ServiceTrade');
      await field.fill('');
      await expectText(page.getByTestId('error-servicetrade-add-name'), /Type a name/);
      expect(await page.getByTestId('servicetrade-connect-submit').isDisabled()).toBe(true);
      // The QuickBooks Desktop file's name is taken: said under the field, and nothing is added.
      await field.fill('Rimu – 2026 file');
      await page.getByTestId('servicetrade-first').fill('names-client');
      await page.getByTestId('servicetrade-second').fill('names-secret');
      await page.getByTestId('servicetrade-url').fill(sim.baseUrl);
      await page.getByTestId('servicetrade-connect-submit').click();
      await expectText(
        page.getByTestId('error-servicetrade-add-name'),
        /already has a connection named 'Rimu – 2026 file'/,
      );
      await shot(page, '07-servicetrade-name-taken-1280');
      const listed = await e2e.api<{ system: string }[]>('connections.list', { companyId });
      expect(listed.map((c) => c.system)).toEqual(['quickbooks_desktop']);

      await field.fill('Rimu – field jobs');
      await page.setViewportSize({ width: 1024, height: 860 });
      await shot(page, '08-servicetrade-add-form-1024');
      await page.getByTestId('servicetrade-connect-submit').click();
      // Connected and its jobs pulled, the form closes.
      await page.getByTestId('connection-add-panel').waitFor({ state: 'detached' });
      const card = page.locator('[data-testid="connection"][data-system="servicetrade"]');
      await expectText(card.getByTestId('connection-name'), 'Rimu – field jobs');
      await expectText(card.getByTestId('connection-system'), 'ServiceTrade');
      await expectText(card.getByTestId('connection-status'), 'Connected');
      // A source sends nothing and brings no payments back: its card says what it pulls, and how often.
      await expectText(card.getByTestId('connection-pulls'), 'Every 15 minutes');
      expect(await card.getByTestId('connection-documents-to-send').count()).toBe(0);
      expect(await card.getByTestId('connection-import-payments').count()).toBe(0);
      await shot(page, '09-servicetrade-named-card-1024');
    } finally {
      await page.context().close();
      await sim.close();
    }
  }, 120_000);
});
