/** Migrations 1–7 (see migrations.ts): released, never edited. */
export const MIGRATIONS_1_7: readonly string[] = [
  // 1: the initial collection
  `
  CREATE TABLE presets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    desired_retention REAL NOT NULL DEFAULT 0.9 CHECK (desired_retention > 0 AND desired_retention < 1),
    maximum_interval INTEGER NOT NULL DEFAULT 36500 CHECK (maximum_interval >= 1),
    learning_steps TEXT NOT NULL DEFAULT '1m 10m',
    relearning_steps TEXT NOT NULL DEFAULT '10m',
    new_per_day INTEGER NOT NULL DEFAULT 20 CHECK (new_per_day >= 0),
    reviews_per_day INTEGER NOT NULL DEFAULT 200 CHECK (reviews_per_day >= 0),
    leech_threshold INTEGER NOT NULL DEFAULT 8 CHECK (leech_threshold >= 1),
    leech_action TEXT NOT NULL DEFAULT 'suspend' CHECK (leech_action IN ('suspend', 'tag')),
    bury_siblings INTEGER NOT NULL DEFAULT 1,
    enable_fuzz INTEGER NOT NULL DEFAULT 1,
    fsrs_weights TEXT,            -- JSON number[21]; NULL = ts-fsrs defaults
    type_answer INTEGER NOT NULL DEFAULT 0,
    modified_at INTEGER NOT NULL
  );

  CREATE TABLE decks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,    -- full path, '::'-separated: 'Docker::网络模式'
    parent_id INTEGER REFERENCES decks(id) ON DELETE RESTRICT,
    preset_id INTEGER NOT NULL REFERENCES presets(id) ON DELETE RESTRICT,
    description TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
  );
  CREATE INDEX decks_parent ON decks(parent_id);

  CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,    -- stable identity across edits, devices and Anki export
    kind TEXT NOT NULL CHECK (kind IN ('basic', 'reversed', 'cloze')),
    fields TEXT NOT NULL,         -- JSON object: {front, back} or {text, extra}
    tags TEXT NOT NULL DEFAULT '',-- space separated
    context TEXT NOT NULL DEFAULT '', -- heading path above the card in its source
    source_file TEXT,
    source_line INTEGER,
    content_hash TEXT,
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL
  );
  CREATE INDEX notes_source ON notes(source_file);

  CREATE TABLE cards (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE RESTRICT,
    ord INTEGER NOT NULL,         -- 0 forward / 1 reversed; cloze number - 1
    due INTEGER NOT NULL,
    stability REAL NOT NULL DEFAULT 0,
    difficulty REAL NOT NULL DEFAULT 0,
    elapsed_days INTEGER NOT NULL DEFAULT 0,
    scheduled_days INTEGER NOT NULL DEFAULT 0,
    learning_steps INTEGER NOT NULL DEFAULT 0,
    reps INTEGER NOT NULL DEFAULT 0,
    lapses INTEGER NOT NULL DEFAULT 0,
    state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3), -- ts-fsrs State
    last_review INTEGER,
    new_position INTEGER NOT NULL DEFAULT 0,
    suspended INTEGER NOT NULL DEFAULT 0,
    buried_until INTEGER NOT NULL DEFAULT 0, -- hidden while now < buried_until
    flag INTEGER NOT NULL DEFAULT 0 CHECK (flag BETWEEN 0 AND 7),
    leech INTEGER NOT NULL DEFAULT 0,
    retired INTEGER NOT NULL DEFAULT 0,      -- gone from its source; history kept
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    UNIQUE (note_id, ord)
  );
  CREATE INDEX cards_deck ON cards(deck_id, retired); -- covers per-deck totals
  -- Today's queue reads only these two partial, covering indexes (range scans per deck,
  -- no table lookups). Queries must repeat the index's WHERE terms (e.g. "state <> 0")
  -- for SQLite to prove the partial index applies.
  -- (suspended, retired and state are repeated as columns so the WHERE terms can be checked
  -- from the index alone.)
  CREATE INDEX cards_queue_due ON cards(deck_id, state, due, buried_until, suspended, retired)
    WHERE suspended = 0 AND retired = 0 AND state <> 0;
  CREATE INDEX cards_queue_new ON cards(deck_id, new_position, buried_until, state, suspended, retired)
    WHERE suspended = 0 AND retired = 0 AND state = 0;

  CREATE TABLE review_log (
    seq INTEGER PRIMARY KEY,      -- local insertion order
    id TEXT NOT NULL UNIQUE,      -- globally unique (UUIDv7): merges logs from several devices
    card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    deck_id INTEGER NOT NULL,     -- deck at answer time, for per-deck daily limits
    rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4), -- 0 = manual (reset)
    kind TEXT NOT NULL CHECK (kind IN ('learning', 'review', 'relearning', 'manual', 'cram')),
    state_before INTEGER NOT NULL,
    reviewed_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    before TEXT NOT NULL,         -- JSON FSRS card state before the answer
    after TEXT NOT NULL           -- JSON FSRS card state after the answer
  );
  CREATE INDEX review_log_card ON review_log(card_id, reviewed_at);
  -- Covering: today's per-deck done counts (daily limits) read only this index.
  CREATE INDEX review_log_time ON review_log(reviewed_at, deck_id, state_before, kind);

  -- Undo: full before-images of every row an action changed, newest last.
  CREATE TABLE undo_stack (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    review_id TEXT,
    rows TEXT NOT NULL,           -- JSON [{table, id, row}] with row = null for inserted rows
    created_at INTEGER NOT NULL
  );

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL           -- JSON
  );
  `,

  // 2: compiling Markdown sources into notes — identity, location and file hashes
  `
  ALTER TABLE notes ADD COLUMN source_key TEXT;      -- hash of deck + normalized front (matched in memory, per file)
  ALTER TABLE notes ADD COLUMN source_id TEXT;       -- explicit ^id-xxxx from the source
  ALTER TABLE notes ADD COLUMN source_index INTEGER; -- position among the file's cards
  ALTER TABLE notes ADD COLUMN source_section TEXT;  -- the section of the notes it was written from
  ALTER TABLE notes ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
  CREATE UNIQUE INDEX notes_source_id ON notes(source_id) WHERE source_id IS NOT NULL;
  CREATE INDEX notes_retired ON notes(source_file) WHERE retired = 1;
  DROP INDEX notes_source;
  CREATE INDEX notes_source ON notes(source_file, source_index); -- a file's cards, in order

  CREATE TABLE source_files (
    path TEXT PRIMARY KEY,        -- absolute path of a compiled .md file
    content_hash TEXT NOT NULL,
    compiled_at INTEGER NOT NULL
  );
  `,

  // 3: Anki's limit options (both off by default, as in Anki)
  `
  ALTER TABLE presets ADD COLUMN new_ignore_review_limit INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE presets ADD COLUMN limits_from_top INTEGER NOT NULL DEFAULT 0;
  `,

  // 4: exams — a date to prepare for, what it covers, a target and a daily budget
  `
  CREATE TABLE exams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    exam_at INTEGER NOT NULL,     -- when the exam starts (ms)
    tags TEXT NOT NULL DEFAULT '',-- space separated; a card in scope has one of them (if any)
    target REAL NOT NULL DEFAULT 0.9 CHECK (target > 0 AND target < 1),
    budget_kind TEXT NOT NULL DEFAULT 'minutes' CHECK (budget_kind IN ('minutes', 'reviews')),
    budget REAL NOT NULL CHECK (budget > 0),
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL
  );
  -- Predicted recall reads every studied card's memory: from this index alone, not the table.
  CREATE INDEX cards_memory ON cards(deck_id, stability, last_review)
    WHERE suspended = 0 AND retired = 0 AND state <> 0;
  -- The decks an exam covers (with their subdecks); none = every deck.
  CREATE TABLE exam_decks (
    exam_id INTEGER NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
    deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
    PRIMARY KEY (exam_id, deck_id)
  );
  `,
  // 5: the FSRS parameters a preset had before the last change (Optimize's Apply, a paste or a
  // reset), so the user can go back: JSON number[21], 'null' for ts-fsrs's defaults, NULL = none
  `
  ALTER TABLE presets ADD COLUMN fsrs_weights_previous TEXT;
  `,
  // 6: statistics — one covering index the Stats screen reads the review log from. Its first
  // column packs what a chart groups by and never changes after the answer: the rating, the
  // kind, the card's interval before the answer (under a day, young < 21 days, mature), and
  // whether the card's previous answer was under 25 hours before (only then can it have been
  // the same study day). Each (group, study day) is then one range of it, counted without a
  // sort or a table read. The expression must stay word for word as core/stats/review-index.ts
  // writes it.
  `
  CREATE INDEX review_log_stats ON review_log(
    (rating + 5 * (CASE WHEN json_extract(before, '$.scheduled_days') >= 21 THEN 2 WHEN json_extract(before, '$.scheduled_days') >= 1 THEN 1 ELSE 0 END + 3 * CASE kind WHEN 'learning' THEN 0 WHEN 'relearning' THEN 1 WHEN 'review' THEN 2 WHEN 'cram' THEN 3 ELSE 4 END) + 75 * coalesce(reviewed_at - json_extract(before, '$.last_review') < 90000000, 0)),
    reviewed_at, duration_ms, json_extract(before, '$.last_review'), card_id);
  `,
  // 7: every screen's read bounded by what it shows — totals kept up to date by triggers
  // instead of recounted, Browse's text search through a full-text index, a due-date index.
  `
  -- Browse text search: a trigram index (substrings in any script, Chinese included) of each
  -- note's field values, one per line. Contentless (the text is in notes.fields already);
  -- contentless_delete lets a trigger remove a note's row by its id alone.
  CREATE VIRTUAL TABLE notes_fts USING fts5(body, content = '', contentless_delete = 1, tokenize = 'trigram');
  INSERT INTO notes_fts (rowid, body)
    SELECT id, (SELECT group_concat(value, char(10)) FROM json_each(fields) WHERE type = 'text') FROM notes;
  CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN
    INSERT INTO notes_fts (rowid, body) VALUES (new.id, (SELECT group_concat(value, char(10)) FROM json_each(new.fields) WHERE type = 'text'));
  END;
  CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN
    DELETE FROM notes_fts WHERE rowid = old.id;
  END;
  CREATE TRIGGER notes_fts_update AFTER UPDATE OF id, fields ON notes
    WHEN old.id IS NOT new.id OR old.fields IS NOT new.fields BEGIN
    DELETE FROM notes_fts WHERE rowid = old.id;
    INSERT INTO notes_fts (rowid, body) VALUES (new.id, (SELECT group_concat(value, char(10)) FROM json_each(new.fields) WHERE type = 'text'));
  END;

  -- Answers and time per quarter hour (reviewed_at / 900000): every UTC offset is a whole
  -- number of quarter hours, so a study day is a run of whole buckets and the history and
  -- today's totals read at most 96 rows a day instead of every answer.
  CREATE TABLE review_buckets (
    bucket INTEGER PRIMARY KEY,
    reviews INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL
  );
  INSERT INTO review_buckets (bucket, reviews, duration_ms)
    SELECT reviewed_at / 900000, count(*), sum(duration_ms) FROM review_log GROUP BY reviewed_at / 900000;
  CREATE TRIGGER review_buckets_insert AFTER INSERT ON review_log BEGIN
    INSERT INTO review_buckets (bucket, reviews, duration_ms) VALUES (new.reviewed_at / 900000, 1, new.duration_ms)
      ON CONFLICT (bucket) DO UPDATE SET reviews = reviews + 1, duration_ms = duration_ms + excluded.duration_ms;
  END;
  CREATE TRIGGER review_buckets_delete AFTER DELETE ON review_log BEGIN
    UPDATE review_buckets SET reviews = reviews - 1, duration_ms = duration_ms - old.duration_ms
      WHERE bucket = old.reviewed_at / 900000;
  END;
  CREATE TRIGGER review_buckets_update AFTER UPDATE OF reviewed_at, duration_ms ON review_log
    WHEN old.reviewed_at IS NOT new.reviewed_at OR old.duration_ms IS NOT new.duration_ms BEGIN
    UPDATE review_buckets SET reviews = reviews - 1, duration_ms = duration_ms - old.duration_ms
      WHERE bucket = old.reviewed_at / 900000;
    INSERT INTO review_buckets (bucket, reviews, duration_ms) VALUES (new.reviewed_at / 900000, 1, new.duration_ms)
      ON CONFLICT (bucket) DO UPDATE SET reviews = reviews + 1, duration_ms = duration_ms + excluded.duration_ms;
  END;

  -- What each deck studied per quarter hour, for the daily limits: new cards (not cram) and
  -- reviews. Today's limits read at most 96 rows a deck instead of every answer of the day.
  CREATE TABLE deck_done (
    deck_id INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    new INTEGER NOT NULL,
    review INTEGER NOT NULL,
    PRIMARY KEY (deck_id, bucket)
  ) WITHOUT ROWID;
  INSERT INTO deck_done (deck_id, bucket, new, review)
    SELECT deck_id, reviewed_at / 900000, sum(state_before = 0 AND kind <> 'cram'), sum(kind = 'review')
    FROM review_log GROUP BY deck_id, reviewed_at / 900000;
  CREATE TRIGGER deck_done_insert AFTER INSERT ON review_log BEGIN
    INSERT INTO deck_done (deck_id, bucket, new, review)
      VALUES (new.deck_id, new.reviewed_at / 900000, new.state_before = 0 AND new.kind <> 'cram', new.kind = 'review')
      ON CONFLICT (deck_id, bucket) DO UPDATE SET new = new + excluded.new, review = review + excluded.review;
  END;
  CREATE TRIGGER deck_done_delete AFTER DELETE ON review_log BEGIN
    UPDATE deck_done SET new = new - (old.state_before = 0 AND old.kind <> 'cram'), review = review - (old.kind = 'review')
      WHERE deck_id = old.deck_id AND bucket = old.reviewed_at / 900000;
  END;
  CREATE TRIGGER deck_done_update AFTER UPDATE OF deck_id, reviewed_at, state_before, kind ON review_log
    WHEN old.deck_id IS NOT new.deck_id OR old.reviewed_at IS NOT new.reviewed_at
      OR old.state_before IS NOT new.state_before OR old.kind IS NOT new.kind BEGIN
    UPDATE deck_done SET new = new - (old.state_before = 0 AND old.kind <> 'cram'), review = review - (old.kind = 'review')
      WHERE deck_id = old.deck_id AND bucket = old.reviewed_at / 900000;
    INSERT INTO deck_done (deck_id, bucket, new, review)
      VALUES (new.deck_id, new.reviewed_at / 900000, new.state_before = 0 AND new.kind <> 'cram', new.kind = 'review')
      ON CONFLICT (deck_id, bucket) DO UPDATE SET new = new + excluded.new, review = review + excluded.review;
  END;

  -- Cards in play (not new, suspended or retired) by the quarter hour they come due, for the
  -- forecast: its days read at most 96 rows each instead of every due card.
  CREATE TABLE due_counts (
    bucket INTEGER PRIMARY KEY,
    cards INTEGER NOT NULL
  );
  INSERT INTO due_counts (bucket, cards)
    SELECT CAST(due AS INTEGER) / 900000, count(*) FROM cards WHERE state <> 0 AND suspended = 0 AND retired = 0
    GROUP BY CAST(due AS INTEGER) / 900000;
  CREATE TRIGGER due_counts_insert AFTER INSERT ON cards
    WHEN new.state <> 0 AND new.suspended = 0 AND new.retired = 0 BEGIN
    INSERT INTO due_counts (bucket, cards) VALUES (CAST(new.due AS INTEGER) / 900000, 1)
      ON CONFLICT (bucket) DO UPDATE SET cards = cards + 1;
  END;
  CREATE TRIGGER due_counts_delete AFTER DELETE ON cards
    WHEN old.state <> 0 AND old.suspended = 0 AND old.retired = 0 BEGIN
    UPDATE due_counts SET cards = cards - 1 WHERE bucket = CAST(old.due AS INTEGER) / 900000;
  END;
  CREATE TRIGGER due_counts_update AFTER UPDATE OF due, state, suspended, retired ON cards
    WHEN old.due IS NOT new.due OR old.state IS NOT new.state OR old.suspended IS NOT new.suspended
      OR old.retired IS NOT new.retired BEGIN
    UPDATE due_counts SET cards = cards - 1 WHERE bucket = CAST(old.due AS INTEGER) / 900000
      AND old.state <> 0 AND old.suspended = 0 AND old.retired = 0;
    INSERT INTO due_counts (bucket, cards) SELECT CAST(new.due AS INTEGER) / 900000, 1
      WHERE new.state <> 0 AND new.suspended = 0 AND new.retired = 0
      ON CONFLICT (bucket) DO UPDATE SET cards = cards + 1;
  END;

  -- Each deck's own cards (not retired), for the deck tree's totals.
  CREATE TABLE deck_totals (
    deck_id INTEGER PRIMARY KEY,
    cards INTEGER NOT NULL
  );
  INSERT INTO deck_totals (deck_id, cards)
    SELECT deck_id, count(*) FROM cards WHERE retired = 0 GROUP BY deck_id;
  CREATE TRIGGER deck_totals_insert AFTER INSERT ON cards WHEN new.retired = 0 BEGIN
    INSERT INTO deck_totals (deck_id, cards) VALUES (new.deck_id, 1)
      ON CONFLICT (deck_id) DO UPDATE SET cards = cards + 1;
  END;
  CREATE TRIGGER deck_totals_delete AFTER DELETE ON cards WHEN old.retired = 0 BEGIN
    UPDATE deck_totals SET cards = cards - 1 WHERE deck_id = old.deck_id;
  END;
  CREATE TRIGGER deck_totals_update AFTER UPDATE OF deck_id, retired ON cards
    WHEN old.deck_id IS NOT new.deck_id OR old.retired IS NOT new.retired BEGIN
    UPDATE deck_totals SET cards = cards - 1 WHERE deck_id = old.deck_id AND old.retired = 0;
    INSERT INTO deck_totals (deck_id, cards) SELECT new.deck_id, 1 WHERE new.retired = 0
      ON CONFLICT (deck_id) DO UPDATE SET cards = cards + 1;
  END;

  -- Browse sorted by due date (its default) and its due-range filter walk this in order; the
  -- state columns let its filters skip cards without reading them.
  CREATE INDEX cards_due ON cards(due, state, retired, suspended);
  `,
];
