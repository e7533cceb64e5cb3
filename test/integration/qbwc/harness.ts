// The core behind the headless server with the Web Connector route, a QuickBooks Desktop connection with its
// password set, a clock the test moves, and an in-memory keychain (the keychain itself is tested elsewhere).
import http from 'node:http';
import type { QbdExchange } from '../../../main/connectors/quickbooks-desktop/exchange.js';
import type { SecretStore } from '../../../main/secrets/index.js';
import { startServer, type RunningServer } from '../../../main/server.js';
import { startCore, type TestCore } from '../../fixtures/core.js';
import {
  QbdHresultError,
  QbdLostResponseError,
  type QbdSimulator,
} from '../../simulators/quickbooks-desktop/simulator.js';
import {
  ConnectionLost,
  FakeWebConnector,
  QuickBooksFailure,
  type QuickBooksStandIn,
  type SessionRun,
} from '../../simulators/web-connector/fake-web-connector.js';

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  get(connectionId: string, name: string) {
    return Promise.resolve(this.values.get(`${connectionId}/${name}`) ?? null);
  }
  set(connectionId: string, name: string, value: string) {
    this.values.set(`${connectionId}/${name}`, value);
    return Promise.resolve();
  }
  delete(connectionId: string, name: string) {
    return Promise.resolve(this.values.delete(`${connectionId}/${name}`));
  }
  deleteAll(connectionId: string) {
    let n = 0;
    for (const key of [...this.values.keys()]) {
      if (key.startsWith(`${connectionId}/`)) n += Number(this.values.delete(key));
    }
    return Promise.resolve(n);
  }
  names(connectionId: string) {
    return Promise.resolve(
      [...this.values.keys()]
        .filter((k) => k.startsWith(`${connectionId}/`))
        .map((k) => k.slice(connectionId.length + 1))
        .sort(),
    );
  }
}

export const USER = 'ledgerbridge-northwind';
export const PASSWORD = 'correct horse battery';

export interface QbwcHarness {
  core: TestCore;
  server: RunningServer;
  endpoint: string;
  connectionId: string;
  clock: { now: Date; advance(ms: number): void };
  webConnector(
    quickbooks: QuickBooksStandIn,
    overrides?: { password?: string; userName?: string },
  ): FakeWebConnector;
  close(): Promise<void>;
}

export async function startQbwc(
  options: {
    exchange?: QbdExchange;
    settings?: Record<string, unknown>;
    maxBodyBytes?: number;
    ticketIdleMs?: number;
    busyWindowMs?: number;
  } = {},
): Promise<QbwcHarness> {
  const clock = {
    now: new Date('2026-03-02T09:00:00Z'),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const core = await startCore({
    secrets: new MemorySecrets(),
    startSync: false,
    qbdExchange: options.exchange,
    webConnector: {
      now: () => clock.now,
      maxBodyBytes: options.maxBodyBytes,
      ticketIdleMs: options.ticketIdleMs,
      busyWindowMs: options.busyWindowMs,
    },
  });
  const server = await startServer({
    app: core.app,
    routes: [{ prefix: '/qbwc', handle: core.app.webConnector.handle }],
  });
  core.app.webConnector.setEndpoint(`http://localhost:${server.port}`);
  const company = await core.call('companies.create', { name: 'Northwind Facilities', baseCurrency: 'USD' });
  const connection = await core.call('connections.create', {
    companyId: company.id,
    system: 'quickbooks_desktop',
    name: 'QuickBooks Northwind',
    settings: { username: USER, ...options.settings },
  });
  await core.call('qbd.setPassword', { connectionId: connection.id, password: PASSWORD });
  const endpoint = `${server.url}/qbwc`;
  return {
    core,
    server,
    endpoint,
    connectionId: connection.id,
    clock,
    webConnector: (quickbooks, overrides = {}) =>
      new FakeWebConnector({
        endpoint,
        userName: overrides.userName ?? USER,
        password: overrides.password ?? PASSWORD,
        quickbooks,
      }),
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}

/** The simulator as the Web Connector sees QuickBooks: its failures as the Web Connector reports them. */
export function quickbooks(sim: QbdSimulator): QuickBooksStandIn {
  return {
    hostResponse: () => sim.hostResponse(),
    handle(xml) {
      try {
        return sim.handle(xml);
      } catch (error) {
        if (error instanceof QbdHresultError) throw new QuickBooksFailure(error.hresult, error.message);
        if (error instanceof QbdLostResponseError) throw new ConnectionLost();
        throw error;
      }
    },
    close: () => sim.endSession(),
  };
}

/** Runs Web Connector sessions until the app answers "none" (nothing more to do); throws after `max` sessions. */
export async function runUntilIdle(
  harness: QbwcHarness,
  qb: QuickBooksStandIn,
  max = 10,
): Promise<SessionRun[]> {
  const runs: SessionRun[] = [];
  for (let i = 0; i < max; i += 1) {
    const run = await harness.webConnector(qb).runSession();
    runs.push(run);
    if (run.auth[1] === 'none') return runs;
    harness.clock.advance(60_000);
  }
  throw new Error(`still busy after ${max} sessions: ${JSON.stringify(runs.map((r) => r.lastError))}`);
}

/** "http://developer.intuit.com/<operation>", quoted, as the Web Connector sends SOAPAction. */
export function soapAction(operation: string): string {
  return `"http://developer.intuit.com/${operation}"`;
}

/**
 * A raw POST to the endpoint (for input no SOAP client would send), with the Web Connector's headers: text/xml,
 * and a SOAPAction naming the operation the body calls (serverVersion when it calls none). `headers` overrides
 * them; a null value leaves that header out.
 */
export function post(
  url: string,
  body: string | Buffer,
  headers: Record<string, string | null> = {},
): Promise<{ status: number; body: string }> {
  const operation =
    /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?(\w+)/.exec(body.toString('latin1'))?.[1] ?? 'serverVersion';
  const merged: Record<string, string | null> = {
    'content-type': 'text/xml; charset=utf-8',
    soapaction: soapAction(operation),
    ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  };
  const sent = Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== null),
  );
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: sent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function envelope(inner: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
}
