// Headless mode and the Web Connector: server.json names the endpoint (qbwcUrl); --tls-cert/--tls-key start an
// HTTPS listener for /qbwc only, under the public host name, for a Web Connector on another machine.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_COMMANDS, type ServerCommand } from '../../fixtures/server-bundle.js';
import { envelope } from './harness.js';

const root = path.resolve(import.meta.dirname, '../../..');
let child: ChildProcess | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) {
    await new Promise((resolve) => {
      child!.on('exit', resolve);
      child!.kill('SIGTERM');
    });
  }
  child = undefined;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

interface ServerJson {
  url: string;
  token: string;
  qbwcUrl: string;
}

async function serve(command: ServerCommand, args: string[]): Promise<ServerJson> {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-qbwc-serve-'));
  const proc = spawn(
    process.execPath,
    [...command.nodeArgs(), '--data-dir', dataDir, '--port', '0', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child = proc;
  let output = '';
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    proc.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('QuickBooks Web Connector endpoint:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('exit', () => reject(new Error(`server exited:\n${output}`)));
  });
  return JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as ServerJson;
}

describe.each(SERVER_COMMANDS)('npm run serve with the Web Connector ($name)', (command) => {
  it('writes qbwcUrl (http://localhost:PORT/qbwc) and answers SOAP there', async () => {
    const info = await serve(command, []);
    const port = new URL(info.url).port;
    expect(info.qbwcUrl).toBe(`http://localhost:${port}/qbwc`);
    const res = await fetch(info.qbwcUrl, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: 'http://developer.intuit.com/serverVersion',
      },
      body: envelope('<serverVersion xmlns="http://developer.intuit.com/" />'),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<serverVersionResult>Ledgerbridge /);
  });

  it('serves /qbwc over HTTPS under the public host name with --tls-cert/--tls-key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
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
        '/CN=qb.ledgerbridge.test',
        '-addext',
        'subjectAltName=DNS:qb.ledgerbridge.test',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    try {
      const info = await serve(command, [
        '--tls-cert',
        cert,
        '--tls-key',
        key,
        '--qbwc-port',
        '0',
        '--public-host',
        'qb.ledgerbridge.test',
      ]);
      const url = new URL(info.qbwcUrl);
      expect(url.protocol).toBe('https:');
      expect(url.hostname).toBe('qb.ledgerbridge.test');
      expect(url.pathname).toBe('/qbwc');
      const get = (pathname: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = https.request(
            {
              host: '127.0.0.1',
              port: Number(url.port),
              path: pathname,
              servername: 'qb.ledgerbridge.test',
              ca: fs.readFileSync(cert),
              headers: { host: `qb.ledgerbridge.test:${url.port}` },
            },
            (res) => {
              let body = '';
              res.on('data', (c: Buffer) => (body += c.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            },
          );
          req.on('error', reject);
          req.end();
        });
      const wsdl = await get('/qbwc?wsdl');
      expect(wsdl.status).toBe(200);
      expect(wsdl.body).toContain(`location="${info.qbwcUrl}"`);
      // Only the Web Connector's paths on that listener: the API stays on loopback.
      expect((await get('/api/app.info')).status).toBe(404);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an IP address as the public host name', () => {
    const out = (() => {
      try {
        execFileSync(
          process.execPath,
          [...command.nodeArgs(), '--tls-cert', 'a', '--tls-key', 'b', '--public-host', '10.0.0.5'],
          { cwd: root, stdio: 'pipe' },
        );
        return '';
      } catch (error) {
        return String((error as { stderr?: Buffer }).stderr ?? '');
      }
    })();
    expect(out).toMatch(/must be a DNS name/);
  });
});
