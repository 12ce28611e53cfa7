import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledDecksDir, ensureBundledDecks } from '../../core/compiler/bundled.ts';
import { compileDecks } from '../../core/compiler/compile.ts';
import { lintPaths } from '../../core/lint/lint.ts';
import { formatFinding } from '../../core/lint/types.ts';
import {
  answerAll,
  bundleCopy,
  cardsOf,
  DECKS_WITH_IDS,
  histories,
  replaceBundle,
} from '../helpers/bundled-versions.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

const NOTES = fileURLToPath(new URL('../fixtures/docker-review-notes.md', import.meta.url));
const DIRECTIVES =
  'FROM LABEL RUN ENV ARG COPY ADD CMD ENTRYPOINT VOLUME EXPOSE WORKDIR ONBUILD USER HEALTHCHECK'.split(' ');

/**
 * The bundled decks compiled into a fresh collection, inside each test that needs them (not
 * while the file is collected), so what each test runs is its own (npm run mutate).
 */
function compiled() {
  const m = tempMnemo();
  const report = compileDecks(m.col, [bundledDecksDir()]);
  const notes = m.col.db.prepare('SELECT kind, fields, source_section, context FROM notes').all() as {
    kind: string;
    fields: string;
    source_section: string;
    context: string;
  }[];
  const cardCount = m.col.db.prepare('SELECT count(*) FROM cards').pluck().get() as number;
  return { m, report, notes, cardCount };
}

describe('the bundled Docker decks', () => {
  it('compile with no error into at least 150 cards', () => {
    const { m, report, cardCount } = compiled();
    expect(report.errors).toEqual([]);
    expect(cardCount).toBeGreaterThanOrEqual(150);
    expect(m.api.decks.list().decks.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'Docker',
        'Docker::网络模式',
        'Docker::Dockerfile指令',
        'Docker::命令',
        'Docker::原理与运维',
      ]),
    );
  });

  it('cover every section of the notes, each card naming its section', () => {
    const { notes } = compiled();
    const sections = readFileSync(NOTES, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3).trim());
    expect(sections).toHaveLength(9);
    const covered = new Set(notes.map((n) => n.source_section));
    for (const s of sections) expect(covered, s).toContain(s);
    expect(notes.every((n) => sections.includes(n.source_section))).toBe(true);
  });

  it('ask every Dockerfile directive both ways, and name all six network modes', () => {
    const { notes } = compiled();
    for (const d of DIRECTIVES) {
      const twoWay = notes.some((n) => n.kind === 'reversed' && JSON.parse(n.fields).front === `\`${d}\``);
      expect(twoWay, d).toBe(true);
    }
    const network = notes
      .filter((n) => n.source_section === '1.4网络管理')
      .map((n) => n.fields)
      .join('\n');
    for (const mode of ['bridge', 'host', 'none', 'container', 'overlay', '自定义'])
      expect(network).toContain(mode);
  });

  it('compiling them again changes nothing', () => {
    const { m } = compiled();
    const sum = checksum(m.col.db);
    expect(compileDecks(m.col, [bundledDecksDir()], { force: true }).totals).toMatchObject({
      added: 0,
      updated: 0,
      retired: 0,
    });
    expect(checksum(m.col.db)).toBe(sum);
  });

  it('are compiled in on the first start of an empty collection, once', () => {
    const fresh = tempMnemo();
    expect(ensureBundledDecks(fresh.col)).toBe(true);
    expect(fresh.api.decks.list().today.new).toBeGreaterThan(0);
    const sum = checksum(fresh.col.db);
    expect(ensureBundledDecks(fresh.col)).toBe(false);
    expect(checksum(fresh.col.db)).toBe(sum);
  });
});

describe('the bundled Docker decks, reworked with the card linter (issue 12)', () => {
  it('pass mnemo lint: no finding in decks/', () => {
    const { findings, errors, files } = lintPaths([bundledDecksDir()]);
    expect(errors).toEqual([]);
    expect(files).toBeGreaterThanOrEqual(9);
    expect(findings.map(formatFinding)).toEqual([]);
  });

  it('give each section of Docker::原理与运维 its own subdeck', () => {
    const { m } = compiled();
    const names = m.api.decks.list().decks.map((d) => d.name);
    const sections = names.filter((n) => n.startsWith('Docker::原理与运维::'));
    expect(sections).toHaveLength(6);
    // Only the sections hold cards, so each can be studied alone.
    const own = m.col.db
      .prepare(
        "SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.name = 'Docker::原理与运维'",
      )
      .pluck()
      .get();
    expect(own).toBe(0);
  });

  it('recompiled over a collection studied on the decks before the rework, keep the history of every card that stays', () => {
    const dir = bundleCopy(DECKS_WITH_IDS);
    const m = tempMnemo();
    compileDecks(m.col, [dir]);
    answerAll(m);
    const before = histories(m);
    replaceBundle(dir, bundledDecksDir());
    const report = compileDecks(m.col, [dir]);
    expect(report.errors).toEqual([]);
    const after = histories(m);
    const kept = cardsOf(bundledDecksDir());
    let stayed = 0;
    for (const [cardId, b] of before) {
      const a = after.get(cardId)!;
      expect(a.reviews, `card ${cardId}`).toBe(b.reviews);
      expect(a.state, `card ${cardId}`).toBe(b.state);
      const stays = kept.has(`${b.sourceId}/${b.ord}`);
      expect(a.retired, `card ${cardId} (${b.sourceId}/${b.ord})`).toBe(stays ? 0 : 1);
      if (stays) stayed++;
    }
    // The rework rewords, splits and moves cards but keeps most of them (and their history).
    expect(stayed).toBeGreaterThan(before.size * 0.9);
    // No card of the reworked decks is doubled: one live note per card of it.
    const notes = m.col.db.prepare('SELECT count(*) FROM notes WHERE retired = 0').pluck().get();
    expect(notes).toBe(new Set([...kept].map((k) => k.split('/')[0])).size);
  });
});
