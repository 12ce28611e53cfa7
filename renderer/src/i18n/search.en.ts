/** English strings of Browse's result count when the count stopped early (a search with very many matches). */
export const searchEn = {
  searchCount: {
    /** The count stopped at `atLeast` matches: there are that many or more. */
    atLeast: (from: number, to: number, atLeast: number) => `${from}–${to} of at least ${atLeast}`,
    /** The cards of the notes the full-text index names: the matches, give or take a few. */
    about: (from: number, to: number, about: number) => `${from}–${to} of about ${about}`,
  },
};
