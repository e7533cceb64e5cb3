// The rules every call to /qbwc must meet before its body is parsed, the same behind the headless server and
// the desktop app's own listener (one shared handler): no Origin (browsers), Content-Type text/xml, a SOAPAction
// that names the operation the body calls, and 64 KB at most unless it is receiveResponseXML on a live ticket —
// a large body without one is refused after its first 64 KB, not read in full.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  earlyTicket,
  isTextXml,
  soapActionOperation,
} from '../../../main/connectors/quickbooks-desktop/qbwc/http-handler.js';
import {
  startWebConnectorListener,
  type WebConnectorListener,
} from '../../../main/connectors/quickbooks-desktop/qbwc/listener.js';
import { FakeExchange } from './fake-exchange.js';
import { PASSWORD, USER, envelope, post, soapAction, startQbwc, type QbwcHarness } from './harness.js';

let h: QbwcHarness;
let listener: WebConnectorListener;
beforeAll(async () => {
  h = await startQbwc({ exchange: new FakeExchange(50, 1) });
  listener = await startWebConnectorListener({ handle: h.core.app.webConnector.handle, port: 0 });
});
afterAll(async () => {
  await listener.close();
  await h.close();
});

const SERVER_VERSION = envelope('<serverVersion xmlns="http://developer.intuit.com/" />');

function receiveResponse(ticket: string, response: string): string {
  return envelope(
    `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>${ticket}</ticket>` +
      `<response>${response}</response><hresult></hresult><message></message></receiveResponseXML>`,
  );
}

async function signIn(endpoint: string): Promise<string> {
  const res = await post(
    endpoint,
    envelope(
      `<authenticate xmlns="http://developer.intuit.com/"><strUserName>${USER}</strUserName>` +
        `<strPassword>${PASSWORD}</strPassword></authenticate>`,
    ),
  );
  expect(res.status).toBe(200);
  const ticket = /<string>([^<]+)<\/string>/.exec(res.body)?.[1];
  expect(ticket).toMatch(/^[\w-]{40,}$/);
  return ticket!;
}

async function closeSession(endpoint: string, ticket: string): Promise<void> {
  const res = await post(
    endpoint,
    envelope(
      `<closeConnection xmlns="http://developer.intuit.com/"><ticket>${ticket}</ticket></closeConnection>`,
    ),
  );
  expect(res.status).toBe(200);
}

/**
 * Sends the first `sendBytes` of a body `declaredBytes` long (chunked when no length is declared) and waits for
 * the answer without sending the rest: an answer proves the endpoint decided without reading the whole body.
 */
function answerBeforeTheEnd(
  endpoint: string,
  prefix: string,
  sendBytes: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: soapAction('receiveResponseXML'),
        'content-length': String(10 * 1024 * 1024 - 1),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The server closes the connection after answering; a write racing that is expected.
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.write(prefix);
    req.write('x'.repeat(sendBytes - Buffer.byteLength(prefix)));
    // Never ended: the endpoint must answer from what it has.
  });
}

describe('header helpers', () => {
  it("reads SOAPAction as the Web Connector and the soap package send it, and Content-Type's media type", () => {
    expect(soapActionOperation('"http://developer.intuit.com/authenticate"')).toBe('authenticate');
    expect(soapActionOperation('http://developer.intuit.com/receiveResponseXML')).toBe('receiveResponseXML');
    expect(soapActionOperation('"http://developer.intuit.com/dropTables"')).toBeNull();
    expect(soapActionOperation('"http://evil.example/authenticate"')).toBeNull();
    expect(soapActionOperation('""')).toBeNull();
    expect(soapActionOperation(undefined)).toBeNull();
    expect(isTextXml('text/xml; charset=utf-8')).toBe(true);
    expect(isTextXml('Text/XML')).toBe(true);
    expect(isTextXml('application/soap+xml; charset=utf-8')).toBe(false);
    expect(isTextXml('text/plain')).toBe(false);
    expect(isTextXml(undefined)).toBe(false);
  });

  it('finds the ticket at the start of a receiveResponseXML body, and nothing that is not a ticket', () => {
    const ticket = 'AbC_12-xyz';
    expect(earlyTicket(Buffer.from(receiveResponse(ticket, 'x'.repeat(100))))).toBe(ticket);
    expect(
      earlyTicket(Buffer.from('<s:Envelope><s:Body><q:receiveResponseXML><q:ticket> t-1 </q:ticket>')),
    ).toBe('t-1');
    expect(earlyTicket(Buffer.from(receiveResponse('a&amp;b', '')))).toBeNull();
    expect(earlyTicket(Buffer.from('<ticket>unterminated'))).toBeNull();
  });
});

describe.each([
  ['the headless server', () => h.endpoint],
  ["the desktop app's listener", () => `http://127.0.0.1:${listener.port}/qbwc`],
])('/qbwc behind %s', (_name, endpointOf) => {
  it('refuses any Origin (a browser), same-site included, and keeps serving', async () => {
    const endpoint = endpointOf();
    for (const origin of ['https://evil.example', 'null']) {
      expect((await post(endpoint, SERVER_VERSION, { origin })).status).toBe(403);
    }
    // The headless server lets its own pages through; the Web Connector endpoint does not.
    const sameSite = await post(endpoint, SERVER_VERSION, { origin: new URL(endpoint).origin });
    expect(sameSite.status).toBe(403);
    expect(sameSite.body).toMatch(/Web pages may not call the Web Connector endpoint/);
    expect((await post(endpoint, SERVER_VERSION)).status).toBe(200);
  });

  it('requires Content-Type text/xml', async () => {
    const endpoint = endpointOf();
    for (const type of ['application/json', 'text/plain', 'application/x-www-form-urlencoded', null]) {
      const res = await post(endpoint, SERVER_VERSION, { 'content-type': type });
      expect(res.status).toBe(415);
      expect(res.body).toMatch(/Content-Type: text\/xml/);
    }
    expect((await post(endpoint, SERVER_VERSION, { 'content-type': 'TEXT/XML; Charset=UTF-8' })).status).toBe(
      200,
    );
  });

  it('requires a SOAPAction that names the operation the body calls; quoted or not', async () => {
    const endpoint = endpointOf();
    const missing = await post(endpoint, SERVER_VERSION, { soapaction: null });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatch(/SOAPAction header must name/);
    const other = await post(endpoint, SERVER_VERSION, { soapaction: soapAction('authenticate') });
    expect(other.status).toBe(400);
    expect(other.body).toMatch(/SOAPAction header names authenticate but the body calls serverVersion/);
    const foreign = await post(endpoint, SERVER_VERSION, { soapaction: '"urn:other/serverVersion"' });
    expect(foreign.status).toBe(400);
    const unquoted = await post(endpoint, SERVER_VERSION, {
      soapaction: 'http://developer.intuit.com/serverVersion',
    });
    expect(unquoted.status).toBe(200);
    expect(unquoted.body).toMatch(/<serverVersionResult>Ledgerbridge /);
  });

  it('refuses any call but receiveResponseXML over 64 KB', async () => {
    const endpoint = endpointOf();
    const padded = envelope(
      `<authenticate xmlns="http://developer.intuit.com/"><strUserName>${USER}</strUserName>` +
        `<strPassword>${'p'.repeat(70 * 1024)}</strPassword></authenticate>`,
    );
    const res = await post(endpoint, padded);
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/larger than 64 KB/);
    expect((await post(endpoint, SERVER_VERSION)).status).toBe(200);
  });

  it('takes a receiveResponseXML over 64 KB on a live ticket, and refuses one without before reading it all', async () => {
    const endpoint = endpointOf();
    const big = 'x'.repeat(200 * 1024);
    const ticket = await signIn(endpoint);
    try {
      const live = await post(endpoint, receiveResponse(ticket, big));
      expect(live.status).toBe(200);
      expect(live.body).toMatch(/<receiveResponseXMLResult>-?\d+<\/receiveResponseXMLResult>/);

      // A ticket the service never issued: refused once the first 64 KB are in, the other 9.9 MB never read.
      const forged = await answerBeforeTheEnd(
        endpoint,
        receiveResponse('forged-ticket', '').replace('</response>', ''),
        128 * 1024,
      );
      expect(forged.status).toBe(400);
      expect(forged.body).toMatch(/ticket is not one this service issued/);

      // No ticket at all where the WSDL puts it.
      const none = await answerBeforeTheEnd(
        endpoint,
        envelope('<receiveResponseXML xmlns="http://developer.intuit.com/"><response>'),
        128 * 1024,
      );
      expect(none.status).toBe(413);
      expect(none.body).toMatch(/larger than 64 KB/);

      // A live ticket smuggled in front of another one: the call must carry the ticket that let it in.
      const twice = await post(
        endpoint,
        envelope(
          `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>${ticket}</ticket>` +
            `<ticket>forged-ticket</ticket><response>${big}</response></receiveResponseXML>`,
        ),
      );
      expect(twice.status).toBe(400);
    } finally {
      await closeSession(endpoint, ticket);
    }

    // The session has ended: its ticket gets the service's answer for an ended session (-1), unread.
    const ended = await answerBeforeTheEnd(
      endpoint,
      receiveResponse(ticket, '').replace('</response>', ''),
      128 * 1024,
    );
    expect(ended.status).toBe(200);
    expect(ended.body).toMatch(/<receiveResponseXMLResult>-1<\/receiveResponseXMLResult>/);
    expect((await post(endpoint, SERVER_VERSION)).status).toBe(200);
  });
});
