/**
 * A stand-in for the `electron` module, for unit tests of the thin glue under plain Node (no
 * Electron binary can run here). It records what the glue asks of Electron — window options,
 * handlers, registered schemes — and lets a test play Electron's part (fire events, invoke IPC).
 *
 * Use: `vi.mock('electron', () => import('../test/test/electron-stub.ts'))` and `electronStub.reset()`
 * in `beforeEach`. It is deliberately shallow: only what the shell uses.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

type Handler = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  url = '';
  destroyed = false;
  windowOpenHandler: Handler | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    return Promise.resolve();
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  shown = false;
  focused = false;
  minimized = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.webContents.destroyed;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  singleInstanceLock = true;
  quitCalled = false;
  exitCode: number | null = null;
  readonly paths = new Map<string, string>([['userData', path.join(os.tmpdir(), 'till-stub-userdata')]]);
  appPath = '/opt/socialhub-till';
  getPath(name: string): string {
    const p = this.paths.get(name);
    if (p === undefined) throw new Error(`no stub path ${name}`);
    return p;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return this.appPath;
  }
  getName(): string {
    return 'SocialHub Till';
  }
  getVersion(): string {
    return '0.1.0';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  quit(): void {
    this.quitCalled = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Play Electron: deliver an invoke from a frame. */
  invoke(channel: string, sender: { frameUrl: string | null; isMainFrame?: boolean; webContentsId: number }, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    const senderFrame = sender.frameUrl === null ? null : { url: sender.frameUrl, parent: sender.isMainFrame === false ? {} : null };
    return Promise.resolve(handler({ sender: { id: sender.webContentsId }, senderFrame }, ...args));
  }
}

class FakeIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return Promise.resolve({ ok: true, value: { channel } });
  }
}

/** A session's events (`will-download`) are fired by the test with `emit`. */
class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  headersReceived: Handler | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: Handler) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Handler | null): void {
    this.devicePermissionHandler = handler;
  }
}

class FakeProtocol {
  readonly privileged: unknown[] = [];
  readonly handlers = new Map<string, Handler>();
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: Handler): void {
    this.handlers.set(scheme, handler);
  }
}

/** safeStorage: reversible but not plaintext, async API only (the sync one throws to catch accidental use). */
class FakeSafeStorage {
  backend = 'gnome_libsecret';
  available = true;
  plainTextAllowed = false;
  isAsyncEncryptionAvailable(): Promise<boolean> {
    return Promise.resolve(this.available);
  }
  getSelectedStorageBackend(): string {
    return this.backend;
  }
  encryptStringAsync(plain: string): Promise<Buffer> {
    return Promise.resolve(Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)));
  }
  decryptStringAsync(buf: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    return Promise.resolve({ result: Buffer.from(buf.map((b) => b ^ 0x5a)).toString('utf8'), shouldReEncrypt: false });
  }
  setUsePlainTextEncryption(value: boolean): void {
    this.plainTextAllowed = value;
  }
  encryptString(): never {
    throw new Error('the synchronous safeStorage API must not be used');
  }
  decryptString(): never {
    throw new Error('the synchronous safeStorage API must not be used');
  }
  isEncryptionAvailable(): never {
    throw new Error('the synchronous safeStorage API must not be used');
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const ipcRenderer = new FakeIpcRenderer();
export const protocol = new FakeProtocol();
export const session = { defaultSession: new FakeSession() };
export const safeStorage = new FakeSafeStorage();
export const exposed = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    exposed.set(key, api);
  },
};
export const errorBoxes: Array<{ title: string; content: string }> = [];
export const dialog = {
  showErrorBox(title: string, content: string): void {
    errorBoxes.push({ title, content });
  },
};
export const shell = {
  openPath: () => Promise.resolve(''),
  openExternal: () => Promise.reject(new Error('openExternal is not used by the till')),
};

export const electronStub = {
  app,
  ipcMain,
  ipcRenderer,
  protocol,
  session,
  safeStorage,
  contextBridge,
  dialog,
  shell,
  BrowserWindow,
  exposed,
  errorBoxes,
  reset(): void {
    app.removeAllListeners();
    app.isPackaged = false;
    app.singleInstanceLock = true;
    app.quitCalled = false;
    app.exitCode = null;
    app.paths.set('userData', path.join(os.tmpdir(), 'till-stub-userdata'));
    ipcMain.handlers.clear();
    ipcRenderer.removeAllListeners();
    ipcRenderer.invocations.length = 0;
    protocol.privileged.length = 0;
    protocol.handlers.clear();
    session.defaultSession = new FakeSession();
    Object.assign(safeStorage, { backend: 'gnome_libsecret', available: true, plainTextAllowed: false });
    BrowserWindow.instances.length = 0;
    exposed.clear();
    errorBoxes.length = 0;
  },
};

/** `import electron from 'electron'` (electron-store does this) gets the same objects. */
export default electronStub;
