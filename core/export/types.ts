/** What every exporter takes and reports (core/export/index.ts dispatches by format). */

export type ExportFormat = 'apkg' | 'csv' | 'tsv' | 'md' | 'json';

export interface ExportOptions {
  format: ExportFormat;
  /** Decks to export, each with its subdecks; all decks when absent. */
  deckIds?: number[];
  /** Scheduling and review history (apkg, json); CSV and Markdown carry neither. */
  withHistory: boolean;
}

export interface ExportResult {
  /** The file (or, for md, the folder) written. */
  file: string;
  notes: number;
  cards: number;
  reviews: number;
  media: number;
  bytes: number;
  /** Things the user should know (e.g. a note the Markdown syntax cannot hold exactly). */
  warnings?: string[];
}

/** Called between chunks: `done` of `total` rows written so far. */
export type OnProgress = (done: number, total: number) => void;

/** What an exporter wrote, before the dispatcher adds the file and its size. */
export type ExportCounts = Omit<ExportResult, 'file' | 'bytes'>;
