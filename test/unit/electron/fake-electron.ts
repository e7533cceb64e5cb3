// A recording stand-in for the 'electron' module, for tests that run in plain Node. Use with
//   vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
// and call resetFakeElectron() before each test.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  readonly webContents = new FakeWebContents();
  loadedUrl: string | undefined;
  visible = false;
  minimized = false;
  destroyed = false;
  focusCount = 0;
  constructor(options: FakeBrowserWindow['options']) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focusCount += 1;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like a click on the window's close button: 'close' may be prevented. Returns whether it closed. */
  close(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.visible = false;
    this.emit('closed');
    return true;
  }
}

class FakeApp extends EventEmitter {
  gotLock = true;
  isPackaged = true;
  ready = false;
  quitCalls = 0;
  quitted = false;
  exitCodes: number[] = [];
  appPath = '/opt/ledgerbridge/resources/app.asar';
  paths: Record<string, string> = { userData: '/home/bookkeeper/.config/Ledgerbridge' };
  appUserModelId: string | undefined;
  loginItemSettingsCalls: unknown[] = [];
  loginItemState = { openAtLogin: false, wasOpenedAtLogin: false };

  reset(): void {
    this.removeAllListeners();
    Object.assign(this, {
      gotLock: true,
      isPackaged: true,
      ready: false,
      quitCalls: 0,
      quitted: false,
      exitCodes: [],
      paths: { userData: '/home/bookkeeper/.config/Ledgerbridge' },
      appUserModelId: undefined,
      loginItemSettingsCalls: [],
      loginItemState: { openAtLogin: false, wasOpenedAtLogin: false },
    });
  }
  requestSingleInstanceLock(): boolean {
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    this.ready = true;
    return Promise.resolve();
  }
  isReady(): boolean {
    return this.ready;
  }
  getPath(name: string): string {
    const value = this.paths[name];
    if (!value) throw new Error(`no fake path ${name}`);
    return value;
  }
  setPath(name: string, value: string): void {
    this.paths[name] = value;
  }
  getAppPath(): string {
    return this.appPath;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    this.loginItemSettingsCalls.push(settings);
    this.loginItemState.openAtLogin = settings.openAtLogin === true;
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { ...this.loginItemState };
  }
  /** Electron's order: before-quit, close every window (any may cancel), will-quit (may cancel), quit. */
  quit(): void {
    this.quitCalls += 1;
    const beforeQuit = new FakeEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of FakeBrowserWindow.instances.filter((w) => !w.destroyed)) {
      if (!window.close()) return;
    }
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;
type PermissionRequestHandler = (
  wc: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type PermissionCheckHandler = (wc: unknown, permission: string) => boolean;

class FakeSession {
  headersListener: HeadersListener | undefined;
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    // Electron refuses a second handler on the same channel.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  tooltip: string | undefined;
  menu: { template: MenuItemTemplate[] } | undefined;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: MenuItemTemplate[] }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  item(label: string): MenuItemTemplate {
    const item = this.menu?.template.find((i) => i.label === label);
    if (!item) throw new Error(`no tray menu item ${label}`);
    return item;
  }
}
export interface MenuItemTemplate {
  label?: string;
  type?: string;
  checked?: boolean;
  click?: (item: { checked: boolean }) => void;
}

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>();
}

export const fake = {
  app: new FakeApp(),
  session: new FakeSession(),
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  openExternal: vi.fn<(url: string) => Promise<void>>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  errorBoxes: [] as Array<[string, string]>,
  exposed: new Map<string, unknown>(),
};

export function resetFakeElectron(): void {
  fake.app.reset();
  fake.session = new FakeSession();
  electronModule.session.defaultSession = fake.session;
  fake.ipcMain.handlers.clear();
  fake.ipcRenderer.removeAllListeners();
  fake.ipcRenderer.invoke.mockReset();
  fake.openExternal.mockReset();
  fake.openExternal.mockResolvedValue(undefined);
  fake.privilegedSchemes.length = 0;
  fake.protocolHandlers.clear();
  fake.errorBoxes.length = 0;
  fake.exposed.clear();
  FakeBrowserWindow.instances.length = 0;
  FakeTray.instances.length = 0;
}

export const electronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Menu: { buildFromTemplate: (template: MenuItemTemplate[]) => ({ template }) },
  nativeImage: { createFromPath: (path: string) => ({ path }) },
  session: { defaultSession: fake.session },
  ipcMain: fake.ipcMain,
  ipcRenderer: fake.ipcRenderer,
  shell: { openExternal: (url: string) => fake.openExternal(url) },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) =>
      fake.protocolHandlers.set(scheme, handler),
  },
  dialog: { showErrorBox: (title: string, content: string) => fake.errorBoxes.push([title, content]) },
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      if (fake.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property: ${key}`);
      fake.exposed.set(key, value);
    },
  },
};

/** An IPC invoke event whose sender is a frame at `url` (top-level unless `parent` is given). */
export function ipcEvent(url: string | null, parent: unknown = null): { senderFrame: unknown } {
  return { senderFrame: url === null ? null : { url, parent } };
}
