// End-to-end: a QuickBooks Desktop connection's card on the Connections page, in Debian's Chromium against the
// headless server, the fake Web Connector (SOAP, from Intuit's WSDL) and the QuickBooks Desktop simulator. QuickBooks
// Desktop is connected by the Web Connector's first run, not by a sign-in, so the card has no Connect (nor Reconnect)
// button: it offers the Web Connector set-up and the .qwc file, before the first run and after it; its facts stand
// apart from the paragraph under them at 1280 and 1024 px. What the card says of a supplier import names the
// connection as the bookkeeper named it, as for the other systems. When QuickBooks refuses Ledgerbridge access, the
// badge says access is needed in QuickBooks (not a reconnect it has no button for) and Try again sends what waited.
// Screenshots go to test-results/e2e/qbd-card/.
import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { quickbooks } from '../integration/job-costing/support.js';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import {
  FakeWebConnector,
  wsdlOracleAvailable,
  type QuickBooksStandIn,
} from '../simulators/web-connector/fake-web-connector.js';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { expectText, onCi } from './support';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('qbd-card', 'the QuickBooks Desktop connection card', {
  dir: '../shared/oracles/qbwc/',
  available: () => wsdlOracleAvailable() || onCi,
});
const { shot } = suite;

/** At least a line's gap between the card's facts and the Web Connector paragraph under them, in the same column. */
async function expectGapUnderFacts(card: Locator): Promise<void> {
  const facts = await card.getByTestId('connection-facts').boundingBox();
  const note = await card.getByTestId('connection-web-connector-note').boundingBox();
  expect(facts && note).toBeTruthy();
  expect(note!.y - (facts!.y + facts!.height)).toBeGreaterThanOrEqual(10);
}

describe.skipIf(!suite.runs)('the QuickBooks Desktop card on the Connections page (simulator)', () => {
  const qbd = useE2eApp(suite);

  it('offers the Web Connector set-up and the .qwc file instead of Connect', async () => {
    const { e2e } = qbd;
    const companyId = await createCompany(e2e, 'Kauri Builders', 'USD');
    const page = await openConnections(e2e, companyId);
    try {
      // The bookkeeper adds QuickBooks Desktop and is taken to the Web Connector page, where a password is offered.
      await page.getByTestId('connection-add-quickbooks_desktop').click();
      await page.getByTestId('qbd-add-username').fill('kauri-qbwc');
      await page.getByTestId('qbd-add-submit').click();
      await page.getByTestId('qbwc-page').waitFor();
      const password = await page.getByTestId('qbwc-password').inputValue();
      await page.getByTestId('qbwc-password-save').click();
      await expectText(page.getByTestId('qbwc-password-status'), /Password set/);

      // Back on Connections: the card says what to do, and offers that, not a Connect that does nothing.
      await page.getByTestId('nav-connections').click();
      const card = page.locator('[data-testid="connection"][data-system="quickbooks_desktop"]');
      await expectText(card.getByTestId('connection-status'), 'Waiting for first run');
      await expectText(card.getByTestId('connection-state-notice'), /open the QuickBooks Web Connector/);
      await expectText(card.getByTestId('connection-web-connector'), 'Set up the Web Connector');
      expect(await card.getByTestId('connection-connect').count()).toBe(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        card.getByTestId('connection-download-qwc').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.qwc$/);
      const qwcPath = path.join(e2e.dataDir, 'card.qwc');
      await download.saveAs(qwcPath);
      const qwc = fs.readFileSync(qwcPath, 'utf8');
      expect(qwc).toContain('<UserName>kauri-qbwc</UserName>');
      expect(qwc).toContain(`<AppURL>${e2e.info.qbwcUrl}</AppURL>`);
      await expectText(
        card.getByTestId('connection-qwc-note'),
        `${download.suggestedFilename()} downloaded. On the QuickBooks computer, open it in the QuickBooks Web Connector (Add an application), type the Web Connector password in its Password column, then click Update Selected.`,
      );
      await shot(page, '01-card-before-first-run');

      // Set up the Web Connector goes to its page.
      await card.getByTestId('connection-web-connector').click();
      await page.getByTestId('qbwc-page').waitFor();
      await expectText(page.getByTestId('qbwc-password-status'), /Password set/);

      // The Web Connector on the QuickBooks computer runs with that file and password: connected, still no Connect.
      const sim = new QbdSimulator({ companyName: 'Kauri Builders' });
      const wc = new FakeWebConnector({
        endpoint: e2e.info.qbwcUrl,
        userName: 'kauri-qbwc',
        password,
        quickbooks: quickbooks(sim),
      });
      for (let i = 0; i < 6; i += 1) if ((await wc.runSession()).auth[1] === 'none') break;
      await page.getByTestId('nav-connections').click();
      await expectText(card.getByTestId('connection-status'), 'Connected');
      await expectText(card.getByTestId('connection-web-connector'), 'Web Connector');
      expect(await card.getByTestId('connection-connect').count()).toBe(0);
      expect(await card.getByTestId('connection-download-qwc').isEnabled()).toBe(true);
      await shot(page, '02-card-connected');
      // The card's facts (Sends automatically, …) stand apart from the Web Connector paragraph under them.
      await expectGapUnderFacts(card);
      await page.setViewportSize({ width: 1024, height: 860 });
      await expectGapUnderFacts(card);
      await shot(page, '02-card-connected-1024');
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('names the connection in what a supplier import did', async () => {
    const { e2e } = qbd;
    const sim = new QbdSimulator({ companyName: 'Harbour Plumbing' });
    sim.addVendor('Beacon Electric');
    sim.addVendor('Tide Fixings');
    const companyId = await createCompany(e2e, 'Harbour Plumbing', 'USD');
    const connection = await connectQuickBooksDesktop(e2e, companyId, {
      username: 'card-import-e2e',
      name: 'QuickBooks Harbour',
      settings: { importVendors: true },
    });
    const page = await openConnections(e2e, companyId);
    try {
      const card = page.locator('[data-testid="connection"][data-system="quickbooks_desktop"]');
      await card.getByTestId('supplier-import-start').click();
      await expectText(card.getByTestId('supplier-import-queued'), /at the next Web Connector session/);
      // The Web Connector runs while the card is open: what the read did shows there, in place of "at the next
      // Web Connector session".
      await connection.runSessions(sim);
      await expectText(
        card.getByTestId('supplier-import-result'),
        /^Imported the supplier list from QuickBooks Harbour: 2 new, 0 paired by name, 0 already in step/,
      );
      expect(await card.getByTestId('supplier-import-queued').count()).toBe(0);
      await shot(page, '03-card-supplier-import-named');
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it('says QuickBooks must allow access, and Try again sends what waited at the next run', async () => {
    const { e2e } = qbd;
    const sim = new QbdSimulator({ companyName: 'Totara Homes' });
    sim.addVendor('Beacon Electric');
    const companyId = await createCompany(e2e, 'Totara Homes', 'USD');
    const { id: supplierId } = await e2e.api<{ id: string }>('suppliers.create', {
      companyId,
      name: 'Beacon Electric',
    });
    const connection = await connectQuickBooksDesktop(e2e, companyId, {
      username: 'access-e2e',
      name: 'Totara – main file',
      settings: { documentsToSend: ['invoice'], importPayments: false },
    });
    await connection.runSessions(sim);
    const bill = await e2e.api<{ id: string }>('documents.create', {
      companyId,
      type: 'invoice',
      supplierInvoiceNumber: 'BE-3260',
      supplierId,
      date: '2026-11-20',
      lines: [{ description: 'Cable', quantity: '2', unitPrice: '40' }],
    });
    await e2e.api('documents.submit', { id: bill.id });
    await e2e.api('documents.approve', { id: bill.id });
    // QuickBooks refuses the bill: its user may not add bills (3260).
    const plain = quickbooks(sim);
    const refusing: QuickBooksStandIn = {
      ...plain,
      handle(xml) {
        const id = /<BillAddRq requestID="([^"]+)"/.exec(xml)?.[1];
        if (id) {
          sim.injectFault({
            kind: 'status',
            requestID: id,
            statusCode: 3260,
            statusMessage: 'Insufficient permission level to perform this action.',
          });
        }
        return plain.handle(xml);
      },
    };
    await connection.webConnector(refusing).runSession();

    const page = await openConnections(e2e, companyId);
    try {
      const card = page.locator('[data-testid="connection"][data-system="quickbooks_desktop"]');
      await expectText(card.getByTestId('connection-status'), 'Needs access in QuickBooks');
      await expectText(
        card.getByTestId('connection-state-notice'),
        /^QuickBooks refused Ledgerbridge access to Totara – main file\. Allow it in QuickBooks/,
      );
      await expectText(card.getByTestId('connection-status-message'), /Integrated Applications/);
      expect(await card.getByTestId('connection-connect').count()).toBe(0);
      // The Web Connector is set up (it ran): what to do is Try again, not set it up.
      await expectText(card.getByTestId('connection-web-connector'), 'Web Connector');
      await shot(page, '04-card-needs-access-1280');
      await page.setViewportSize({ width: 1024, height: 860 });
      await shot(page, '05-card-needs-access-1024');

      // Access allowed in QuickBooks, the bookkeeper says so: the bill goes at the next run.
      await card.getByTestId('connection-retry-access').click();
      await expectText(
        card.getByTestId('connection-retry-note'),
        '1 document QuickBooks refused goes at the next Web Connector run of Totara – main file. If QuickBooks still refuses, it waits again with its message.',
      );
      expect(await card.getByTestId('connection-retry-access').count()).toBe(0);
      await shot(page, '06-card-try-again-1024');
      await connection.runSessions(sim);
      await expectText(card.getByTestId('connection-status'), 'Connected');
      expect(sim.billsByRef('BE-3260')).toHaveLength(1);
      // What Try again queued has gone: its note goes with the refusal.
      expect(await card.getByTestId('connection-retry-note').count()).toBe(0);
      await shot(page, '07-card-connected-again-1024');
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
