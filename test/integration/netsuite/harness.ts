// Shared set-up for the NetSuite integration tests: the simulator with a TBA integration and an OAuth 2.0
// client-credentials certificate, the real core with the NetSuite connector, and a connected company with a
// subsidiary, an expense account, an item and a location on both sides.
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterEach, beforeEach, expect } from 'vitest';
import { NetSuiteConnector } from '../../../main/connectors/netsuite/index.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { isCI } from '../secrets/keychain-probe.js';
import { netsuiteOracleAvailable } from '../../simulators/netsuite/oas.js';
import { NetSuiteSimulator } from '../../simulators/netsuite/simulator.js';

export const TBA = {
  consumerKey: 'ck-3f9a0c1d2e',
  consumerSecret: 'cs-5b!7c(8)d*9e',
  tokenId: 'tk-11aa22bb33',
  tokenSecret: "ts-'44cc&55dd",
};
export const CLIENT_ID = 'm2m-client-0123456789';
export const CERTIFICATE_ID = 'cert-Zq81Lx';

/** The OpenAPI oracle must be there on CI; elsewhere the tests skip with a message. */
export function oracleReady(): boolean {
  if (netsuiteOracleAvailable()) return true;
  if (isCI) throw new Error('../shared/oracles/netsuite/ is missing: the NetSuite tests need it on CI');
  console.warn('Skipping NetSuite tests: ../shared/oracles/netsuite/netsuite-oas-subset.json is not present');
  return false;
}

export interface NsWorld {
  sim: NetSuiteSimulator;
  core: TestCore;
  connector: NetSuiteConnector;
  privateKeyPem: string;
  close(): Promise<void>;
}

/** The running test's world, started by worldEachTest() before each test and closed after it. */
// A live binding (ES modules): each test file reads the world of the test that is running.
export let world: NsWorld;

/** Starts a world before each test of the file (when the oracle is there) and closes it after; says whether ready. */
export function worldEachTest(): boolean {
  const ready = oracleReady();
  beforeEach(async () => {
    if (ready) world = await startWorld();
  });
  afterEach(async () => {
    await world?.close();
  });
  return ready;
}

export async function startWorld(alg: 'PS256' | 'ES256' = 'PS256'): Promise<NsWorld> {
  const sim = new NetSuiteSimulator();
  await sim.start();
  sim.registerTba(TBA.consumerKey, TBA.consumerSecret, TBA.tokenId, TBA.tokenSecret);
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  sim.registerCertificate(CLIENT_ID, CERTIFICATE_ID, await exportSPKI(publicKey));
  const privateKeyPem = await exportPKCS8(privateKey);
  const connector = new NetSuiteConnector();
  const core = await startCore({ connectors: [connector] });
  return {
    sim,
    core,
    connector,
    privateKeyPem,
    close: async () => {
      await core.close();
      await sim.close();
    },
  };
}

export async function connectCompany(
  world: NsWorld,
  auth: 'tba' | 'oauth2-client-credentials' = 'tba',
  settings: Record<string, unknown> = {},
) {
  const { core, sim } = world;
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  const credentials: Record<string, string> =
    auth === 'tba'
      ? { ...TBA }
      : { clientId: CLIENT_ID, certificateId: CERTIFICATE_ID, privateKeyPem: world.privateKeyPem };
  const connection = await core.call('connections.create', {
    companyId: company.id,
    system: 'netsuite',
    settings: { ...sim.connectionSettings(auth), ...settings },
    credentials,
  });
  const { authorizeUrl, connection: connected } = await core.call('connections.connect', {
    id: connection.id,
  });
  expect(authorizeUrl).toBeNull();
  expect(connected.status).toBe('connected');
  return { company, connection: connected };
}

export { approve } from '../../fixtures/sync/bill-lifecycle.js';

/** A connected company with a supplier, an expense account and an item on both sides, and NetSuite's lists imported. */
export async function setUp(
  world: NsWorld,
  auth: 'tba' | 'oauth2-client-credentials' = 'tba',
  settings: Record<string, unknown> = {},
) {
  const { core, sim } = world;
  const nsAccount = sim.seedRow('account', {
    acctname: 'Job Materials',
    acctnumber: '6100',
    accttype: 'Expense',
  });
  const nsItem = sim.seedRow('item', { itemid: 'Air filter', itemtype: 'NonInvtPart' });
  const nsLocation = sim.seedRow('location', { name: 'Springfield depot' });
  const { company, connection } = await connectCompany(world, auth, settings);
  await core.call('lists.import', { connectionId: connection.id, kinds: ['location'] });
  const location = (await core.call('lists.list', { companyId: company.id, kind: 'location' })).find(
    (l) => l.name === 'Springfield depot',
  )!;
  const supplier = await core.call('suppliers.create', {
    companyId: company.id,
    name: 'Acme Supplies',
    phone: '555-0100',
    city: 'Springfield',
  });
  const account = await core.call('lists.create', {
    companyId: company.id,
    kind: 'account',
    name: 'Job Materials',
  });
  const item = await core.call('lists.create', { companyId: company.id, kind: 'item', name: 'Air filter' });
  return { company, connection, supplier, account, item, location, nsAccount, nsItem, nsLocation };
}
