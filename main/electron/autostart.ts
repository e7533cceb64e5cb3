// "Open at login" as a user setting. The choice is kept in userData/autostart.json and re-applied at every
// start, so the OS entry follows the app after an update moves its executable.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/** Passed by the OS login item so a start at login stays in the tray. */
export const HIDDEN_ARG = '--hidden';
const FILE_NAME = 'autostart.json';

export interface AutostartPreference {
  openAtLogin: boolean;
}

export function readAutostartPreference(userDataDir: string): AutostartPreference {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(userDataDir, FILE_NAME), 'utf8'));
    const openAtLogin = (parsed as { openAtLogin?: unknown } | null)?.openAtLogin;
    return { openAtLogin: openAtLogin === true };
  } catch {
    // Missing or damaged: the default is off, and the next change rewrites the file.
    return { openAtLogin: false };
  }
}

export function writeAutostartPreference(userDataDir: string, preference: AutostartPreference): void {
  mkdirSync(userDataDir, { recursive: true });
  const file = path.join(userDataDir, FILE_NAME);
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ openAtLogin: preference.openAtLogin }, null, 2)}\n`);
  renameSync(temp, file);
}

/** Registers or removes the OS login item. Skipped in development, where it would register electron itself. */
export function applyAutostart(openAtLogin: boolean): void {
  if (!app.isPackaged) return;
  app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_ARG] });
}

export function setOpenAtLogin(userDataDir: string, openAtLogin: boolean): void {
  writeAutostartPreference(userDataDir, { openAtLogin });
  applyAutostart(openAtLogin);
}

/** Whether this start came from the OS login item (Windows/Linux pass HIDDEN_ARG; macOS reports it). */
export function wasOpenedAtLogin(argv: readonly string[]): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
