/**
 * The one client interface every component uses to reach the core. Two transports: the
 * Electron preload's `window.mnemo` (IPC) and HTTP to the browser-mode server. Components
 * never know which one they have.
 */
import type { MethodArgs, MethodName, MethodResult } from '../../../core/api/service.ts';

export type { MethodArgs, MethodName, MethodResult };

export interface MnemoClient {
  call<M extends MethodName>(method: M, args?: MethodArgs<M>): Promise<Awaited<MethodResult<M>>>;
  /** Hands a file the user chose (an <input type=file>) to the app for import: its upload id. */
  upload(file: File): Promise<string>;
  /**
   * Electron: the system's open dialog, the file copied in (null when cancelled). The browser
   * has no such thing: undefined, and the page uses a file input and `upload`.
   */
  pickImport?: () => Promise<{ uploadId: string; name: string } | null>;
  /** Saves a finished export where the user chooses: a download, or Electron's save dialog. */
  saveExport(name: string): Promise<void>;
  /**
   * Electron: opens a card's Markdown file in the system's default editor. The browser mode
   * has none (the server may be another machine): undefined, and the page offers no button.
   */
  openInEditor?: (cardId: number) => Promise<void>;
}

export type ApiErrorType =
  | 'NotFound'
  | 'InvalidArgument'
  | 'Conflict'
  | 'Unauthorized'
  | 'DiskFull'
  | 'Busy'
  | 'ReadOnly'
  | 'Corrupt'
  | 'Internal';

export class ApiError extends Error {
  constructor(
    readonly type: ApiErrorType,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

type Reply = { ok: true; result: unknown } | { ok: false; error: { type: ApiErrorType; message: string } };

/** What the Electron preload exposes as `window.mnemo` (see electron/preload.ts). */
export interface IpcBridge {
  call(method: string, args: unknown): Promise<Reply>;
  /** Electron only: the user picks a deck folder in the system dialog (result: its path, or null). */
  addDeckFolder?(): Promise<Reply>;
  saveExport?(name: string): Promise<Reply>;
  pickImport?(): Promise<Reply>;
  /** Electron only: the main process finds the card's deck file itself; the page never names a path. */
  openInEditor?(cardId: number): Promise<Reply>;
}

function unwrap(reply: Reply): unknown {
  if (!reply.ok) throw new ApiError(reply.error.type, reply.error.message);
  return reply.result;
}

declare global {
  interface Window {
    mnemo?: IpcBridge;
  }
}

export function ipcClient(bridge: IpcBridge): MnemoClient {
  return {
    async call(method, args) {
      return unwrap(await bridge.call(method, args ?? {})) as never;
    },
    async upload() {
      // Electron picks files with the system dialog (pickImport); the page never reads paths.
      throw new ApiError('InvalidArgument', 'use the file dialog');
    },
    pickImport: bridge.pickImport
      ? async () => unwrap(await bridge.pickImport!()) as { uploadId: string; name: string } | null
      : undefined,
    async saveExport(name) {
      if (bridge.saveExport) unwrap(await bridge.saveExport(name));
    },
    openInEditor: bridge.openInEditor
      ? async (cardId) => {
          unwrap(await bridge.openInEditor!(cardId));
        }
      : undefined,
  };
}

/** HTTP transport: POST /api/<method>; the per-launch token travels in an HttpOnly cookie. */
export function httpClient(base = ''): MnemoClient {
  return {
    async call(method, args) {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
      const body = (await res.json().catch(() => null)) as {
        error?: { type: ApiErrorType; message: string };
      } | null;
      if (!res.ok) {
        throw new ApiError(body?.error?.type ?? 'Internal', body?.error?.message ?? `HTTP ${res.status}`);
      }
      return body as never;
    },
    async upload(file) {
      const res = await fetch(`${base}/upload`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/octet-stream' },
        body: file,
      });
      const body = (await res.json().catch(() => null)) as {
        uploadId?: string;
        error?: { type: ApiErrorType; message: string };
      } | null;
      if (!res.ok || !body?.uploadId) {
        throw new ApiError(body?.error?.type ?? 'Internal', body?.error?.message ?? `HTTP ${res.status}`);
      }
      return body.uploadId;
    },
    async saveExport(name) {
      // A download: the server answers /exports/<name> as an attachment.
      const a = document.createElement('a');
      a.href = `${base}/exports/${encodeURIComponent(name)}`;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
    },
  };
}

/** The client for wherever the renderer runs. */
export function createClient(): MnemoClient {
  return typeof window !== 'undefined' && window.mnemo ? ipcClient(window.mnemo) : httpClient();
}
