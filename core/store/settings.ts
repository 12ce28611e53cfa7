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
  /**
   * Bundled notes that bundled-deck updates retired (a card the new version dropped), as
   * opposed to those the user retired: a later version may bring back the first, never the
   * second.
   */
  bundledRetiredByUpdate: number[];
  /** What the last bundled-deck update changed, for Home to say once; null when dismissed. */
  bundledDecksNotice: BundledDecksNotice | null;
  /** The sync folder (real path), or null when sync is not set up (see core/sync). */
  syncFolder: string | null;
  /** This device's sync id and what it is bound to: another host or data path means a cloned folder. */
  syncDevice: SyncDevice | null;
  /** What the last sync did (see core/sync/run.ts). */
  syncLast: unknown;
  /** Notes' identity when waiting events were last matched to cards (see core/sync/merge.ts). */
  syncNotesStamp: string;
}

export interface SyncDevice {
  id: string;
  host: string;
  path: string;
}

/** "Docker decks updated: 12 edited, 3 added, 2 retired", counted in cards (what is reviewed). */
export interface BundledDecksNotice {
  at: number;
  /** The top-level decks the bundled files fill ("Docker"). */
  decks: string[];
  edited: number;
  added: number;
  retired: number;
}

export const DEFAULT_SETTINGS: Settings = {
  dayStartHour: 4,
  learnAheadMinutes: 20,
  deviceId: '',
  bundledDecksInstalled: false,
  deckFolders: [],
  bundledRetiredByUpdate: [],
  bundledDecksNotice: null,
  syncFolder: null,
  syncDevice: null,
  syncLast: null,
  syncNotesStamp: '',
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
