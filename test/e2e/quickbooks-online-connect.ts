// A QuickBooks Online connection as a bookkeeper's first connect leaves it, for the end-to-end tests that start
// from one: created with the simulator's address, signed in through the simulator's consent page (the real OAuth
// round trip), and the company confirmed. The tests of the sign-in itself (quickbooks-online.e2e) go through
// the page instead. qboE2e() starts what those tests share: the simulator and, through the suite, the server and
// Chromium.
import { QboSimulator } from '../simulators/quickbooks-online/simulator';
import { useE2eApp, type E2eApp, type E2eSuite } from './suite';
import { poll, type E2eHarness } from './support';

/** The Intuit app the tests sign in with, registered with the simulator by qboE2e. */
const CLIENT_ID = 'e2e-client';
const CLIENT_SECRET = 'e2e-secret';

export interface QboE2e extends E2eApp {
  sim: QboSimulator;
}

/**
 * Call inside a describe block: before its tests, the QuickBooks Online simulator starts with the tests' app
 * registered, then the suite's server and Chromium; after them, all of it stops.
 */
export function qboE2e(suite: E2eSuite): QboE2e {
  const sim = new QboSimulator();
  const app = useE2eApp(suite, {
    async start() {
      await sim.start();
      sim.registerApp(CLIENT_ID, CLIENT_SECRET);
    },
    started: () => [sim],
  });
  return {
    sim,
    get e2e() {
      return app.e2e;
    },
  };
}

/** Settings on top of the simulator's address and the sandbox environment, e.g. createMissing or documentsToSend. */
type ExtraSettings = Record<string, unknown>;

/** Connects `companyId` to the simulator's consenting realm `realmId`; returns the connection's id. */
export async function connectQuickBooksOnline(
  e2e: E2eHarness,
  sim: QboSimulator,
  companyId: string,
  realmId: string,
  settings: ExtraSettings = {},
): Promise<string> {
  const { api } = e2e;
  const connection = await api<{ id: string }>('connections.create', {
    companyId,
    system: 'quickbooks_online',
    settings: { ...sim.connectionSettings(), environment: 'sandbox', ...settings },
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  const { authorizeUrl } = await api<{ authorizeUrl: string }>('connections.connect', { id: connection.id });
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  await fetch(consent.headers.get('location')!);
  await poll(
    async () =>
      (await api<{ id: string; status: string }[]>('connections.list', { companyId })).find(
        (c) => c.id === connection.id,
      )?.status,
  ).toBe('connected');
  await api('quickbooksOnline.confirmCompany', { connectionId: connection.id, realmId });
  return connection.id;
}
