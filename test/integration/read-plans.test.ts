/**
 * Every read behind Home and Browse is bounded by what it shows: its query plan (SQLite's
 * EXPLAIN QUERY PLAN, for the statement as run, with its arguments) never scans the cards,
 * notes or review log; it seeks an index, the kept totals or the full-text index.
 */
import type { Statement } from 'better-sqlite3';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { addBasicCards, tempMnemo } from '../helpers/collection.ts';

type Mnemo = ReturnType<typeof tempMnemo>;

/** Runs `fn` and returns the plan of every statement it ran, as "SQL → plan". */
function plansOf(m: Mnemo, fn: () => unknown): string[] {
  const { db } = m.col;
  const ran: { sql: string; args: unknown[] }[] = [];
  const prepare = db.prepare.bind(db);
  const watch = (sql: string, stmt: Statement) =>
    new Proxy(stmt, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key === 'get' || key === 'all' || key === 'iterate') {
          return (...args: unknown[]) => {
            ran.push({ sql, args });
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        if (key === 'raw' || key === 'pluck') {
          return (...args: unknown[]) => {
            (value as (...a: unknown[]) => unknown).apply(target, args);
            return watch(sql, target);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  db.prepare = ((sql: string) => watch(sql, prepare(sql))) as typeof db.prepare;
  // Statements the collection cached before are prepared again, so that they are seen.
  (m.col as unknown as { statementCache: Map<string, Statement> }).statementCache.clear();
  try {
    fn();
  } finally {
    db.prepare = prepare;
  }
  return ran
    .filter(({ sql }) => !/^\s*(PRAGMA|INSERT|UPDATE|DELETE)/i.test(sql))
    .map(({ sql, args }) => {
      const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...args)
        .map((r) => (r as { detail: string }).detail);
      return `${sql.replace(/\s+/g, ' ').slice(0, 120)} → ${plan.join(' | ')}`;
    });
}

/** A table or index read whole; walking the due index in order (Browse's pages by due, with a LIMIT) is not. */
const SCANS = /\bSCAN (c|n|cards|notes|review_log)\b(?! USING INDEX cards_due\b)/;

describe('the reads behind Home and Browse', () => {
  it('seek indexes and kept totals, never scan cards, notes or the review log', () => {
    const m = tempMnemo();
    const a = m.api.decks.create({ name: '网络' }).id;
    const b = m.api.decks.create({ name: '网络::Docker' }).id;
    const ids = [...addBasicCards(m, a, 20, '宿主机的网桥'), ...addBasicCards(m, b, 20, 'bridge mode')];
    for (const cardId of ids.slice(0, 12))
      m.api.review.answer({ cardId, rating: Rating.Good, durationMs: 900 });
    const screens: [string, () => unknown][] = [
      ['decks.list', () => m.api.decks.list()],
      ['review.next', () => m.api.review.next({})],
      ['stats.today', () => m.api.stats.today()],
      ['stats.forecast', () => m.api.stats.forecast({ days: 14 })],
      ['stats.history', () => m.api.stats.history({ days: 30 })],
      ['search text', () => m.api.cards.search({ text: '宿主机', limit: 50 })],
      ['search text in a deck', () => m.api.cards.search({ text: 'bridge', deckId: b, limit: 50 })],
      [
        'search due range',
        () => m.api.cards.search({ dueFrom: m.clock.now, dueTo: m.clock.now + 86_400_000 }),
      ],
      ['search, no filter', () => m.api.cards.search({ limit: 50 })],
    ];
    for (const [name, fn] of screens) {
      const plans = plansOf(m, fn);
      expect(plans.length, name).toBeGreaterThan(0);
      for (const plan of plans) expect(plan, name).not.toMatch(SCANS);
    }
    // The text search starts from the full-text index, the history from the kept buckets.
    expect(plansOf(m, () => m.api.cards.search({ text: '宿主机' })).join('\n')).toMatch(
      /SCAN notes_fts VIRTUAL TABLE/,
    );
    expect(plansOf(m, () => m.api.stats.history({ days: 30 })).join('\n')).toMatch(/SEARCH review_buckets/);
    m.close();
  });
});
