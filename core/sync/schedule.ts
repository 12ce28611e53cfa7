/**
 * When the app syncs by itself: once it has started, every few minutes while open, and when
 * it closes. Only when sync is set up; a failure is logged and tried again next time, never
 * in the way of reviewing.
 */
import type { Collection } from '../store/collection.ts';
import { runSync } from './run.ts';

export const SYNC_EVERY_MS = 5 * 60 * 1000;

function syncQuietly(col: Collection): void {
  if (!col.db.open || col.damage || !col.settings().syncFolder) return;
  try {
    const r = runSync(col);
    if (r.error) console.error(`mnemo: sync: ${r.error}`);
  } catch (e) {
    console.error(`mnemo: sync failed (will retry): ${(e as Error).message}`);
  }
}

/** Syncs now and every `every` ms; the returned function stops that and syncs a last time. */
export function scheduleSync(col: Collection, every = SYNC_EVERY_MS): () => void {
  syncQuietly(col);
  const timer = setInterval(() => syncQuietly(col), every);
  timer.unref();
  return () => {
    clearInterval(timer);
    syncQuietly(col);
  };
}
