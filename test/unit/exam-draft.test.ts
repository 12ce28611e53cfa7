import { describe, expect, it } from 'vitest';
import { MnemoError } from '../../core/errors.ts';
import {
  apiErrors,
  draftErrors,
  type ExamDraft,
  fromDraft,
  newDraft,
  parseDateTime,
  toDraft,
} from '../../renderer/src/components/exams/examDraft.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';
import { examCollection } from '../helpers/exam-collection.ts';

const DAY = 86_400_000;
const now = new Date(2026, 5, 1, 12, 0).getTime();
const good: ExamDraft = {
  name: 'DCA',
  date: '2026-06-15',
  time: '09:30',
  deckIds: [1],
  tags: '',
  target: '90',
  budgetKind: 'minutes',
  budget: '20',
};

describe('the exam form checks an exam as the API does, each problem under its field, in the user language', () => {
  it('reads dates, times, percentages and tags as typed', () => {
    expect(parseDateTime('2026-06-15', '09:30')).toBe(new Date(2026, 5, 15, 9, 30).getTime());
    // Not a real date (no rolling over into March), or missing: NaN, which the rules refuse.
    expect(parseDateTime('2026-02-31', '09:00')).toBeNaN();
    expect(parseDateTime('', '09:00')).toBeNaN();
    expect(parseDateTime('2026-06-15', '')).toBeNaN();
    const fields = fromDraft({ ...good, target: '87,5', tags: ' docker,net  k8s，x ', budget: ' 15 ' });
    expect(fields).toMatchObject({ target: 0.875, tags: ['docker', 'net', 'k8s', 'x'], budget: 15 });
    expect(fromDraft({ ...good, target: '' }).target).toBeNaN();
    // Round trip through the API's fields.
    const back = toDraft({ ...fromDraft(good), target: 0.875 });
    expect(back).toEqual({ ...good, target: '87.5' });
    expect(newDraft(now)).toMatchObject({ date: '2026-06-15', time: '09:00', target: '90', budget: '20' });
  });

  it('places every problem of the shared rules under its field', () => {
    expect(draftErrors(fromDraft(good), now, en.exams.problems)).toEqual({});
    const bad = fromDraft({
      ...good,
      name: ' ',
      date: '2020-01-01',
      deckIds: [],
      target: '100',
      budget: '0',
    });
    const p = en.exams.problems;
    expect(draftErrors(bad, now, p)).toEqual({
      name: p.nameEmpty,
      examAt: p.dateInPast,
      scope: p.scopeEmpty,
      target: p.targetOutOfRange,
      budget: p.budgetNotPositive,
    });
    expect(draftErrors(bad, now, zh.exams.problems).examAt).toBe(zh.exams.problems.dateInPast);
    expect(draftErrors(fromDraft({ ...good, date: '' }), now, p)).toEqual({ examAt: p.dateInvalid });
    expect(draftErrors(fromDraft({ ...good, budget: '1441' }), now, p)).toEqual({ budget: p.budgetTooLarge });
    expect(draftErrors(fromDraft({ ...good, budgetKind: 'reviews', budget: '1441' }), now, p)).toEqual({});
  });

  it("maps the API's own refusals back to the fields, in the user language", () => {
    const m = examCollection({ cards: 6, newShare: 0, seed: 1 });
    const refusal = (args: Record<string, unknown>): string => {
      try {
        m.api.exams.create({
          name: 'X',
          examAt: m.clock.now + DAY,
          deckIds: [m.deckIds[0]!],
          budgetKind: 'minutes',
          budget: 10,
          ...args,
        } as never);
      } catch (e) {
        expect(e).toBeInstanceOf(MnemoError);
        return (e as MnemoError).message;
      }
      throw new Error('not refused');
    };
    // What only the collection knows: a tag no card has, a deck that is gone.
    expect(apiErrors(refusal({ deckIds: [], tags: ['nosuch'] }), zh.exams.problems)).toEqual({
      byField: { scope: zh.exams.problems.scopeEmpty },
      rest: [],
    });
    expect(apiErrors(refusal({ deckIds: [999] }), en.exams.problems)).toEqual({
      byField: { scope: 'deck 999 does not exist' },
      rest: [],
    });
    expect(apiErrors(refusal({ examAt: m.clock.now - 1, target: 2 }), en.exams.problems)).toEqual({
      byField: { examAt: en.exams.problems.dateInPast, target: en.exams.problems.targetOutOfRange },
      rest: [],
    });
    expect(apiErrors('something else', en.exams.problems)).toEqual({ byField: {}, rest: ['something else'] });
  });
});
