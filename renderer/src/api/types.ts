/**
 * Named shapes of the service API's results, as the renderer uses them. All derived from
 * core/api/service.ts through the client's types, so a change in the core shows up here.
 */
import type { MethodArgs, MethodResult } from '../client/index.ts';

export type DeckList = MethodResult<'decks.list'>;
export type DeckInfo = DeckList['decks'][number];
export type BundledNotice = NonNullable<MethodResult<'decks.bundledUpdate'>['notice']>;
export type Counts = DeckList['today'];

export type NextCard = NonNullable<MethodResult<'review.next'>>;
export type CardView = NextCard['card'];
export type FsrsView = CardView['fsrs'];
export type FsrsStateName = FsrsView['state'];
export type GradeName = keyof NextCard['states'];
export type Rating = 1 | 2 | 3 | 4;

export type CardDetails = MethodResult<'cards.get'>;
export type ReviewLogEntry = CardDetails['log'][number];

export type SearchArgs = NonNullable<MethodArgs<'cards.search'>>;
export type SearchState = NonNullable<SearchArgs['state']>;
export type SearchRow = MethodResult<'cards.search'>['cards'][number];
export type SortColumn = NonNullable<SearchArgs['sort']>;

export type Preset = MethodResult<'presets.list'>[number];

export type Settings = MethodResult<'settings.get'>;
export type Theme = Settings['theme'];
export type Language = NonNullable<Settings['language']>;

export type TodayStats = MethodResult<'stats.today'>;

export type Exam = MethodResult<'exams.get'>;
export type ExamForecast = Awaited<MethodResult<'exams.forecast'>>;
export type ExamPlan = MethodResult<'exams.plan'>;
export type CramKind = MethodResult<'cram.start'>['kind'];
/** One card as review.card shows it (a cram session walks its own list of cards). */
export type ShownCard = MethodResult<'review.card'>;
