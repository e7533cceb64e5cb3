import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HIDDEN_ARG,
  applyAutostart,
  readAutostartPreference,
  setOpenAtLogin,
  wasOpenedAtLogin,
} from '../../../main/electron/autostart';
import { fake, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(tmpdir(), 'lb-autostart-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('open at login', () => {
  it('is off until the user turns it on', () => {
    expect(readAutostartPreference(dir)).toEqual({ openAtLogin: false });
  });

  it('treats a damaged preference file as off', () => {
    writeFileSync(path.join(dir, 'autostart.json'), '{ not json');
    expect(readAutostartPreference(dir)).toEqual({ openAtLogin: false });
    writeFileSync(path.join(dir, 'autostart.json'), '{"openAtLogin":"yes"}');
    expect(readAutostartPreference(dir)).toEqual({ openAtLogin: false });
  });

  it('stores the choice in userData and applies it to the OS login item', () => {
    setOpenAtLogin(dir, true);
    expect(JSON.parse(readFileSync(path.join(dir, 'autostart.json'), 'utf8'))).toEqual({ openAtLogin: true });
    expect(readAutostartPreference(dir)).toEqual({ openAtLogin: true });
    expect(fake.app.loginItemSettingsCalls).toEqual([{ openAtLogin: true, args: [HIDDEN_ARG] }]);

    setOpenAtLogin(dir, false);
    expect(readAutostartPreference(dir)).toEqual({ openAtLogin: false });
    expect(fake.app.loginItemSettingsCalls.at(-1)).toEqual({ openAtLogin: false, args: [HIDDEN_ARG] });
  });

  it('leaves the OS alone in development (it would register the electron binary)', () => {
    fake.app.isPackaged = false;
    applyAutostart(true);
    expect(fake.app.loginItemSettingsCalls).toEqual([]);
  });

  it('recognises a start from the login item', () => {
    expect(wasOpenedAtLogin(['Ledgerbridge.exe', HIDDEN_ARG])).toBe(true);
    expect(wasOpenedAtLogin(['Ledgerbridge.exe'])).toBe(false);
  });
});
