/** The card syntax within a paragraph: `::` separators, cloze markers, ids, `type:` backs. */
import type { NoteFields } from '../notes/render.ts';
import type { Line } from './blocks.ts';
import { codeMask, indexOutsideCode } from './markdown-lines.ts';
import type { ParsedCard } from './parse.ts';

const ID_CARET = /(?:^|\s)\^id-([A-Za-z0-9_-]+)\s*$/;
const ID_COMMENT = /(?:^|\s)<!--\s*id:\s*([A-Za-z0-9_-]+)\s*-->\s*$/;
const CLOZE_EXPLICIT = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;
/** Marks inline code and explicit cloze spans, where `::` is not a separator. */
export function separatorMask(text: string): boolean[] {
  const mask = codeMask(text);
  if (!text.includes('{{')) return mask;
  const own = mask.length === 0 ? new Array<boolean>(text.length).fill(false) : mask;
  for (const m of text.matchAll(CLOZE_EXPLICIT)) {
    for (let k = m.index; k < m.index + m[0].length; k++) own[k] = true;
  }
  return own;
}

/** The single-line separator in a line: its position and length (2 or 3), or null. */
export function findSeparator(text: string): { at: number; length: number } | null {
  if (!text.includes('::')) return null;
  const mask = separatorMask(text);
  const at = indexOutsideCode(text, '::', mask);
  if (at === -1) return null;
  let length = 2;
  while (text[at + length] === ':') length++;
  return { at, length };
}

export function hasCloze(lines: readonly Line[]): boolean {
  return lines.some((l) => {
    if (l.inFence || (!l.text.includes('==') && !l.text.includes('{{'))) return false;
    if (/\{\{c\d+::/.test(l.text)) return true;
    const mask = codeMask(l.text);
    const open = indexOutsideCode(l.text, '==', mask);
    return open !== -1 && indexOutsideCode(l.text, '==', mask, open + 2) !== -1;
  });
}

/** A back written `type: answer` asks for the answer to be typed; the marker is not shown. */
export function withTypeMarker(fields: NoteFields): NoteFields {
  const m = fields.back === undefined ? null : /^type:[ \t]*/i.exec(fields.back);
  return m ? { ...fields, back: fields.back!.slice(m[0].length), typeIn: true } : fields;
}

export function setId(
  card: ParsedCard,
  id: string,
  line: number,
  err: (l: number, c: number, m: string) => void,
) {
  if (card.id && card.id !== id) err(line, 1, `card already has id ${card.id}`);
  else card.id = id;
}

export function takeIdFromLine(text: string): { text: string; id: string | null } {
  if (!text.includes('^id-') && !text.includes('<!--')) return { text, id: null };
  const m = ID_CARET.exec(text) ?? ID_COMMENT.exec(text);
  if (!m) return { text, id: null };
  return { text: text.slice(0, m.index).trimEnd(), id: m[1]! };
}

/** Removes an id written at the end of a paragraph's last line (or on a line of its own). */
export function takeId(lines: Line[]): { lines: Line[]; id: string | null; idLine: number } {
  const lastLine = lines.at(-1);
  if (!lastLine || lastLine.inFence) return { lines, id: null, idLine: 0 };
  // Single-line cards carry their ids on their own lines; handled there.
  const { text, id } = takeIdFromLine(lastLine.text);
  if (!id) return { lines, id: null, idLine: 0 };
  const sep = findSeparator(text);
  if (sep && !lines.some((l) => !l.inFence && /^\s*\?\??\s*$/.test(l.text)))
    return { lines, id: null, idLine: 0 };
  const rest = text.trim() === '' ? lines.slice(0, -1) : [...lines.slice(0, -1), { ...lastLine, text }];
  return { lines: rest, id, idLine: lastLine.no };
}

/** Turns ==x== into {{cN::x}} (numbered after any explicit {{cN::}}) and checks nothing is empty. */
export function toCloze(
  lines: Line[],
  err: (line: number, column: number, message: string) => void,
): { text: string; plain: string } | null {
  const used = new Set<number>();
  for (const l of lines) for (const m of l.text.matchAll(CLOZE_EXPLICIT)) used.add(Number(m[1]));
  let next = 1;
  const number = () => {
    while (used.has(next)) next++;
    used.add(next);
    return next;
  };
  let ok = true;
  const out = lines.map((l) => {
    if (l.inFence || (!l.text.includes('==') && !l.text.includes('{{'))) return l.text;
    for (const m of l.text.matchAll(CLOZE_EXPLICIT)) {
      if (m[2]!.trim() === '') {
        err(l.no, m.index + 1, `cloze {{c${m[1]}::}} hides nothing`);
        ok = false;
      }
    }
    const mask = codeMask(l.text);
    let text = '';
    let from = 0;
    for (;;) {
      const open = indexOutsideCode(l.text, '==', mask, from);
      const close = open === -1 ? -1 : indexOutsideCode(l.text, '==', mask, open + 2);
      if (close === -1) break;
      const hidden = l.text.slice(open + 2, close);
      if (hidden.trim() === '') {
        err(l.no, open + 1, 'cloze ==...== hides nothing');
        ok = false;
      }
      text += `${l.text.slice(from, open)}{{c${number()}::${hidden}}}`;
      from = close + 2;
    }
    return text + l.text.slice(from);
  });
  if (!ok) return null;
  const text = out.join('\n').trim();
  const plain = text.replace(CLOZE_EXPLICIT, (_m, _n, answer: string) => answer);
  return { text, plain };
}
