/**
 * A stand-in for the `electron` module, recording what the built main process registers
 * (window options, navigation and new-window handlers, IPC handlers, the app:// protocol,
 * the permission handler) so a test can call those handlers as Electron would.
 * Use: `installElectronMock(...)`, then import the bundle with
 * `vi.mock('electron', async () => (await import('../helpers/electron-mock.ts')).electronModule())`.
 */
type Fn = (...args: never[]) => unknown;

export function createElectronMock(appPath: string, userData: string) {
  const appHandlers = new Map<string, Fn[]>();
  const ipc = new Map<string, Fn>();
  const protocols = new Map<string, Fn>();
  const windows: { options: Record<string, unknown>; url?: string; webContents: object }[] = [];
  const opened: string[] = [];
  const fetched: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  let permissionHandler: Fn | undefined;

  class BrowserWindow {
    readonly webContents = { send() {}, id: 1 };
    readonly record: (typeof windows)[number];
    constructor(options: Record<string, unknown>) {
      this.record = { options, webContents: this.webContents };
      windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    getBounds() {
      return { x: 0, y: 0, width: 1100, height: 760 };
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }

  const app = {
    getAppPath: () => appPath,
    getPath: () => userData,
    getLocale: () => 'en-US',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    on(event: string, fn: Fn) {
      appHandlers.set(event, [...(appHandlers.get(event) ?? []), fn]);
      return app;
    },
    quit() {},
    relaunch() {},
    exit() {},
  };
  const dialog = {
    showErrorBox: (_title: string, message: string) => errors.push(message),
    showMessageBox: async () => ({ response: 1 }),
    showOpenDialog: async () => {
      dialogs.push('open');
      return { canceled: true, filePaths: [] };
    },
    showSaveDialog: async () => {
      dialogs.push('save');
      return { canceled: true };
    },
  };
  const electron = {
    app,
    BrowserWindow,
    dialog,
    ipcMain: { handle: (channel: string, fn: Fn) => ipc.set(channel, fn) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu() {} },
    net: {
      fetch: async (url: string) => {
        fetched.push(url);
        return new Response('file');
      },
    },
    protocol: {
      registerSchemesAsPrivileged() {},
      handle: (scheme: string, fn: Fn) => protocols.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => {
          permissionHandler = fn;
        },
      },
    },
    shell: {
      openExternal: async (url: string) => {
        opened.push(url);
      },
    },
  };
  return {
    module: { ...electron, default: electron },
    windows,
    ipc,
    protocols,
    opened,
    fetched,
    dialogs,
    errors,
    permission: () => permissionHandler as ((...args: unknown[]) => unknown) | undefined,
    /** Calls every handler registered with app.on(event). */
    async emit(event: string, ...args: unknown[]) {
      for (const fn of appHandlers.get(event) ?? []) await (fn as (...a: unknown[]) => unknown)(...args);
    },
  };
}

let installed: ReturnType<typeof createElectronMock> | undefined;

export function installElectronMock(appPath: string, userData: string) {
  installed = createElectronMock(appPath, userData);
  return installed;
}

/** The mocked module, for vi.mock's factory. */
export function electronModule() {
  if (!installed) throw new Error('installElectronMock() first');
  return installed.module;
}
