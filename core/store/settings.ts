/** Collection-wide settings, stored as JSON values in the `settings` table. */
export interface Settings {
  /** Local hour at which a new study day begins (Anki's "next day starts at"). */
  dayStartHour: number;
  /** Learning cards due within this many minutes may be shown early when nothing else is left. */
  learnAheadMinutes: number;
  /** Random id of this installation, for merging review logs from several devices. */
  deviceId: string;
  theme: 'light' | 'dark' | 'system';
  /** UI language; null follows the operating system's locale. */
  language: 'zh' | 'en' | null;
  /** Set once the bundled decks were offered to this collection (first start). */
  bundledDecksInstalled: boolean;
  /** Real paths of the folders the user registered as deck folders: all the API may compile. */
  deckFolders: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  dayStartHour: 4,
  learnAheadMinutes: 20,
  deviceId: '',
  bundledDecksInstalled: false,
  deckFolders: [],
  theme: 'system',
  language: null,
};

/**
 * The allowed range of the numeric settings: the API's schema and the settings form (which
 * checks before saving, in the user's language) share it. No imports, so the renderer can.
 */
export const SETTINGS_BOUNDS = {
  dayStartHour: { min: 0, max: 23 },
  learnAheadMinutes: { min: 0, max: 1440 },
} as const;
