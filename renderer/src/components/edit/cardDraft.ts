/**
 * The text of a card being edited or added, as the form holds it: what can be checked before
 * calling the API (in the user's language), what the preview shows, and the API's refusals
 * in words. No React here, so it is unit-tested on its own.
 */
import { ApiError } from '../../client/index.ts';
import type { Dict } from '../../i18n/index.tsx';

export type CardKind = 'basic' | 'reversed' | 'cloze';

export interface Draft {
  front: string;
  back: string;
  text: string;
  extra: string;
}

export const EMPTY_DRAFT: Draft = { front: '', back: '', text: '', extra: '' };

const CLOZE = /\{\{c\d+::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;
/** `==answer==` on one line, not across a code span (an approximation for the preview only). */
const HIGHLIGHT = /==([^=`\n][^`\n]*?)==/g;

/** Problems the form can see by itself, each a sentence; none means the API decides. */
export function draftProblems(kind: CardKind, d: Draft, t: Dict): string[] {
  const e = t.edit.errors;
  if (kind === 'cloze') {
    if (!d.text.trim()) return [e.empty(t.edit.text)];
    // Non-global twins of CLOZE and HIGHLIGHT: test() on a /g regex would carry lastIndex over.
    return /\{\{c\d+::/.test(d.text) || /==[^=`\n][^`\n]*?==/.test(d.text) ? [] : [e.noCloze];
  }
  const out: string[] = [];
  if (!d.front.trim()) out.push(e.empty(t.edit.front));
  if (!d.back.trim()) out.push(e.empty(t.edit.back));
  return out;
}

/** The fields the API takes for this kind of card. */
export function draftFields(kind: CardKind, d: Draft, withExtra: boolean) {
  if (kind !== 'cloze') return { front: d.front, back: d.back };
  return withExtra ? { text: d.text, extra: d.extra } : { text: d.text };
}

/** Applies `fn` to the text outside code fences and inline code, where `==` is just text. */
function outsideCode(text: string, fn: (t: string) => string): string {
  return text
    .split(/(```[\s\S]*?```|~~~[\s\S]*?~~~|`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : fn(part)))
    .join('');
}

/** The two sides as the card will show them: clozes hidden on the front, marked on the back. */
export function previewSides(kind: CardKind, d: Draft): { front: string; back: string } {
  if (kind !== 'cloze') return { front: d.front, back: d.back.replace(/^type:[ \t]*/i, '') };
  const mark = (s: string) => `<mark class="cloze">${s}</mark>`;
  const front = outsideCode(d.text, (t) =>
    t.replace(CLOZE, (_m, _a, hint?: string) => mark(`[${hint ?? '...'}]`)).replace(HIGHLIGHT, mark('[...]')),
  );
  const back = outsideCode(d.text, (t) =>
    t.replace(CLOZE, (_m, a: string) => mark(a)).replace(HIGHLIGHT, (_m, a: string) => mark(a)),
  );
  return { front, back: d.extra.trim() ? `${back}\n\n${d.extra}` : back };
}

/** A file name for a new deck file, as the API will accept it. */
export function validFileName(name: string): boolean {
  const n = name.trim();
  return /^[^/\\\0]+\.md$/i.test(n) && !n.startsWith('.') && !/^readme\.md$/i.test(n);
}

/**
 * The API's refusal of an edit or an add in the user's language, or null for the errors every
 * screen words the same way (disk full, busy, read-only…), which ErrorMessage shows.
 */
export function refusalText(error: unknown, t: Dict, adding: boolean): string | null {
  if (!(error instanceof ApiError)) return null;
  const m = error.message;
  if (error.type === 'Conflict' && m.includes('changed on disk')) return t.edit.problems.changed;
  if (m.includes('is not inside a deck folder')) return t.edit.problems.outside;
  if (error.type === 'NotFound' && m.includes('no such file')) return t.edit.problems.missing;
  if (m.includes('was removed from its file')) return t.edit.problems.retired;
  if (error.type === 'InvalidArgument' || error.type === 'Conflict' || error.type === 'NotFound') {
    const detail = m.replace(/^not (saved|added): /, '');
    return adding ? t.edit.errors.notAdded(detail) : t.edit.errors.notSaved(detail);
  }
  return null;
}
