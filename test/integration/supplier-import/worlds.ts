// The three pushed-to systems with a supplier list (and, for the list import tests, accounts and items) seeded in
// their simulators, behind one shape: each world's core runs on a data directory and keychain service that survive
// a restart, so a test can stop the app in the middle of an import and start it again on the same data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Connector } from '../../../main/connectors/contract.js';
import { NetSuiteConnector } from '../../../main/connectors/netsuite/index.js';
import { QuickBooksOnlineConnector } from '../../../main/connectors/quickbooks-online/index.js';
import { XeroConnector } from '../../../main/connectors/xero/index.js';
import { KeychainSecretStore } from '../../../main/secrets/index.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import { seedVendors, type SeedVendor } from '../../simulators/supplier-lists.js';
import * as ns from '../netsuite/harness.js';
import * as qbo from '../quickbooks-online/harness.js';
import * as xero from '../xero/harness.js';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { NetSuiteSimulator } from '../../simulators/netsuite/simulator.js';
import { QboSimulator } from '../../simulators/quickbooks-online/simulator.js';
import { XeroSimulator } from '../../simulators/xero/simulator.js';

export type SystemName = 'quickbooks_online' | 'xero' | 'netsuite';

export interface ImportWorld {
  system: SystemName;
  core: TestCore;
  companyId: string;
  connectionId: string;
  vendors: SeedVendor[];
  /** Requests the simulator answered so far. */
  requests(): number;
  /** Makes the simulator fail the next supplier-list page request with a 500. */
  failNextPage(): void;
  /** Adds `count` accounts (every 20th inactive) and `items` items to the system's lists (list import tests). */
  seedLists(count: number, items: number): void;
  /** How many entries the system's list of that kind holds, active and inactive. */
  listCount(kind: 'account' | 'item'): number;
  /** Makes the simulator fail the next request for a page of a reference list with a 500. */
  failNextListRead(): void;
  /** Stops the app (as a quit or a crash would) and starts it again on the same data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const ready: Record<SystemName, () => boolean> = {
  quickbooks_online: qbo.oracleReady,
  xero: xero.oracleReady,
  netsuite: ns.oracleReady,
};

function coreFactory(make: () => Connector) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-supplier-import-'));
  const service = `Ledgerbridge-test-${randomUUID()}`;
  return {
    dataDir,
    start: () => startCore({ connectors: [make()], dataDir, secrets: new KeychainSecretStore({ service }) }),
    remove: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function startImportWorld(system: SystemName, count: number): Promise<ImportWorld> {
  const vendors = seedVendors(count);
  if (system === 'quickbooks_online') {
    const sim = new QboSimulator();
    await sim.start();
    sim.registerApp(qbo.CLIENT_ID, qbo.CLIENT_SECRET);
    const realm = sim.createRealm();
    sim.consentRealm = realm.id;
    sim.seedVendors(realm, vendors);
    const factory = coreFactory(() => new QuickBooksOnlineConnector());
    const connector = new QuickBooksOnlineConnector();
    let core = await factory.start();
    const { company, connection } = await qbo.connectCompany({
      sim,
      realm,
      core,
      connector,
      close: async () => {},
    });
    return world(
      system,
      company.id,
      connection.id,
      vendors,
      () => core,
      async () => {
        await core.close();
        core = await factory.start();
      },
      {
        requests: () => sim.stats.requests,
        failNextPage: () =>
          sim.injectFault('query', { kind: 'server_error' }, { bodyIncludes: 'STARTPOSITION' }),
        seedLists: (count, items) => {
          const expense = { AccountType: 'Expense', Classification: 'Expense' };
          for (let i = 0; i < count; i++) {
            sim.seed(realm, 'Account', { Name: `Account ${pad(i)}`, Active: i % 20 !== 19, ...expense });
          }
          for (let i = 0; i < items; i++)
            sim.seed(realm, 'Item', { Name: `Item ${pad(i)}`, Type: 'Service' });
        },
        listCount: (kind) => sim.records(realm, kind === 'account' ? 'Account' : 'Item').length,
        failNextListRead: () =>
          sim.injectFault('query', { kind: 'server_error' }, { bodyIncludes: 'STARTPOSITION' }),
        close: async () => {
          await core.close();
          await sim.close();
          factory.remove();
        },
      },
    );
  }
  if (system === 'xero') {
    const sim = new XeroSimulator();
    await sim.start();
    sim.registerApp(xero.CLIENT_ID);
    const org = sim.createOrg();
    sim.consentTenants = [org.tenantId];
    sim.addSupplierContacts(org, vendors);
    const factory = coreFactory(() => new XeroConnector());
    let core = await factory.start();
    const secrets = new KeychainSecretStore({ service: core.secretService });
    const { company, connection } = await xero.connectCompany({
      sim,
      org,
      core,
      connector: new XeroConnector(),
      secrets,
      close: async () => {},
    });
    return world(
      system,
      company.id,
      connection.id,
      vendors,
      () => core,
      async () => {
        await core.close();
        core = await factory.start();
      },
      {
        requests: () => sim.stats.requests,
        failNextPage: () =>
          sim.inject({ kind: 'server_error' }, (method, p) => method === 'GET' && p === '/Contacts'),
        seedLists: (count, items) => {
          for (let i = 0; i < count; i++) {
            sim.addAccount(org, {
              Code: String(1000 + i),
              Name: `Account ${pad(i)}`,
              ...(i % 20 === 19 ? { Status: 'ARCHIVED' } : {}),
            });
          }
          for (let i = 0; i < items; i++) sim.addItem(org, { Code: `I-${pad(i)}`, Name: `Item ${pad(i)}` });
        },
        listCount: (kind) => (kind === 'account' ? org.accounts.size : org.items.size),
        failNextListRead: () =>
          sim.inject(
            { kind: 'server_error' },
            (method, p) =>
              method === 'GET' && ['/Accounts', '/Items', '/TaxRates', '/TrackingCategories'].includes(p),
          ),
        close: async () => {
          expectNoProblems(sim.problems);
          await core.close();
          await sim.close();
          factory.remove();
        },
      },
    );
  }
  const sim = new NetSuiteSimulator();
  await sim.start();
  sim.registerTba(ns.TBA.consumerKey, ns.TBA.consumerSecret, ns.TBA.tokenId, ns.TBA.tokenSecret);
  const { publicKey, privateKey } = await generateKeyPair('PS256', {
    extractable: true,
    modulusLength: 2048,
  });
  sim.registerCertificate(ns.CLIENT_ID, ns.CERTIFICATE_ID, await exportSPKI(publicKey));
  sim.seedVendors(vendors);
  const factory = coreFactory(() => new NetSuiteConnector());
  let core = await factory.start();
  const { company, connection } = await ns.connectCompany({
    sim,
    core,
    connector: new NetSuiteConnector(),
    privateKeyPem: await exportPKCS8(privateKey),
    close: async () => {},
  });
  return world(
    system,
    company.id,
    connection.id,
    vendors,
    () => core,
    async () => {
      await core.close();
      core = await factory.start();
    },
    {
      requests: () => sim.stats.requests,
      failNextPage: () => {
        sim.failNextSuiteQl = 1;
      },
      seedLists: (count, items) => {
        for (let i = 0; i < count; i++) {
          sim.seedRow('account', {
            acctname: `Account ${pad(i)}`,
            acctnumber: String(1000 + i),
            accttype: 'Expense',
            isinactive: i % 20 === 19 ? 'T' : 'F',
          });
        }
        for (let i = 0; i < items; i++)
          sim.seedRow('item', { itemid: `Item ${pad(i)}`, itemtype: 'Service' });
      },
      listCount: (kind) => sim.tables.get(kind)!.length,
      failNextListRead: () => {
        sim.failNextSuiteQl = 1;
      },
      close: async () => {
        await core.close();
        await sim.close();
        factory.remove();
      },
    },
  );
}

const pad = (i: number) => String(i).padStart(5, '0');

function expectNoProblems(problems: unknown[]) {
  if (problems.length > 0)
    throw new Error(`the Xero simulator found spec problems: ${JSON.stringify(problems.slice(0, 3))}`);
}

function world(
  system: SystemName,
  companyId: string,
  connectionId: string,
  vendors: SeedVendor[],
  core: () => TestCore,
  restart: () => Promise<void>,
  rest: Pick<
    ImportWorld,
    'requests' | 'failNextPage' | 'seedLists' | 'listCount' | 'failNextListRead' | 'close'
  >,
): ImportWorld {
  return {
    system,
    get core() {
      return core();
    },
    companyId,
    connectionId,
    vendors,
    restart,
    ...rest,
  };
}
