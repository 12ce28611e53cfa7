/**
 * An independent reader of `.apkg` files for the export tests, written from the format
 * reference (shared/reference/anki-apkg-format.md, i.e. Anki's schema11.sql, the serde
 * structs of rslib/src/{notetype,decks,deckconfig}/schema11.rs and notes/mod.rs), not from
 * Mnemo's exporter: it imports nothing of core/export. `ankiViolations` lists every rule of
 * Anki's that the package breaks; an empty list means Anki would import it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';

type Json = Record<string, unknown>;

export interface ApkgContents {
  files: Record<string, Uint8Array>;
  media: Record<string, string>;
  db: Database.Database;
  col: { crt: number; ver: number; conf: Json; models: Json; decks: Json; dconf: Json; tags: Json };
  close(): void;
}

export function openApkg(path: string): ApkgContents {
  const files = unzipSync(readFileSync(path));
  const dir = mkdtempSync(join(tmpdir(), 'apkg-read-'));
  const dbPath = join(dir, 'collection.anki2');
  writeFileSync(dbPath, files['collection.anki2'] ?? new Uint8Array());
  const db = new Database(dbPath, { readonly: true });
  const row = db.prepare('SELECT * FROM col').get() as Record<string, unknown>;
  const parse = (k: string) => JSON.parse(String(row[k])) as Json;
  return {
    files,
    media: files.media ? (JSON.parse(new TextDecoder().decode(files.media)) as Record<string, string>) : {},
    db,
    col: {
      crt: row.crt as number,
      ver: row.ver as number,
      conf: parse('conf'),
      models: parse('models'),
      decks: parse('decks'),
      dconf: parse('dconf'),
      tags: parse('tags'),
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Anki's strip_html_preserving_media_filenames, as the reference describes it. */
export function ankiStrip(html: string): string {
  let s = html.replace(
    /<(?:img|audio|video|object|source)\b[^>]*?\b(?:src|data)=(?:"([^"]*)"|'([^']*)'|([^ >]*))[^>]*>/gi,
    (_m, a, b, c) => ` ${a ?? b ?? c} `,
  );
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<script[\s\S]*?<\/script>/gi, '');
  s = s.replace(/<[\s\S]*?>/g, '');
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return named[e.toLowerCase()] ?? m;
  });
}

export function ankiChecksum(field0: string): number {
  return Number.parseInt(createHash('sha1').update(ankiStrip(field0)).digest('hex').slice(0, 8), 16);
}

const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const dayCount = (v: unknown) => Array.isArray(v) && v.length === 2 && v.every(isInt);

/** Every rule of Anki's the package breaks (empty: Anki imports it). */
export function ankiViolations(p: ApkgContents): string[] {
  const out: string[] = [];
  const fail = (m: string) => out.push(m);
  if (!p.files['collection.anki2']) fail('no collection.anki2');
  if (!p.files.media) fail('no media member (the legacy importer needs it)');
  for (const [k, name] of Object.entries(p.media)) {
    if (!/^\d+$/.test(k) || !p.files[k]) fail(`media ${k} has no member`);
    if (/[/\\]|^\.\.?$/.test(name)) fail(`media name ${name} is not a plain name`);
  }
  const tables = new Map(
    (p.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => [
        t.name,
        new Set(
          (p.db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string }[]).map((c) => c.name),
        ),
      ],
    ),
  );
  const required: Record<string, string[]> = {
    col: 'id crt mod scm ver dty usn ls conf models decks dconf tags'.split(' '),
    notes: 'id guid mid mod usn tags flds sfld csum flags data'.split(' '),
    cards: 'id nid did ord mod usn type queue due ivl factor reps lapses left odue odid flags data'.split(
      ' ',
    ),
    revlog: 'id cid usn ease ivl lastIvl factor time type'.split(' '),
    graves: 'usn oid type'.split(' '),
  };
  for (const [t, cols] of Object.entries(required)) {
    const have = tables.get(t);
    if (!have) fail(`table ${t} missing`);
    else for (const c of cols) if (!have.has(c)) fail(`column ${t}.${c} missing`);
  }
  for (const newer of ['deck_config', 'config', 'tags', 'fields', 'templates', 'notetypes', 'decks']) {
    if (tables.has(newer)) fail(`a schema-11 file must not have table ${newer}`);
  }
  if ((p.db.prepare('SELECT count(*) AS n FROM col').get() as { n: number }).n !== 1)
    fail('col must have one row');
  if (p.col.ver !== 11) fail(`col.ver ${p.col.ver}, not 11`);
  if (!isInt(p.col.crt)) fail('col.crt not an integer');
  if (!isObj(p.col.conf) || !isObj(p.col.tags)) fail('col.conf/tags not JSON objects');

  const models = p.col.models;
  for (const [key, m] of Object.entries(models)) {
    if (!isObj(m)) {
      fail(`model ${key} not an object`);
      continue;
    }
    if (String(m.id) !== key) fail(`model ${key}: id ${m.id} differs from its key`);
    if (typeof m.name !== 'string') fail(`model ${key}: no name`);
    if (m.type !== 0 && m.type !== 1) fail(`model ${key}: type ${m.type}`);
    if (!isInt(m.mod) || !isInt(m.usn)) fail(`model ${key}: mod/usn not integers`);
    if (!isInt(m.sortf) || (m.sortf as number) < 0 || (m.sortf as number) > 65535)
      fail(`model ${key}: sortf`);
    if (!('did' in m)) fail(`model ${key}: no did key`);
    if (!('css' in m) || typeof m.css !== 'string') fail(`model ${key}: no css`);
    if (!Array.isArray(m.tmpls) || m.tmpls.length === 0) fail(`model ${key}: no templates`);
    if (!Array.isArray(m.flds) || m.flds.length === 0) fail(`model ${key}: no fields`);
    for (const f of (m.flds as Json[]) ?? []) {
      if (typeof f.name !== 'string' || typeof f.sticky !== 'boolean' || typeof f.rtl !== 'boolean')
        fail(`model ${key}: field ${f.name} lacks name/sticky/rtl`);
      if (typeof f.font !== 'string' || !isInt(f.size)) fail(`model ${key}: field ${f.name} lacks font/size`);
    }
    for (const t of (m.tmpls as Json[]) ?? []) {
      if (typeof t.name !== 'string' || typeof t.qfmt !== 'string')
        fail(`model ${key}: template lacks name/qfmt`);
    }
    if (
      m.type === 1 &&
      !((m.tmpls as Json[]).length === 1 && String((m.tmpls as Json[])[0]!.qfmt).includes('{{cloze:'))
    )
      fail(`model ${key}: a cloze type needs one {{cloze:}} template`);
  }
  const dconf = p.col.dconf;
  for (const [key, c] of Object.entries(dconf)) {
    if (!isObj(c) || String(c.id) !== key) fail(`dconf ${key}: id differs from its key`);
    else {
      for (const k of ['mod', 'usn', 'maxTaken', 'timer'])
        if (!isInt(c[k])) fail(`dconf ${key}: ${k} not an integer`);
      if (typeof c.name !== 'string' || typeof c.autoplay !== 'boolean') fail(`dconf ${key}: name/autoplay`);
      for (const k of ['new', 'rev', 'lapse']) if (!isObj(c[k])) fail(`dconf ${key}: no ${k}`);
    }
  }
  const decks = p.col.decks;
  if (!decks['1']) fail('no Default deck "1"');
  for (const [key, d] of Object.entries(decks)) {
    if (!isObj(d) || String(d.id) !== key) {
      fail(`deck ${key}: id differs from its key`);
      continue;
    }
    if (typeof d.name !== 'string' || !isInt(d.usn) || typeof d.collapsed !== 'boolean')
      fail(`deck ${key}: name/usn/collapsed`);
    if (!(d.dyn === 0 || d.dyn === 1 || typeof d.dyn === 'boolean')) fail(`deck ${key}: dyn`);
    for (const k of ['lrnToday', 'revToday', 'newToday', 'timeToday'])
      if (!dayCount(d[k])) fail(`deck ${key}: ${k}`);
    if (!d.dyn && !(String(d.conf) in dconf)) fail(`deck ${key}: conf ${d.conf} not in dconf`);
  }

  const typed = (table: string, cols: string[]) => {
    const cond = cols.map((c) => `typeof(${c}) <> 'integer'`).join(' OR ');
    const n = (p.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${cond}`).get() as { n: number }).n;
    if (n) fail(`${n} ${table} rows with a non-integer in ${cols.join('/')}`);
  };
  typed('notes', ['id', 'mid', 'mod', 'usn', 'csum', 'flags']);
  typed(
    'cards',
    required.cards!.filter((c) => c !== 'data'),
  );
  typed('revlog', required.revlog!);

  const noteOrds = new Map<number, { model: Json; fields: string[] }>();
  const guids = new Set<string>();
  for (const n of p.db.prepare('SELECT * FROM notes').all() as Record<string, unknown>[]) {
    const model = models[String(n.mid)] as Json | undefined;
    if (!model) {
      fail(`note ${n.id}: mid ${n.mid} not in models`);
      continue;
    }
    const fields = String(n.flds).split('\x1f');
    if (fields.length !== (model.flds as unknown[]).length)
      fail(`note ${n.id}: ${fields.length} fields, its model has ${(model.flds as unknown[]).length}`);
    if (n.csum !== ankiChecksum(fields[0]!))
      fail(`note ${n.id}: csum ${n.csum} ≠ ${ankiChecksum(fields[0]!)}`);
    if (String(n.sfld) !== ankiStrip(fields[model.sortf as number]!))
      fail(`note ${n.id}: sfld is not the stripped sort field`);
    if (typeof n.guid !== 'string' || n.guid === '' || guids.has(n.guid))
      fail(`note ${n.id}: guid missing or repeated`);
    guids.add(String(n.guid));
    if ((n.mod as number) > 1e11) fail(`note ${n.id}: mod looks like milliseconds`);
    if (n.flags !== 0 || n.data !== '') fail(`note ${n.id}: flags/data`);
    noteOrds.set(n.id as number, { model, fields });
    for (const f of fields) {
      for (const m of f.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)) {
        if (!/^(https?:|data:)/.test(m[1]!) && !Object.values(p.media).includes(m[1]!))
          fail(`note ${n.id}: image ${m[1]} not in the package`);
      }
    }
  }
  const cardIds = new Set<number>();
  for (const c of p.db.prepare('SELECT * FROM cards').all() as Record<string, number | string>[]) {
    cardIds.add(c.id as number);
    const note = noteOrds.get(c.nid as number);
    if (!note) fail(`card ${c.id}: nid ${c.nid} not a note`);
    if (!(String(c.did) in decks)) fail(`card ${c.id}: did ${c.did} not a deck`);
    if (note) {
      const m = note.model;
      if (m.type === 0 && (c.ord as number) >= (m.tmpls as unknown[]).length)
        fail(`card ${c.id}: ord past the templates`);
      if (m.type === 1 && !note.fields[0]!.includes(`{{c${(c.ord as number) + 1}::`))
        fail(`card ${c.id}: no cloze ${(c.ord as number) + 1}`);
    }
    if (!((c.type as number) >= 0 && (c.type as number) <= 3)) fail(`card ${c.id}: type ${c.type}`);
    if (!((c.queue as number) >= -3 && (c.queue as number) <= 4)) fail(`card ${c.id}: queue ${c.queue}`);
    if ((c.ivl as number) < 0 || (c.factor as number) < 0 || (c.factor as number) > 65535)
      fail(`card ${c.id}: ivl/factor out of range`);
    if (c.data !== '') {
      try {
        const d = JSON.parse(String(c.data)) as Json;
        if (!isObj(d)) fail(`card ${c.id}: data not an object`);
        if ('s' in d && (typeof d.s !== 'number' || typeof d.d !== 'number'))
          fail(`card ${c.id}: data s/d not numbers`);
      } catch {
        fail(`card ${c.id}: data not JSON`);
      }
    }
  }
  for (const r of p.db.prepare('SELECT * FROM revlog').all() as Record<string, number>[]) {
    if (!cardIds.has(r.cid!)) fail(`revlog ${r.id}: cid ${r.cid} not a card`);
    if (!(r.ease! >= 0 && r.ease! <= 4)) fail(`revlog ${r.id}: ease ${r.ease}`);
    if (!(r.type! >= 0 && r.type! <= 5)) fail(`revlog ${r.id}: type ${r.type}`);
  }
  return out;
}
