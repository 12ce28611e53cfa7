/** English strings of preset management (Settings), the deck options dialog and the preset form's checks. */
export const presetsEn = {
  presets: {
    /** The preset every collection starts with is stored as "Default"; shown in the UI language. */
    defaultName: 'Default',
    add: 'New preset',
    clone: 'Clone',
    rename: 'Rename',
    delete: 'Delete',
    nameLabel: 'Preset name',
    newTitle: 'New preset (default options)',
    cloneTitle: (name: string) => `New preset with the options of “${name}”`,
    renameTitle: (name: string) => `Rename “${name}”`,
    copyName: (name: string) => `${name} (copy)`,
    create: 'Create',
    saveName: 'Rename',
    cancel: 'Cancel',
    usedBy: (decks: string[]) =>
      decks.length === 0
        ? 'No deck uses this preset.'
        : `Used by ${decks.length} ${decks.length === 1 ? 'deck' : 'decks'}: ${decks.join(', ')}`,
    confirmDelete: (name: string) => `Delete the preset “${name}”? No deck uses it.`,
    created: (name: string) => `Created “${name}”.`,
    renamed: (name: string) => `Renamed to “${name}”.`,
    deleted: (name: string) => `Deleted “${name}”.`,
    cannotDeleteDefault: 'The default preset cannot be deleted: new decks get it.',
    inUse: (name: string, decks: string[]) =>
      `“${name}” is used by ${decks.length === 1 ? 'a deck' : `${decks.length} decks`} (${decks.join(', ')}). Give ${
        decks.length === 1 ? 'it' : 'them'
      } another preset first: Home → ⚙ on the deck’s row.`,
    nameEmpty: 'Enter a name.',
    nameTooLong: (max: number) => `At most ${max} characters.`,
    nameTaken: (name: string) => `A preset named “${name}” already exists.`,
    /** An API refusal of a field the form's own checks let through (it should not happen). */
    refused: 'This value was not accepted. Check it and save again.',
    refusedOther: 'These options were not accepted; nothing was saved.',
    maximumInterval: 'Maximum interval (days)',
    maximumIntervalHint: '1–36500: no review is scheduled further ahead than this.',
    enableFuzz:
      'Fuzz: spread each interval a little, so cards learned together do not all come back on one day',
  },
  deckOptions: {
    open: (deck: string) => `Options for ${deck}`,
    title: (deck: string) => `Options for ${deck}`,
    preset: 'Preset',
    subdecks: (n: number) => `Also for its ${n} ${n === 1 ? 'subdeck' : 'subdecks'}`,
    summary: (retention: string, newPerDay: number, reviewsPerDay: number, maxDays: number) =>
      `Retention ${retention} · ${newPerDay} new and ${reviewsPerDay} reviews a day · at most ${maxDays} days between reviews`,
    save: 'Save',
    cancel: 'Cancel',
    editPresets: 'Edit presets in Settings',
    saved: (deck: string, preset: string) => `${deck} now uses “${preset}”.`,
  },
};
