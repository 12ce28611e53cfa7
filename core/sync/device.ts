/**
 * This device's sync id: random, stored in the collection with the host and data path it
 * was made for. A data folder copied to another machine (or another path) carries the id
 * along; it is then seen (another host or path, or events under our id that we never made)
 * and a new id is made, so two machines never write one file.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Collection } from '../store/collection.ts';
import type { SyncDevice } from '../store/settings.ts';

const here = (col: Collection) => ({ host: hostname(), path: col.path });

/** A new id for this device; this device's events not yet written move to it. */
export function newDevice(col: Collection): SyncDevice {
  const device = { id: randomBytes(8).toString('hex'), ...here(col) };
  col.tx(() => {
    col.writeSettings({ syncDevice: device });
    col.stmt('UPDATE sync_events SET dev = ? WHERE outbox = 1').run(device.id);
    col.stmt('UPDATE sync_settings SET dev = ? WHERE outbox = 1').run(device.id);
  });
  return device;
}

/** This device's id, made anew when the stored one was made on another host or for another path. */
export function currentDevice(col: Collection): { device: SyncDevice; renewed: boolean } {
  const stored = col.settings().syncDevice;
  const { host, path } = here(col);
  if (stored && stored.host === host && stored.path === path) return { device: stored, renewed: false };
  return { device: newDevice(col), renewed: stored !== null };
}
