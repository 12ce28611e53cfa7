/**
 * The indexes only Browse reads: its walks in due, lapses, deck, state and front order
 * (search-walk.ts, search-front.ts, search.ts's due walk, search-recall.ts's new cards). The
 * queue, deck counts, review, exams and the compile's matching never name them (the Stats
 * screen's overdue count may plan with cards_due, and reads the cards without it). A bulk
 * compile leaves them to build later (store/pending-indexes.ts); Browse asks for them first.
 * Browse's partial indexes that no new card enters (cards_stability, cards_difficulty,
 * cards_suspended_due, cards_recall) are kept in place by such a compile instead.
 */
export const SORT_INDEXES = [
  'cards_due',
  'cards_lapses',
  'cards_deck_due',
  'cards_state_due',
  'notes_sort_front',
  'notes_sort_back',
] as const;

/**
 * Every index Browse's sorted walks name that a bulk write may leave for later: the ones above
 * and those a bulk import defers too (core/import/bulk-load.ts LATER_INDEXES), since an
 * import's cards do enter them; a large sync merge leaves those on cards for later too
 * (core/sync/rows.ts). Browse builds the pending ones among them before its page.
 */
export const BROWSE_INDEXES = [
  ...SORT_INDEXES,
  'cards_recall',
  'cards_stability',
  'cards_difficulty',
] as const;
