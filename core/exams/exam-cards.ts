/**
 * The cards an exam covers, read once with what predicting and planning need, and the
 * exam's calendar in study days.
 */
import { State } from 'ts-fsrs';
import { type StudyTime, studyTime } from '../scheduler/study-time.ts';
import type { Collection } from '../store/collection.ts';
import type { Exam } from './exams.ts';
import { scopeFrom } from './exams.ts';

const DAY = 86_400_000;

export interface ExamCard {
  id: number;
  noteId: number;
  deckId: number;
  presetId: number;
  state: number;
  stability: number;
  difficulty: number;
  lastReview: number | null;
  due: number;
  /** Whole study days from its last review to the exam, as ts-fsrs's retrievability counts them. */
  ageAtExam: number;
}

export interface ExamCalendar {
  now: number;
  time: StudyTime;
  /** Study-day number of today and of the exam day. */
  today: number;
  examDay: number;
  /** Study days before the exam day, today included (0 when the exam is today or past). */
  daysLeft: number;
  /** The exam's time in study time (see study-time.ts). */
  examStudy: number;
}

export function examCalendar(col: Collection, exam: Pick<Exam, 'examAt'>): ExamCalendar {
  const now = col.now();
  const time = studyTime(col.settings().dayStartHour);
  const today = time.day(now);
  const examDay = time.day(exam.examAt);
  return {
    now,
    time,
    today,
    examDay,
    daysLeft: Math.max(0, examDay - today),
    examStudy: time.toFsrs(exam.examAt),
  };
}

/** Days from a review at `lastReview` to the exam, floored as ts-fsrs's get_retrievability floors them. */
export function ageAtExam(cal: ExamCalendar, lastReview: number): number {
  return Math.max(0, Math.floor((cal.examStudy - cal.time.toFsrs(lastReview)) / DAY));
}

export function examCards(col: Collection, exam: Exam, cal: ExamCalendar): ExamCard[] {
  const s = scopeFrom(col, exam);
  const rows = col.db
    .prepare(
      `SELECT c.id, c.note_id, c.deck_id, d.preset_id, c.state, c.stability, c.difficulty, c.last_review, c.due
       FROM ${s.from} JOIN decks d ON d.id = c.deck_id WHERE ${s.where} ORDER BY c.id`,
    )
    .raw(true)
    .all(...s.params) as [number, number, number, number, number, number, number, number | null, number][];
  return rows.map(([id, noteId, deckId, presetId, state, stability, difficulty, lastReview, due]) => ({
    id,
    noteId,
    deckId,
    presetId,
    state,
    stability,
    difficulty,
    lastReview,
    due,
    ageAtExam: state === State.New || lastReview === null ? 0 : ageAtExam(cal, lastReview),
  }));
}

/** Has the card a memory state (anything but a card never answered)? */
export function isStudied(c: ExamCard): boolean {
  return c.state !== State.New && c.lastReview !== null && c.stability > 0;
}
