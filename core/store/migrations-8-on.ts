/** Migrations from 8 on (see migrations.ts). Append new migrations at the end of this list. */
export const MIGRATIONS_8_ON: readonly string[] = [
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
  // 14: Browse sorted by front or by retrievability without sorting every card
  // (core/cards/search-front.ts, search-recall.ts). The front's first 40 characters, as
  // Browse's full sort reads the note (a cloze's text, else the front; a reversed note's
  // second card the back), indexed on the notes themselves, so every write of a note keeps
  // them without a trigger; and the cards in play by state, stability band (a quarter of a
  // doubling each, log2 of SQLite's math functions) and last review, the two things a card's
  // retrievability grows with, plus the columns Browse filters by and reads.
  `
  CREATE INDEX notes_sort_front ON notes(
    substr(CASE WHEN kind = 'cloze' THEN json_extract(fields, '$.text') ELSE json_extract(fields, '$.front') END, 1, 40) COLLATE NOCASE);
  CREATE INDEX notes_sort_back ON notes(substr(json_extract(fields, '$.back'), 1, 40) COLLATE NOCASE)
    WHERE kind = 'reversed';
  CREATE INDEX cards_recall ON cards(state, floor(log2(stability) * 4), last_review, deck_id, suspended, retired, due, stability)
    WHERE state <> 0;
  `,
  // 15: indexes a bulk write (a first compile, an import) left to build later
  // (core/store/pending-indexes.ts): each one's CREATE as sqlite_master held it, recorded in
  // the write's transaction; built when the app is idle, by the first query that needs it, or
  // before the next migration.
  `
  CREATE TABLE indexes_pending (name TEXT PRIMARY KEY, sql TEXT NOT NULL) WITHOUT ROWID;
  `,
  // 16: another device's answer whose card is here is stored once, as its review-log row
  // (core/sync/log-events.ts): the row carries what the event has that the log lacks (its
  // device, that device's count and the card's identity) instead of repeating the whole event
  // in sync_events. A row deleted (an undone answer dropped by a replay, its card deleted)
  // leaves its event in sync_events, so no answer ever leaves the union. A card's head keeps
  // its event's place in replay order (time, device, count), read with it instead of looked
  // up in either table.
  `
  ALTER TABLE sync_heads ADD COLUMN at INTEGER;
  ALTER TABLE sync_heads ADD COLUMN dev TEXT;
  ALTER TABLE sync_heads ADD COLUMN n INTEGER;
  UPDATE sync_heads SET (at, dev, n) = (SELECT at, dev, n FROM sync_events e WHERE e.id = sync_heads.event);
  ALTER TABLE review_log ADD COLUMN sync_dev TEXT;
  ALTER TABLE review_log ADD COLUMN sync_n INTEGER;
  ALTER TABLE review_log ADD COLUMN sync_card TEXT;
  CREATE TRIGGER review_log_keep_event AFTER DELETE ON review_log WHEN old.sync_dev IS NOT NULL BEGIN
    INSERT OR IGNORE INTO sync_events (id, dev, at, n, card, type, rating, ms, outbox, merged)
      VALUES (old.id, old.sync_dev, old.reviewed_at, old.sync_n, old.sync_card,
        CASE old.rating WHEN 0 THEN 'reset' ELSE 'answer' END, nullif(old.rating, 0),
        CASE old.rating WHEN 0 THEN NULL ELSE old.duration_ms END, 0, 1);
  END;
  `,
  // 17: a card's head in one b-tree, keyed by the card's identity (WITHOUT ROWID), instead of a
  // rowid table and its identity index: a merge looks up and rewrites each of its cards' heads
  // by identity, and for the benchmark's 63,223 cards reading them took 0.27 s of CPU against
  // 0.22 s, rewriting them 0.17 s against 0.13 s.
  `
  CREATE TABLE sync_heads_17 (
    card TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    logs INTEGER NOT NULL,        -- the card's review-log rows then: more now = rows no event records
    at INTEGER,                   -- the head event's place in replay order: time, device, count
    dev TEXT,
    n INTEGER
  ) WITHOUT ROWID;
  INSERT INTO sync_heads_17 (card, event, logs, at, dev, n) SELECT card, event, logs, at, dev, n FROM sync_heads;
  DROP TABLE sync_heads;
  ALTER TABLE sync_heads_17 RENAME TO sync_heads;
  `,
];
