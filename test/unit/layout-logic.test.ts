import { describe, expect, it } from 'vitest';
import { sectionOf } from '../../renderer/src/app/TopBar.tsx';
import { nextSort } from '../../renderer/src/components/browse/ResultsTable.tsx';
import { logInterval } from '../../renderer/src/components/browse/ReviewLog.tsx';
import { progressPercent } from '../../renderer/src/components/review/ProgressBar.tsx';

const MIN = 60_000;
const DAY = 86_400_000;

describe('the session progress bar', () => {
  it('is empty before the first card arrives and while nothing is answered', () => {
    // The counts come with the first card: done 0 of 0 must not draw a full bar.
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(0, 28)).toBe(0);
  });
  it('fills with the answers and is full when the day is done', () => {
    expect(progressPercent(7, 21)).toBe(25);
    expect(progressPercent(28, 0)).toBe(100);
  });
});

describe('the top bar', () => {
  it('marks no item during a review or a cram session', () => {
    expect(sectionOf({ screen: 'review' })).toBeNull();
    expect(sectionOf({ screen: 'review', deckId: 3 })).toBeNull();
    expect(sectionOf({ screen: 'review', examId: 1 })).toBeNull();
    expect(sectionOf({ screen: 'cram' })).toBeNull();
  });
  it('marks the screen itself, and Exams for an exam and its form', () => {
    expect(sectionOf({ screen: 'home' })).toBe('home');
    expect(sectionOf({ screen: 'browse' })).toBe('browse');
    expect(sectionOf({ screen: 'exam', examId: 2 })).toBe('exams');
    expect(sectionOf({ screen: 'examForm' })).toBe('exams');
  });
});

describe('Browse column sorting', () => {
  it('sorts a new column ascending and turns the sorted one round', () => {
    const byDue = nextSort(null, 'due');
    expect(byDue).toEqual({ column: 'due', descending: false });
    expect(nextSort(byDue, 'due')).toEqual({ column: 'due', descending: true });
    expect(nextSort({ column: 'due', descending: true }, 'due')).toEqual({
      column: 'due',
      descending: false,
    });
    expect(nextSort({ column: 'due', descending: true }, 'lapses')).toEqual({
      column: 'lapses',
      descending: false,
    });
  });
});

describe('the review history interval, written as the grade buttons write it', () => {
  const entry = (
    state: 'new' | 'learning' | 'review' | 'relearning',
    scheduledDays: number,
    wait: number,
  ) => ({
    reviewedAt: 1_000_000,
    after: { state, scheduledDays, due: 1_000_000 + wait } as never,
  });
  it('a learning step in minutes or hours, not "0 d"', () => {
    expect(logInterval(entry('learning', 0, 10 * MIN))).toBe('10m');
    expect(logInterval(entry('learning', 0, MIN))).toBe('1m');
    expect(logInterval(entry('relearning', 0, 90 * MIN))).toBe('1.5h');
  });
  it('days, months and years for a review', () => {
    expect(logInterval(entry('review', 3, 3 * DAY - 5 * MIN))).toBe('3d');
    expect(logInterval(entry('review', 45, 45 * DAY))).toBe('1.5mo');
    expect(logInterval(entry('review', 730, 730 * DAY))).toBe('2y');
  });
  it('nothing for a reset (the card is new again)', () => {
    expect(logInterval(entry('new', 0, 0))).toBeNull();
  });
});
