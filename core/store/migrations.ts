/**
 * Ordered schema migrations. Each entry moves the collection from version `i` to `i + 1`
 * and runs inside its own transaction (see `migrate` in db.ts). Never edit a released
 * migration: append a new one.
 *
 * Times are integer milliseconds since the epoch (UTC). FSRS state lives in plain
 * columns so the queue can use indexes; the review log keeps the full before/after
 * state as JSON so any answer can be undone, replayed or exported.
 */
export const MIGRATIONS: readonly string[] = [
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
  // 8: sync through a shared folder — every event (this device's and merged ones), the outbox
  // (this device's events not yet appended to its segment file) and what was read of each file
  `
  CREATE TABLE sync_events (
    id TEXT PRIMARY KEY,          -- UUIDv7; an answer's is its review-log id
    dev TEXT NOT NULL,            -- the device that made it
    at INTEGER NOT NULL,          -- when, by that device's clock (ms)
    n INTEGER NOT NULL DEFAULT 0, -- the device's own count: orders its events made in one ms
    card TEXT NOT NULL,           -- stable card identity: note id from the deck file (or guid) + '/' + ord
    type TEXT NOT NULL,           -- answer | reset | undo | set
    rating INTEGER,               -- answer
    ms INTEGER,                   -- answer: duration
    field TEXT,                   -- set: suspended | flag | buried_until | new_position
    value INTEGER,                -- set
    target TEXT,                  -- undo: the event undone
    outbox INTEGER NOT NULL DEFAULT 0, -- 1: this device's, not yet in its segment file
    merged INTEGER NOT NULL DEFAULT 0  -- 0: its card to re-derive; 1: done; 2: card not (yet) in this collection
  );
  CREATE INDEX sync_events_card ON sync_events(card, at, id);
  CREATE INDEX sync_events_dev ON sync_events(dev, n);
  CREATE INDEX sync_events_outbox ON sync_events(outbox) WHERE outbox = 1;
  CREATE INDEX sync_events_merge ON sync_events(merged, card) WHERE merged <> 1;

  -- The newest event (in replay order) a card's row reflects, with every event before it:
  -- new events after it are applied onto the row instead of replaying the card's history.
  CREATE TABLE sync_heads (
    card TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    logs INTEGER NOT NULL         -- the card's review-log rows then: more now = rows no event records
  );

  CREATE TABLE sync_files (
    path TEXT PRIMARY KEY,        -- relative to the sync folder
    size INTEGER NOT NULL,        -- file size when last read
    offset INTEGER NOT NULL,      -- bytes read (up to the last whole line)
    lines INTEGER NOT NULL,       -- whole lines read
    dev TEXT,                     -- the device whose folder it is in
    last_at INTEGER,              -- newest event time in it
    errors TEXT NOT NULL DEFAULT '[]' -- JSON: lines it could not read, and why
  );
  `,
  // 9: presets, decks' presets and exams travel by sync too — their events (a change of some
  // fields of one object, or its deletion), and the identity every device names them by: a
  // preset's sync_id ('default' for preset 1, 'name:<name>' for one made before sync, else a
  // UUID), an exam's uuid (made with it; existing exams get one here)
  `
  CREATE TABLE sync_settings (
    id TEXT PRIMARY KEY,          -- UUIDv7
    dev TEXT NOT NULL,
    at INTEGER NOT NULL,
    n INTEGER NOT NULL DEFAULT 0, -- the device's own count of these events
    kind TEXT NOT NULL,           -- preset | deck | exam
    object TEXT NOT NULL,         -- preset sync_id, deck name path, exam uuid
    change TEXT NOT NULL,         -- JSON: {"s": {field: value, ...}} or {"del": 1}
    outbox INTEGER NOT NULL DEFAULT 0, -- 1: this device's, not yet in its segment file
    merged INTEGER NOT NULL DEFAULT 0  -- 0: to apply; 1: applied; 2: waits (its deck not here yet)
  );
  CREATE INDEX sync_settings_object ON sync_settings(kind, object, at);
  CREATE INDEX sync_settings_dev ON sync_settings(dev, n);
  CREATE INDEX sync_settings_pending ON sync_settings(merged) WHERE merged <> 1;
  CREATE INDEX sync_settings_outbox ON sync_settings(outbox) WHERE outbox = 1;
  ALTER TABLE presets ADD COLUMN sync_id TEXT;
  CREATE UNIQUE INDEX presets_sync_id ON presets(sync_id);
  ALTER TABLE exams ADD COLUMN uuid TEXT;
  UPDATE exams SET uuid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
  CREATE UNIQUE INDEX exams_uuid ON exams(uuid);
  `,
  // 10: Browse sorted by stability, difficulty or lapses walks one of these in order, forwards
  // or backwards, instead of sorting every card (new cards, without a stability or difficulty
  // to show, come last from cards_due).
  `
  CREATE INDEX cards_stability ON cards(stability, due) WHERE state <> 0;
  CREATE INDEX cards_difficulty ON cards(difficulty, due) WHERE state <> 0;
  CREATE INDEX cards_lapses ON cards(lapses, due);
  `,
  // 11: compiles that do only what changed. The notes a large compile left out of the
  // full-text index, indexed on the first text search or when the app is next idle
  // (core/store/fts-pending.ts): every note with id >= from_id that notes_fts does not hold
  // yet, at most one row. And a digest of each compiled file's lines and cards, from which a
  // recompile re-reads only the cards around what changed (core/compiler/incremental.ts;
  // NULL: read whole), and how many cards (notes) the file gave: an unchanged file's count.
  `
  CREATE TABLE notes_fts_pending (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    from_id INTEGER NOT NULL
  );
  ALTER TABLE source_files ADD COLUMN lines BLOB;
  ALTER TABLE source_files ADD COLUMN cards INTEGER;
  `,
  // 12: Browse sorted by deck walks each deck's cards in due order (the decks in name order),
  // and sorted by state each state's cards in due order, then the suspended ones
  // (core/cards/search-walk.ts), instead of sorting every card; the filters Browse walks with
  // are read from the entries alone.
  `
  CREATE INDEX cards_deck_due ON cards(deck_id, due, state, suspended, retired);
  CREATE INDEX cards_state_due ON cards(state, due) WHERE suspended = 0 AND retired = 0;
  CREATE INDEX cards_suspended_due ON cards(due) WHERE suspended = 1 AND retired = 0;
  `,
  // 13: the review-log id's uniqueness as a named index (review_log_id) instead of the column's
  // UNIQUE constraint, whose automatic index cannot be dropped. A bulk import into an empty
  // collection (core/import/bulk-load.ts) drops it for the load and builds it again after,
  // inside the import's transaction: one sort of a million ids instead of a million inserts
  // at random places (a duplicate id then fails the CREATE and rolls the whole import back).
  // SQLite cannot drop a column constraint, so the table is rebuilt with the same columns,
  // rows (seq kept), indexes and triggers (as migrations 1, 6 and 7 wrote them; dropping the
  // old table drops its own, and its triggers before its rows go). The rebuild also stores the
  // two values the statistics index (migration 6) read from the before-state JSON as columns
  // SQLite fills as each row is written: building that index after a bulk import then sorts
  // plain values instead of parsing a million JSON texts (its expression is core/stats/
  // review-index.ts's CODE, word for word).
  `
  CREATE TABLE review_log_new (
    seq INTEGER PRIMARY KEY,      -- local insertion order
    id TEXT NOT NULL,             -- globally unique (UUIDv7; index review_log_id): merges logs from several devices
    card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    deck_id INTEGER NOT NULL,     -- deck at answer time, for per-deck daily limits
    rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4), -- 0 = manual (reset)
    kind TEXT NOT NULL CHECK (kind IN ('learning', 'review', 'relearning', 'manual', 'cram')),
    state_before INTEGER NOT NULL,
    reviewed_at INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    before TEXT NOT NULL,         -- JSON FSRS card state before the answer
    after TEXT NOT NULL,          -- JSON FSRS card state after the answer
    before_scheduled_days GENERATED ALWAYS AS (json_extract(before, '$.scheduled_days')) STORED,
    before_last_review GENERATED ALWAYS AS (json_extract(before, '$.last_review')) STORED
  );
  INSERT INTO review_log_new (seq, id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after)
    SELECT seq, id, card_id, deck_id, rating, kind, state_before, reviewed_at, duration_ms, before, after FROM review_log;
  DROP TABLE review_log;
  ALTER TABLE review_log_new RENAME TO review_log;
  CREATE UNIQUE INDEX review_log_id ON review_log(id);
  CREATE INDEX review_log_card ON review_log(card_id, reviewed_at);
  CREATE INDEX review_log_time ON review_log(reviewed_at, deck_id, state_before, kind);
  CREATE INDEX review_log_stats ON review_log(
    (rating + 5 * (CASE WHEN before_scheduled_days >= 21 THEN 2 WHEN before_scheduled_days >= 1 THEN 1 ELSE 0 END + 3 * CASE kind WHEN 'learning' THEN 0 WHEN 'relearning' THEN 1 WHEN 'review' THEN 2 WHEN 'cram' THEN 3 ELSE 4 END) + 75 * coalesce(reviewed_at - before_last_review < 90000000, 0)),
    reviewed_at, duration_ms, before_last_review, card_id);
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
  `,
];
