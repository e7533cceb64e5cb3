import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { AppEvent } from '../../../preload/contract';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply } from '../../../main/electron/channels';
import { DATA_DIR_ENV, startShell, type ShellDependencies } from '../../../main/electron/lifecycle';
import {
  FakeBrowserWindow,
  FakeEvent,
  FakeTray,
  FakeWebContents,
  fake,
  ipcEvent,
  resetFakeElectron,
} from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

type Core = Awaited<ReturnType<ShellDependencies['createApp']>>;

function fakeCore() {
  const listeners = new Set<(event: AppEvent) => void>();
  let finishClose: () => void = () => undefined;
  const core = {
    dataDir: '',
    call: vi.fn(async (method: string) => ({ method })),
    onEvent: vi.fn((listener: (event: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    close: vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finishClose = resolve;
        }),
    ),
  };
  return {
    core,
    emit: (event: AppEvent) => listeners.forEach((l) => l(event)),
    listeners,
    finishClose: () => finishClose(),
  };
}

let userData: string;
let harness: ReturnType<typeof fakeCore>;
let deps: ShellDependencies & { createApp: ReturnType<typeof vi.fn> };

beforeEach(() => {
  resetFakeElectron();
  userData = mkdtempSync(path.join(tmpdir(), 'lb-userdata-'));
  fake.app.paths.userData = userData;
  fake.app.appPath = '/opt/Ledgerbridge/resources/app.asar';
  harness = fakeCore();
  deps = {
    createApp: vi.fn(async (options: { dataDir: string }) => {
      harness.core.dataDir = options.dataDir;
      return harness.core as unknown as Core;
    }),
    toApiError: () => ({ status: 500, body: { code: 'internal', message: 'x' } }),
  };
});
afterEach(() => {
  delete process.env[DATA_DIR_ENV];
  rmSync(userData, { recursive: true, force: true });
});

function theWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0]!;
}
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('single instance', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.app.gotLock = false;
    await startShell(deps);
    expect(fake.app.quitCalls).toBe(1);
    expect(deps.createApp).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(fake.ipcMain.handlers.size).toBe(0);
  });

  it('brings the window forward when a second instance starts', async () => {
    await startShell(deps);
    const window = theWindow();
    window.close(); // hidden to the tray
    window.minimized = true;
    fake.app.emit('second-instance', new FakeEvent(), ['Ledgerbridge.exe'], userData);
    expect(window.visible).toBe(true);
    expect(window.minimized).toBe(false);
    expect(window.focusCount).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });
});

describe('start-up', () => {
  it('starts the core on userData and wires security, protocol, IPC, window and tray', async () => {
    await startShell(deps);
    expect(deps.createApp).toHaveBeenCalledWith({ dataDir: userData });
    expect(fake.session.headersListener).toBeDefined();
    expect(fake.session.permissionRequestHandler).toBeDefined();
    expect(fake.session.permissionCheckHandler).toBeDefined();
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect([...fake.ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL]);
    const window = theWindow();
    expect(window.options.webPreferences.preload).toBe(
      path.join('/opt/Ledgerbridge/resources/app.asar', 'dist', 'preload', 'index.cjs'),
    );
    expect(window.loadedUrl).toBe('app://ledgerbridge/index.html');
    expect(FakeTray.instances).toHaveLength(1);
  });

  it('hardens every web contents the app creates', async () => {
    await startShell(deps);
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', new FakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigation = new FakeEvent();
    contents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
  });

  it('answers IPC from the window through the core', async () => {
    await startShell(deps);
    const handler = fake.ipcMain.handlers.get(CALL_CHANNEL)!;
    const reply = (await handler(ipcEvent('app://ledgerbridge/index.html'), {
      method: 'app.info',
      input: {},
    })) as CallReply;
    expect(reply).toEqual({ ok: true, value: { method: 'app.info' } });
  });

  it("forwards the core's events to the window", async () => {
    await startShell(deps);
    const event: AppEvent = { type: 'connection', connectionId: 'c1' };
    harness.emit(event);
    expect(theWindow().webContents.sent).toEqual([[EVENT_CHANNEL, event]]);
  });

  it('re-applies a stored open-at-login choice', async () => {
    writeFileSync(path.join(userData, 'autostart.json'), JSON.stringify({ openAtLogin: true }));
    await startShell(deps);
    expect(fake.app.loginItemSettingsCalls).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
  });

  it('uses LEDGERBRIDGE_DATA_DIR as userData when set (end-to-end tests)', async () => {
    const custom = mkdtempSync(path.join(tmpdir(), 'lb-e2e-'));
    onTestFinished(() => rmSync(custom, { recursive: true, force: true }));
    process.env[DATA_DIR_ENV] = custom;
    await startShell(deps);
    expect(fake.app.paths.userData).toBe(custom);
    expect(deps.createApp).toHaveBeenCalledWith({ dataDir: custom });
  });

  it('shows an error box and exits when the core cannot start', async () => {
    deps.createApp.mockRejectedValueOnce(new Error('database is locked'));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await startShell(deps);
    expect(fake.errorBoxes).toEqual([['Ledgerbridge could not start', 'database is locked']]);
    expect(fake.app.exitCodes).toEqual([1]);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    consoleError.mockRestore();
  });
});

describe('closing and quitting', () => {
  it('closing the window hides it to the tray; the core keeps running', async () => {
    await startShell(deps);
    const window = theWindow();
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    expect(window.close()).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
    expect(harness.core.close).not.toHaveBeenCalled();
    FakeTray.instances[0]!.item('Open Ledgerbridge').click!({ checked: false });
    expect(window.visible).toBe(true);
  });

  it('Quit in the tray closes the window, waits for the core to close, then quits', async () => {
    await startShell(deps);
    const window = theWindow();
    FakeTray.instances[0]!.item('Quit').click!({ checked: false });
    expect(window.destroyed).toBe(true);
    expect(harness.core.close).toHaveBeenCalledTimes(1);
    expect(fake.app.quitted).toBe(false); // held back until the core has closed
    expect(fake.ipcMain.handlers.size).toBe(0);
    expect(harness.listeners.size).toBe(0);

    harness.finishClose();
    await flush();
    expect(fake.app.quitted).toBe(true);
    expect(harness.core.close).toHaveBeenCalledTimes(1);
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
  });

  it('a quit from the OS or the app menu (before-quit) also really quits', async () => {
    await startShell(deps);
    fake.app.quit();
    expect(theWindow().destroyed).toBe(true);
    harness.finishClose();
    await flush();
    expect(fake.app.quitted).toBe(true);
  });

  it('quits even if closing the core fails', async () => {
    harness.core.close.mockRejectedValueOnce(new Error('disk gone'));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await startShell(deps);
    fake.app.quit();
    await flush();
    expect(fake.app.quitted).toBe(true);
    consoleError.mockRestore();
  });
});
