// The service without HTTP: what survives a restart, what a shutdown does to a running session, and the
// answers for tickets it issued but no longer serves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebConnectorService } from '../../../main/connectors/quickbooks-desktop/qbwc/service.js';
import { openDatabase } from '../../../main/db/database.js';
import { insertConnection } from '../../../main/db/repos/connections.js';
import { FakeExchange } from '../../integration/qbwc/fake-exchange.js';

let dir: string;
let db: Database;
let connectionId: string;
const secrets = { get: async () => 'a good password' };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-qbwc-service-'));
  db = openDatabase(dir);
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Northwind', 'USD', ?)`,
  ).run(now);
  connectionId = insertConnection(db, {
    companyId: 'c1',
    system: 'quickbooks_desktop',
    name: 'QuickBooks',
    settings: { username: 'qbwc-user' },
  }).id;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the Web Connector service', () => {
  it('ends running sessions on shutdown and records sessions a crash left open as interrupted', async () => {
    const exchange = new FakeExchange(5);
    const first = createWebConnectorService({ db, secrets, exchange, version: '1.0.0' });
    const [ticket, status] = await first.authenticate('qbwc-user', 'a good password');
    expect(status).toBe('');
    first.close();
    expect(exchange.closed).toHaveLength(1);
    expect(first.repo.list(connectionId, 5)[0]?.outcome).toBe('interrupted');
    expect(first.getLastError(ticket)).toMatch(/expired.*Update Selected/);

    // A crash: the process ends with a session running; the next start closes its record.
    const crashed = createWebConnectorService({ db, secrets, exchange, version: '1.0.0' });
    await crashed.authenticate('qbwc-user', 'a good password');
    expect(crashed.repo.list(connectionId, 5)[0]?.outcome).toBe('running');
    const restarted = createWebConnectorService({ db, secrets, exchange, version: '1.0.0' });
    expect(restarted.repo.list(connectionId, 5)[0]?.outcome).toBe('interrupted');
    expect(restarted.repo.list(connectionId, 5)[0]?.endedAt).not.toBeNull();
  });

  it('answers the lost-session path for a ticket it issued, and nvu calls with no ticket politely', async () => {
    const exchange = new FakeExchange(5);
    const service = createWebConnectorService({ db, secrets, exchange, version: '1.0.0' });
    const [ticket] = await service.authenticate('qbwc-user', 'a good password');
    expect(service.closeConnection(ticket)).toMatch(/^Ledgerbridge: done\./);
    // The same ticket after the session ended: not a fault, the guide's answers.
    expect(
      service.sendRequestXML({
        ticket,
        strHCPResponse: '',
        strCompanyFileName: '',
        qbXMLCountry: 'US',
        qbXMLMajorVers: 13,
        qbXMLMinorVers: 0,
      }),
    ).toBe('');
    expect(service.receiveResponseXML({ ticket, response: '', hresult: '', message: '' })).toBe(-1);
    expect(service.connectionError({ ticket, hresult: '0x80040408', message: '' })).toBe('done');
    expect(service.getLastError(ticket)).toBe('This Web Connector session has already ended.');
    // After "nvu" the Web Connector closes with the empty ticket it was given.
    expect(await service.authenticate('qbwc-user', 'wrong')).toEqual(['', 'nvu', '', '']);
    expect(service.closeConnection('')).toMatch(/could not sign in/);
    expect(() => service.getLastError('never-issued')).toThrow(/not one this service issued/);
  });

  it('answers none without an engine and ends the NoOp wait after a minute', async () => {
    const idle = createWebConnectorService({ db, secrets, exchange: null, version: '1.0.0' });
    expect((await idle.authenticate('qbwc-user', 'a good password'))[1]).toBe('none');

    const exchange = new FakeExchange(20, 10);
    const service = createWebConnectorService({ db, secrets, exchange, version: '1.0.0' });
    const [ticket] = await service.authenticate('qbwc-user', 'a good password');
    const send = () =>
      service.sendRequestXML({
        ticket,
        strHCPResponse: '',
        strCompanyFileName: '',
        qbXMLCountry: 'US',
        qbXMLMajorVers: 13,
        qbXMLMinorVers: 0,
      });
    const xml = send();
    const response = [...xml.matchAll(/requestID="(\d+)"/g)]
      .map((m) => `<VendorQueryRs requestID="${m[1]}" statusCode="0" statusSeverity="Info"/>`)
      .join('');
    expect(service.receiveResponseXML({ ticket, response, hresult: '', message: '' })).toBe(50);
    exchange.idleTurns = 100; // the engine never has the next message ready
    const answers: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      expect(send()).toBe('');
      const last = service.getLastError(ticket);
      answers.push(last);
      if (last !== 'NoOp') break;
    }
    expect(answers.filter((a) => a === 'NoOp')).toHaveLength(12);
    expect(answers.at(-1)).toMatch(/nothing more to send/);
  });

  it('drops a finished session that never got its closeConnection instead of answering busy', async () => {
    const exchange = new FakeExchange(5, 10);
    const service = createWebConnectorService({ db, secrets, exchange, version: '1.0.0' });
    const [ticket] = await service.authenticate('qbwc-user', 'a good password');
    const xml = service.sendRequestXML({
      ticket,
      strHCPResponse: '',
      strCompanyFileName: '',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    const response = [...xml.matchAll(/requestID="(\d+)"/g)]
      .map((m) => `<VendorQueryRs requestID="${m[1]}" statusCode="0" statusSeverity="Info"/>`)
      .join('');
    expect(service.receiveResponseXML({ ticket, response, hresult: '', message: '' })).toBe(100);
    // No closeConnection (the Web Connector was closed); new work arrives and the next run starts at once.
    exchange.pending = [6];
    const [next, status] = await service.authenticate('qbwc-user', 'a good password');
    expect(status).toBe('');
    expect(next).not.toBe(ticket);
    expect(service.repo.list(connectionId, 5).map((s) => s.outcome)).toEqual(['running', 'done']);
  });
});
