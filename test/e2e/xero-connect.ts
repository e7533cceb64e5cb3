// A Xero connection as a bookkeeper's first connect leaves it, for the end-to-end tests that start from one:
// created with the simulator's address, signed in through the simulator's consent page (the real OAuth round trip
// with PKCE) to the organisations it grants. The test of the sign-in itself (xero.e2e) goes through the page
// instead. xeroE2e() starts what those tests share: the simulator and, through the suite, the server and Chromium.
import { XeroSimulator } from '../simulators/xero/simulator.js';
import { useE2eApp, type E2eApp, type E2eSuite } from './suite';
import { poll, type E2eHarness } from './support';

/** The Xero app the tests sign in with (PKCE: no secret), registered with the simulator by xeroE2e. */
const CLIENT_ID = 'E2EXEROAPP0123456789ABCDEFGHIJKL';

export interface XeroE2e extends E2eApp {
  /** The simulator; there once beforeAll has run (it reads Xero's spec from ../shared when made). */
  readonly sim: XeroSimulator;
}

/**
 * Call inside a describe block: before its tests, the Xero simulator starts with the tests' app registered, then
 * the suite's server and Chromium; after them, all of it stops. The simulator is made in beforeAll, so a suite
 * skipped for want of the spec never reads it.
 */
export function xeroE2e(suite: E2eSuite): XeroE2e {
  let sim: XeroSimulator | null = null;
  const app = useE2eApp(suite, {
    async start() {
      sim = new XeroSimulator();
      await sim.start();
      sim.registerApp(CLIENT_ID);
    },
    started: () => [sim],
  });
  return {
    get sim() {
      if (!sim) throw new Error('The Xero simulator is not started: use sim inside a test.');
      return sim;
    },
    get e2e() {
      return app.e2e;
    },
  };
}

/**
 * Connects `companyId` to the organisations the simulator's consent page grants (sim.consentTenants); returns the
 * connection's id. Nothing is imported: the tests import what they need.
 */
export async function connectXero(
  e2e: E2eHarness,
  sim: XeroSimulator,
  companyId: string,
  settings: Record<string, unknown> = {},
): Promise<string> {
  const { api } = e2e;
  const connection = await api<{ id: string }>('connections.create', {
    companyId,
    system: 'xero',
    settings: { ...sim.connectionSettings(), ...settings },
    credentials: { clientId: CLIENT_ID },
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
  return connection.id;
}

/**
 * The Xero organisation two tests work in (Tidewater Builders, its General Expenses account and its supplier Kauri
 * Timber Co), and the company connected to it with the lists imported and the supplier made here. Returns the
 * organisation, the company's id and the supplier's.
 */
export async function connectTidewater(xero: XeroE2e) {
  const { api } = xero.e2e;
  const { sim } = xero;
  const org = sim.createOrg({ name: 'Tidewater Builders Ltd' });
  sim.consentTenants = [org.tenantId];
  sim.addAccount(org, { Code: '429', Name: 'General Expenses' });
  sim.addContact(org, { Name: 'Kauri Timber Co', IsSupplier: true });
  const company = await api<{ id: string }>('companies.create', {
    name: 'Tidewater Builders',
    baseCurrency: 'NZD',
  });
  const connectionId = await connectXero(xero.e2e, sim, company.id);
  await api('lists.import', { connectionId });
  const supplier = await api<{ id: string }>('suppliers.create', {
    companyId: company.id,
    name: 'Kauri Timber Co',
  });
  return { org, companyId: company.id, supplierId: supplier.id };
}
