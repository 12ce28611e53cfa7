import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../cli/exam.ts';
import { openMnemo } from '../../core/index.ts';
import { addBasicCards, tempDir } from '../helpers/collection.ts';

const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));

function mnemo(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '--data', dir], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A local "YYYY-MM-DD HH:MM" `days` from now. */
function localDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} 14:30`;
}

describe('mnemo exam', () => {
  it('parses local dates and times, refusing impossible ones', () => {
    expect(parseWhen('2026-12-20 09:05')).toBe(new Date(2026, 11, 20, 9, 5).getTime());
    expect(parseWhen('2026-12-20')).toBe(new Date(2026, 11, 20, 9, 0).getTime());
    expect(parseWhen('2026-12-20T10:00:00+08:00')).toBe(Date.parse('2026-12-20T02:00:00Z'));
    for (const bad of ['2026-02-30', '2026-12-20 25:00', 'tomorrow', '20/12/2026', ''])
      expect(() => parseWhen(bad)).toThrow(/--at/);
  });

  it('adds, lists, plans and removes an exam; refuses bad input with one line and stores nothing', () => {
    const dir = tempDir();
    const m = openMnemo({ dataDir: dir });
    const deck = m.api.decks.create({ name: 'Docker::网络' });
    addBasicCards(m, deck.id, 12);
    m.close();

    const bad = mnemo(
      dir,
      'exam',
      'add',
      'X',
      '--at',
      '2020-01-01 09:00',
      '--deck',
      'Docker',
      '--minutes',
      '10',
    );
    expect(bad.code).toBe(1);
    expect(bad.err.trim()).toBe('mnemo: examAt: the exam date is in the past');
    expect(
      mnemo(dir, 'exam', 'add', 'X', '--at', localDate(3), '--deck', 'Nope', '--minutes', '10').err,
    ).toMatch(/--deck: no deck "Nope"/);
    expect(
      mnemo(dir, 'exam', 'add', 'X', '--at', localDate(3), '--minutes', '10', '--reviews', '5').code,
    ).toBe(2);
    expect(
      mnemo(dir, 'exam', 'add', 'X', '--at', localDate(3), '--deck', 'Docker', '--reviews', '0').err,
    ).toMatch(/budget: the daily budget must be more than 0/);
    expect(
      mnemo(
        dir,
        'exam',
        'add',
        'X',
        '--at',
        localDate(3),
        '--deck',
        'Docker',
        '--reviews',
        '5',
        '--target',
        '100%',
      ).err,
    ).toMatch(/target/);
    expect(JSON.parse(mnemo(dir, 'exam', 'list', '--json').out)).toEqual([]);

    const added = mnemo(
      dir,
      'exam',
      'add',
      'DCA',
      '--at',
      localDate(5),
      '--deck',
      'Docker',
      '--reviews',
      '10',
      '--target',
      '85%',
    );
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/Exam 1 "DCA" added/);
    const [listed] = JSON.parse(mnemo(dir, 'exam', 'list', '--json').out);
    expect(listed).toMatchObject({ name: 'DCA', target: 0.85, budgetKind: 'reviews', budget: 10, cards: 12 });
    const plan = JSON.parse(mnemo(dir, 'exam', 'plan', 'DCA', '--json').out);
    expect(plan.plan.days.length).toBeGreaterThanOrEqual(4);
    for (const d of plan.plan.days) expect(d.answers).toBeLessThanOrEqual(10 + 1e-9);
    const text = mnemo(dir, 'exam', 'plan', '1').out;
    expect(text).toMatch(/12 cards \(0 studied\), target 85\.0%/);
    expect(text).toMatch(/following the plan: +[\d.]+ \([\d.]+%\)/);
    expect(mnemo(dir, 'exam', 'rm', 'DCA').out).toMatch(/Exam 1 "DCA" deleted/);
    expect(mnemo(dir, 'exam', 'plan', 'DCA').err).toMatch(/no exam "DCA"/);
    // A dozen CLI processes: seconds each on busy cores.
  }, 180_000);
});
