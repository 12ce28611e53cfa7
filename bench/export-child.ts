/**
 * One measured run of the Anki export or import, in its own process so its peak RSS is its
 * own (the parent has the benchmark collection's build and other benchmarks in memory).
 * Prints one JSON line. Usage:
 *   tsx bench/export-child.ts export DATA_DIR OUT.apkg with|without NOW
 *   tsx bench/export-child.ts floor PACKAGE.apkg OUT.apkg
 *   tsx bench/export-child.ts import PACKAGE.apkg EMPTY_DATA_DIR NOW [inline]
 *   tsx bench/export-child.ts import-floor PACKAGE.apkg EMPTY_DATA_DIR NOW
 *   tsx bench/export-child.ts read PACKAGE.apkg NOW
 *   tsx bench/export-child.ts peer NOTES RUNS OUT.apkg
 * The peer (anki-apkg-export: sql.js, which installs process-wide exception handlers on
 * load) runs only here, never in the benchmark's own process.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { exportApkg } from '../core/export/apkg/index.ts';
import { readAnkiPackage } from '../core/import/apkg/index.ts';
import { applyBatch } from '../core/import/apply.ts';
import { openMnemo } from '../core/index.ts';
import { buildPendingIndexes } from '../core/store/pending-indexes.ts';
import { importFloor } from './import-floor.ts';
import { peerBack, peerFront } from './peer-notes.ts';

const rssMb = () => process.resourceUsage().maxRSS / 1024;
const [mode, a, b, c, d] = process.argv.slice(2);

if (mode === 'export') {
  const now = Number(d);
  const m = openMnemo({ dataDir: a!, clock: () => now });
  const t = performance.now();
  const result = await exportApkg(m.col, b!, { withHistory: c === 'with' });
  const ms = performance.now() - t;
  m.close();
  console.log(JSON.stringify({ ms, rssMb: rssMb(), result }));
} else if (mode === 'floor') {
  // The floor: the same rows (read back from Mnemo's package, untimed) written into a fresh
  // schema-11 file with plain better-sqlite3 inserts, then deflated by zlib.
  const unzipped = zlib.inflateRawSync(packageMember(a!, 'collection.anki2'));
  const source = new Database(unzipped);
  const schema = (
    source.prepare("SELECT sql FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  ).join(';\n');
  const tables = ['col', 'notes', 'cards', 'revlog'];
  const rows = Object.fromEntries(tables.map((t) => [t, source.prepare(`SELECT * FROM ${t}`).raw().all()]));
  source.close();
  const path = `${b!}.floor.anki2`;
  const t = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(schema);
  db.transaction(() => {
    for (const table of tables) {
      const first = rows[table]![0] as unknown[] | undefined;
      if (!first) continue;
      const insert = db.prepare(`INSERT INTO ${table} VALUES (${first.map(() => '?').join(', ')})`);
      for (const row of rows[table]!) insert.run(row as unknown[]);
    }
  })();
  db.close();
  writeFileSync(b!, zlib.deflateRawSync(readFileSync(path)));
  const ms = performance.now() - t;
  rmSync(path);
  console.log(JSON.stringify({ ms, rssMb: rssMb() }));
} else if (mode === 'import-floor') {
  const ms = importFloor(packageMember(a!, 'collection.anki2'), b!, Number(c));
  console.log(JSON.stringify({ ms, rssMb: rssMb() }));
} else if (mode === 'read') {
  const t = performance.now();
  const batch = readAnkiPackage(a!, { now: Number(b) });
  console.log(JSON.stringify({ ms: performance.now() - t, rssMb: rssMb(), notes: batch.notes.length }));
} else if (mode === 'peer') {
  const deck = createRequire(import.meta.url)('anki-apkg-export').default as (name: string) => {
    addCard(front: string, back: string, o?: { tags?: string[] }): void;
    save(): Promise<Buffer>;
  };
  const times: number[] = [];
  for (let r = 0; r < Number(b) + 2; r++) {
    const t = performance.now();
    const apkg = deck('Bench');
    for (let i = 0; i < Number(a); i++) apkg.addCard(peerFront(i), peerBack(i), { tags: ['bench'] });
    writeFileSync(c!, await apkg.save());
    if (r >= 2) times.push(performance.now() - t); // two runs warm up, as on Mnemo's side
  }
  console.log(
    JSON.stringify({ ms: times.sort((x, y) => x - y)[Math.floor(times.length / 2)], times, rssMb: rssMb() }),
  );
} else if (mode === 'import') {
  const now = Number(c);
  const m = openMnemo({ dataDir: b!, clock: () => now });
  let t = performance.now();
  const batch = readAnkiPackage(a!, { now });
  const readMs = performance.now() - t;
  t = performance.now();
  let replays = {};
  const summary = applyBatch(m.col, batch, {
    dryRun: false,
    onReplayed: (stats) => {
      replays = stats;
    },
    ...(d === 'inline' ? { workerReviews: Number.POSITIVE_INFINITY } : {}),
  });
  const applyMs = performance.now() - t;
  const importRss = rssMb();
  // The indexes the bulk load left for later (the app's idle time or the first query naming them).
  t = performance.now();
  const laterIndexes = buildPendingIndexes(m.col.db);
  const laterMs = performance.now() - t;
  m.close();
  console.log(
    JSON.stringify({
      ms: readMs + applyMs,
      readMs,
      applyMs,
      laterMs,
      laterIndexes,
      rssMb: importRss,
      notes: summary.notesAdded,
      reviews: summary.reviewsAdded,
      replays,
    }),
  );
} else {
  throw new Error(`unknown mode ${mode}`);
}

/** One member of a zip (the floor reads Mnemo's own output back; a minimal central-directory walk). */
function packageMember(path: string, name: string): Buffer {
  const buf = readFileSync(path);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const nameLength = buf.readUInt16LE(p + 28);
    const entry = buf.subarray(p + 46, p + 46 + nameLength).toString();
    const offset = buf.readUInt32LE(p + 42);
    const size = buf.readUInt32LE(p + 20);
    if (entry === name) {
      const start = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
      return buf.subarray(start, start + size);
    }
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error(`${name} not in ${path}`);
}
