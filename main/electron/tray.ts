// The tray icon keeps Ledgerbridge running with its window closed, so the QuickBooks Web Connector endpoint and
// the sync worker keep working; only "Quit" (tray, app menu, OS shutdown) really stops it.
import { Menu, Tray, nativeImage, type BrowserWindow } from 'electron';

export interface TrayOptions {
  iconPath: string;
  onOpen: () => void;
  onQuit: () => void;
  openAtLogin: () => boolean;
  setOpenAtLogin: (value: boolean) => void;
}

export function createTray(options: TrayOptions): Tray {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  tray.setToolTip('Ledgerbridge');
  const rebuildMenu = (): void => {
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Open Ledgerbridge', click: () => options.onOpen() },
        {
          label: 'Open at login',
          type: 'checkbox',
          checked: options.openAtLogin(),
          click: (item) => {
            options.setOpenAtLogin(item.checked);
            rebuildMenu();
          },
        },
        { type: 'separator' },
        { label: 'Quit', click: () => options.onQuit() },
      ]),
    );
  };
  rebuildMenu();
  // On Windows and Linux a left click is the expected way to bring the window back.
  tray.on('click', () => options.onOpen());
  return tray;
}

/** Closing the window hides it to the tray, unless the app is quitting. */
export function hideToTrayOnClose(window: BrowserWindow, isQuitting: () => boolean): void {
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
}
