// End-to-end: the Lists page of a QuickBooks Desktop connection, in Debian's Chromium against the headless server, the
// fake Web Connector (SOAP, from Intuit's WSDL) and the QuickBooks Desktop simulator (every message checked against
// Intuit's qbXML schema). The first Web Connector run stops when QuickBooks closes in the middle of the customers:
// the row says how far it got and that the next Web Connector run goes on; Resume says so too; the next run reads
// only the customers not read yet, and the row shows them all. Then Update existing on the customers is queued for
// the next run, which fetches only the customer edited in QuickBooks. Screenshots go to test-results/e2e/qbd-lists/.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { quickbooks } from '../integration/job-costing/support.js';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { QuickBooksFailure, wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { connectQuickBooksDesktop } from './quickbooks-desktop-connect';
import { expectText, onCi, poll } from './support';
import { createCompany, e2eSuite, openConnections, useE2eApp } from './suite';

const suite = e2eSuite('qbd-lists', 'Lists page for QuickBooks Desktop', {
  dir: '../shared/oracles/qbwc/',
  available: () => wsdlOracleAvailable() || onCi,
});
const { shot } = suite;

/** The ListIDs each CustomerQuery by ListID asked for, over these messages. */
function customerFetches(messages: readonly string[]): string[] {
  return messages.flatMap((m) =>
    [...m.matchAll(/<CustomerQueryRq[^>]*>([\s\S]*?)<\/CustomerQueryRq>/g)].flatMap((q) =>
      [...q[1]!.matchAll(/<ListID>([^<]+)<\/ListID>/g)].map((x) => x[1]!),
    ),
  );
}

describe.skipIf(!suite.runs)(
  'The Lists page of a QuickBooks Desktop connection (Web Connector, simulator)',
  () => {
    const qbd = useE2eApp(suite);

    it('a list a Web Connector run left half read goes on at the next run, and says so', async () => {
      const { e2e } = qbd;
      const sim = new QbdSimulator({ companyName: 'Riverside Mechanical' });
      for (let i = 0; i < 650; i += 1) sim.addCustomer(`Customer ${String(i).padStart(4, '0')}`);
      sim.addItem('Copper pipe 15 mm', 'ItemNonInventory', 'Job Materials', 'Copper pipe');
      const companyId = await createCompany(e2e, 'Riverside Mechanical', 'USD');
      const connection = await connectQuickBooksDesktop(e2e, companyId, {
        username: 'lists-e2e',
        name: 'QuickBooks Riverside',
      });
      const qb = quickbooks(sim);
      // QuickBooks closes while it answers the third message (the second batch of customers).
      let messages = 0;
      const closing = {
        ...qb,
        handle(xml: string) {
          messages += 1;
          if (messages === 3) throw new QuickBooksFailure('0x80040408', 'Could not start QuickBooks.');
          return qb.handle(xml);
        },
      };
      const first = await connection.webConnector(closing).runSession();
      expect(first.requests).toHaveLength(3);
      const fetchedFirst = customerFetches(first.requests.slice(0, 2));
      expect(fetchedFirst).toHaveLength(200);

      const page = await openConnections(e2e, companyId);
      await page.getByTestId('connection-lists').click();
      const customers = page.locator('[data-testid="list-row"][data-kind="customer"]');
      await customers.waitFor();
      const stopped = customers.getByTestId('list-stopped');
      await expectText(
        stopped.getByTestId('list-stopped-text'),
        'Stopped after 200 of about 650 customers and jobs',
      );
      await expectText(
        stopped.getByTestId('list-stopped-detail'),
        /^Import every list, .*: goes on at the next Web Connector run of QuickBooks Riverside$/,
      );
      expect(await stopped.getAttribute('title')).toMatch(
        /after 200 of 650 customers and jobs; what was read is kept, and the next Web Connector run goes on with the rest/,
      );
      expect(await stopped.getByTestId('list-resume').getAttribute('title')).toMatch(
        /^Goes on at the next Web Connector run of QuickBooks Riverside/,
      );
      await expectText(customers.getByTestId('list-count'), '200');
      // The lists the run finished show their entries, not a stop.
      const items = page.locator('[data-testid="list-row"][data-kind="item"]');
      await expectText(items.getByTestId('list-count'), /^[1-9]/);
      expect(await items.getByTestId('list-stopped').count()).toBe(0);
      await shot(page, '01-stopped-after-200');

      // Resume reads nothing now: it says the next Web Connector run goes on.
      await stopped.getByTestId('list-resume').click();
      await expectText(
        customers.getByTestId('list-notice'),
        /^Goes on at the next Web Connector run of QuickBooks Riverside: the customers and jobs not read yet are read then/,
      );
      // Only the list that stopped goes on: the lists that run finished are not read again.
      const accounts = page.locator('[data-testid="list-row"][data-kind="account"]');
      expect(await accounts.getByTestId('list-stopped').count()).toBe(0);
      await shot(page, '02-resume-at-next-run');

      // The next run reads only the customers not read yet; the row shows them all, with no stop.
      const next = await connection.webConnector(qb).runSession();
      expect(next.lastError ?? '').toBe('');
      expect(next.requests.join('')).not.toContain('<AccountQueryRq');
      const fetchedNext = customerFetches(next.requests);
      expect(fetchedNext).toHaveLength(450);
      expect(fetchedNext.filter((id) => fetchedFirst.includes(id))).toEqual([]);
      await expectText(customers.getByTestId('list-count'), '650');
      await poll(() => customers.getByTestId('list-stopped').count()).toBe(0);
      await expectText(customers.getByTestId('list-last-import'), /^Imported .*: 650 added, 0 changed$/);
      await shot(page, '03-read-through');

      // Update existing is queued for the next run, which fetches only the customer edited in QuickBooks.
      const edited = sim.findCustomer('Customer 0321')!;
      sim.editCustomerInQuickBooks(edited.ListID, { Name: 'Customer 0321 (Mill Lane)' });
      await customers.getByTestId('list-update-existing').click();
      await expectText(
        customers.getByTestId('list-stopped-text'),
        'Waiting for the next Web Connector run to read the customers and jobs',
      );
      await expectText(
        customers.getByTestId('list-stopped-detail'),
        /^Update existing, .*: queued until the next Web Connector run of QuickBooks Riverside \(Update Selected/,
      );
      await shot(page, '04-update-queued');
      const update = await connection.webConnector(qb).runSession();
      expect(customerFetches(update.requests)).toEqual([edited.ListID]);
      await expectText(
        customers.getByTestId('list-last-import'),
        /^Update existing, .*: 1 changed of 650 read$/,
      );
      await poll(() => customers.getByTestId('list-stopped').count()).toBe(0);
      await poll(() => customers.getByTestId('list-notice').count()).toBe(0);
      await shot(page, '05-updated');
      await page.context().close();
    }, 240_000);

    it('a Web Connector run that never comes back shows where it stopped, not "being read"', async () => {
      const { e2e } = qbd;
      const sim = new QbdSimulator({ companyName: 'Kowhai Plumbing' });
      for (let i = 0; i < 650; i += 1) sim.addCustomer(`Client ${String(i).padStart(4, '0')}`);
      const companyId = await createCompany(e2e, 'Kowhai Plumbing', 'USD');
      const connection = await connectQuickBooksDesktop(e2e, companyId, {
        username: 'lists-quiet-e2e',
        name: 'QuickBooks Kowhai',
      });
      // The Web Connector stops without a word after the second batch of customers reached QuickBooks: no answer,
      // no closeConnection (closed, or its call timed out).
      const run = await connection.webConnector(quickbooks(sim)).runSession({ breakAfterRequests: 3 });
      expect(run.broken).toBe(true);

      const page = await openConnections(e2e, companyId);
      await page.getByTestId('connection-lists').click();
      const customers = page.locator('[data-testid="list-row"][data-kind="customer"]');
      const stopped = customers.getByTestId('list-stopped');
      // Just now: the run may still come back, so the list is being read.
      await expectText(stopped.getByTestId('list-stopped-text'), /^Being read by the Web Connector run: /);
      expect(await stopped.getAttribute('data-state')).toBe('reading');
      await shot(page, '06-being-read');

      // The run has been silent for longer than a Web Connector session is waited for (10 minutes): its last call
      // is set back in the database the server reads (the next run going on with the rest is the test above).
      const db = new Database(path.join(e2e.dataDir, 'ledgerbridge.db'));
      try {
        db.prepare(
          `UPDATE qbwc_sessions SET last_seen_at = ? WHERE connection_id = ? AND outcome = 'running'`,
        ).run(new Date(Date.now() - 11 * 60_000).toISOString(), connection.id);
      } finally {
        db.close();
      }
      await page.reload();
      await expectText(
        stopped.getByTestId('list-stopped-text'),
        /^Stopped after [\d,]+ of about 650 customers and jobs$/,
      );
      expect(await stopped.getAttribute('data-state')).toBe('stopped');
      expect(await stopped.getAttribute('title')).toBe(
        'The Web Connector stopped answering during its run; the next run goes on where it stopped.',
      );
      await expectText(
        stopped.getByTestId('list-stopped-detail'),
        /: goes on at the next Web Connector run of QuickBooks Kowhai$/,
      );
      expect(await stopped.getByTestId('list-resume').count()).toBe(1);
      await shot(page, '07-stopped-when-quiet');
      await page.context().close();
    }, 240_000);
  },
);
