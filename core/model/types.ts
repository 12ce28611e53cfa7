/** Row shapes of the collection, exactly as better-sqlite3 returns them. */

export interface PresetRow {
  id: number;
  name: string;
  desired_retention: number;
  maximum_interval: number;
  learning_steps: string;
  relearning_steps: string;
  new_per_day: number;
  reviews_per_day: number;
  leech_threshold: number;
  leech_action: 'suspend' | 'tag';
  bury_siblings: number;
  /** Anki's "New cards ignore review limit": off, the review limit also caps new cards. */
  new_ignore_review_limit: number;
  /** Anki's "Limits start from the top": a studied subdeck is capped by its parents' limits too. */
  limits_from_top: number;
  enable_fuzz: number;
  fsrs_weights: string | null;
  type_answer: number;
  modified_at: number;
}

export interface DeckRow {
  id: number;
  name: string;
  parent_id: number | null;
  preset_id: number;
  description: string;
  created_at: number;
}

export type NoteKind = 'basic' | 'reversed' | 'cloze';

export interface NoteRow {
  id: number;
  guid: string;
  kind: NoteKind;
  fields: string;
  tags: string;
  context: string;
  source_file: string | null;
  source_line: number | null;
  content_hash: string | null;
  created_at: number;
  modified_at: number;
  source_key: string | null;
  source_id: string | null;
  source_index: number | null;
  source_section: string | null;
  retired: number;
}

/** The FSRS part of a card row (mirrors ts-fsrs `Card`, times in ms). */
export interface FsrsColumns {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}

export interface CardRow extends FsrsColumns {
  id: number;
  note_id: number;
  deck_id: number;
  ord: number;
  new_position: number;
  suspended: number;
  buried_until: number;
  flag: number;
  leech: number;
  retired: number;
  created_at: number;
  modified_at: number;
}

export type ReviewKind = 'learning' | 'review' | 'relearning' | 'manual' | 'cram';

export interface ReviewLogRow {
  seq: number;
  id: string;
  card_id: number;
  deck_id: number;
  rating: number;
  kind: ReviewKind;
  state_before: number;
  reviewed_at: number;
  duration_ms: number;
  before: string;
  after: string;
}
