/** Entry point of the core: open a collection and get its service API. */
import { type Api, createApi } from './api/service.ts';
import { type Clock, Collection } from './store/collection.ts';
import { collectionPath, defaultDataDir } from './store/paths.ts';
import { canWrite } from './store/readonly-copy.ts';

export { type Api, callMethod, type MethodArgs, type MethodName, type MethodResult } from './api/service.ts';
export { MnemoError } from './errors.ts';
export { Collection } from './store/collection.ts';
export { collectionPath, defaultDataDir } from './store/paths.ts';

export interface Mnemo {
  col: Collection;
  api: Api;
  dataDir: string;
  close(): void;
}

export interface OpenMnemoOptions {
  dataDir?: string;
  clock?: Clock;
  /**
   * true: read-only. 'if-not-writable': read-write, or read-only where the folder or file
   * cannot be written (for reading commands such as `mnemo stats` and `mnemo export`).
   */
  readonly?: boolean | 'if-not-writable';
}

export function openMnemo(options: OpenMnemoOptions = {}): Mnemo {
  const dataDir = options.dataDir ?? defaultDataDir();
  const path = collectionPath(dataDir);
  const readonly = options.readonly === 'if-not-writable' ? !canWrite(path) : options.readonly;
  const col = new Collection(path, { clock: options.clock, readonly });
  return { col, api: createApi(col), dataDir, close: () => col.close() };
}
