/**
 * The one client interface every component uses to reach the core. Two transports: the
 * Electron preload's `window.mnemo` (IPC) and HTTP to the browser-mode server. Components
 * never know which one they have.
 */
import type { MethodArgs, MethodName, MethodResult } from '../../../core/api/service.ts';

export type { MethodArgs, MethodName, MethodResult };

export interface MnemoClient {
  call<M extends MethodName>(method: M, args?: MethodArgs<M>): Promise<MethodResult<M>>;
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
}

declare global {
  interface Window {
    mnemo?: IpcBridge;
  }
}

export function ipcClient(bridge: IpcBridge): MnemoClient {
  return {
    async call(method, args) {
      const reply = await bridge.call(method, args ?? {});
      if (!reply.ok) throw new ApiError(reply.error.type, reply.error.message);
      return reply.result as never;
    },
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
  };
}

/** The client for wherever the renderer runs. */
export function createClient(): MnemoClient {
  return typeof window !== 'undefined' && window.mnemo ? ipcClient(window.mnemo) : httpClient();
}
