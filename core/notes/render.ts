import type { NoteKind } from '../model/types.ts';

export interface NoteFields {
  front?: string;
  back?: string;
  /** Cloze text with {{cN::answer}} or {{cN::answer::hint}} markers. */
  text?: string;
  extra?: string;
  /** The back was written `type: answer`: the forward card asks for the answer to be typed. */
  typeIn?: boolean;
}

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/** The distinct cloze numbers in a text, ascending. */
export function clozeNumbers(text: string): number[] {
  const nums = new Set<number>();
  for (const m of text.matchAll(CLOZE)) nums.add(Number(m[1]));
  return [...nums].sort((a, b) => a - b);
}

/** Card ordinals a note produces: basic 0; reversed 0 and 1; cloze N-1 for each cloze number N. */
export function cardOrds(kind: NoteKind, fields: NoteFields): number[] {
  if (kind === 'basic') return [0];
  if (kind === 'reversed') return [0, 1];
  return clozeNumbers(fields.text ?? '').map((n) => n - 1);
}

function renderCloze(text: string, active: number, reveal: boolean): string {
  return text.replace(CLOZE, (_m, n: string, answer: string, hint?: string) => {
    if (Number(n) !== active) return answer;
    if (reveal) return `<mark class="cloze">${answer}</mark>`;
    return `<mark class="cloze">[${hint ?? '...'}]</mark>`;
  });
}

/** The Markdown of a card's two sides (rendered to HTML only when shown or exported). */
export function cardSides(kind: NoteKind, fields: NoteFields, ord: number): { front: string; back: string } {
  if (kind === 'cloze') {
    const text = fields.text ?? '';
    const extra = fields.extra ? `\n\n${fields.extra}` : '';
    return { front: renderCloze(text, ord + 1, false), back: renderCloze(text, ord + 1, true) + extra };
  }
  const front = fields.front ?? '';
  const back = fields.back ?? '';
  return ord === 1 ? { front: back, back: front } : { front, back };
}

/**
 * First line of Markdown as plain text: HTML tags, list markers, emphasis and code ticks
 * removed; inside a code block, the first line that is not a shell comment.
 */
function plainFirstLine(markdown: string): string {
  const fence = /```[^\n]*\n([\s\S]*?)```/.exec(markdown);
  const source = (fence ? fence[1]! : markdown).replace(/<[^>]+>/g, '');
  const lines = source.split('\n').filter((l) => l.trim() !== '' && !(fence && /^\s*#/.test(l)));
  return (lines[0] ?? '')
    .trim()
    .replace(/^([-*+]|\d+[.)])\s+/, '')
    .replace(/\*\*|__/g, '')
    .replace(/^`+\s?|\s?`+$/g, '')
    .trim();
}

/**
 * What a type-in card expects to be typed: the hidden text of a cloze, else the first line of
 * the back (or of its first code block), as plain text.
 */
export function expectedAnswer(kind: NoteKind, fields: NoteFields, ord: number): string {
  if (kind === 'cloze') {
    const answers = [...(fields.text ?? '').matchAll(CLOZE)]
      .filter((m) => Number(m[1]) === ord + 1)
      .map((m) => m[2]!);
    return answers.join(' ');
  }
  return plainFirstLine(cardSides(kind, fields, ord).back);
}
