import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { createTray, hideToTrayOnClose } from '../../../main/electron/tray';
import { FakeBrowserWindow, FakeTray, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

beforeEach(resetFakeElectron);

function options() {
  let openAtLogin = false;
  return {
    iconPath: '/app/dist/assets/tray-32.png',
    onOpen: vi.fn(),
    onQuit: vi.fn(),
    openAtLogin: () => openAtLogin,
    setOpenAtLogin: vi.fn((value: boolean) => {
      openAtLogin = value;
    }),
  };
}

describe('createTray', () => {
  it('offers Open Ledgerbridge and Quit', () => {
    const opts = options();
    createTray(opts);
    const [tray] = FakeTray.instances;
    expect(tray!.image).toEqual({ path: '/app/dist/assets/tray-32.png' });
    expect(tray!.tooltip).toBe('Ledgerbridge');
    const labels = tray!.menu!.template.map((i) => i.label ?? i.type);
    expect(labels).toEqual(['Open Ledgerbridge', 'Open at login', 'separator', 'Quit']);
    tray!.item('Open Ledgerbridge').click!({ checked: false });
    expect(opts.onOpen).toHaveBeenCalledTimes(1);
    tray!.item('Quit').click!({ checked: false });
    expect(opts.onQuit).toHaveBeenCalledTimes(1);
  });

  it('opens the window on a click of the icon', () => {
    const opts = options();
    createTray(opts);
    FakeTray.instances[0]!.emit('click');
    expect(opts.onOpen).toHaveBeenCalledTimes(1);
  });

  it('toggles open-at-login and shows the new state', () => {
    const opts = options();
    createTray(opts);
    const tray = FakeTray.instances[0]!;
    expect(tray.item('Open at login').checked).toBe(false);
    tray.item('Open at login').click!({ checked: true });
    expect(opts.setOpenAtLogin).toHaveBeenCalledWith(true);
    expect(tray.item('Open at login').checked).toBe(true);
  });
});

describe('hideToTrayOnClose', () => {
  it('hides the window instead of closing it while the app keeps running', () => {
    const window = new FakeBrowserWindow({ webPreferences: {} });
    window.show();
    hideToTrayOnClose(window as unknown as BrowserWindow, () => false);
    expect(window.close()).toBe(false);
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
  });

  it('lets the window close when the app is quitting', () => {
    const window = new FakeBrowserWindow({ webPreferences: {} });
    hideToTrayOnClose(window as unknown as BrowserWindow, () => true);
    expect(window.close()).toBe(true);
    expect(window.destroyed).toBe(true);
  });
});
