/**
 * Reading a preset's whole review log is slow in SQLite itself (a million answers take
 * seconds: each row is a table lookup from the card index), so it runs on a worker thread
 * with its own read-only connection, like the integrity check, and comes back as flat typed
 * arrays. The app keeps answering meanwhile; WAL gives the reader a consistent snapshot.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ReviewKind } from '../model/types.ts';
import type { Collection } from '../store/collection.ts';

export const KIND_CODES: readonly ReviewKind[] = ['learning', 'review', 'relearning', 'manual', 'cram'];

/** Row i: card[i], rating[i], kind (an index into KIND_CODES), reviewedAt; by card, then time. */
export interface PackedLog {
  card: Int32Array;
  rating: Uint8Array;
  kind: Uint8Array;
  reviewedAt: Float64Array;
}

const SQL = `SELECT r.card_id, r.rating, r.kind, r.reviewed_at FROM review_log r
  WHERE r.card_id IN (SELECT c.id FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.preset_id = ?)
  ORDER BY r.card_id, r.reviewed_at, r.seq`;

// Plain CommonJS (see integrity.ts): the same under Node, tsx, vitest and Electron's bundle.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const kinds = workerData.kinds;
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true, nativeBinding: workerData.binding });
  let cap = 1 << 16, n = 0;
  let card = new Int32Array(cap), rating = new Uint8Array(cap), kind = new Uint8Array(cap), at = new Float64Array(cap);
  const grow = (a, size) => { const b = new a.constructor(size); b.set(a); return b; };
  for (const r of db.prepare(workerData.sql).raw().iterate(workerData.presetId)) {
    if (n === cap) {
      cap *= 2;
      card = grow(card, cap); rating = grow(rating, cap); kind = grow(kind, cap); at = grow(at, cap);
    }
    card[n] = r[0]; rating[n] = r[1]; kind[n] = kinds.indexOf(r[2]); at[n] = r[3]; n++;
  }
  const out = { card: card.slice(0, n), rating: rating.slice(0, n), kind: kind.slice(0, n), reviewedAt: at.slice(0, n) };
  parentPort.postMessage({ ok: out }, [out.card.buffer, out.rating.buffer, out.kind.buffer, out.reviewedAt.buffer]);
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e) });
} finally {
  if (db) db.close();
}`;

export function readPresetLog(col: Collection, presetId: number): Promise<PackedLog> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        module,
        path: col.path,
        presetId,
        sql: SQL,
        kinds: KIND_CODES,
        binding: process.env.MNEMO_SQLITE_BINDING || undefined,
      },
    });
    worker.once('message', (m: { ok?: PackedLog; error?: string }) =>
      m.ok ? resolve(m.ok) : reject(new Error(`reading the review log: ${m.error}`)),
    );
    worker.once('error', reject);
  });
}
