// End-to-end: a QuickBooks Desktop connection whose first Web Connector run stopped before it finished, in Debian's
// Chromium against the headless server, the fake Web Connector (SOAP, from Intuit's WSDL) and the QuickBooks Desktop
// simulator. The card's badge, its "Connected" and the Lists page say the same thing: it waits for the first run to
// finish, and what to do; the lists can be asked for meanwhile. Once a run finishes, all three say it is connected.
// Screenshots go to test-results/e2e/qbd-first-run/.
import { describe, expect, it } from 'vitest';
import { quickbooks } from '../integration/job-costing/support.js';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { QuickBooksFailure, wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { expectText, onCi } from './support';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('qbd-first-run', 'the first Web Connector run of a QuickBooks Desktop connection', {
  dir: '../shared/oracles/qbwc/',
  available: () => wsdlOracleAvailable() || onCi,
});
const { shot } = suite;

const WAITING =
  'Waiting for the first Web Connector run of QuickBooks Harbour to finish. On the QuickBooks computer, open the QuickBooks Web Connector, tick Ledgerbridge and click Update Selected: that run reads the QuickBooks lists, and what you ask for here waits for it.';

describe.skipIf(!suite.runs)('The first Web Connector run of QuickBooks Desktop (simulator)', () => {
  const qbd = useE2eApp(suite);

  it('waits for the first run to finish on the card and the Lists page alike, then is connected', async () => {
    const { e2e } = qbd;
    const sim = new QbdSimulator({ companyName: 'Harbour Plumbing' });
    sim.addVendor('Beacon Electric');
    const companyId = await createCompany(e2e, 'Harbour Plumbing', 'USD');
    const connection = await connectQuickBooksDesktop(e2e, companyId, {
      username: 'first-run-e2e',
      name: 'QuickBooks Harbour',
    });
    // QuickBooks cannot be started while it answers the first message: the run stops before it finished.
    const qb = quickbooks(sim);
    const closed = {
      ...qb,
      handle(): string {
        throw new QuickBooksFailure('0x80040408', 'Could not start QuickBooks.');
      },
    };
    const first = await connection.webConnector(closed).runSession();
    expect(first.requests).toHaveLength(1);

    const page = await openConnections(e2e, companyId);
    try {
      const card = page.locator('[data-testid="connection"][data-system="quickbooks_desktop"]');
      await expectText(card.getByTestId('connection-status'), 'Waiting for first run');
      await expectText(
        card.getByTestId('connection-connected-at'),
        'Not yet: waiting for the first Web Connector run',
      );
      await expectText(card.getByTestId('connection-state-notice'), WAITING);
      await expectText(
        card.getByTestId('connection-status-message'),
        /^The first Web Connector run \(.+ UTC\) stopped before it finished; what it read is kept\./,
      );
      // The supplier list can be asked for now: it waits for that run.
      expect(await card.getByTestId('supplier-import-start').isEnabled()).toBe(true);
      await shot(page, '01-card-waiting-for-first-run');

      await page.getByTestId('connections-tab-lists').click();
      await expectText(page.getByTestId('lists-waiting-first-run'), WAITING);
      expect(await page.getByTestId('lists-not-connected').count()).toBe(0);
      await shot(page, '02-lists-waiting-for-first-run');

      // The next run finishes: connected, since then, on both pages.
      await connection.runSessions(sim);
      await page.getByTestId('connections-tab-connections').click();
      await expectText(card.getByTestId('connection-status'), 'Connected');
      await expectText(
        card.getByTestId('connection-status-message'),
        /^Last Web Connector session \(.+ UTC\): /,
      );
      expect(await card.getByTestId('connection-state-notice').count()).toBe(0);
      expect(await card.getByTestId('connection-connected-at').textContent()).not.toMatch(/Not yet/);
      await shot(page, '03-card-connected');
      await page.getByTestId('connections-tab-lists').click();
      await page.locator('[data-testid="list-row"][data-kind="account"]').waitFor();
      expect(await page.getByTestId('lists-waiting-first-run').count()).toBe(0);
      expect(await page.getByTestId('lists-not-connected').count()).toBe(0);
      await shot(page, '04-lists-connected');
    } finally {
      await page.context().close();
    }
  }, 120_000);
});
