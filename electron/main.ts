/**
 * Electron main process: one window, a native menu, and sender-checked IPC forwarding to the
 * same service API the browser mode uses. Everything else lives in core/.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { type AppSession, openApp } from '../core/app/open-app.ts';
import { warmUp } from '../core/app/warm-up.ts';
import { addDeckFolder } from '../core/compiler/deck-folders.ts';
import { mediaDir } from '../core/compiler/media.ts';
import type { Mnemo } from '../core/index.ts';
import { newestGoodBackup } from '../core/store/backup.ts';
import { restoreBackup } from '../core/store/restore.ts';
import { exportFile, uploadFromFile } from '../server/transfer.ts';
import {
  APP_ORIGIN,
  appFile,
  forwardCall,
  fromOwnPage,
  mediaResponse,
  openCardSource,
  reply,
  unauthorized,
} from './ipc.ts';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// better-sqlite3 rebuilt for Electron's ABI by `npm start` (kept apart from the Node build).
const electronBinding = join(app.getAppPath(), '.electron-native', 'better_sqlite3.node');
if (existsSync(electronBinding)) process.env.MNEMO_SQLITE_BINDING = electronBinding;
process.env.MNEMO_BUNDLED_DECKS ??= join(app.getAppPath(), 'decks');

let mnemo: Mnemo;
let win: BrowserWindow | null = null;
const stateFile = () => join(app.getPath('userData'), 'window-state.json');

function loadBounds(): Electron.Rectangle | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(), 'utf8')) as Electron.Rectangle;
  } catch {
    return undefined;
  }
}

/** Serves the built renderer and card media under app://mnemo/, like the HTTP server does. */
function registerAppProtocol(): void {
  const rendererDir = join(app.getAppPath(), 'out', 'renderer');
  protocol.handle('app', (request) => {
    const target = appFile(request.url, rendererDir);
    if (!target) return new Response('not found', { status: 404 });
    // Card media get the same headers as /media/ in browser mode (sandboxed, images only).
    if ('media' in target) return mediaResponse(mediaDir(mnemo.col), target.media);
    // pathToFileURL escapes the path: no string-built file:// URL that could be decoded twice.
    return net.fetch(pathToFileURL(target.renderer).href);
  });
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1100,
    height: 760,
    ...loadBounds(),
    title: 'Mnemo',
    show: false,
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => {
    win?.show();
    // The first paint: the integrity check and the backup wait until the screen is quiet.
    appSession?.screenActive();
  });
  win.on('close', () => {
    if (win) writeFileSync(stateFile(), JSON.stringify(win.getBounds()));
  });
  win.loadURL(`${APP_ORIGIN}/index.html`);
}

/** Menu labels in the OS language (the page itself follows the user's setting). */
const MENU_TEXT = {
  en: {
    home: 'Home',
    study: 'Study all',
    browse: 'Browse',
    settings: 'Settings',
    edit: 'Edit',
    undo: 'Undo',
    view: 'View',
  },
  zh: {
    home: '主页',
    study: '全部学习',
    browse: '浏览',
    settings: '设置',
    edit: '编辑',
    undo: '撤销',
    view: '视图',
  },
};

function menu(): Menu {
  const t = app.getLocale().startsWith('zh') ? MENU_TEXT.zh : MENU_TEXT.en;
  const send = (action: string) => () => win?.webContents.send('mnemo:menu', action);
  return Menu.buildFromTemplate([
    { role: 'appMenu' as const, visible: process.platform === 'darwin' },
    {
      label: 'Mnemo',
      submenu: [
        { label: t.home, accelerator: 'CmdOrCtrl+H', click: send('home') },
        { label: t.study, accelerator: 'CmdOrCtrl+Enter', click: send('study') },
        { label: t.browse, accelerator: 'CmdOrCtrl+B', click: send('browse') },
        { label: t.settings, accelerator: 'CmdOrCtrl+,', click: send('settings') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: send('undo') },
        { role: 'copy' },
        { role: 'paste' },
      ],
    },
    {
      label: t.view,
      submenu: [{ role: 'reload' }, { role: 'togglefullscreen' }, { role: 'zoomIn' }, { role: 'zoomOut' }],
    },
  ]);
}

app.on('web-contents-created', (_event, contents) => {
  // No navigation away from the app, no new windows; web links open in the system browser.
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

/**
 * Export and import files go through the system's save and open dialogs; the page names an
 * export only by the name `export.run` gave it, and gets an upload id for the file picked.
 */
function registerFileDialogs(): void {
  const own = (event: Electron.IpcMainInvokeEvent) =>
    !!win && fromOwnPage(event.sender === win.webContents, event.senderFrame?.url ?? '');
  ipcMain.handle('mnemo:saveExport', async (event, name: unknown) => {
    if (!own(event) || !win) return unauthorized;
    const file = exportFile(mnemo.dataDir, String(name));
    if (!file) return reply(() => null);
    const picked = await dialog.showSaveDialog(win, { defaultPath: String(name) });
    return reply(() => {
      if (picked.canceled || !picked.filePath) return false;
      copyFileSync(file, picked.filePath);
      return true;
    });
  });
  ipcMain.handle('mnemo:pickImport', async (event) => {
    if (!own(event) || !win) return unauthorized;
    const picked = await dialog.showOpenDialog(win, {
      properties: ['openFile'],
      filters: [{ name: 'Anki, CSV, JSON', extensions: ['apkg', 'colpkg', 'csv', 'tsv', 'txt', 'json'] }],
    });
    const path = picked.canceled ? undefined : picked.filePaths[0];
    return reply(() =>
      path ? { uploadId: uploadFromFile(mnemo.dataDir, path), name: basename(path) } : null,
    );
  });
}

/** On a damaged collection: offer the newest sound backup, then restart on it. */
async function offerRestore(session: AppSession): Promise<void> {
  const path = session.mnemo.col.path;
  const backup = newestGoodBackup(path);
  const zh = app.getLocale().startsWith('zh');
  const { response } = await dialog.showMessageBox({
    type: 'error',
    message: zh ? '卡片集文件已损坏' : 'The collection file is damaged',
    detail: session.mnemo.col.damage ?? '',
    buttons: backup
      ? [zh ? '恢复最新的完好备份' : 'Restore the newest sound backup', zh ? '退出' : 'Quit']
      : [zh ? '退出' : 'Quit'],
    defaultId: 0,
  });
  if (!backup || response !== 0) return app.quit();
  await session.stop();
  restoreBackup(path, backup);
  app.relaunch();
  app.exit(0);
}

// A second launch by the same user focuses the window already open.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

app.whenReady().then(() => {
  mkdirSync(app.getPath('userData'), { recursive: true });
  try {
    appSession = openApp(process.env.MNEMO_DATA_DIR ?? app.getPath('userData'), 'the Mnemo window');
  } catch (e) {
    // Another app on this data folder, a read-only folder, a collection from a newer Mnemo…
    dialog.showErrorBox('Mnemo', (e as Error).message);
    app.quit();
    return;
  }
  mnemo = appSession.mnemo;
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  registerAppProtocol();
  // Only our own window, showing our own page, may call the core.
  ipcMain.handle('mnemo:call', (event, method: unknown, args: unknown) => {
    appSession?.screenActive();
    return forwardCall(
      mnemo.api,
      event.sender === win?.webContents,
      event.senderFrame?.url ?? '',
      method,
      args,
    );
  });
  // Adding a deck folder is not a service method: the user picks it in the system's dialog.
  ipcMain.handle('mnemo:addDeckFolder', async (event) => {
    if (!win || !fromOwnPage(event.sender === win.webContents, event.senderFrame?.url ?? ''))
      return unauthorized;
    const picked = await dialog.showOpenDialog(win, { properties: ['openDirectory'] });
    const folder = picked.canceled ? undefined : picked.filePaths[0];
    return reply(() => (folder ? addDeckFolder(mnemo.col, folder) : null));
  });
  registerFileDialogs();
  // "Open in editor": the main process finds the card's deck file; the OS opens it in the .md editor.
  ipcMain.handle('mnemo:openInEditor', (event, cardId: unknown) =>
    openCardSource(
      mnemo.col,
      event.sender === win?.webContents,
      event.senderFrame?.url ?? '',
      cardId,
      (path) => shell.openPath(path),
    ),
  );
  Menu.setApplicationMenu(menu());
  createWindow();
  // While the window loads its page: the first calls then find everything ready.
  void warmUp(mnemo.api);
  const opened = appSession;
  void opened.checked.then((problems) => (problems.length ? offerRestore(opened) : undefined));
});

let appSession: AppSession | null = null;

app.on('window-all-closed', async () => {
  await appSession?.stop();
  app.quit();
});
