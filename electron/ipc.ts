/**
 * The parts of the Electron main process that need no Electron: deciding whether an IPC call
 * may reach the core, forwarding it, and mapping app:// URLs to files. Kept here so they run
 * (and are tested) under plain Node.
 */
import { join, normalize, sep } from 'node:path';
import { type Api, callMethod, MnemoError } from '../core/index.ts';

export const APP_ORIGIN = 'app://mnemo';

export type Reply = { ok: true; result: unknown } | { ok: false; error: { type: string; message: string } };

/** Forwards one IPC call to the service API, only from our own window's page. */
export function forwardCall(
  api: Api,
  fromOwnWindow: boolean,
  frameUrl: string,
  method: unknown,
  args: unknown,
): Reply {
  if (!fromOwnWindow || !frameUrl.startsWith(`${APP_ORIGIN}/`)) {
    return { ok: false, error: { type: 'Unauthorized', message: 'IPC from an unknown sender' } };
  }
  try {
    return { ok: true, result: callMethod(api, String(method), args) ?? null };
  } catch (e) {
    const error = e instanceof MnemoError ? e.toJSON() : { type: 'Internal', message: (e as Error).message };
    return { ok: false, error };
  }
}

/** The file an app:// URL names: the built renderer, or card media under /media/; null if it escapes. */
export function appFile(url: string, rendererDir: string, mediaDir: string): string | null {
  const { pathname } = new URL(url);
  const [root, rel] = pathname.startsWith('/media/')
    ? [mediaDir, pathname.slice(7)]
    : [rendererDir, pathname === '/' ? 'index.html' : pathname];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return null;
  }
  const file = normalize(join(root, decoded));
  return file.startsWith(root + sep) ? file : null;
}
