/**
 * `.apkg` / `.colpkg` import: reads an Anki package (all three forms: collection.anki2,
 * collection.anki21, collection.anki21b) into a format-neutral ImportBatch, which
 * `applyBatch` stores in one transaction. Reading changes nothing anywhere: the collection
 * is opened in memory, only the zip's own members are read, within fixed size limits. Any
 * malformed or hostile input gives one InvalidArgument "<file>: <problem>".
 */
import { basename, extname } from 'node:path';
import { default_w } from 'ts-fsrs';
import { MnemoError } from '../../errors.ts';
import type { ImportBatch, ImportedCard, ImportedMedia, ImportedNote } from '../batch.ts';
import { prestartReplayThread, WORKER_REVIEWS } from '../replay/thread.ts';
import type { ReviewColumns, ReviewSpan } from '../review-span.ts';
import { type AnkiCard, type CardContext, reviewCode, reviewDuration, toImportedCard } from './cards.ts';
import { CollectionError, type OpenedCollection, openCollection, revlogValuesOk } from './collection-db.ts';
import { batchDecks, cleanDeckName } from './decks.ts';
import { type AnkiNote, type NoteContext, toImportedNote } from './notes.ts';
import { openPackage } from './package.ts';
import { readDeckConfigs, readDecks, readNoteTypes, readSchedConfig } from './schema.ts';
import { dueMapper } from './timing.ts';
import { type ZipLimits, ZipReader } from './zip-reader.ts';

export interface ReadAnkiOptions {
  /** The name to give in messages and the batch (an upload is stored under an id); default the file's. */
  name?: string;
  /** The time the import happens (epoch ms); default now. */
  now?: number;
  /** The collection's study-day start hour, so due days land on its study days; default 4. */
  dayStartHour?: number;
  /** Size limits (tests lower them). */
  limits?: ZipLimits;
}

/** Image names as fields refer to them: HTML `src`, Markdown `](name)`. */
const REFERENCES =
  /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))|!\[[^\]]*\]\(\s*<?([^)\s>]+)/gi;

function referencedMedia(notes: readonly ImportedNote[], available: ReadonlyMap<string, string>): string[] {
  const found = new Set<string>();
  const consider = (raw: string) => {
    const names = [
      raw,
      raw
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    ];
    try {
      names.push(decodeURIComponent(raw));
    } catch {
      // not %-encoded
    }
    for (const n of names) if (available.has(n.normalize('NFC'))) found.add(n.normalize('NFC'));
  };
  for (const note of notes) {
    for (const text of [note.fields.front, note.fields.back, note.fields.text, note.fields.extra]) {
      if (!text) continue;
      for (const m of text.matchAll(REFERENCES)) consider(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
    }
  }
  return [...found];
}

/**
 * The package's review log as columns grouped by card (core/import/review-span.ts), and each
 * card's span of them. Table order is id order, so each card's rows come out oldest first.
 * Read in pages by id: all() per page costs less per row than iterate(). Each row's types are
 * checked as it is read; a row the pages cannot reach (a null id) is caught by the count, and
 * either is named by the SQL check.
 */
function readRevlog(col: OpenedCollection, ctx: CardContext): (cardId: number) => ReviewSpan {
  const { db } = col;
  const page = db
    .prepare('SELECT id, cid, ease, factor, time, type FROM revlog WHERE id > ? ORDER BY id LIMIT 4096')
    .raw();
  const total = db.prepare('SELECT count(*) FROM revlog').pluck().get() as number;
  const badRevlog = () => {
    col.checkRevlogTypes();
    throw new CollectionError('table revlog: a row has a value of the wrong type');
  };
  // In table order first (a row left out takes no place), then grouped by card below.
  const cids = new Float64Array(total);
  const times = new Float64Array(total);
  const durations = new Float64Array(total);
  const codes = new Uint8Array(total);
  const counts = new Map<number, number>();
  let rows = 0;
  let kept = 0;
  for (let after = Number.MIN_SAFE_INTEGER; ; ) {
    const got = page.all(after) as number[][];
    if (got.length === 0) break;
    after = got.at(-1)![0]!;
    rows += got.length;
    if (rows > total) badRevlog();
    for (const row of got) if (!revlogValuesOk(row)) badRevlog();
    for (const [id, cid, ease, factor, time, type] of got) {
      const code = reviewCode(id!, ease!, factor!, type!, ctx.v1, ctx);
      if (code < 0) continue;
      cids[kept] = cid!;
      times[kept] = id!;
      durations[kept] = reviewDuration(time!);
      codes[kept] = code;
      kept++;
      counts.set(cid!, (counts.get(cid!) ?? 0) + 1);
    }
  }
  if (rows !== total) badRevlog();
  // Each card's first row's place (a counting sort: stable, so each card's rows stay in order).
  const starts = new Map<number, number>();
  let at = 0;
  for (const [cid, n] of counts) {
    starts.set(cid, at);
    at += n;
  }
  const columns: ReviewColumns = {
    reviewedAt: new Float64Array(kept),
    durationMs: new Float64Array(kept),
    rating: new Uint8Array(kept),
    kind: new Uint8Array(kept),
  };
  const next = new Map(starts);
  for (let i = 0; i < kept; i++) {
    const cid = cids[i]!;
    const to = next.get(cid)!;
    next.set(cid, to + 1);
    columns.reviewedAt[to] = times[i]!;
    columns.durationMs[to] = durations[i]!;
    columns.rating[to] = codes[i]! & 7;
    columns.kind[to] = codes[i]! >> 3;
  }
  return (cardId) => {
    const start = starts.get(cardId);
    return start === undefined
      ? { columns, start: 0, end: 0 }
      : { columns, start, end: start + counts.get(cardId)! };
  };
}

function readBatch(filePath: string, file: string, options: ReadAnkiOptions): ImportBatch {
  const now = options.now ?? Date.now();
  const zip = new ZipReader(filePath, options.limits);
  let col: OpenedCollection | undefined;
  try {
    const pkg = openPackage(zip);
    try {
      const bytes = pkg.collection;
      pkg.collection = new Uint8Array(0); // SQLite keeps its own copy: let this one go
      col = openCollection(bytes);
    } catch (e) {
      if (e instanceof CollectionError) throw new CollectionError(`${pkg.collectionName} ${e.message}`);
      throw e;
    }
    const { db } = col;
    const source = {
      json(column: string) {
        const text = db.prepare(`SELECT ${column} FROM col`).pluck().get();
        try {
          return JSON.parse(String(text));
        } catch {
          throw new CollectionError(`col.${column} is not valid JSON`);
        }
      },
      hasTable: col.hasTable,
      all: (sql: string) => db.prepare(sql).all() as Record<string, unknown>[],
    };
    // A large history is replayed on a worker thread: start it now, so it has loaded its
    // modules by the time the import needs it (reading changes nothing; a thread not taken is stopped).
    if ((db.prepare('SELECT count(*) FROM revlog').pluck().get() as number) >= WORKER_REVIEWS)
      prestartReplayThread();
    const noteTypes = readNoteTypes(source);
    const decks = readDecks(source);
    const configs = readDeckConfigs(source);
    const sched = readSchedConfig(source);
    const due = dueMapper(col.crt, sched, now, options.dayStartHour ?? sched.rollover ?? 4);

    const tallies = new Map<string, number>();
    const note = (what: string) => tallies.set(what, (tallies.get(what) ?? 0) + 1);
    const deckName = new Map([...decks.values()].map((d) => [d.id, cleanDeckName(d.name, d.id)]));
    const cardCtx: CardContext = {
      now,
      due,
      v1: sched.schedVer < 2,
      steps: (deckId, relearning) => {
        const config = configs.get(decks.get(deckId)?.configId ?? 1) ?? configs.get(1);
        return (relearning ? config?.relearnSteps : config?.learnSteps)?.length ?? 0;
      },
      weights: (deckId) => {
        const params = configs.get(decks.get(deckId)?.configId ?? 1)?.fsrsParams;
        return params?.length === 21 ? params : default_w;
      },
      note,
    };

    const spanOf = readRevlog(col, cardCtx);
    const cardsOf = new Map<number, ImportedCard[]>();
    const withCards = new Set<number>();
    for (const c of db
      .prepare(
        'SELECT id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, left, odid, flags, data FROM cards',
      )
      .iterate() as IterableIterator<AnkiCard>) {
      const deckId = c.odid && deckName.has(c.odid) ? c.odid : c.did;
      let name = deckName.get(deckId);
      if (name === undefined || decks.get(deckId)?.filtered) {
        note('card(s) in a deck the package does not have put in Default');
        name = 'Default';
      }
      withCards.add(deckId);
      const list = cardsOf.get(c.nid) ?? [];
      if (list.some((x) => x.ord === c.ord)) {
        note('duplicate card(s) of the same note and template left out');
        continue;
      }
      list.push(toImportedCard(c, name, spanOf(c.id), cardCtx));
      cardsOf.set(c.nid, list);
    }

    const noteCtx: NoteContext = { now, media: pkg.media, note, foreign: new Map() };
    const notes: ImportedNote[] = [];
    for (const n of db
      .prepare('SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id')
      .iterate() as IterableIterator<AnkiNote>) {
      const nt = noteTypes.get(n.mid);
      if (!nt)
        throw new CollectionError(`note ${n.id} has note type ${n.mid}, which the package does not have`);
      const cards = cardsOf.get(n.id);
      if (!cards) {
        note('note(s) without cards left out');
        continue;
      }
      notes.push(toImportedNote(n, nt, cards, noteCtx));
    }
    if (notes.length === 0) throw new CollectionError('holds no notes to import');

    const media: ImportedMedia[] = referencedMedia(notes, pkg.media).map((name) => ({
      name,
      bytes: pkg.readMedia(name),
    }));
    const sounds = notes.filter((n) =>
      Object.values(n.fields).some((v) => typeof v === 'string' && v.includes('[sound:')),
    ).length;
    if (sounds)
      tallies.set('note(s) with sound or video ([sound:…]), which Mnemo does not play, kept as text', sounds);
    const warnings = [
      ...[...noteCtx.foreign].map(
        ([name, n]) => `note type "${name}" (${n} note(s)) imported from its first two fields`,
      ),
      ...[...tallies].map(([what, n]) => `${n} ${what}`),
    ];
    return {
      source: { file, format: extname(file).toLowerCase() === '.colpkg' ? 'colpkg' : 'apkg' },
      ...batchDecks(decks, configs, withCards),
      notes,
      media,
      warnings,
    };
  } finally {
    col?.db.close();
    zip.close();
  }
}

/**
 * The package at `filePath` as an ImportBatch. Throws MnemoError('InvalidArgument',
 * '<file>: <problem>') for anything malformed: not a zip, a zip bomb, unsafe media names,
 * a missing or damaged collection, values of the wrong type, an unknown schema version.
 */
export function readAnkiPackage(filePath: string, options: ReadAnkiOptions = {}): ImportBatch {
  const file = options.name ?? basename(filePath);
  try {
    return readBatch(filePath, file, options);
  } catch (e) {
    if (e instanceof MnemoError) throw e;
    const err = e as NodeJS.ErrnoException;
    const problem =
      err?.code === 'ENOENT'
        ? 'no such file'
        : err?.code === 'EISDIR'
          ? 'is a folder, not a package'
          : err?.code?.startsWith?.('SQLITE_')
            ? `the collection is damaged (${err.message})`
            : String(err?.message ?? e);
    throw new MnemoError('InvalidArgument', `${file}: ${problem}`);
  }
}
