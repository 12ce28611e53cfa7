/**
 * English strings of Browse's result count when the count stopped early (a search with very
 * many matches), and of a short-text search that read only the first cards by due date.
 */
export const searchEn = {
  searchCount: {
    /** The count stopped at `atLeast` matches: there are that many or more. */
    atLeast: (from: number, to: number, atLeast: number) => `${from}–${to} of at least ${atLeast}`,
    /** The cards of the notes the full-text index names: the matches, give or take a few. */
    about: (from: number, to: number, about: number) => `${from}–${to} of about ${about}`,
    /** Text of 1–2 characters read the `cards` oldest cards of `of`: its results are theirs. */
    partial: (cards: number, of: number) =>
      `in the ${cards.toLocaleString()} oldest of ${of.toLocaleString()} cards`,
    searchAll: (of: number) => `Search all ${of.toLocaleString()} cards`,
  },
};
