/**
 * Ordered schema migrations. Each entry moves the collection from version `i` to `i + 1`
 * and runs inside its own transaction (see `migrate` in db.ts). Never edit a released
 * migration: append a new one (at the end of migrations-8-on.ts).
 *
 * Times are integer milliseconds since the epoch (UTC). FSRS state lives in plain
 * columns so the queue can use indexes; the review log keeps the full before/after
 * state as JSON so any answer can be undone, replayed or exported.
 */
import { MIGRATIONS_1_7 } from './migrations-1-7.ts';
import { MIGRATIONS_8_ON } from './migrations-8-on.ts';

/** Kept in two files for their length; a new migration goes at the end of migrations-8-on.ts. */
export const MIGRATIONS: readonly string[] = [...MIGRATIONS_1_7, ...MIGRATIONS_8_ON];
