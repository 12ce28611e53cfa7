/**
 * The collection-level records of an Anki collection, in one shape whichever schema holds
 * them: note types, decks, deck configs and the scheduler config. Schema 11 keeps them as
 * JSON in the `col` row (rslib/src/{notetype,decks,deckconfig}/schema11.rs); schema 15+
 * in their own tables with protobuf blobs (proto/anki/{notetypes,decks,deck_config}.proto).
 */
import * as pb from './protobuf.ts';

export class SchemaError extends Error {}

export interface NoteType {
  id: number;
  name: string;
  cloze: boolean;
  fields: string[];
  templates: number;
}

export interface Deck {
  id: number;
  /** Levels joined with `::`. */
  name: string;
  filtered: boolean;
  configId: number;
  description: string;
}

export interface DeckConfig {
  id: number;
  name: string;
  learnSteps: number[];
  relearnSteps: number[];
  newPerDay?: number;
  reviewsPerDay?: number;
  maximumInterval?: number;
  leechThreshold?: number;
  leechAction?: number;
  bury?: boolean;
  desiredRetention?: number;
  /** FSRS parameters, newest generation present (6: 21 values, 5: 19, 4.5: 17). */
  fsrsParams?: number[];
}

/** What Anki's day counting reads (rslib/src/scheduler/mod.rs): scheduler version, rollover, offset. */
export interface SchedConfig {
  schedVer: number;
  rollover: number | null;
  creationOffset: number | null;
}

interface Source {
  json(column: 'models' | 'decks' | 'dconf' | 'conf'): unknown;
  hasTable(name: string): boolean;
  all(sql: string): Record<string, unknown>[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

const numbers = (v: unknown): number[] =>
  Array.isArray(v) ? v.flatMap((x) => (typeof x === 'number' && Number.isFinite(x) ? [x] : [])) : [];

function entries(source: Source, column: 'models' | 'decks' | 'dconf'): Record<string, unknown>[] {
  const value = source.json(column);
  if (!isObject(value)) throw new SchemaError(`col.${column} is not a JSON object`);
  return Object.values(value).map((v) => {
    if (!isObject(v)) throw new SchemaError(`col.${column} has an entry that is not an object`);
    return v;
  });
}

function requireId(v: Record<string, unknown>, what: string): number {
  const id = num(v.id);
  if (id === undefined || !Number.isSafeInteger(id)) throw new SchemaError(`${what} has no valid id`);
  return id;
}

export function readNoteTypes(source: Source): Map<number, NoteType> {
  const out = new Map<number, NoteType>();
  if (source.hasTable('notetypes')) {
    const fields = new Map<number, string[]>();
    for (const f of source.all('SELECT ntid, name FROM fields ORDER BY ntid, ord')) {
      const list = fields.get(f.ntid as number) ?? [];
      list.push(String(f.name));
      fields.set(f.ntid as number, list);
    }
    const templates = new Map<number, number>();
    for (const t of source.all('SELECT ntid, count(*) AS n FROM templates GROUP BY ntid')) {
      templates.set(t.ntid as number, t.n as number);
    }
    for (const nt of source.all('SELECT id, name, config FROM notetypes')) {
      const id = nt.id as number;
      const config = pb.decode(nt.config instanceof Uint8Array ? nt.config : new Uint8Array());
      out.set(id, {
        id,
        name: String(nt.name),
        cloze: pb.uint(config, 1) === 1, // Notetype.Config.kind: 0 normal, 1 cloze
        fields: fields.get(id) ?? [],
        templates: templates.get(id) ?? 0,
      });
    }
    return out;
  }
  for (const m of entries(source, 'models')) {
    const id = requireId(m, 'a note type');
    const name = typeof m.name === 'string' ? m.name : `note type ${id}`;
    if (!Array.isArray(m.flds) || !Array.isArray(m.tmpls)) {
      throw new SchemaError(`note type "${name}" has no field or template list`);
    }
    const fieldNames = m.flds.map((f, i) =>
      isObject(f) && typeof f.name === 'string' ? f.name : `Field ${i + 1}`,
    );
    out.set(id, { id, name, cloze: num(m.type) === 1, fields: fieldNames, templates: m.tmpls.length });
  }
  return out;
}

export function readDecks(source: Source): Map<number, Deck> {
  const out = new Map<number, Deck>();
  if (source.hasTable('decks') && source.hasTable('notetypes')) {
    for (const d of source.all('SELECT id, name, kind FROM decks')) {
      // Deck.KindContainer: normal = 1 { config_id = 1, description = 4 }, filtered = 2.
      const kind = pb.decode(d.kind instanceof Uint8Array ? d.kind : new Uint8Array());
      const normal = pb.message(kind, 1);
      out.set(d.id as number, {
        id: d.id as number,
        name: String(d.name).split('\x1f').join('::'),
        filtered: !normal,
        configId: normal ? pb.int64(normal, 1, 1) : 1,
        description: normal ? pb.string(normal, 4) : '',
      });
    }
    return out;
  }
  for (const d of entries(source, 'decks')) {
    const id = requireId(d, 'a deck');
    out.set(id, {
      id,
      name: typeof d.name === 'string' ? d.name : `Deck ${id}`,
      filtered: d.dyn === 1 || d.dyn === true,
      configId: num(d.conf) ?? 1,
      description: typeof d.desc === 'string' ? d.desc : '',
    });
  }
  return out;
}

function fromProto(id: number, name: string, blob: Uint8Array): DeckConfig {
  // DeckConfig.Config: learn_steps 1, relearn_steps 2, fsrs_params_4 3, _5 5, _6 6,
  // new_per_day 9, reviews_per_day 10, maximum_review_interval 16, leech_action 21,
  // leech_threshold 22, bury_new 27, bury_reviews 28, desired_retention 37.
  const c = pb.decode(blob);
  // Floats are 32-bit here: 0.9 reads back as 0.899999976; six decimals give the value set.
  const f6 = (v: number) => Math.round(v * 1e6) / 1e6;
  const floats = (n: number) => pb.floats(c, n).map(f6);
  const params = [floats(6), floats(5), floats(3)].find((p) => p.length > 0);
  return {
    id,
    name,
    learnSteps: floats(1),
    relearnSteps: floats(2),
    newPerDay: pb.uint(c, 9),
    reviewsPerDay: pb.uint(c, 10),
    maximumInterval: pb.uint(c, 16) || undefined,
    leechAction: pb.uint(c, 21),
    leechThreshold: pb.uint(c, 22) || undefined,
    bury: pb.uint(c, 27) === 1 || pb.uint(c, 28) === 1,
    desiredRetention: f6(pb.float(c, 37) ?? 0) || undefined,
    fsrsParams: params,
  };
}

export function readDeckConfigs(source: Source): Map<number, DeckConfig> {
  const out = new Map<number, DeckConfig>();
  if (source.hasTable('deck_config')) {
    for (const d of source.all('SELECT id, name, config FROM deck_config')) {
      const blob = d.config instanceof Uint8Array ? d.config : new Uint8Array();
      out.set(d.id as number, fromProto(d.id as number, String(d.name), blob));
    }
    return out;
  }
  for (const c of entries(source, 'dconf')) {
    const id = requireId(c, 'a deck config');
    const part = (k: string) => (isObject(c[k]) ? (c[k] as Record<string, unknown>) : {});
    const params = [c.fsrsParams6, c.fsrsParams5, c.fsrsWeights].map(numbers).find((p) => p.length > 0);
    out.set(id, {
      id,
      name: typeof c.name === 'string' ? c.name : `Preset ${id}`,
      learnSteps: numbers(part('new').delays),
      relearnSteps: numbers(part('lapse').delays),
      newPerDay: num(part('new').perDay),
      reviewsPerDay: num(part('rev').perDay),
      maximumInterval: num(part('rev').maxIvl),
      leechThreshold: num(part('lapse').leechFails),
      leechAction: num(part('lapse').leechAction),
      bury: part('new').bury === true || part('rev').bury === true,
      desiredRetention: num(c.desiredRetention),
      fsrsParams: params,
    });
  }
  return out;
}

export function readSchedConfig(source: Source): SchedConfig {
  let conf: Record<string, unknown> = {};
  if (source.hasTable('config')) {
    for (const row of source.all(
      "SELECT KEY AS k, val FROM config WHERE KEY IN ('schedVer', 'rollover', 'creationOffset')",
    )) {
      try {
        const val = row.val instanceof Uint8Array ? new TextDecoder().decode(row.val) : String(row.val);
        conf[String(row.k)] = JSON.parse(val);
      } catch {
        // an unreadable value counts as missing, as in Anki
      }
    }
  } else {
    const value = source.json('conf');
    if (!isObject(value)) throw new SchemaError('col.conf is not a JSON object');
    conf = value;
  }
  const rollover = num(conf.rollover);
  const offset = num(conf.creationOffset);
  return {
    schedVer: num(conf.schedVer) ?? 1,
    rollover: rollover !== undefined && rollover >= 0 && rollover < 24 ? rollover : null,
    creationOffset: offset !== undefined && Math.abs(offset) <= 24 * 60 ? offset : null,
  };
}
