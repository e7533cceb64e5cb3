// Shared set-up for the QuickBooks Online integration tests: the simulator with one Intuit app and a realm, the
// real core with the QuickBooks Online connector, and a browser stand-in that follows the consent redirect to the
// loopback listener (as the system browser would).
import { expect } from 'vitest';
import { QuickBooksOnlineConnector } from '../../../main/connectors/quickbooks-online/index.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { consentInBrowser, waitForStatus } from '../../fixtures/sign-in.js';

export { consentInBrowser, waitForStatus };
import { isCI } from '../secrets/keychain-probe.js';
import { qboOracleAvailable } from '../../simulators/quickbooks-online/oracle.js';
import { QboSimulator, type Realm, type RealmOptions } from '../../simulators/quickbooks-online/simulator.js';

export const CLIENT_ID = 'ABsimClientId0123456789';
export const CLIENT_SECRET = 'simSecret-abcdef0123456789';

/** The schema oracle must be there on CI; elsewhere the tests skip with a message. */
export function oracleReady(): boolean {
  if (qboOracleAvailable()) return true;
  if (isCI) throw new Error('../shared/oracles/qbo/ is missing: the QuickBooks Online tests need it on CI');
  console.warn('Skipping QuickBooks Online tests: ../shared/oracles/qbo/ is not present');
  return false;
}

export interface QboWorld {
  sim: QboSimulator;
  realm: Realm;
  core: TestCore;
  connector: QuickBooksOnlineConnector;
  close(): Promise<void>;
}

export async function startWorld(realmOptions: RealmOptions = {}): Promise<QboWorld> {
  const sim = new QboSimulator();
  await sim.start();
  sim.registerApp(CLIENT_ID, CLIENT_SECRET);
  const realm = sim.createRealm(realmOptions);
  sim.consentRealm = realm.id;
  const connector = new QuickBooksOnlineConnector();
  const core = await startCore({ connectors: [connector] });
  return {
    sim,
    realm,
    core,
    connector,
    close: async () => {
      await core.close();
      await sim.close();
    },
  };
}

/** A company connected to the world's realm through the real sign-in. */
export async function connectCompany(world: QboWorld, settings: Record<string, unknown> = {}) {
  const { core, sim } = world;
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  const connection = await core.call('connections.create', {
    companyId: company.id,
    system: 'quickbooks_online',
    settings: { ...sim.connectionSettings(), environment: 'sandbox', ...settings },
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  const { authorizeUrl } = await core.call('connections.connect', { id: connection.id });
  expect(authorizeUrl).toContain('/connect/oauth2?');
  await consentInBrowser(authorizeUrl!);
  const connected = await waitForStatus(core, company.id, connection.id, 'connected');
  // Before the first send the bookkeeper confirms the company QuickBooks named (name and realm id).
  const confirmed = await confirmCompany(core, connected);
  return { company, connection: confirmed };
}

/** A company and its sandbox connection to the simulator, sending invoices, not signed in yet. */
export async function unsignedConnection(world: QboWorld) {
  const { core, sim } = world;
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  const connection = await core.call('connections.create', {
    companyId: company.id,
    system: 'quickbooks_online',
    settings: { ...sim.connectionSettings(), environment: 'sandbox', documentsToSend: ['invoice'] },
    credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  return { company, connection };
}

/** Connect (again) through the real consent page, to whichever realm the simulator's consent picks. */
export async function signIn(world: QboWorld, companyId: string, connectionId: string) {
  const { authorizeUrl } = await world.core.call('connections.connect', { id: connectionId });
  await consentInBrowser(authorizeUrl!);
  return waitForStatus(world.core, companyId, connectionId, 'connected');
}

/** The expense account Job Materials, in a realm of the simulator. */
export function seedJobMaterials(world: QboWorld, realm: Realm) {
  return world.sim.seed(realm, 'Account', {
    Name: 'Job Materials',
    AccountType: 'Expense',
    Classification: 'Expense',
  });
}

/** The bookkeeper confirms the signed-in company, as the Connections page does with what it shows. */
export async function confirmCompany(
  core: TestCore,
  connection: { id: string; settings: Record<string, unknown> },
) {
  const realmId = (connection.settings.company as { realmId?: string } | null)?.realmId;
  expect(realmId).toMatch(/^\d+$/);
  return core.call('quickbooksOnline.confirmCompany', { connectionId: connection.id, realmId: realmId! });
}

export { approve } from '../../fixtures/sync/bill-lifecycle.js';

/** Every body the simulator received passed Intuit's schema (the simulator rejects the others with 2010). */
export function schemaFaults(sim: QboSimulator) {
  return sim.received.length;
}
