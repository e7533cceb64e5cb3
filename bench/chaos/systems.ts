// The four accounting systems as the chaos driver sees them: a simulator that outlives the server (QuickBooks
// Online, Xero and NetSuite in their own processes through their serve.ts; QuickBooks Desktop in the driver's
// process behind the fake Web Connector, which calls the server's /qbwc), how a company connects to it, what a
// document's lines refer to, how to lose the answer to the next write, and how many copies of each document and
// supplier the simulator holds.
import type { LineInput } from '../../preload/contract.js';
import type { z } from 'zod';
import {
  QbdHresultError,
  QbdLostResponseError,
  QbdSimulator,
} from '../../test/simulators/quickbooks-desktop/simulator.js';
import {
  ConnectionLost,
  FakeWebConnector,
  QuickBooksFailure,
  type QuickBooksStandIn,
} from '../../test/simulators/web-connector/fake-web-connector.js';
import { startSimulator, type Simulator } from '../support/send-bench.js';
import { ApiError, type ServerControl } from './server.js';

export type SystemName = 'qbo' | 'xero' | 'netsuite' | 'qbd';
export const SYSTEMS: SystemName[] = ['qbo', 'xero', 'netsuite', 'qbd'];

type Rec = Record<string, unknown>;
type Line = z.input<typeof LineInput>;

/** How many records the simulator holds per document number and per supplier name. */
export interface Copies {
  documents: Map<string, number>;
  suppliers: Map<string, number>;
}

export interface RunSetUp {
  connectionId: string;
  /** The lines of a document (what they refer to exists on both sides). */
  lines(i: number): Line[];
}

export interface ChaosSystem {
  readonly name: SystemName;
  readonly label: string;
  readonly currency: string;
  /** Starts the simulator (once for all runs). */
  start(): Promise<void>;
  /** A fresh company on the simulator's side for the next run. */
  newRun(): Promise<void>;
  /** Connects the run's company and creates what documents refer to. No kill happens during set-up. */
  setUp(server: ServerControl, companyId: string): Promise<RunSetUp>;
  /** The next write is carried out and its answer lost. */
  loseNextAnswer(server: ServerControl): Promise<void>;
  /** How many answers were lost so far (all runs): those asked for that a write met. */
  answersLost(): Promise<number>;
  /** QuickBooks Desktop: the Web Connector runs sessions until stopped. */
  startDriving?(server: ServerControl): void;
  stopDriving?(): Promise<void>;
  copies(): Promise<Copies>;
  close(): Promise<void>;
}

function tally(values: unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

/** The browser's part of a sign-in: the consent page, then its redirect to the server's loopback listener. */
async function consent(authorizeUrl: string): Promise<void> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = page.headers.get('location');
  if (!location) throw new Error(`the consent page did not redirect (${page.status})`);
  const back = await fetch(location);
  if (!back.ok) throw new Error(`the loopback listener answered ${back.status}`);
}

async function waitConnected(server: ServerControl, companyId: string, id: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const c = (await server.call('connections.list', { companyId })).find((x) => x.id === id);
    if (c?.status === 'connected') return;
    if (c?.status === 'error') throw new Error(`the connection failed: ${c.statusMessage}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the connection never became connected');
}

const CLIENT_ID = 'chaos-client';
const CLIENT_SECRET = 'chaos-secret-0123456789';

// ---------------------------------------------------------------------------------------------------------------

class QuickBooksOnline implements ChaosSystem {
  readonly name = 'qbo';
  readonly label = 'QuickBooks Online';
  readonly currency = 'USD';
  private sim!: Simulator<{ settings: Rec }>;
  private realmId = '';

  async start() {
    this.sim = await startSimulator('quickbooks-online', {
      QBO_CLIENT_ID: CLIENT_ID,
      QBO_CLIENT_SECRET: CLIENT_SECRET,
      // As Intuit does: the previous refresh token stays usable for 24 hours after a rotation. A server killed
      // between the rotation and storing the new token goes on with the previous one.
      QBO_REFRESH_GRACE_MS: String(24 * 3600_000),
    });
  }

  async newRun() {
    this.realmId = (await this.sim.ask<{ realmId: string }>({ type: 'realm' }, 'realm')).realmId;
    await this.sim.ask(
      {
        type: 'seed',
        realmId: this.realmId,
        entity: 'Account',
        fields: { Name: 'Job Materials', AccountType: 'Expense', Classification: 'Expense' },
      },
      'seeded',
    );
  }

  async setUp(server: ServerControl, companyId: string) {
    const connection = await server.call('connections.create', {
      companyId,
      system: 'quickbooks_online',
      settings: { ...this.sim.ready.settings, environment: 'sandbox' },
      credentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    });
    const { authorizeUrl } = await server.call('connections.connect', { id: connection.id });
    await consent(authorizeUrl!);
    await waitConnected(server, companyId, connection.id);
    // Before the first send the bookkeeper confirms the company QuickBooks named (name and realm id). A server
    // from before that step has no such method, and nothing to confirm.
    try {
      await server.callByName('quickbooksOnline.confirmCompany', {
        connectionId: connection.id,
        realmId: this.realmId,
      });
    } catch (error) {
      if (!(error instanceof ApiError && /no API method/.test(error.message))) throw error;
    }
    const account = await server.call('lists.create', { companyId, kind: 'account', name: 'Job Materials' });
    return {
      connectionId: connection.id,
      lines: (i: number) => [
        { description: `Copper pipe, lot ${i}`, quantity: '2', unitPrice: '12.50', accountId: account.id },
        { description: 'Freight', quantity: '1', unitPrice: '9.95', accountId: account.id },
      ],
    };
  }

  async loseNextAnswer() {
    await this.sim.ask(
      { type: 'fault', pathPart: '/v3/company/', fault: { kind: 'drop_after_write' }, method: 'POST' },
      'faulted',
    );
  }

  async answersLost() {
    return (await this.sim.ask<{ count: number }>({ type: 'faultsMet' }, 'faultsMet')).count;
  }

  async copies() {
    const records = async (entity: string) =>
      (await this.sim.ask<{ records: Rec[] }>({ type: 'records', entity, realmId: this.realmId }, 'records'))
        .records;
    const documents = [...(await records('PurchaseOrder')), ...(await records('Bill'))];
    return {
      documents: tally(documents.map((r) => r.DocNumber)),
      suppliers: tally((await records('Vendor')).map((r) => r.DisplayName)),
    };
  }

  async close() {
    this.sim?.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

class Xero implements ChaosSystem {
  readonly name = 'xero';
  readonly label = 'Xero';
  readonly currency = 'NZD';
  private sim!: Simulator<{ settings: Rec }>;
  private tenantId = '';

  async start() {
    this.sim = await startSimulator('xero', { XERO_CLIENT_ID: CLIENT_ID });
  }

  async newRun() {
    this.tenantId = (await this.sim.ask<{ tenantId: string }>({ type: 'org' }, 'org')).tenantId;
    await this.sim.ask(
      {
        type: 'seed',
        tenantId: this.tenantId,
        entity: 'Account',
        fields: { Code: '310', Name: 'Job Materials' },
      },
      'seeded',
    );
  }

  async setUp(server: ServerControl, companyId: string) {
    const connection = await server.call('connections.create', {
      companyId,
      system: 'xero',
      settings: this.sim.ready.settings,
      credentials: { clientId: CLIENT_ID },
    });
    const { authorizeUrl } = await server.call('connections.connect', { id: connection.id });
    await consent(authorizeUrl!);
    await waitConnected(server, companyId, connection.id);
    const account = await server.call('lists.create', { companyId, kind: 'account', name: 'Job Materials' });
    const gst = await server.call('taxRates.create', { companyId, name: 'GST on Expenses', percent: '15' });
    return {
      connectionId: connection.id,
      lines: (i: number) => [
        {
          description: `Copper pipe, lot ${i}`,
          quantity: '2',
          unitPrice: '12.50',
          accountId: account.id,
          taxRateId: gst.id,
        },
        {
          description: 'Freight',
          quantity: '1',
          unitPrice: '9.95',
          accountId: account.id,
          taxRateId: gst.id,
        },
      ],
    };
  }

  async loseNextAnswer() {
    await this.sim.ask({ type: 'fault', fault: { kind: 'drop_after_write' } }, 'faulted');
  }

  async answersLost() {
    return (await this.sim.ask<{ count: number }>({ type: 'faultsMet' }, 'faultsMet')).count;
  }

  async copies() {
    const answer = await this.sim.ask<{ purchaseOrders: Rec[]; invoices: Rec[]; contacts: Rec[] }>(
      { type: 'records', tenantId: this.tenantId },
      'records',
    );
    const live = (r: Rec) => r.Status !== 'DELETED' && r.Status !== 'VOIDED';
    return {
      documents: tally([
        ...answer.purchaseOrders.filter(live).map((r) => r.PurchaseOrderNumber),
        ...answer.invoices.filter(live).map((r) => r.InvoiceNumber),
      ]),
      suppliers: tally(answer.contacts.map((r) => r.Name)),
    };
  }

  async close() {
    this.sim?.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

const TBA = {
  consumerKey: 'ck-chaos-3f9a0c1d2e',
  consumerSecret: 'cs-chaos-5b7c8d9e',
  tokenId: 'tk-chaos-11aa22bb33',
  tokenSecret: 'ts-chaos-44cc55dd',
};

class NetSuite implements ChaosSystem {
  readonly name = 'netsuite';
  readonly label = 'NetSuite';
  readonly currency = 'USD';
  private sim!: Simulator<{ settings: Rec }>;

  async start() {
    this.sim = await startSimulator('netsuite', {
      NS_CONSUMER_KEY: TBA.consumerKey,
      NS_CONSUMER_SECRET: TBA.consumerSecret,
      NS_TOKEN_ID: TBA.tokenId,
      NS_TOKEN_SECRET: TBA.tokenSecret,
    });
    // One NetSuite account for every run: each run's numbers and supplier names are its own.
    await this.sim.ask(
      {
        type: 'seedRow',
        table: 'account',
        row: { acctname: 'Job Materials', acctnumber: '6100', accttype: 'Expense' },
      },
      'seeded',
    );
  }

  async newRun() {}

  async setUp(server: ServerControl, companyId: string) {
    const connection = await server.call('connections.create', {
      companyId,
      system: 'netsuite',
      settings: this.sim.ready.settings,
      credentials: { ...TBA },
    });
    const { connection: connected } = await server.call('connections.connect', { id: connection.id });
    if (connected.status !== 'connected')
      throw new Error(`NetSuite did not connect: ${connected.statusMessage}`);
    const account = await server.call('lists.create', { companyId, kind: 'account', name: 'Job Materials' });
    return {
      connectionId: connection.id,
      lines: (i: number) => [
        { description: `Copper pipe, lot ${i}`, quantity: '2', unitPrice: '12.50', accountId: account.id },
        { description: 'Freight', quantity: '1', unitPrice: '9.95', accountId: account.id },
      ],
    };
  }

  async loseNextAnswer() {
    await this.sim.ask({ type: 'dropNextWrite' }, 'faulted');
  }

  async answersLost() {
    return (await this.sim.ask<{ count: number }>({ type: 'faultsMet' }, 'faultsMet')).count;
  }

  async copies() {
    const records = async (recordType: string) =>
      (await this.sim.ask<{ records: Rec[] }>({ type: 'records', recordType }, 'records')).records;
    return {
      documents: tally([
        ...(await records('purchaseOrder')).map((r) => r.tranId),
        ...(await records('vendorBill')).map((r) => r.tranId),
      ]),
      suppliers: tally((await records('vendor')).map((r) => r.entityId)),
    };
  }

  async close() {
    this.sim?.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

const QBWC_USER = 'chaos';
const QBWC_PASSWORD = 'chaos correct horse battery';

/**
 * QuickBooks Desktop: the simulator (a fresh company file per run) and the fake Web Connector live in this process
 * and call the server's /qbwc over HTTP, session after session, as the real Web Connector does on its schedule. A
 * lost answer is QuickBooks applying a message whose answer never reaches the server because the server dies: the
 * server is killed right there. (Losing it while the server lives would leave the session open until the server's
 * ten-minute busy window passes, which no chaos run can wait for.)
 */
class QuickBooksDesktop implements ChaosSystem {
  readonly name = 'qbd';
  readonly label = 'QuickBooks Desktop';
  readonly currency = 'USD';
  private sim = new QbdSimulator({ validate: false });
  private loseNext = false;
  private lost = 0;
  private driving: Promise<void> | null = null;
  private stopping = false;
  sessions = 0;

  async start() {}

  async newRun() {
    this.sim = new QbdSimulator({ validate: false, companyName: 'Northwind Facilities' });
    this.loseNext = false;
  }

  async setUp(server: ServerControl, companyId: string) {
    const connection = await server.call('connections.create', {
      companyId,
      system: 'quickbooks_desktop',
      name: 'QuickBooks Northwind',
      settings: { username: QBWC_USER, importPayments: false },
    });
    await server.call('qbd.setPassword', { connectionId: connection.id, password: QBWC_PASSWORD });
    return {
      connectionId: connection.id,
      lines: (i: number) => [
        { description: `Copper pipe, lot ${i}`, quantity: '2', unitPrice: '12.50' },
        { description: 'Freight', quantity: '1', unitPrice: '9.95' },
      ],
    };
  }

  async loseNextAnswer() {
    this.loseNext = true;
  }

  async answersLost() {
    return this.lost;
  }

  startDriving(server: ServerControl) {
    this.stopping = false;
    const quickbooks = (): QuickBooksStandIn => ({
      hostResponse: () => this.sim.hostResponse(),
      handle: (xml) => {
        const write = /<\w+(Add|Mod)Rq[\s>]/.test(xml);
        try {
          const answer = this.sim.handle(xml);
          if (write && this.loseNext) {
            this.loseNext = false;
            this.lost += 1;
            void server.restart();
            throw new ConnectionLost();
          }
          return answer;
        } catch (error) {
          if (error instanceof QbdHresultError) throw new QuickBooksFailure(error.hresult, error.message);
          if (error instanceof QbdLostResponseError) throw new ConnectionLost();
          throw error;
        }
      },
      close: () => this.sim.endSession(),
    });
    this.driving = (async () => {
      while (!this.stopping) {
        let info;
        try {
          info = await server.ready();
        } catch {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        const wc = new FakeWebConnector({
          endpoint: info.qbwcUrl,
          userName: QBWC_USER,
          password: QBWC_PASSWORD,
          quickbooks: quickbooks(),
          noOpDelayMs: 50,
        });
        let idle: boolean;
        try {
          const run = await wc.runSession();
          this.sessions += 1;
          idle = run.auth[1] === 'none' || run.auth[1] === 'busy';
        } catch {
          // The server died in the middle of the session (a SOAP call was refused or cut).
          idle = true;
        }
        if (idle) await new Promise((r) => setTimeout(r, 150));
      }
    })();
  }

  async stopDriving() {
    this.stopping = true;
    await this.driving;
    this.driving = null;
  }

  async copies() {
    const c = this.sim.company;
    return {
      documents: tally([
        ...[...c.purchaseOrders.values()].map((p) => p.RefNumber),
        ...[...c.bills.values()].map((b) => b.RefNumber),
      ]),
      suppliers: tally([...c.vendors.values()].map((v) => v.Name)),
    };
  }

  async close() {
    await this.stopDriving();
  }
}

export function chaosSystem(name: SystemName): ChaosSystem {
  switch (name) {
    case 'qbo':
      return new QuickBooksOnline();
    case 'xero':
      return new Xero();
    case 'netsuite':
      return new NetSuite();
    case 'qbd':
      return new QuickBooksDesktop();
  }
}
