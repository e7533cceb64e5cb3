// A QuickBooks Desktop connection as a bookkeeper leaves it after the Web Connector page, for the end-to-end tests
// that start from one: created through the API with the Web Connector's user name and its password set. QuickBooks
// Desktop calls us, so the tests then play the Web Connector: the fake one (a SOAP client built from Intuit's WSDL)
// signs in as the connection, with QuickBooks played by the QuickBooks Desktop simulator, which each test makes in
// its own process. The test of that set-up itself (web-connector.e2e) goes through the page instead. The server and
// Chromium those tests share start through useE2eApp (suite.ts).
import { quickbooks } from '../integration/job-costing/support.js';
import type { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { FakeWebConnector, type QuickBooksStandIn } from '../simulators/web-connector/fake-web-connector.js';
import type { E2eHarness } from './support';

export interface QbdConnection {
  id: string;
  /** A fake Web Connector signing in as this connection, with QuickBooks played by `stand`. */
  webConnector(stand: QuickBooksStandIn): FakeWebConnector;
  /**
   * Web Connector runs with QuickBooks played by `sim` until the server has nothing more to ask (at most `most`
   * runs); resolves to the qbXML messages QuickBooks processed, in order.
   */
  runSessions(sim: QbdSimulator, most?: number): Promise<string[]>;
}

/**
 * Connects `companyId` to QuickBooks Desktop: a connection whose Web Connector user is `username` (its password is
 * made from it), with `name` and `settings` on top when given.
 */
export async function connectQuickBooksDesktop(
  e2e: E2eHarness,
  companyId: string,
  connection: { username: string; name?: string; settings?: Record<string, unknown> },
): Promise<QbdConnection> {
  const { username } = connection;
  const password = `${username}-password`;
  const { id } = await e2e.api<{ id: string }>('connections.create', {
    companyId,
    system: 'quickbooks_desktop',
    ...(connection.name ? { name: connection.name } : {}),
    settings: { ...connection.settings, username },
  });
  await e2e.api('qbd.setPassword', { connectionId: id, password });
  const webConnector = (stand: QuickBooksStandIn) =>
    new FakeWebConnector({ endpoint: e2e.info.qbwcUrl, userName: username, password, quickbooks: stand });
  // One Web Connector a simulator, as one installed Web Connector talks to one QuickBooks.
  const connectors = new Map<QbdSimulator, FakeWebConnector>();
  return {
    id,
    webConnector,
    async runSessions(sim, most = 6) {
      let wc = connectors.get(sim);
      if (!wc) connectors.set(sim, (wc = webConnector(quickbooks(sim))));
      const requests: string[] = [];
      for (let i = 0; i < most; i += 1) {
        const run = await wc.runSession();
        requests.push(...run.requests);
        if (run.auth[1] === 'none') break;
      }
      return requests;
    },
  };
}
