// The one application window. Every page protection that can be a webPreference is one here; the rest
// (CSP, navigation, permissions) lives in security.ts.
import { BrowserWindow } from 'electron';
import { APP_URL } from './origin';
import { describeError } from '../sync/redact';

export interface MainWindowOptions {
  preloadPath: string;
  iconPath?: string;
  /** Started at login: stay in the tray until the user opens the window. */
  startHidden?: boolean;
}

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: true,
} as const;

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Ledgerbridge',
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: { ...WEB_PREFERENCES, preload: options.preloadPath },
  });
  if (!options.startHidden) window.once('ready-to-show', () => window.show());
  window
    .loadURL(APP_URL)
    .catch((error: unknown) => console.error(`Could not load the user interface: ${describeError(error)}`));
  return window;
}

/** Brings the window to the front (second instance started, tray "Open", macOS dock click). */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
