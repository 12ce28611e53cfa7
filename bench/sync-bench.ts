/**
 * Sync benchmarks on a copy of the 100,000-card collection, its 1,000,000 answers already
 * synced: merging 100,000 new events from another device, a sync with nothing new, and the
 * size on disk of a year of a heavy user's events. Floors, in the
 * same run: reading and parsing the same lines, ts-fsrs stepping the same answers and one
 * INSERT each in one transaction; a directory listing and a stat of every file.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Grade } from 'ts-fsrs';
import { collectionPath, openMnemo } from '../core/index.ts';
import type { CardRow } from '../core/model/types.ts';
import { uuidv7 } from '../core/review/uuid.ts';
import { nextState } from '../core/scheduler/fsrs.ts';
import { currentDevice } from '../core/sync/device.ts';
import { encodeEvent, type SyncEvent } from '../core/sync/events.ts';
import { ROOT, segmentName } from '../core/sync/folder.ts';
import { runSync } from '../core/sync/run.ts';
import { recordPhases, takePhases } from '../core/util/phases.ts';
import { seededRandom } from '../core/util/random.ts';
import { type Row, summarize, time } from './table.ts';

const EVENTS = 100_000;
const OTHER = 'b0b0b0b0b0b0b0b0';

/** This (main) thread's CPU time in ms, where Linux's /proc tells it (10 ms ticks), else null. */
function mainThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, the 14th and 15th fields of the line (11th and 12th after the name).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Every segment under the folder, for the floors. */
function segmentPaths(folder: string): string[] {
  const root = join(folder, ROOT);
  return readdirSync(root).flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(root, d, f)),
  );
}

/** Bytes on disk of a year of 300 answers a day, in day segments, as this format writes them. */
function yearOfEvents(now: number): { bytes: number; files: number } {
  const rand = seededRandom(7);
  const days = new Map<string, number>();
  for (let day = 0; day < 365; day++) {
    for (let i = 0; i < 300; i++) {
      const at = now + day * 86_400_000 + i * 90_000;
      const note = Math.floor(rand() * 0xffffffff)
        .toString(16)
        .padStart(8, '0');
      const line = encodeEvent({
        id: uuidv7(at),
        dev: OTHER,
        at,
        n: day * 300 + i + 1,
        card: `${note}/${Math.floor(rand() * 2)}`,
        type: 'answer',
        rating: 1 + Math.floor(rand() * 4),
        ms: 2000 + Math.floor(rand() * 20_000),
      });
      const name = segmentName(at);
      days.set(name, (days.get(name) ?? 0) + Buffer.byteLength(line));
    }
  }
  return { bytes: [...days.values()].reduce((a, b) => a + b, 0), files: days.size };
}

const SYNC_ONLY = fileURLToPath(new URL('./sync-only.ts', import.meta.url));

/**
 * `syncBench` in a process of its own, as the import's benchmark runs: the merge then meets the
 * heap and threads a sync meets in the app, not what the benchmarks before it left behind.
 */
export function syncBenchInChild(dir: string, now: number): { rows: Row[]; notes: string[] } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', SYNC_ONLY, dir, String(now), '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const { rows, notes } = JSON.parse(out.trim().split('\n').at(-1)!) as {
    rows: (Row & { metValue?: boolean })[];
    notes: string[];
  };
  return {
    rows: rows.map(({ metValue, ...r }) => (metValue === undefined ? r : { ...r, met: () => metValue })),
    notes,
  };
}

/** `phases`: the merge's phases (core/util/phases.ts) printed in the notes, wall and merging-thread CPU. */
export function syncBench(
  dir: string,
  now: number,
  options: { phases?: boolean } = {},
): { rows: Row[]; notes: string[] } {
  const work = mkdtempSync(join(tmpdir(), 'mnemo-bench-sync-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const data = join(work, 'data');
    const folder = join(work, 'folder');
    mkdirSync(data);
    mkdirSync(folder);
    for (const suffix of ['', '-wal']) {
      if (existsSync(collectionPath(dir) + suffix))
        copyFileSync(collectionPath(dir) + suffix, collectionPath(data) + suffix);
    }
    let clock = now;
    const m = openMnemo({ dataDir: data, clock: () => clock });
    const { col } = m;
    try {
      // Sync as after it has run a while: every answer so far is an event of this device,
      // merged and written, each card's row its head. (Setting sync up on this collection
      // replays every card's history once: minutes; measured on its own, see README.)
      col.tx(() => col.writeSettings({ syncFolder: folder }));
      const self = currentDevice(col).device.id;
      col.tx(() => {
        col.db
          .prepare(
            `INSERT INTO sync_events (id, dev, at, n, card, type, rating, ms, outbox, merged)
             SELECT r.id, ?, r.reviewed_at, r.seq, 'g:' || n.guid || '/' || c.ord, 'answer', max(r.rating, 1), r.duration_ms, 0, 1
             FROM review_log r JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id`,
          )
          .run(self);
        col.db
          .prepare(
            `INSERT INTO sync_heads (card, event, logs)
             SELECT 'g:' || n.guid || '/' || c.ord, (SELECT r.id FROM review_log r WHERE r.card_id = c.id ORDER BY reviewed_at DESC, id DESC LIMIT 1),
               (SELECT count(*) FROM review_log r WHERE r.card_id = c.id)
             FROM cards c JOIN notes n ON n.id = c.note_id WHERE EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = c.id)`,
          )
          .run();
        // Each head's place in replay order, as a merge writes it.
        col.db
          .prepare(
            'UPDATE sync_heads SET (at, dev, n) = (SELECT at, dev, n FROM sync_events e WHERE e.id = sync_heads.event)',
          )
          .run();
      });

      // Checkpointed, as the app leaves the collection a second after its last write (store/
      // collection.ts), not with the set-up's million rows still in the WAL for every read to
      // look up (in three alternate pairs the merge took 4.63-4.74 s so, 4.74-5.42 s without).
      col.db.pragma('wal_checkpoint(TRUNCATE)');

      // 100,000 answers another device made over the following 70 days, on cards drawn at random.
      const rand = seededRandom(15);
      const keys = col.db
        .prepare(
          "SELECT c.id, 'g:' || n.guid || '/' || c.ord AS key FROM cards c JOIN notes n ON n.id = c.note_id",
        )
        .all() as { id: number; key: string }[];
      const files = new Map<string, string[]>();
      const events: (SyncEvent & { cardId: number })[] = [];
      for (let i = 0; i < EVENTS; i++) {
        const at = now + 60_000 + i * 60_000;
        const k = keys[Math.floor(rand() * keys.length)]!;
        const e = {
          id: uuidv7(at),
          dev: OTHER,
          at,
          n: i + 1,
          card: k.key,
          type: 'answer' as const,
          rating: 1 + Math.floor(rand() * 4),
          ms: 5000,
        };
        events.push({ ...e, cardId: k.id });
        const name = segmentName(at);
        if (!files.has(name)) files.set(name, []);
        files.get(name)!.push(encodeEvent(e));
      }
      mkdirSync(join(folder, ROOT, OTHER), { recursive: true });
      for (const [name, lines] of files) writeFileSync(join(folder, ROOT, OTHER, name), lines.join(''));
      clock = now + 71 * 86_400_000;

      // Floor: read and parse the lines, step each answer with ts-fsrs, one INSERT each, one transaction.
      const scratch = col.db;
      scratch.exec('CREATE TEMP TABLE bench_floor (id TEXT PRIMARY KEY, card INTEGER, after TEXT)');
      const insert = scratch.prepare('INSERT INTO bench_floor VALUES (?, ?, ?)');
      // CPU time too: on a loaded machine it is disturbed less than the time on the clock.
      const cpuMs = (fn: () => void) => {
        const before = process.cpuUsage();
        fn();
        const used = process.cpuUsage(before);
        return (used.user + used.system) / 1000;
      };
      let floorCpu = 0;
      const floorMs = time(() => {
        floorCpu = cpuMs(() => {
          const byCard = new Map<number, CardRow>();
          let parsed = 0;
          for (const f of segmentPaths(folder).filter((p) => p.includes(OTHER))) {
            for (const line of readFileSync(f, 'utf8').split('\n'))
              if (line) parsed += JSON.parse(line.slice(0, line.lastIndexOf('\t'))).at > 0 ? 1 : 0;
          }
          scratch.transaction(() => {
            for (const e of events) {
              const row = byCard.get(e.cardId) ?? col.card(e.cardId)!;
              const after = nextState(col.presetOfDeck(row.deck_id), row, e.at, e.rating as Grade, 4);
              byCard.set(e.cardId, { ...row, ...after });
              insert.run(e.id, e.cardId, JSON.stringify(after));
            }
          })();
          if (parsed !== EVENTS) throw new Error(`parsed ${parsed} lines`);
        });
      });
      let report: ReturnType<typeof runSync> | undefined;
      let mergeCpu = 0;
      if (options.phases) recordPhases();
      const mainBefore = mainThreadCpuMs();
      const mergeMs = time(() => {
        mergeCpu = cpuMs(() => {
          report = runSync(col);
        });
      });
      const mainAfter = mainThreadCpuMs();
      for (const [name, t] of takePhases())
        notes.push(
          `  phase ${name.padEnd(40)} wall ${t.wallMs.toFixed(0).padStart(6)} ms, CPU ${t.cpuMs.toFixed(0).padStart(6)} ms (x${t.count})`,
        );
      // The merge steps its cards on the replay worker: the process's CPU time counts both threads.
      const main =
        mainBefore === null || mainAfter === null
          ? ''
          : `, ${((mainAfter - mainBefore) / 1000).toFixed(2)} s of it on the merging thread`;
      notes.push(
        `(s1) in CPU time: the merge ${(mergeCpu / 1000).toFixed(2)} s${main}, its floor ${(floorCpu / 1000).toFixed(2)} s (${(mergeCpu / floorCpu).toFixed(1)}x)`,
      );
      if (report?.in !== EVENTS || report.error) throw new Error(`merge: ${JSON.stringify(report)}`);
      rows.push({
        name: `(s1) sync: merge ${EVENTS.toLocaleString()} events from another device (${report.rederived.toLocaleString()} cards)`,
        median: mergeMs,
        p99: mergeMs,
        floor: floorMs,
        floorName: 'parse lines + ts-fsrs next() + INSERT each, 1 tx',
        target: '≤ 5,000 ms',
        met: (r) => r.median <= 5000,
      });

      // A sync with nothing new: list the folder, stat every file, nothing to read or write.
      const idle: number[] = [];
      const idleFloor: number[] = [];
      for (let i = 0; i < 21; i++) {
        idle.push(time(() => runSync(col)));
        idleFloor.push(
          time(() => {
            for (const f of segmentPaths(folder)) statSync(f);
          }),
        );
      }
      const fileCount = segmentPaths(folder).length;
      rows.push({
        name: `(s2) sync with nothing new (${fileCount} segment files)`,
        ...summarize(idle),
        floor: summarize(idleFloor).median,
        floorName: 'readdir + stat of every segment',
        target: '≤ 50 ms',
        met: (r) => r.median <= 50,
      });
    } finally {
      m.close();
    }
    const year = yearOfEvents(now);
    notes.push(
      `(s3) one year of a heavy user's events (300 answers a day, ${(300 * 365).toLocaleString()} lines): ${(year.bytes / 1e6).toFixed(1)} MB in ${year.files} day files (printed)`,
    );
    return { rows, notes };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
