/** Entry point of the core: open a collection and get its service API. */
import { type Api, createApi } from './api/service.ts';
import { type Clock, Collection } from './store/collection.ts';
import { collectionPath, defaultDataDir } from './store/paths.ts';

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
  readonly?: boolean;
}

export function openMnemo(options: OpenMnemoOptions = {}): Mnemo {
  const dataDir = options.dataDir ?? defaultDataDir();
  const col = new Collection(collectionPath(dataDir), { clock: options.clock, readonly: options.readonly });
  return { col, api: createApi(col), dataDir, close: () => col.close() };
}
