/**
 * A card's own lines in its Markdown file: what the user wrote (front and back, or cloze text,
 * and its id), and the same card written back with new text in the same syntax. Pure text:
 * no other line of the file is touched, line endings and a byte-order mark are kept. Whether
 * the result reads back as the intended card is checked by parsing it (edit-file.ts), since
 * text such as a `::` in a front or a line holding only `?` changes what a card is.
 */
import { closesFence, type Fence, heading, openingFence } from '../compiler/markdown-lines.ts';
import type { ParsedCard } from '../compiler/parse.ts';
import type { NoteKind } from '../model/types.ts';

/** single: `front::back` on one line; multi: front, a `?` line, back; cloze: a paragraph. */
export type CardForm = 'single' | 'multi' | 'cloze';

export interface CardText {
  front: string;
  back: string;
  /** A cloze card's paragraph, with its `==…==` or `{{c1::…}}` as written. */
  text: string;
}

export interface CardSource extends CardText {
  form: CardForm;
  /** 1-based first and last line, including an id written on a line of its own. */
  start: number;
  end: number;
  /** single form: the indentation and the separator with the spaces around it (" :: "). */
  indent: string;
  separator: string;
  /** multi form: the `?` or `??` line as written. */
  question: string;
  id: string | null;
  /** The id as written: " ^id-x" after the text, or "^id-x" on its own line. */
  idText: string;
  idOwnLine: boolean;
}

const ID_AT_END = /(?:^|\s)(?:\^id-([A-Za-z0-9_-]+)|<!--\s*id:\s*([A-Za-z0-9_-]+)\s*-->)\s*$/;
const QUESTION = /^\s*\?\??\s*$/;

const withoutCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

/** Reads the lines of `card` (as parsed from `content`) back into the text the user wrote. */
export function readCardSource(content: string, card: ParsedCard): CardSource {
  const all = content.split('\n');
  let end = card.endLine;
  const lines = all.slice(card.line - 1, end).map(withoutCr);
  if (card.line === 1) lines[0] = lines[0]!.replace(/^\uFEFF/, '');
  let idText = '';
  let idOwnLine = false;
  if (card.id) {
    // The parser leaves an id written on its own line out of the card's lines.
    const next = all[end] === undefined ? undefined : withoutCr(all[end]!);
    const own = next === undefined ? null : ID_AT_END.exec(next);
    if (own && next!.slice(0, own.index).trim() === '' && (own[1] ?? own[2]) === card.id) {
      end++;
      idOwnLine = true;
      idText = next!.trim();
    } else {
      const last = lines.at(-1)!;
      const m = ID_AT_END.exec(last);
      if (m && (m[1] ?? m[2]) === card.id) {
        // The id with the spaces before and after it, exactly as written.
        const cut = last.slice(0, m.index).trimEnd().length;
        idText = last.slice(cut);
        lines[lines.length - 1] = last.slice(0, cut);
      }
    }
  }
  const src: CardSource = {
    form: 'cloze',
    start: card.line,
    end,
    front: '',
    back: '',
    text: '',
    indent: '',
    separator: '',
    question: '',
    id: card.id,
    idText,
    idOwnLine,
  };
  if (card.kind === 'cloze') return { ...src, text: lines.join('\n').trim() };
  const q = questionLine(lines);
  if (q !== -1) {
    return {
      ...src,
      form: 'multi',
      front: lines.slice(0, q).join('\n').trim(),
      back: lines
        .slice(q + 1)
        .join('\n')
        .trim(),
      question: lines[q]!,
    };
  }
  // One line `front::back` (the parser trimmed the front), maybe continued by paragraphs below.
  const first = lines[0]!;
  const indent = /^\s*/.exec(first)![0];
  const front = card.fields.front ?? '';
  const rest = first.slice(indent.length);
  const sep = rest.startsWith(front) ? /^\s*:{2,3}\s*/.exec(rest.slice(front.length)) : null;
  if (!sep) throw new Error(`line ${card.line} is not the card the collection has there`);
  const firstBack = rest.slice(front.length + sep[0].length);
  return {
    ...src,
    form: 'single',
    front,
    back: [firstBack, ...lines.slice(1)].join('\n').trim(),
    indent,
    separator: sep[0],
  };
}

/** The index of the `?`/`??` line outside code fences, or -1. */
function questionLine(lines: readonly string[]): number {
  let fence: Fence | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (fence) {
      if (closesFence(l, fence)) fence = null;
      continue;
    }
    fence = openingFence(l);
    if (!fence && QUESTION.test(l)) return i;
  }
  return -1;
}

/** The forms to try for new text, best first: keep the card's form while the text fits it. */
export function formsFor(src: Pick<CardSource, 'form'> | null, kind: NoteKind, text: CardText): CardForm[] {
  if (kind === 'cloze') return ['cloze'];
  if (src?.form === 'multi' || text.front.includes('\n')) return ['multi'];
  return ['single', 'multi'];
}

/**
 * The lines of a card with this text in this form (no line endings), its id last: after the
 * text, or on its own line as written before or when the text ends with a code fence.
 */
export function cardLines(
  form: CardForm,
  kind: NoteKind,
  text: CardText,
  id: string | null,
  src: CardSource | null = null,
): string[] {
  const reversed = kind === 'reversed';
  let lines: string[];
  if (form === 'cloze') lines = text.text.split('\n');
  else if (form === 'multi') {
    const question = src?.form === 'multi' ? src.question : reversed ? '??' : '?';
    lines = [...text.front.split('\n'), question, ...text.back.split('\n')];
  } else {
    const separator = src?.form === 'single' ? src.separator : reversed ? ':::' : '::';
    const [first, ...rest] = text.back.split('\n');
    lines = [`${src?.form === 'single' ? src.indent : ''}${text.front}${separator}${first}`, ...rest];
  }
  if (!id) return lines;
  const same = src?.id === id && src.idText !== '';
  const last = lines.at(-1)!;
  if ((same && src!.idOwnLine) || openingFence(last))
    lines.push(same && src!.idOwnLine ? src!.idText : `^id-${id}`);
  else lines[lines.length - 1] = `${last}${same ? src!.idText : ` ^id-${id}`}`;
  return lines;
}

/** Line ending to write: the one the replaced lines have, else the file's. */
function lineEnding(all: readonly string[], from: number, to: number, content: string): string {
  const terminated = all.slice(from, Math.min(to, all.length - 1));
  const crlf = terminated.length > 0 ? terminated[0]!.endsWith('\r') : content.includes('\r\n');
  return crlf ? '\r' : '';
}

const blank = (line: string | undefined) => line === undefined || withoutCr(line).trim() === '';

/**
 * `content` with lines `start`..`end` (1-based) replaced by `lines`. A card written over more
 * than one line is set apart by blank lines from neighbours in the same paragraph (single-line
 * cards standing on consecutive lines), which would otherwise read as part of it.
 */
export function replaceLines(content: string, start: number, end: number, lines: readonly string[]): string {
  const all = content.split('\n');
  const cr = lineEnding(all, start - 1, end, content);
  const out = [...lines];
  if (out.length > 1) {
    const before = all[start - 2];
    const after = all[end];
    if (!blank(before) && !heading(withoutCr(before!))) out.unshift('');
    if (!blank(after) && !heading(withoutCr(after!))) out.push('');
  }
  if (start === 1 && all[0]!.startsWith('\uFEFF')) out[0] = `\uFEFF${out[0]}`;
  // The file's last line without a newline after it stays without one.
  const unterminated = end === all.length;
  const written = out.map((l, i) => (unterminated && i === out.length - 1 ? l : l + cr));
  all.splice(start - 1, end - start + 1, ...written);
  return all.join('\n');
}

/** `content` with a card's lines added at the end, after a blank line, in the file's line endings. */
export function appendLines(content: string, lines: readonly string[]): string {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const body = content.replace(/^\uFEFF/, '');
  let head = content;
  if (body.trim() !== '') {
    if (!content.endsWith('\n')) head += eol;
    if (!/(?:^|\n)\r?\n$/.test(head)) head += eol; // a blank line before the new card
  }
  return `${head}${lines.join(eol)}${eol}`;
}
