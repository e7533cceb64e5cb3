// Hostile or broken input to /qbwc: each is answered with a SOAP fault or an HTTP error that says what was
// wrong, without a stack trace, and the endpoint keeps serving real calls afterwards.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeExchange } from './fake-exchange.js';
import { envelope, post, startQbwc, type QbwcHarness } from './harness.js';

let h: QbwcHarness;
beforeAll(async () => {
  h = await startQbwc({ exchange: new FakeExchange(3), maxBodyBytes: 1024 * 1024 });
});
afterAll(async () => {
  await h.close();
});

const STACK = /\bat [\w.<>]+ \(|node:internal|\.ts:\d+:\d+/;

async function stillHealthy(): Promise<void> {
  const res = await post(h.endpoint, envelope('<serverVersion xmlns="http://developer.intuit.com/" />'));
  expect(res.status).toBe(200);
  expect(res.body).toMatch(/<serverVersionResult>Ledgerbridge [^<]+<\/serverVersionResult>/);
}

function expectFault(res: { status: number; body: string }, status: number, text: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.body).toContain('<soap:Fault>');
  expect(res.body).toMatch(text);
  expect(res.body).not.toMatch(STACK);
}

describe('bad input to the Web Connector endpoint', () => {
  it('refuses malformed XML with a client fault', async () => {
    const res = await post(h.endpoint, '<soap:Envelope><soap:Body><authenticate>');
    expectFault(res, 400, /not well-formed XML/);
    await stillHealthy();
  });

  it('refuses an entity-expansion bomb (billion laughs) without expanding it', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [<!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => {
        const prev = i === 0 ? 'lol' : `lol${i}`;
        return `<!ENTITY lol${i + 1} "${`&${prev};`.repeat(10)}">`;
      }),
      ']>',
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>',
      '<authenticate xmlns="http://developer.intuit.com/"><strUserName>&lol9;</strUserName><strPassword>x</strPassword></authenticate>',
      '</soap:Body></soap:Envelope>',
    ].join('\n');
    const res = await post(h.endpoint, lol);
    expectFault(res, 400, /Document type declarations are not accepted/);
    await stillHealthy();
  });

  it('refuses an undefined entity reference', async () => {
    const res = await post(
      h.endpoint,
      envelope('<getLastError xmlns="http://developer.intuit.com/"><ticket>&xxe;</ticket></getLastError>'),
    );
    expectFault(res, 400, /undefined entity/);
  });

  it('answers 413 to a body over the size limit', async () => {
    const big = envelope(
      `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response>${'x'.repeat(
        2 * 1024 * 1024,
      )}</response></receiveResponseXML>`,
    );
    const res = await post(h.endpoint, big);
    expectFault(res, 413, /larger than 1 MB/);
    await stillHealthy();
  });

  it('answers 413 to a chunked body that grows over 64 KB (no Content-Length to go by)', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        h.endpoint,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'text/xml; charset=utf-8',
            'Transfer-Encoding': 'chunked',
            SOAPAction: '"http://developer.intuit.com/sendRequestXML"',
          },
        },
        (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expectFault(res, 413, /larger than 64 KB/);
    await stillHealthy();
  });

  it('refuses a ticket it never issued', async () => {
    for (const op of [
      'sendRequestXML',
      'receiveResponseXML',
      'connectionError',
      'getLastError',
      'closeConnection',
    ]) {
      const res = await post(
        h.endpoint,
        envelope(`<${op} xmlns="http://developer.intuit.com/"><ticket>forged-ticket</ticket></${op}>`),
      );
      expectFault(res, 400, /ticket is not one this service issued/);
    }
    await stillHealthy();
  });

  it('refuses an unknown operation and a body that is not SOAP', async () => {
    expectFault(
      await post(h.endpoint, envelope('<dropTables xmlns="http://developer.intuit.com/" />')),
      400,
      /SOAPAction header must name one of this service's operations/,
    );
    expectFault(
      await post(h.endpoint, envelope('<dropTables xmlns="http://developer.intuit.com/" />'), {
        soapaction: '"http://developer.intuit.com/serverVersion"',
      }),
      400,
      /SOAPAction header names serverVersion but the body calls dropTables/,
    );
    expectFault(await post(h.endpoint, '<hello/>'), 400, /not a SOAP envelope/);
    expectFault(await post(h.endpoint, ''), 400, /empty/);
    await stillHealthy();
  });

  it('keeps the qbXML of a parameter as text: markup inside a parameter is refused', async () => {
    const res = await post(
      h.endpoint,
      envelope('<getLastError xmlns="http://developer.intuit.com/"><ticket><b>x</b></ticket></getLastError>'),
    );
    expectFault(res, 400, /XML elements where text was expected/);
  });
});
