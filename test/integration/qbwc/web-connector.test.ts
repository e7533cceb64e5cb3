// Whole Web Connector sessions through real HTTP: the fake Web Connector (soap client from the vendor WSDL)
// against the headless server's /qbwc, with a scripted engine behind the service.
import { afterEach, describe, expect, it } from 'vitest';
import { wsdlOracleAvailable } from '../../simulators/web-connector/fake-web-connector.js';
import { EchoQuickBooks, FakeExchange } from './fake-exchange.js';
import { startQbwc, type QbwcHarness } from './harness.js';

const haveWsdl = wsdlOracleAvailable();
let h: QbwcHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ops = (run: { calls: { operation: string }[] }) => run.calls.map((c) => c.operation);

describe.skipIf(!haveWsdl)('Web Connector sessions', () => {
  it('runs a first sync: host info to the engine, every item applied once, 100 at the end, session recorded', async () => {
    const exchange = new FakeExchange(25, 10);
    h = await startQbwc({ exchange });
    const qb = new EchoQuickBooks();
    const run = await h.webConnector(qb).runSession();

    expect(run.clientVersionResult).toBe('');
    expect(run.auth).toHaveLength(4);
    expect(run.auth[0]).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(run.auth.slice(1)).toEqual(['', '', '']);
    expect(ops(run)).toEqual([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'sendRequestXML',
      'receiveResponseXML',
      'sendRequestXML',
      'receiveResponseXML',
      'closeConnection',
    ]);
    expect(run.percents).toEqual([40, 80, 100]);
    // The qbXML arrived intact through SOAP escaping (the & inside a name included).
    expect(qb.received[0]).toContain('<FullName>Vendor &amp; Sons 1</FullName>');
    expect(exchange.applied).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(exchange.hosts[0]).toMatchObject({ qbXMLMajorVers: 13, qbXMLMinorVers: 0, qbXMLCountry: 'US' });
    expect(exchange.hosts[0]?.hcpResponse).toContain('<SupportedQBXMLVersion>13.0</SupportedQBXMLVersion>');
    expect(exchange.hosts.slice(1)).toEqual([null, null]);
    expect(run.closeResult).toContain('25 documents sent');

    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ outcome: 'done', problems: [] });
    expect(sessions[0]?.summary).toMatchObject({ messages: 3, requests: 25, documentsSent: 25 });
    expect(sessions[0]?.endedAt).not.toBeNull();
  });

  it('answers nvu to a wrong password or an unknown user, and records the fix', async () => {
    const exchange = new FakeExchange(3);
    h = await startQbwc({ exchange });
    const wrong = await h.webConnector(new EchoQuickBooks(), { password: 'not the password' }).runSession();
    expect(wrong.auth).toEqual(['', 'nvu', '', '']);
    expect(ops(wrong)).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
    const unknown = await h.webConnector(new EchoQuickBooks(), { userName: 'someone-else' }).runSession();
    expect(unknown.auth).toEqual(['', 'nvu', '', '']);
    expect(exchange.begun).toEqual([]);

    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions).toHaveLength(1); // the unknown user names no connection
    expect(sessions[0]?.outcome).toBe('refused');
    expect(sessions[0]?.problems[0]?.code).toBe('nvu');
    expect(sessions[0]?.problems[0]?.fix).toMatch(/set the password again/);
  });

  it('answers none when there is nothing to do, one record per streak', async () => {
    const exchange = new FakeExchange(0);
    h = await startQbwc({ exchange });
    for (let i = 0; i < 3; i += 1) {
      const run = await h.webConnector(new EchoQuickBooks()).runSession();
      expect(run.auth[1]).toBe('none');
      expect(run.auth).toHaveLength(4);
      expect(ops(run)).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
      h.clock.advance(60_000);
    }
    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions.map((s) => s.outcome)).toEqual(['nothing_to_do']);
  });

  it('sends the company file from the settings in authenticate', async () => {
    const exchange = new FakeExchange(1);
    const file = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Northwind & Co.qbw';
    h = await startQbwc({ exchange, settings: { companyFile: file } });
    const qb = new EchoQuickBooks();
    const run = await h.webConnector(qb).runSession();
    expect(run.auth[1]).toBe(file);
    expect(qb.opened).toEqual([file]);
  });

  it('answers busy to a second session while one runs, resumes after a broken session', async () => {
    const exchange = new FakeExchange(30, 10);
    h = await startQbwc({ exchange, busyWindowMs: 10 * 60_000 });
    const qb = new EchoQuickBooks();
    // The first session dies after QuickBooks applied its first message: the answer never reaches us.
    const broken = await h.webConnector(qb).runSession({ breakAfterRequests: 1 });
    expect(broken.broken).toBe(true);
    expect(exchange.applied).toEqual([]);

    h.clock.advance(60_000);
    const second = await h.webConnector(qb).runSession();
    expect(second.auth[1]).toBe('busy');
    expect(ops(second)).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
    expect(exchange.begun).toHaveLength(1);

    // Heard nothing for longer than the window: the old session is presumed lost and replaced.
    h.clock.advance(10 * 60_000);
    const resumed = await h.webConnector(qb).runSession();
    expect(resumed.auth[1]).toBe('');
    expect(resumed.percents.at(-1)).toBe(100);
    expect(exchange.begun).toHaveLength(2);
    expect(exchange.closed).toEqual(exchange.begun); // the lost session's conversation was closed first
    expect([...new Set(exchange.applied)]).toHaveLength(30);

    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions.map((s) => s.outcome)).toEqual(['done', 'busy', 'replaced']);
    expect(sessions[1]?.problems[0]?.code).toBe('busy');
  });

  it('handles connectionError: retries once, then done with the plain-language fix', async () => {
    const exchange = new FakeExchange(5);
    h = await startQbwc({ exchange });
    const qb = new EchoQuickBooks();
    qb.openFailures.push(
      { hresult: '0x80040408', message: 'Could not start QuickBooks.' },
      { hresult: '0x80040408', message: 'Could not start QuickBooks.' },
    );
    const run = await h.webConnector(qb).runSession();
    const answers = run.calls.filter((c) => c.operation === 'connectionError').map((c) => c.result);
    expect(answers.at(-1)).toBe('done');
    expect(qb.received).toEqual([]);
    expect(exchange.connectionErrors).toEqual(answers.map(() => '0x80040408'));
    expect(run.lastError).toBeTruthy();
    expect(run.lastError).not.toMatch(/at .*\.ts:\d+/);

    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions[0]?.outcome).toBe('failed');
    expect(sessions[0]?.problems[0]).toMatchObject({
      code: '0x80040408',
      message: 'Could not start QuickBooks.',
    });
    expect(sessions[0]?.problems[0]?.fix).toBe(run.lastError);
  });

  it('recovers when QuickBooks opens on the retry', async () => {
    const exchange = new FakeExchange(5);
    h = await startQbwc({ exchange });
    const qb = new EchoQuickBooks();
    qb.openFailures.push({ hresult: '0x80040408', message: 'Could not start QuickBooks.' });
    const run = await h.webConnector(qb).runSession();
    // 0x80040408 is worth one more try: the answer is the company file to open ("" = the open one), not "done".
    expect(run.calls.find((c) => c.operation === 'connectionError')?.result ?? '').toBe('');
    expect(qb.opened).toEqual(['', '']);
    expect(run.percents.at(-1)).toBe(100);
    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions[0]?.outcome).toBe('done');
  });

  it('passes a failed message (HRESULT) to the engine, answers negative and shows its error', async () => {
    const exchange = new FakeExchange(5);
    h = await startQbwc({ exchange });
    const qb = new EchoQuickBooks();
    qb.failMessages.push({
      hresult: '0x80040400',
      message: 'QuickBooks found an error when parsing the provided XML text stream.',
    });
    const run = await h.webConnector(qb).runSession();
    expect(run.percents).toEqual([-1]);
    expect(run.lastError).toBe('QuickBooks failed the message (0x80040400).');
    expect(ops(run).slice(-2)).toEqual(['getLastError', 'closeConnection']);
    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions[0]?.outcome).toBe('failed');
    expect(sessions[0]?.problems.map((p) => p.code)).toContain('0x80040400');
  });

  it('asks the Web Connector to wait (NoOp) while the engine has nothing ready yet', async () => {
    const exchange = new FakeExchange(20, 10);
    h = await startQbwc({ exchange });
    const qb = new EchoQuickBooks();
    const wc = h.webConnector(qb);
    // The first message goes out; then the engine has nothing ready for two turns.
    const original = exchange.begin.bind(exchange);
    exchange.begin = (connectionId, sessionId) => {
      const conversation = original(connectionId, sessionId);
      const receive = conversation.receiveResponse.bind(conversation);
      conversation.receiveResponse = (answer) => {
        const percent = receive(answer);
        if (percent < 100) exchange.idleTurns = 2;
        return percent;
      };
      return conversation;
    };
    const run = await wc.runSession();
    const lastErrors = run.calls.filter((c) => c.operation === 'getLastError').map((c) => c.result);
    expect(lastErrors).toEqual(['NoOp', 'NoOp']);
    expect(run.percents.at(-1)).toBe(100);
    expect(exchange.applied).toHaveLength(20);
  });

  it('expires an idle ticket: the late call is told to start again, the session is recorded as expired', async () => {
    const exchange = new FakeExchange(5);
    h = await startQbwc({ exchange, ticketIdleMs: 30 * 60_000 });
    const wc = h.webConnector(new EchoQuickBooks());
    const auth = (await wc.call('authenticate', {
      strUserName: 'ledgerbridge-northwind',
      strPassword: 'correct horse battery',
    })) as {
      string: string[];
    };
    const ticket = auth.string[0]!;
    h.clock.advance(31 * 60_000);
    const xml = await wc.call('sendRequestXML', {
      ticket,
      strHCPResponse: '',
      strCompanyFileName: '',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    expect(xml ?? '').toBe('');
    expect(await wc.call('getLastError', { ticket })).toMatch(/expired/);
    expect(await wc.call('receiveResponseXML', { ticket, response: '', hresult: '', message: '' })).toBe(-1);
    expect(exchange.closed).toHaveLength(1);
    const { sessions } = await h.core.call('qbd.sessions', { connectionId: h.connectionId, limit: 20 });
    expect(sessions[0]?.outcome).toBe('expired');
  });

  it('answers clientVersion O: for a Web Connector older than 2.0', async () => {
    h = await startQbwc({ exchange: new FakeExchange(1) });
    const wc = h.webConnector(new EchoQuickBooks());
    expect(await wc.call('clientVersion', { strVersion: '1.5.0.0' })).toMatch(/^O:2\./);
    expect((await wc.call('clientVersion', { strVersion: '2.3.0.215' })) ?? '').toBe('');
    expect(await wc.call('serverVersion', {})).toMatch(/^Ledgerbridge \d/);
  });
});
