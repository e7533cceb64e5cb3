import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../main/server.js';
import { methodNames } from '../../../preload/contract.js';
import { startCore } from '../../fixtures/core.js';
import { ensureServerBundle } from '../../fixtures/server-bundle.js';

const root = path.resolve(import.meta.dirname, '../../..');

interface Target {
  url: string;
  port: number;
  token: string;
  openUrl: string;
  close(): Promise<void>;
}

/** The server in this process, from the sources. */
async function inProcess(rendererDir: string): Promise<Target> {
  const core = await startCore();
  const server = await startServer({ app: core.app, port: 0, rendererDir });
  return {
    url: server.url,
    port: server.port,
    token: server.token,
    openUrl: server.openUrl,
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}

/** The bundle `npm run serve` runs, in its own process, found through the server.json it writes. */
async function bundled(rendererDir: string): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-bundle-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [ensureServerBundle(), '--data-dir', dataDir, '--port', '0', '--renderer-dir', rendererDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bundled server did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('Ledgerbridge listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`the bundled server exited:\n${output}`)));
  });
  const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as Target;
  return {
    url: info.url,
    port: Number(new URL(info.url).port),
    token: info.token,
    openUrl: info.openUrl,
    close: async () => {
      if (child.exitCode === null) {
        await new Promise((resolve) => {
          child.on('exit', resolve);
          child.kill('SIGTERM');
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const TARGETS = [
  { name: 'sources', start: inProcess },
  { name: 'bundle', start: bundled },
];

describe.each(TARGETS)('headless HTTP API ($name)', (target) => {
  let server: Target;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerbridge-renderer-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ledgerbridge</title>');
    fs.mkdirSync(path.join(rendererDir, 'assets'));
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    server = await target.start(rendererDir);
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(rendererDir, { recursive: true, force: true });
  });

  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('binds to 127.0.0.1 and hands out an openUrl carrying the token in the fragment only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.openUrl).toBe(`${server.url}/#token=${encodeURIComponent(server.token)}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves every method with the bearer token', async () => {
    const created = await post('companies.create', { name: 'Harbor Plumbing', baseCurrency: 'CAD' });
    expect(created.status).toBe(200);
    const company = (await created.json()) as { id: string; baseCurrency: string };
    expect(company.baseCurrency).toBe('CAD');
    const listed = await post('companies.list', {});
    expect(((await listed.json()) as { id: string }[]).map((c) => c.id)).toContain(company.id);
  });

  it('answers 401 without the token, 403 for a foreign Origin or Host, 400 for bad input, 404 for unknown methods', async () => {
    const noToken = await fetch(`${server.url}/api/companies.list`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const wrongToken = await post('companies.list', {}, { authorization: 'Bearer nope' });
    expect(wrongToken.status).toBe(401);
    const foreign = await post('companies.list', {}, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const sameOrigin = await post('companies.list', {}, { origin: server.url });
    expect(sameOrigin.status).toBe(200);
    const bad = await post('companies.create', { name: 42 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as {
      error: { code: string; message: string; problems: { field: string }[] };
    };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.problems[0]?.field).toBe('name');
    const notJson = await post('companies.create', '{oops');
    expect(notJson.status).toBe(400);
    const unknown = await post('nothing.here', {});
    expect(unknown.status).toBe(404);
    // fetch() will not let a test set Host; a raw request can.
    const withHost = (host: string) =>
      new Promise<number>((resolve) => {
        void import('node:http').then(({ request }) => {
          const req = request(`${server.url}/api/companies.list`, {
            method: 'POST',
            headers: { host, authorization: `Bearer ${server.token}` },
          });
          req.on('response', (res) => resolve(res.statusCode ?? 0));
          req.end('{}');
        });
      });
    expect(await withHost('attacker.example')).toBe(403);
    expect(await withHost(`attacker.example:${server.port}`)).toBe(403);
    // Host names are case-insensitive: the same machine spelled in capitals is served.
    expect(await withHost(`LOCALHOST:${server.port}`)).toBe(200);
    expect(await withHost(`LocalHost:${server.port}`)).toBe(200);
  });

  it('maps domain errors to their status without a stack trace', async () => {
    const res = await post('documents.get', { id: 'missing' });
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).toContain('does not exist');
    expect(text).not.toMatch(/at \w+ \(|\.ts:\d+/);
  });

  it('describes every method with JSON Schemas at GET /api', async () => {
    const res = await fetch(`${server.url}/api`, { headers: { authorization: `Bearer ${server.token}` } });
    const description = (await res.json()) as { methods: { name: string; input: { type?: string } }[] };
    expect(description.methods.map((m) => m.name).sort()).toEqual([...methodNames].sort());
    const create = description.methods.find((m) => m.name === 'documents.create');
    expect(create?.input.type).toBe('object');
  });

  it('streams events to GET /api/events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/events`, {
      headers: { authorization: `Bearer ${server.token}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const created = await (await post('companies.create', { name: 'Evented Co' })).json();
    const company = created as { id: string };
    const supplier = (await (
      await post('suppliers.create', { companyId: company.id, name: 'S' })
    ).json()) as { id: string };
    await post('documents.create', {
      companyId: company.id,
      type: 'purchase_order',
      supplierId: supplier.id,
      date: '2026-11-01',
      lines: [{ description: 'a', quantity: '1', unitPrice: '1' }],
    });
    let text = '';
    while (!text.includes('"type":"document"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(/data: \{"type":"document","documentId":"[\w-]+"\}/);
  });

  it('serves the built renderer with a strict CSP and refuses path traversal', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('<title>Ledgerbridge</title>');
    const asset = await fetch(`${server.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    const traversal = await fetch(`${server.url}/%2e%2e/%2e%2e/etc/passwd`);
    expect(await traversal.text()).not.toContain('root:');
    const malformed = await fetch(`${server.url}/%E0%A4%A`);
    expect(malformed.status).toBe(400);
  });
});
