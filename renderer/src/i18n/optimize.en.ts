/** English strings of a preset's FSRS parameters, Optimize / Evaluate and the retention simulation (Settings). */
export const optimizeEn = {
  optimize: {
    section: 'FSRS parameters',
    paramsLabel: 'FSRS parameters (21 numbers)',
    paramsHint: 'Paste a list of 21 numbers (commas or spaces), e.g. from Anki. Empty = the defaults.',
    usingDefaults: "This preset uses ts-fsrs's default parameters.",
    usingPersonal: 'This preset uses its own parameters.',
    saveParams: 'Save parameters',
    resetDefaults: 'Reset to defaults',
    paramsSaved: 'Parameters saved.',
    paramsReset: 'Back to the default parameters.',
    count: (n: number) => `FSRS-6 has 21 parameters; this list has ${n}.`,
    notANumber: (i: number, text: string) => `w[${i}]: “${text}” is not a number.`,
    outOfRange: (i: number, min: number, max: number) => `w[${i}] must be between ${min} and ${max}.`,
    optimizeTitle: 'Optimize on your reviews',
    optimizeIntro:
      'Fits the parameters to this preset’s review history. They are checked first: fitted on the older 80% of your answers, scored on the newest 20% they never saw, against the parameters in use. Lower is better.',
    unavailable:
      'Optimize is unavailable on this platform: the FSRS optimizer is built only for Linux x64. Everything else works.',
    history: (answers: number, cards: number, items: number) =>
      `${answers} answers to ${cards} cards; ${items} of them made on a later day than the card’s previous review.`,
    notEnough: (items: number, min: number) =>
      `Optimize needs at least ${min} reviews made on a later day than the card’s previous review; this preset has ${items}. Below that, the newest part held out to check the fit is too small to tell a real gain from chance.`,
    run: 'Optimize',
    cancel: 'Cancel',
    phase: {
      reading: 'Reading your reviews…',
      split: 'Fitting on the older part…',
      final: 'Fitting on all your reviews…',
    },
    step: (current: number, total: number) => `${current} of ${total}`,
    cancelled: 'Cancelled: nothing was changed.',
    tableCaption: (train: number, heldOut: number) =>
      `Fitted on ${train} older items, scored on the newest ${heldOut}`,
    parameters: 'Parameters',
    logLoss: 'Log loss',
    rmse: 'RMSE (bins)',
    inUse: 'In use',
    inUseDefaults: 'In use (defaults)',
    fitted: 'Fitted',
    better: 'The fitted parameters predict your newest reviews better.',
    notBetter: 'The fitted parameters do not predict your newest reviews better: keep the ones in use.',
    apply: 'Apply fitted parameters',
    applied: 'Applied. The previous parameters are kept: Revert goes back to them.',
    revert: 'Revert to previous parameters',
    reverted: 'The previous parameters are back.',
    previousDefaults: 'Revert goes back to the default parameters.',
    simTitle: 'The retention that fits your time',
    simIntro:
      'Simulates this preset’s cards over the next 365 days under each desired retention, with its parameters, steps and limits and your answer time.',
    simulate: 'Simulate 365 days',
    simulating: 'Simulating…',
    sampled: (sample: number, cards: number) =>
      `Simulated on a sample of ${sample} of ${cards} cards, scaled up.`,
    suggested: (r: string, current: string) =>
      `Workload-optimal: ${r} (the fewest minutes per card remembered at the end). Yours: ${current}.`,
    chartSummary: (from: string, to: string, lo: number, hi: number) =>
      `Minutes per day from ${lo} at ${from} to ${hi} at ${to} desired retention.`,
    barTitle: (r: string, minutes: number, reviews: number) =>
      `${r}: ${minutes} min a day, ${reviews} reviews a day`,
    legendMinutes: 'Minutes per day',
    legendCurrent: 'Your current retention',
    retention: 'Retention',
    reviewsPerDay: 'Reviews a day',
    minutesPerDay: 'Minutes a day',
    remembered: 'Remembered at the end',
    currentMark: 'current',
    suggestedMark: 'suggested',
    tableSummary: 'Every retention in figures',
  },
};
