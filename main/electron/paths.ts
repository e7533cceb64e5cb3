// Where the shell finds its parts. Everything is relative to the app root (the folder holding package.json,
// or app.asar when packaged), so the same layout works from `electron .` and from an installer.
import path from 'node:path';

export interface ShellPaths {
  /** The core's data directory (database, logs): Electron's userData folder. */
  dataDir: string;
  rendererDir: string;
  preloadPath: string;
  windowIconPath: string;
  trayIconPath: string;
}

export function resolveShellPaths(
  appRoot: string,
  userDataDir: string,
  platform = process.platform,
): ShellPaths {
  const dist = path.join(appRoot, 'dist');
  return {
    dataDir: userDataDir,
    rendererDir: path.join(dist, 'renderer'),
    preloadPath: path.join(dist, 'preload', 'index.cjs'),
    windowIconPath: path.join(dist, 'assets', 'icon.png'),
    // macOS draws menu-bar icons at 16pt; elsewhere 32px scales down cleanly.
    trayIconPath: path.join(dist, 'assets', platform === 'darwin' ? 'tray-16.png' : 'tray-32.png'),
  };
}
