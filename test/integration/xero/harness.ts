// Shared set-up for the Xero integration tests: the simulator with one PKCE app and an organisation, the real core
// with the Xero connector, and a browser stand-in that follows Xero's consent redirect to the loopback listener.
import { afterEach, beforeEach, expect } from 'vitest';
import { XeroConnector } from '../../../main/connectors/xero/index.js';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeychainSecretStore } from '../../../main/secrets/index.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { consentInBrowser, waitForStatus } from '../../fixtures/sign-in.js';

export { consentInBrowser, waitForStatus };
import { isCI } from '../secrets/keychain-probe.js';
import { xeroOracleAvailable } from '../../simulators/xero/oracle.js';
import { XeroSimulator, type Org, type OrgOptions } from '../../simulators/xero/simulator.js';

export const CLIENT_ID = 'SIMXEROCLIENT0123456789ABCDEF01';

/** The spec oracle must be there on CI; elsewhere the tests skip with a message. */
export function oracleReady(): boolean {
  if (xeroOracleAvailable()) return true;
  if (isCI) throw new Error('../shared/oracles/xero/ is missing: the Xero tests need it on CI');
  console.warn('Skipping Xero tests: ../shared/oracles/xero/ is not present');
  return false;
}

export interface XeroWorld {
  sim: XeroSimulator;
  org: Org;
  core: TestCore;
  connector: XeroConnector;
  /** The keychain the core uses, to look at what it stored. */
  secrets: KeychainSecretStore;
  close(): Promise<void>;
}

/** The running test's world, started by worldEachTest() before each test and closed after it. */
// A live binding (ES modules): each test file reads the world of the test that is running.
export let world: XeroWorld;

/**
 * Starts a world before each test of the file (when the oracle is there); after it, checks the simulator found no
 * problem in what it was sent, and closes it. Says whether the oracle is ready.
 */
export function worldEachTest(): boolean {
  const ready = oracleReady();
  beforeEach(async () => {
    if (ready) world = await startWorld();
  });
  afterEach(async () => {
    if (world) expect(world.sim.problems).toEqual([]);
    await world?.close();
  });
  return ready;
}

export async function startWorld(orgOptions: OrgOptions = {}): Promise<XeroWorld> {
  const sim = new XeroSimulator();
  await sim.start();
  sim.registerApp(CLIENT_ID);
  const org = sim.createOrg(orgOptions);
  sim.consentTenants = [org.tenantId];
  const connector = new XeroConnector();
  const secrets = new KeychainSecretStore({ service: `Ledgerbridge-test-${randomUUID()}` });
  const core = await startCore({ connectors: [connector], secrets });
  return {
    sim,
    org,
    core,
    connector,
    secrets,
    close: async () => {
      await core.close();
      await sim.close();
    },
  };
}

/** A company connected to the world's organisation through the real sign-in. */
export async function connectCompany(world: XeroWorld, settings: Record<string, unknown> = {}) {
  const { core, sim } = world;
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'NZD' });
  const connection = await core.call('connections.create', {
    companyId: company.id,
    system: 'xero',
    settings: { ...sim.connectionSettings(), ...settings },
    credentials: { clientId: CLIENT_ID },
  });
  const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
  expect(authorizeUrl).toContain('/identity/connect/authorize?');
  await consentInBrowser(authorizeUrl!);
  const connected = await waitForStatus(core, company.id, connection.id, 'connected', 'error');
  if (connected.status !== 'connected') throw new Error(`connect failed: ${connected.statusMessage}`);
  return { company, connection: connected };
}

export { approve } from '../../fixtures/sync/bill-lifecycle.js';

/** A port free on 127.0.0.1 right now (for a redirect URI registered before the listener starts). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The account 310 Job Materials and the item AF-20 Air filter, in the world's organisation and here. */
export async function jobMaterialsAndAirFilter(companyId: string) {
  const { core, sim, org } = world;
  sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
  sim.addItem(org, { Code: 'AF-20', Name: 'Air filter', AccountCode: '310' });
  const account = await core.call('lists.create', { companyId, kind: 'account', name: 'Job Materials' });
  const item = await core.call('lists.create', { companyId, kind: 'item', name: 'Air filter' });
  return { account, item };
}
