import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { FakeBrowserWindow, resetFakeElectron } from './fake-electron';
import { createMainWindow, revealWindow } from '../../../main/electron/window';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

beforeEach(resetFakeElectron);

describe('createMainWindow', () => {
  it('locks the page down through webPreferences and uses the built preload', () => {
    createMainWindow({ preloadPath: '/app/dist/preload/index.cjs' });
    const [window] = FakeBrowserWindow.instances;
    const prefs = window!.options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.preload).toBe('/app/dist/preload/index.cjs');
  });

  it('loads the renderer from the app:// origin and shows the window once it is painted', () => {
    createMainWindow({ preloadPath: '/p.cjs', iconPath: '/icon.png' });
    const [window] = FakeBrowserWindow.instances;
    expect(window!.loadedUrl).toBe('app://ledgerbridge/index.html');
    expect(window!.options.icon).toBe('/icon.png');
    expect(window!.visible).toBe(false);
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(true);
  });

  it('stays hidden in the tray when started at login', () => {
    createMainWindow({ preloadPath: '/p.cjs', startHidden: true });
    const [window] = FakeBrowserWindow.instances;
    window!.emit('ready-to-show');
    expect(window!.visible).toBe(false);
  });

  it('revealWindow restores, shows and focuses', () => {
    const window = createMainWindow({ preloadPath: '/p.cjs' }) as unknown as FakeBrowserWindow;
    window.minimized = true;
    revealWindow(window as unknown as BrowserWindow);
    expect(window.minimized).toBe(false);
    expect(window.visible).toBe(true);
    expect(window.focusCount).toBe(1);
  });
});
