/**
 * The parts of the Electron main process that need no Electron: deciding whether an IPC call
 * may reach the core, forwarding it, and mapping app:// URLs to files. Kept here so they run
 * (and are tested) under plain Node.
 */
import { closeSync, createReadStream, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isInside } from '../core/compiler/deck-image.ts';
import { openMedia } from '../core/compiler/media-file.ts';
import { cardSourceFile } from '../core/edit/edit-note.ts';
import { type Api, type Collection, callMethod, type MethodName, MnemoError } from '../core/index.ts';

export const APP_ORIGIN = 'app://mnemo';

export type Reply = { ok: true; result: unknown } | { ok: false; error: { type: string; message: string } };

/**
 * The service methods the renderer calls, and no others: a script that got into the page
 * cannot reach the rest (test/unit/electron-ipc.test.ts checks this list against renderer/src).
 */
export const RENDERER_METHODS: ReadonlySet<string> = new Set<MethodName>([
  'decks.list',
  'decks.folders',
  'decks.removeFolder',
  'decks.compile',
  'decks.bundledUpdate',
  'decks.dismissBundledUpdate',
  'review.next',
  'review.counts',
  'review.answer',
  'review.undo',
  'review.card',
  'cards.get',
  'cards.search',
  'cards.suspend',
  'cards.unsuspend',
  'cards.bury',
  'cards.flag',
  'cards.reset',
  'cards.reposition',
  'notes.editable',
  'notes.edit',
  'notes.append',
  'notes.files',
  'presets.list',
  'presets.update',
  'presets.create',
  'presets.rename',
  'presets.delete',
  'decks.setPreset',
  'settings.get',
  'settings.update',
  'export.run',
  'export.progress',
  'import.preview',
  'import.run',
  'backups.list',
  'backups.create',
  'backups.restore',
  'sync.status',
  'sync.run',
  'stats.today',
  'stats.forecast',
  'stats.history',
  'stats.screen',
  'exams.list',
  'exams.get',
  'exams.create',
  'exams.update',
  'exams.delete',
  'exams.forecast',
  'exams.plan',
  'cram.start',
  'cram.answer',
  'optimize.status',
  'optimize.run',
  'optimize.progress',
  'optimize.cancel',
  'optimize.apply',
  'optimize.revert',
  'optimize.simulate',
]);

export const unauthorized: Reply = {
  ok: false,
  error: { type: 'Unauthorized', message: 'IPC from an unknown sender' },
};

/** Whether an IPC message comes from our own window showing our own page. */
export function fromOwnPage(fromOwnWindow: boolean, frameUrl: string): boolean {
  return fromOwnWindow && frameUrl.startsWith(`${APP_ORIGIN}/`);
}

const failure = (e: unknown): Reply => ({
  ok: false,
  error: e instanceof MnemoError ? e.toJSON() : { type: 'Internal', message: (e as Error).message },
});

/**
 * Runs `fn` as an IPC reply: its result, or the error as the HTTP API would give it. An async
 * method (an export) gives a promise of the reply, which ipcMain.handle awaits.
 */
export function reply(fn: () => unknown): Reply | Promise<Reply> {
  const ok = (result: unknown): Reply => ({ ok: true, result: result ?? null });
  try {
    const result = fn();
    return result instanceof Promise ? result.then(ok, failure) : ok(result);
  } catch (e) {
    return failure(e);
  }
}

/** Forwards one IPC call to the service API, only from our own window's page and only the renderer's methods. */
export function forwardCall(
  api: Api,
  fromOwnWindow: boolean,
  frameUrl: string,
  method: unknown,
  args: unknown,
): Reply | Promise<Reply> {
  if (!fromOwnPage(fromOwnWindow, frameUrl)) return unauthorized;
  if (typeof method !== 'string' || !RENDERER_METHODS.has(method)) {
    return { ok: false, error: { type: 'NotFound', message: `unknown method "${String(method)}"` } };
  }
  return reply(() => callMethod(api, method, args));
}

/**
 * "Open in editor": the card's Markdown file, found and checked by the core exactly as an edit
 * checks it (inside a deck folder, a .md deck file), opened by `open` (Electron's
 * shell.openPath, which answers '' or an error message). The page names only a card id, never
 * a path, so it cannot make the OS open anything else (an executable, say).
 */
export async function openCardSource(
  col: Collection,
  fromOwnWindow: boolean,
  frameUrl: string,
  cardId: unknown,
  open: (path: string) => Promise<string>,
): Promise<Reply> {
  if (!fromOwnPage(fromOwnWindow, frameUrl)) return unauthorized;
  try {
    if (typeof cardId !== 'number' || !Number.isSafeInteger(cardId) || cardId <= 0)
      throw new MnemoError('InvalidArgument', 'cardId: a card id');
    const path = cardSourceFile(col, cardId);
    const failed = await open(path);
    if (failed) throw new MnemoError('Internal', `${path}: ${failed}`);
    return { ok: true, result: path };
  } catch (e) {
    return failure(e);
  }
}

export type AppFile = { renderer: string } | { media: string };

/**
 * What an app:// URL names: a file of the built renderer (its real path, inside the folder),
 * or a card media file by name; null for anything else. The path is decoded once and then
 * must hold no `%` (a second decoding, e.g. by a file:// URL made from it, would turn
 * `%2e%2e` into `..`), no `.`/`..` segment, no backslash or NUL.
 */
export function appFile(url: string, rendererDir: string): AppFile | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'app:' || u.host !== 'mnemo') return null;
  const media = u.pathname.startsWith('/media/');
  const rel = media ? u.pathname.slice(7) : u.pathname === '/' ? 'index.html' : u.pathname.slice(1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  if (/[%\\\0]/.test(decoded) || decoded.split('/').some((s) => s === '.' || s === '..')) return null;
  if (media) return decoded.includes('/') ? null : { media: decoded };
  try {
    const root = realpathSync(rendererDir);
    const real = realpathSync(join(root, decoded));
    return isInside(root, real) ? { renderer: real } : null;
  } catch {
    return null;
  }
}

/** A card media file as an app:// response, under the same rules as the HTTP server's /media/. */
export function mediaResponse(dir: string, name: string): Response {
  const file = openMedia(dir, name);
  if (!file) return new Response('not found', { status: 404 });
  if (file.size === 0) {
    closeSync(file.fd);
    return new Response(null, { headers: file.headers });
  }
  const body = Readable.toWeb(createReadStream('', { fd: file.fd, start: 0 })) as ReadableStream;
  return new Response(body, { headers: { ...file.headers, 'content-length': String(file.size) } });
}
