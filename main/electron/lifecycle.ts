// The shell's life: one instance, the core started on the user's data folder, the window, the tray, the IPC
// transport, and a quit that closes the core before the process ends. Dependencies on the core are passed in
// so that this file can be tested with fakes.
import path from 'node:path';
import { app, dialog, session, type BrowserWindow } from 'electron';
import type { App, AppOptions } from '../app';
import { describeError } from '../sync/redact';
import { applyAutostart, readAutostartPreference, setOpenAtLogin, wasOpenedAtLogin } from './autostart';
import { forwardEvents, registerIpc, type ToApiError } from './ipc';
import { openAuthorizeUrlFromResult } from './oauth-browser';
import { resolveShellPaths } from './paths';
import { serveRenderer } from './protocol';
import { applySessionSecurity, hardenWebContents } from './security';
import { createTray, hideToTrayOnClose } from './tray';
import { createMainWindow, revealWindow } from './window';

export const APP_USER_MODEL_ID = 'dev.ledgerbridge.app';
/** Lets end-to-end tests give each run its own data folder (and with it its own single-instance lock). */
export const DATA_DIR_ENV = 'LEDGERBRIDGE_DATA_DIR';
const CORE_CLOSE_TIMEOUT_MS = 10_000;

export interface ShellDependencies {
  createApp: (options: AppOptions) => Promise<App>;
  toApiError: ToApiError;
  /** Starts the QuickBooks Web Connector listener (web-connector.ts); closed before the core on quit. */
  startWebConnector?: (core: App, dataDir: string) => Promise<{ close(): Promise<void> } | null>;
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'userMessage' in error && typeof error.userMessage === 'string') {
    return error.userMessage;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Resolves when the core has closed or the timeout passed: a stuck close must not keep the app alive. */
async function closeCore(core: App): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.error(`The core did not close within ${CORE_CLOSE_TIMEOUT_MS} ms; quitting anyway.`);
      resolve();
    }, CORE_CLOSE_TIMEOUT_MS);
  });
  try {
    await Promise.race([core.close(), timeout]);
  } catch (error) {
    console.error(`Closing the core failed: ${describeError(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

export async function startShell(deps: ShellDependencies): Promise<void> {
  const dataDirOverride = process.env[DATA_DIR_ENV];
  if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

  // A second start (double-click on the shortcut, login item) only brings the running window forward.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const paths = resolveShellPaths(app.getAppPath(), app.getPath('userData'));
  let window: BrowserWindow | null = null;
  let quitting = false;

  const openWindow = (startHidden = false): BrowserWindow => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({
        preloadPath: paths.preloadPath,
        iconPath: paths.windowIconPath,
        startHidden,
      });
      hideToTrayOnClose(window, () => quitting);
    } else if (!startHidden) {
      revealWindow(window);
    }
    return window;
  };
  const showWindow = (): void => {
    if (app.isReady() && !quitting && window) openWindow();
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('before-quit', () => {
    quitting = true;
  });

  await app.whenReady();
  applySessionSecurity(session.defaultSession);
  serveRenderer(paths.rendererDir);

  let core: App;
  try {
    core = await deps.createApp({ dataDir: paths.dataDir });
  } catch (error) {
    console.error(`The core could not start: ${describeError(error)}`);
    dialog.showErrorBox('Ledgerbridge could not start', messageOf(error));
    app.exit(1);
    return;
  }
  if (quitting) {
    await closeCore(core);
    return;
  }

  const webConnector = deps.startWebConnector ? await deps.startWebConnector(core, paths.dataDir) : null;
  const removeIpc = registerIpc({ core, toApiError: deps.toApiError, afterCall: openAuthorizeUrlFromResult });
  const stopEvents = forwardEvents(core, () => (window && !window.isDestroyed() ? window.webContents : null));

  applyAutostart(readAutostartPreference(paths.dataDir).openAtLogin);
  openWindow(wasOpenedAtLogin(process.argv));
  const tray = createTray({
    iconPath: paths.trayIconPath,
    onOpen: showWindow,
    onQuit: () => {
      quitting = true;
      app.quit();
    },
    openAtLogin: () => readAutostartPreference(paths.dataDir).openAtLogin,
    setOpenAtLogin: (value) => setOpenAtLogin(paths.dataDir, value),
  });

  // The first will-quit is held back until the core has closed (database checkpoint, worker stopped,
  // Web Connector endpoint closed); then quitting resumes.
  let coreClosed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (coreClosed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    stopEvents();
    removeIpc();
    void Promise.all([webConnector?.close().catch(() => undefined), closeCore(core)]).then(() => {
      coreClosed = true;
      tray.destroy();
      app.quit();
    });
  });
}
