// Every HTTP listener of the app answers a request target it cannot serve — "//", "///", "//a:b", the absolute
// form, "*", garbage — with 400 and keeps serving: the next ordinary request succeeds. The requests are written
// on a raw socket because fetch and http.request normalise or refuse such targets before sending them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebConnectorListener } from '../../../main/connectors/quickbooks-desktop/qbwc/listener.js';
import { startRelay } from '../../../main/connectors/xero/redirect.js';
import { parseRequestTarget } from '../../../main/http/request-target.js';
import { startLoopback } from '../../../main/oauth/loopback.js';
import { startQbwc, type QbwcHarness } from '../qbwc/harness.js';

const BAD_TARGETS = [
  '//',
  '///',
  '//a:b',
  '//evil.example/qbwc',
  '/\\evil.example/',
  'http://evil/',
  'http://evil/qbwc',
  'evil.example:443',
  '*',
  '%%%',
  'qbwc',
  '?x=1',
];

interface RawAnswer {
  status: number;
  head: string;
}

/** Writes one request on a fresh connection and reads the answer's status line. */
function raw(
  port: number,
  target: string,
  options: { tls?: boolean; host?: string; method?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket: net.Socket = options.tls
      ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, servername: 'localhost' })
      : net.connect({ host: '127.0.0.1', port });
    let data = '';
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer to ${target}`)));
    socket.on(options.tls ? 'secureConnect' : 'connect', () => {
      socket.write(
        `${options.method ?? 'GET'} ${target} HTTP/1.1\r\nHost: ${options.host ?? `127.0.0.1:${port}`}\r\n` +
          'Connection: close\r\n\r\n',
      );
    });
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (!match) reject(new Error(`no HTTP answer to ${JSON.stringify(target)}: ${JSON.stringify(data)}`));
      else resolve({ status: Number(match[1]), head: data.split('\r\n\r\n')[0] ?? '' });
    });
  });
}

async function expectAllRefused(port: number, options: { tls?: boolean; host?: string } = {}): Promise<void> {
  for (const target of BAD_TARGETS) {
    for (const method of ['GET', 'POST']) {
      const answer = await raw(port, target, { ...options, method });
      expect({ target, method, status: answer.status }).toEqual({ target, method, status: 400 });
    }
  }
}

describe('parseRequestTarget', () => {
  it('accepts the origin form only', () => {
    expect(parseRequestTarget('/qbwc?wsdl')).toMatchObject({ pathname: '/qbwc', search: '?wsdl' });
    expect(parseRequestTarget('/a/../b')?.pathname).toBe('/b');
    for (const target of BAD_TARGETS) expect(parseRequestTarget(target)).toBeNull();
    expect(parseRequestTarget(undefined)).toBeNull();
    expect(parseRequestTarget('')).toBeNull();
  });
});

describe('request targets no listener can serve', () => {
  let h: QbwcHarness;
  let certDir: string;
  beforeAll(async () => {
    h = await startQbwc();
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-targets-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        path.join(certDir, 'key.pem'),
        '-out',
        path.join(certDir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  it('the headless server answers 400 and keeps serving the API and /qbwc', async () => {
    await expectAllRefused(h.server.port);
    const api = await fetch(`${h.server.url}/api/companies.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(api.status).toBe(200);
    expect((await raw(h.server.port, '/qbwc/support')).status).toBe(200);
  });

  it('the Web Connector listener (HTTP) answers 400 and keeps serving', async () => {
    const listener = await startWebConnectorListener({ handle: h.core.app.webConnector.handle, port: 0 });
    try {
      await expectAllRefused(listener.port);
      expect((await raw(listener.port, '/qbwc/support')).status).toBe(200);
      expect((await raw(listener.port, '/qbwc?wsdl')).status).toBe(200);
    } finally {
      await listener.close();
    }
  });

  it('the Web Connector listener (HTTPS) answers 400 and keeps serving', async () => {
    const listener = await startWebConnectorListener({
      handle: h.core.app.webConnector.handle,
      port: 0,
      tls: { certFile: path.join(certDir, 'cert.pem'), keyFile: path.join(certDir, 'key.pem') },
    });
    try {
      await expectAllRefused(listener.port, { tls: true });
      expect((await raw(listener.port, '/qbwc/support', { tls: true })).status).toBe(200);
    } finally {
      await listener.close();
    }
  });

  it('the OAuth loopback listener answers 400 and still takes the real answer', async () => {
    const session = await startLoopback({ timeoutMs: 30_000 });
    try {
      const port = Number(new URL(session.redirectUri).port);
      await expectAllRefused(port);
      const ok = await raw(port, `/callback?code=abc&state=${encodeURIComponent(session.state)}`);
      expect(ok.status).toBe(200);
      await expect(session.answer).resolves.toMatchObject({ code: 'abc' });
    } finally {
      session.close();
    }
  });

  it("Xero's redirect relay answers 400 and still forwards the real answer", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const relay = await startRelay(port, 'http://127.0.0.1:9/callback', 'the-state');
    try {
      await expectAllRefused(port, { host: `localhost:${port}` });
      const ok = await raw(port, '/callback?code=abc&state=the-state');
      expect(ok.status).toBe(302);
      expect(ok.head).toMatch(/location: http:\/\/127\.0\.0\.1:9\/callback\?code=abc&state=the-state/i);
    } finally {
      relay.close();
    }
  });
});
