/**
 * Reads a Mnemo JSON dump into an ImportBatch. Everything is checked before the batch
 * exists: the format and version (an unknown version is refused, never guessed at), every
 * row's types, and that each card and review names a note and card the dump has.
 */
import { invalidArgument } from '../../errors.ts';
import type { ImportBatch, ImportedCard, ImportedNote, ImportedReview } from '../batch.ts';
import { DUMP_FORMAT, DUMP_VERSION, type Dump, dumpSchema } from './schema.ts';

function where(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/** Parses and checks the dump; throws InvalidArgument "<file>: <problem>". */
export function parseDump(text: string, file: string): Dump {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw invalidArgument(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const record =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  if (record.format !== DUMP_FORMAT)
    throw invalidArgument(
      `${file}: a JSON file, but not a Mnemo collection dump (no "format": "${DUMP_FORMAT}")`,
    );
  if (record.version !== DUMP_VERSION)
    throw invalidArgument(
      `${file}: dump version ${JSON.stringify(record.version)} is not supported (this Mnemo reads version ${DUMP_VERSION})`,
    );
  const parsed = dumpSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalidArgument(`${file}: ${where(issue.path) || 'dump'}: ${issue.message}`);
  }
  return parsed.data;
}

export function readJsonDump(text: string, file: string): ImportBatch {
  const dump = parseDump(text, file);
  const notes = new Map<string, ImportedNote>();
  for (const n of dump.notes) {
    if (notes.has(n.guid)) throw invalidArgument(`${file}: two notes have the guid "${n.guid}"`);
    notes.set(n.guid, {
      guid: n.guid,
      kind: n.kind,
      fields: n.fields,
      tags: n.tags,
      context: n.context,
      createdAt: n.createdAt,
      modifiedAt: n.modifiedAt,
      retired: n.retired,
      ...(n.source ? { source: n.source } : {}),
      cards: [],
    });
  }
  const cards = new Map<string, ImportedCard & { reviews: ImportedReview[] }>();
  dump.cards.forEach((c, i) => {
    const note = notes.get(c.note);
    if (!note) throw invalidArgument(`${file}: cards[${i}]: its note "${c.note}" is not in the dump`);
    const card: ImportedCard & { reviews: ImportedReview[] } = {
      ord: c.ord,
      deck: c.deck,
      fsrs: c.fsrs,
      reviews: [],
      newPosition: c.newPosition,
      suspended: c.suspended,
      buriedUntil: c.buriedUntil,
      flag: c.flag,
      leech: c.leech,
      retired: c.retired,
      createdAt: c.createdAt,
      modifiedAt: c.modifiedAt,
    };
    note.cards.push(card);
    cards.set(`${c.note}\0${c.ord}`, card);
  });
  dump.reviewLog.forEach((r, i) => {
    const card = cards.get(`${r.note}\0${r.ord}`);
    if (!card)
      throw invalidArgument(`${file}: reviewLog[${i}]: card ${r.ord} of note "${r.note}" is not in the dump`);
    card.reviews.push({
      id: r.id,
      rating: r.rating as 0 | 1 | 2 | 3 | 4,
      reviewedAt: r.reviewedAt,
      durationMs: r.durationMs,
      kind: r.kind,
      before: r.before,
      after: r.after,
      ...(r.deck === null ? {} : { deck: r.deck }),
    });
  });
  return {
    source: { file, format: 'json' },
    presets: dump.presets,
    decks: dump.decks,
    exams: dump.exams ?? [],
    notes: [...notes.values()],
    media: dump.media.map((m) => ({ name: m.name, bytes: Buffer.from(m.data, 'base64') })),
    warnings: [],
  };
}
