import { randomFillSync } from 'node:crypto';

/** Two hex digits for each byte value. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Random bytes drawn from the system's CSPRNG 16 KiB at a time: an import makes a million
 * ids, and a draw per id (randomUUID, or randomBytes, 10x slower still) cost more than the
 * rest of the id.
 */
const pool = Buffer.alloc(16 * 1024);
let used = pool.length;

const hex = (b: number) => HEX[b]!;

/** The time as 12 hex digits (or more, past 2^48 ms, and with a point when it is fractional, as toString gives it). */
function timeHex(ms: number): string {
  if (!(Number.isInteger(ms) && ms >= 0 && ms < 2 ** 48)) return ms.toString(16).padStart(12, '0');
  const hi = Math.floor(ms / 0x1000000);
  const lo = ms % 0x1000000;
  return (
    hex(hi >>> 16) +
    hex((hi >>> 8) & 255) +
    hex(hi & 255) +
    hex(lo >>> 16) +
    hex((lo >>> 8) & 255) +
    hex(lo & 255)
  );
}

/**
 * A UUIDv7 (RFC 9562): 48 bits of milliseconds, then 74 random bits (the version and
 * variant fixed), so ids are globally unique across devices and still sort by time.
 */
export function uuidv7(ms: number): string {
  if (used + 10 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const p = pool;
  const r = used;
  used += 10;
  const t = timeHex(ms);
  const random = `${hex(p[r]! & 15)[1]}${hex(p[r + 1]!)}-${hex((p[r + 2]! & 0x3f) | 0x80)}${hex(p[r + 3]!)}`;
  const node =
    hex(p[r + 4]!) + hex(p[r + 5]!) + hex(p[r + 6]!) + hex(p[r + 7]!) + hex(p[r + 8]!) + hex(p[r + 9]!);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${random}-${node}`;
}

/**
 * UUIDv7s that sort in the order they are made (RFC 9562 §6.2, method 2): within one
 * millisecond each id is the previous one plus one in its last 32 bits. A bulk load makes
 * thousands of ids in one millisecond; drawn at random they land at random places in the
 * guid index, in order they go to its end (a 100,000-note compile: about 60 ms less
 * storing). Each millisecond's run starts from a fresh uuidv7, so ids stay as unique as its
 * 74 random bits (one less: the counter's top bit starts clear, leaving 2^31 ids of room).
 */
export class SortedUuidv7 {
  private ms = Number.NaN;
  private head = '';
  private low = 0;

  next(ms: number): string {
    if (ms === this.ms && this.low < 0xffffffff) {
      this.low++;
      return this.head + this.low.toString(16).padStart(8, '0');
    }
    const id = uuidv7(ms);
    this.ms = ms;
    this.head = id.slice(0, 28);
    this.low = Number.parseInt(id.slice(28), 16) & 0x7fffffff;
    return this.head + this.low.toString(16).padStart(8, '0');
  }
}
