// The desktop shell's Web Connector listener, with the 'electron' module replaced (as test/unit/electron does):
// started on the port from web-connector.json after the core, answering /qbwc only, the address recorded for
// the .qwc file, closed when the app quits.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../../main/app';
import { startShell, type ShellDependencies } from '../../../main/electron/lifecycle';
import {
  DEFAULT_WEB_CONNECTOR_PORT,
  WEB_CONNECTOR_FILE,
  readWebConnectorPort,
  startShellWebConnector,
} from '../../../main/electron/web-connector';
import { FakeTray, fake, resetFakeElectron } from '../electron/fake-electron';

vi.mock('electron', async () => (await import('../electron/fake-electron')).electronModule);

let userData: string;
beforeEach(() => {
  resetFakeElectron();
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-qbwc-userdata-'));
  fake.app.paths.userData = userData;
});
afterEach(() => {
  fs.rmSync(userData, { recursive: true, force: true });
});

function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function fakeCore() {
  const endpoints: string[] = [];
  const core = {
    dataDir: '',
    call: vi.fn(async () => ({})),
    onEvent: vi.fn(() => () => undefined),
    close: vi.fn(async () => undefined),
    webConnector: {
      handle: (_req: http.IncomingMessage, res: http.ServerResponse) => res.end('web connector'),
      setEndpoint: (url: string) => endpoints.push(url),
    },
  };
  return { core: core as unknown as App, endpoints, close: core.close };
}

describe('the Electron Web Connector listener', () => {
  it('reads the port from web-connector.json, 8090 by default or when the file is wrong', () => {
    expect(readWebConnectorPort(userData)).toBe(DEFAULT_WEB_CONNECTOR_PORT);
    fs.writeFileSync(path.join(userData, WEB_CONNECTOR_FILE), '{"port": 18190}');
    expect(readWebConnectorPort(userData)).toBe(18190);
    fs.writeFileSync(path.join(userData, WEB_CONNECTOR_FILE), '{"port": "eighty"}');
    expect(readWebConnectorPort(userData)).toBe(DEFAULT_WEB_CONNECTOR_PORT);
  });

  it('is started after the core, records http://localhost:PORT, serves /qbwc only and closes on quit', async () => {
    // A free port chosen by the OS, written where the shell reads it.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    fs.writeFileSync(path.join(userData, WEB_CONNECTOR_FILE), JSON.stringify({ port }));

    const harness = fakeCore();
    const deps: ShellDependencies = {
      createApp: vi.fn(async () => harness.core),
      toApiError: () => ({ status: 500, body: { code: 'internal', message: 'x' } }),
      startWebConnector: startShellWebConnector,
    };
    await startShell(deps);
    expect(harness.endpoints).toEqual([`http://localhost:${port}`]);
    expect(await get(`http://127.0.0.1:${port}/qbwc`)).toEqual({ status: 200, body: 'web connector' });
    expect((await get(`http://127.0.0.1:${port}/api/app.info`)).status).toBe(404);
    expect((await get(`http://127.0.0.1:${port}/qbwc`, `evil.example:${port}`)).status).toBe(403);
    expect((await get(`http://127.0.0.1:${port}/qbwc`, `LocalHost:${port}`)).status).toBe(200);

    FakeTray.instances[0]!.item('Quit').click!({ checked: false });
    await vi.waitFor(() => expect(fake.app.quitted).toBe(true));
    expect(harness.close).toHaveBeenCalledTimes(1);
    await expect(get(`http://127.0.0.1:${port}/qbwc`)).rejects.toThrow();
  });

  it('keeps the app running when the port is taken', async () => {
    const taken = http.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as { port: number }).port;
    fs.writeFileSync(path.join(userData, WEB_CONNECTOR_FILE), JSON.stringify({ port }));
    const harness = fakeCore();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await startShellWebConnector(harness.core, userData)).toBeNull();
      expect(errors.mock.calls[0]?.[0]).toMatch(/could not listen on port \d+.*web-connector\.json/s);
      expect(harness.endpoints).toEqual([]);
    } finally {
      errors.mockRestore();
      await new Promise<void>((r) => taken.close(() => r()));
    }
  });
});
