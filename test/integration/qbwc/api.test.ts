// qbd.* methods: the password goes to the keychain only, the .qwc file has what the Web Connector needs (and no
// password), its GUIDs are stable per connection, and the methods refuse other systems' connections.
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/domain/errors.js';
import Database from 'better-sqlite3';
import { EchoQuickBooks, FakeExchange } from './fake-exchange.js';
import { PASSWORD, USER, startQbwc, type QbwcHarness } from './harness.js';
import { wsdlOracleAvailable } from '../../simulators/web-connector/fake-web-connector.js';

async function rejected(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

let h: QbwcHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const parseQwc = (xml: string) =>
  (new XMLParser({ parseTagValue: false }).parse(xml) as { QBWCXML: Record<string, unknown> }).QBWCXML;

describe('qbd.* methods', () => {
  it('stores the Web Connector password in the keychain only and never returns it', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0) });
    const status = await h.core.call('qbd.status', { connectionId: h.connectionId });
    expect(status.passwordSet).toBe(true);
    expect(JSON.stringify(status)).not.toContain(PASSWORD);
    const connections = await h.core.call('connections.list', {});
    expect(JSON.stringify(connections)).not.toContain(PASSWORD);
    expect(connections[0]?.credentialNames).toContain('webConnectorPassword');
    const { xml } = await h.core.call('qbd.qwc', { connectionId: h.connectionId });
    expect(xml).not.toContain(PASSWORD);
    const db = new Database(`${h.core.dataDir}/ledgerbridge.db`, { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as {
        name: string;
      }[];
      for (const { name } of tables) {
        expect(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).not.toContain(PASSWORD);
      }
    } finally {
      db.close();
    }
  });

  it('qbd.status reports wrong passwords in a row, and qbd.setPassword ends the wait they put on the user name', async () => {
    h = await startQbwc({ exchange: new FakeExchange(1) });
    const wc = h.core.app.webConnector.service;
    expect((await h.core.call('qbd.status', { connectionId: h.connectionId })).refusedSignIns).toBeNull();
    for (let i = 0; i < 6; i += 1) expect((await wc.authenticate(USER, 'wrong'))[1]).toBe('nvu');
    const waiting = await h.core.call('qbd.status', { connectionId: h.connectionId });
    // Three free failures, the fourth starts a wait; the two sent during it are refused uncounted.
    expect(waiting.refusedSignIns).toMatchObject({ count: 4, since: h.clock.now.toISOString() });
    expect(Date.parse(waiting.refusedSignIns!.retryAfter!)).toBeGreaterThan(h.clock.now.getTime());
    // While it waits, even the right password is refused.
    expect((await wc.authenticate(USER, PASSWORD))[1]).toBe('nvu');
    await h.core.call('qbd.setPassword', { connectionId: h.connectionId, password: 'a brand new password' });
    expect((await h.core.call('qbd.status', { connectionId: h.connectionId })).refusedSignIns).toBeNull();
    const [ticket, status] = await wc.authenticate(USER, 'a brand new password');
    expect(status).toBe('');
    wc.closeConnection(ticket);
  });

  it('validates the password length', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0) });
    const error = await rejected(
      h.core.call('qbd.setPassword', { connectionId: h.connectionId, password: 'short' }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.problems[0]?.field).toBe('password');
    expect(JSON.stringify(error.problems)).not.toContain('short"');
  });

  it('builds the .qwc file: AppURL on localhost, AppSupport on the same host, stable braced GUIDs, the schedule', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0), settings: { runEveryMinutes: 30 } });
    const first = await h.core.call('qbd.qwc', { connectionId: h.connectionId });
    expect(first.fileName).toBe('Ledgerbridge-QuickBooks-Northwind.qwc');
    const qwc = parseQwc(first.xml);
    expect(qwc['AppURL']).toBe(`http://localhost:${h.server.port}/qbwc`);
    expect(qwc['AppSupport']).toBe(`http://localhost:${h.server.port}/qbwc/support`);
    expect(qwc['UserName']).toBe(USER);
    expect(qwc['QBType']).toBe('QBFS');
    expect(qwc['IsReadOnly']).toBe('false');
    expect(qwc['Scheduler']).toEqual({ RunEveryNMinutes: '30' });
    expect(qwc['AppName']).toBe('Ledgerbridge - QuickBooks Northwind');
    expect(qwc['AppDescription']).toBeTruthy();
    expect('AppID' in qwc).toBe(true);
    const guid = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/;
    expect(qwc['OwnerID']).toMatch(guid);
    expect(qwc['FileID']).toMatch(guid);
    expect(qwc['OwnerID']).not.toBe(qwc['FileID']);
    expect(Object.keys(qwc).some((k) => /password/i.test(k))).toBe(false);

    // Renaming the connection keeps the identity QuickBooks authorized (AppName, OwnerID, FileID).
    await h.core.call('connections.update', { id: h.connectionId, name: 'QuickBooks (renamed)' });
    const again = parseQwc((await h.core.call('qbd.qwc', { connectionId: h.connectionId })).xml);
    expect([again['AppName'], again['OwnerID'], again['FileID']]).toEqual([
      qwc['AppName'],
      qwc['OwnerID'],
      qwc['FileID'],
    ]);

    // The support page answers where the Web Connector checks it.
    const support = await fetch(`${h.server.url}/qbwc/support`);
    expect(support.status).toBe(200);
    expect(await support.text()).toContain('Yes, always; allow access even if QuickBooks is not running');
  });

  it('serves the WSDL with our address at GET /qbwc?wsdl', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0) });
    const res = await fetch(`${h.endpoint}?wsdl`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const wsdl = await res.text();
    expect(wsdl).toContain(`<soap:address location="${h.endpoint}" />`);
    for (const op of [
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'connectionError',
      'getLastError',
      'closeConnection',
    ]) {
      expect(wsdl).toContain(`soapAction="http://developer.intuit.com/${op}"`);
    }
  });

  it('lists.import asks the engine to read every list again on the next session', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0) });
    const result = await h.core.call('lists.import', { connectionId: h.connectionId });
    expect(result).toMatchObject({ queued: true });
    const db = new Database(`${h.core.dataDir}/ledgerbridge.db`, { readonly: true });
    try {
      // A read of every list, kept until a Web Connector run has read it through.
      const reads = db
        .prepare(`SELECT list FROM qbd_list_reads WHERE connection_id = ? AND mode = 'all' ORDER BY list`)
        .all(h.connectionId) as { list: string }[];
      expect(reads.map((r) => r.list)).toEqual([
        'accounts',
        'classes',
        'customers',
        'items',
        'terms',
        'vendors',
      ]);
    } finally {
      db.close();
    }
    const log = await h.core.call('log.list', { connectionId: h.connectionId });
    expect(JSON.stringify(log)).toContain('Update Selected');
  });

  it('payments.import and payments.sync ask the engine for payments in a date range, or changed since the last import', async () => {
    h = await startQbwc({ exchange: new FakeExchange(0) });
    await h.core.call('payments.import', {
      connectionId: h.connectionId,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    const read = () => {
      const db = new Database(`${h!.core.dataDir}/ledgerbridge.db`, { readonly: true });
      try {
        return (
          db
            .prepare(`SELECT payments_requested_json FROM qbd_state WHERE connection_id = ?`)
            .get(h!.connectionId) as {
            payments_requested_json: string | null;
          }
        ).payments_requested_json;
      } finally {
        db.close();
      }
    };
    expect(JSON.parse(read() ?? 'null')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    await h.core.call('payments.sync', { connectionId: h.connectionId });
    expect(read()).not.toBeNull();
    const error = await rejected(
      h.core.call('payments.import', {
        connectionId: h.connectionId,
        from: '2026-10-31',
        to: '2026-10-01',
      }),
    );
    expect(error.problems[0]).toEqual({
      field: 'to',
      message: expect.stringMatching(/on or before/) as string,
    });
  });

  // Runs a session through the fake Web Connector, which is built from the vendor's WSDL.
  it.skipIf(!wsdlOracleAvailable())(
    'keeps sessions per connection and refuses an unknown connection',
    async () => {
      h = await startQbwc({ exchange: new FakeExchange(0) });
      const company = await h.core.call('companies.create', { name: 'Other', baseCurrency: 'USD' });
      const other = await h.core.call('connections.create', {
        companyId: company.id,
        system: 'quickbooks_desktop',
        name: 'Second QuickBooks',
        settings: { username: 'second' },
      });
      await h.webConnector(new EchoQuickBooks()).runSession();
      expect(
        (await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 5 })).sessions,
      ).toHaveLength(1);
      expect((await h.core.call('qbd.sessions', { connectionId: other.id, limit: 5 })).sessions).toEqual([]);
      const status = await h.core.call('qbd.status', { connectionId: other.id });
      expect(status).toEqual({
        passwordSet: false,
        endpointUrl: `http://localhost:${h.server.port}`,
        refusedSignIns: null,
      });
      const missing = await rejected(h.core.call('qbd.qwc', { connectionId: 'no-such-connection' }));
      expect(missing.code).toBe('not_found');
    },
  );
  it('keeps a connection whose Web Connector session is running from being removed, and removes it after', async () => {
    h = await startQbwc({ exchange: new FakeExchange(3) });
    const wc = h.core.app.webConnector.service;
    const [ticket, answer] = await wc.authenticate(USER, PASSWORD);
    expect(answer).not.toBe('nvu');
    expect(answer).not.toBe('none');
    const refused = await rejected(h.core.call('connections.remove', { id: h.connectionId }));
    expect(refused.code).toBe('conflict');
    expect(refused.userMessage).toContain('is sending right now');
    wc.closeConnection(ticket!);
    await h.core.call('connections.remove', { id: h.connectionId });
    expect(await h.core.call('connections.list', {})).toEqual([]);
  });
});
