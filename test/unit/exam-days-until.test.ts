import { describe, expect, it } from 'vitest';
import { daysUntil } from '../../renderer/src/components/exams/examFormat.ts';

// Local times (vitest pins TZ=Asia/Shanghai); months are 0-based.
const at = (m: number, d: number, h: number, min = 0) => new Date(2026, m, d, h, min).getTime();

describe('days left before an exam, in study days as the plan counts them', () => {
  it('counts from the study day still running after midnight', () => {
    const exam = at(11, 10, 9); // 10 December, 09:00
    expect(daysUntil(exam, at(11, 1, 0, 15), 4)).toBe(10); // 00:15 on 1 December: still 30 November's study day
    expect(daysUntil(exam, at(11, 1, 3, 59), 4)).toBe(10);
    expect(daysUntil(exam, at(11, 1, 4, 0), 4)).toBe(9); // the new study day has begun
    expect(daysUntil(exam, at(11, 1, 23, 59), 4)).toBe(9);
    expect(daysUntil(exam, at(11, 1, 0, 15), 0)).toBe(9); // days starting at midnight: the calendar
  });

  it('puts an exam before the day start on the study day before its date', () => {
    const now = at(11, 1, 12);
    expect(daysUntil(at(11, 10, 2), now, 4)).toBe(8); // 02:00 on the 10th belongs to the 9th
    expect(daysUntil(at(11, 10, 4), now, 4)).toBe(9);
    expect(daysUntil(at(11, 1, 20), now, 4)).toBe(0); // later today
    expect(daysUntil(at(11, 2, 3), now, 4)).toBe(0); // 03:00 tomorrow is still today's study day
    expect(daysUntil(at(10, 30, 12), now, 4)).toBe(-1);
  });
});
