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
  // 5: sync through a shared folder — every event (this device's and merged ones), the outbox
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
];
