/**
 * Just enough protobuf to read the messages Anki's new format stores as bytes: the package
 * `meta`, the media map, and the config blobs of note types, decks and deck configs in a
 * schema-18 collection (messages in ankitects/anki proto/anki/*.proto). A message decodes to
 * its fields by number; the readers pick the numbers they need. Malformed input throws.
 */

export class ProtobufError extends Error {}

export type Field =
  | { wire: 0; value: number }
  | { wire: 1 | 5; bytes: Uint8Array }
  | { wire: 2; bytes: Uint8Array };

export type Message = Map<number, Field[]>;

function varint(buf: Uint8Array, at: { p: number }): number {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const b = buf[at.p++];
    if (b === undefined) throw new ProtobufError('truncated varint');
    result += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return result;
    scale *= 128;
  }
  throw new ProtobufError('varint too long');
}

export function decode(buf: Uint8Array): Message {
  const out: Message = new Map();
  const at = { p: 0 };
  while (at.p < buf.length) {
    const key = varint(buf, at);
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (number === 0) throw new ProtobufError('field number 0');
    let field: Field;
    if (wire === 0) field = { wire, value: varint(buf, at) };
    else if (wire === 1 || wire === 5) {
      const len = wire === 1 ? 8 : 4;
      if (at.p + len > buf.length) throw new ProtobufError('truncated fixed field');
      field = { wire, bytes: buf.subarray(at.p, at.p + len) };
      at.p += len;
    } else if (wire === 2) {
      const len = varint(buf, at);
      if (at.p + len > buf.length) throw new ProtobufError('truncated length-delimited field');
      field = { wire, bytes: buf.subarray(at.p, at.p + len) };
      at.p += len;
    } else throw new ProtobufError(`unsupported wire type ${wire}`);
    const list = out.get(number);
    if (list) list.push(field);
    else out.set(number, [field]);
  }
  return out;
}

/** The last value of a varint field (proto3: the last one wins), or `fallback`. */
export function uint(m: Message, n: number, fallback = 0): number {
  const f = m.get(n)?.at(-1);
  return f && f.wire === 0 ? f.value : fallback;
}

/** A signed int64 stored as a plain varint (two's complement over 64 bits). */
export function int64(m: Message, n: number, fallback = 0): number {
  const v = uint(m, n, fallback);
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}

export function bytes(m: Message, n: number): Uint8Array | undefined {
  const f = m.get(n)?.at(-1);
  return f && f.wire === 2 ? f.bytes : undefined;
}

export function string(m: Message, n: number, fallback = ''): string {
  const b = bytes(m, n);
  return b ? new TextDecoder('utf-8', { fatal: false }).decode(b) : fallback;
}

export function message(m: Message, n: number): Message | undefined {
  const b = bytes(m, n);
  return b ? decode(b) : undefined;
}

export function repeatedMessages(m: Message, n: number): Message[] {
  return (m.get(n) ?? []).flatMap((f) => (f.wire === 2 ? [decode(f.bytes)] : []));
}

const f32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);

/** A float field (fixed32), or undefined. */
export function float(m: Message, n: number): number | undefined {
  const f = m.get(n)?.at(-1);
  return f && f.wire === 5 ? f32(f.bytes) : undefined;
}

/** A repeated float field, packed (one length-delimited run) or not. */
export function floats(m: Message, n: number): number[] {
  const out: number[] = [];
  for (const f of m.get(n) ?? []) {
    if (f.wire === 5) out.push(f32(f.bytes));
    else if (f.wire === 2) {
      if (f.bytes.length % 4) throw new ProtobufError('a packed float list of odd length');
      for (let i = 0; i < f.bytes.length; i += 4) out.push(f32(f.bytes.subarray(i, i + 4)));
    }
  }
  return out;
}
