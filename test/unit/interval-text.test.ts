import { describe, expect, it } from 'vitest';
import { studyDay, studyDayStart } from '../../core/scheduler/day.ts';
import { intervalText } from '../../core/scheduler/interval-text.ts';

const MIN = 60_000;
const DAY = 86_400_000;

describe('interval text on answer buttons', () => {
  it.each([
    [30_000, '<1m'],
    [MIN, '1m'],
    [10 * MIN, '10m'],
    [90 * MIN, '1.5h'],
    [3 * DAY, '3d'],
    [36 * DAY, '1.2mo'],
    [2 * 365 * DAY, '2y'],
    [1.5 * 365 * DAY, '1.5y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(intervalText(ms)).toBe(text);
  });
});

describe('study day', () => {
  it('starts at the configured local hour', () => {
    const at = (h: number, m: number) => new Date(2026, 11, 1, h, m).getTime();
    expect(studyDayStart(at(3, 59), 4)).toBe(new Date(2026, 10, 30, 4).getTime());
    expect(studyDayStart(at(4, 0), 4)).toBe(new Date(2026, 11, 1, 4).getTime());
    expect(studyDay(at(23, 0), 0)).toEqual({ start: at(0, 0), end: at(0, 0) + DAY });
  });
});
