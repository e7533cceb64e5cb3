import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetFakeElectron } from './fake-electron';
import { isAppUrl } from '../../../main/electron/origin';
import {
  handleAppRequest,
  registerAppScheme,
  resolveRendererFile,
  serveRenderer,
} from '../../../main/electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let base: string;
let root: string;
let outside: string;

beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'lb-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Ledgerbridge</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = path.join(base, 'secret.txt');
  writeFileSync(outside, 'not for the renderer');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
beforeEach(resetFakeElectron);

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme before ready', () => {
    registerAppScheme();
    expect(fake.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('serveRenderer installs the handler', async () => {
    serveRenderer(root);
    const response = await fake.protocolHandlers.get('app')!(new Request('app://ledgerbridge/index.html'));
    expect(response.status).toBe(200);
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl('app://ledgerbridge/index.html')).toBe(true);
    expect(isAppUrl('app://ledgerbridge.evil/index.html')).toBe(false);
    expect(isAppUrl('app://evil/ledgerbridge')).toBe(false);
    expect(isAppUrl('https://ledgerbridge/')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('resolveRendererFile', () => {
  it('maps paths inside the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://ledgerbridge/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://ledgerbridge/assets/app.js?v=1')).toBe(
      path.join(root, 'assets', 'app.js'),
    );
  });

  it.each([
    'app://ledgerbridge/..%2fsecret.txt',
    'app://ledgerbridge/%2e%2e/secret.txt',
    'app://ledgerbridge/assets/..%2f..%2fsecret.txt',
    'app://ledgerbridge/..%5csecret.txt',
    'app://ledgerbridge/%2Fetc%2Fpasswd',
    'app://ledgerbridge/C:%5CWindows%5Cwin.ini',
    'app://ledgerbridge/index.html%00.js',
    'app://ledgerbridge/%E0%A4%A',
    'app://other/index.html',
    'https://ledgerbridge/index.html',
  ])('refuses %s', (url) => {
    const file = resolveRendererFile(root, url);
    if (file !== null) {
      // Only acceptable if it still lies inside the renderer folder.
      expect(path.relative(root, file).startsWith('..')).toBe(false);
      expect(file).not.toBe(outside);
    }
  });

  it('returns null for traversal attempts rather than a path outside', () => {
    expect(resolveRendererFile(root, 'app://ledgerbridge/..%2fsecret.txt')).toBeNull();
    expect(resolveRendererFile(root, 'app://ledgerbridge/%2e%2e%2fsecret.txt')).toBeNull();
    expect(resolveRendererFile(root, 'app://other/index.html')).toBeNull();
  });
});

describe('handleAppRequest', () => {
  it('serves files with their type and the CSP header', async () => {
    const response = await handleAppRequest(root, new Request('app://ledgerbridge/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Ledgerbridge</title>');
    const js = await handleAppRequest(root, new Request('app://ledgerbridge/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['app://ledgerbridge/..%2fsecret.txt', 'app://ledgerbridge/%2e%2e%2fsecret.txt']) {
      const response = await handleAppRequest(root, new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('not for the renderer');
    }
  });

  it('answers client-side routes with the app shell, missing files with 404', async () => {
    const route = await handleAppRequest(root, new Request('app://ledgerbridge/documents/42'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Ledgerbridge');
    expect((await handleAppRequest(root, new Request('app://ledgerbridge/assets/missing.js'))).status).toBe(
      404,
    );
  });

  it('accepts only GET and HEAD', async () => {
    const post = await handleAppRequest(
      root,
      new Request('app://ledgerbridge/index.html', { method: 'POST', body: 'x' }),
    );
    expect(post.status).toBe(405);
    const head = await handleAppRequest(
      root,
      new Request('app://ledgerbridge/index.html', { method: 'HEAD' }),
    );
    expect(head.status).toBe(200);
  });
});
