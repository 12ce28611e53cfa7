/**
 * The `sync` group of the service API: what Settings → Sync shows, and "Sync now". Setting
 * the folder up is not a service method (`mnemo sync init DIR`): like deck folders, nothing
 * that can call the API may make Mnemo read or write a path of its choosing.
 */
import type { Collection } from '../store/collection.ts';
import { runSync } from '../sync/run.ts';
import { syncStatus } from '../sync/setup.ts';
import { method, noArgs } from './define.ts';

export function syncApi(col: Collection) {
  return {
    /** The folder, this device, the devices seen and when each last wrote, the last sync, unreadable lines. */
    status: method(noArgs, () => syncStatus(col)),
    /** Syncs now; a missing or unreadable folder is reported in `error`, never thrown. */
    run: method(noArgs, () => runSync(col)),
  };
}
