/** A deck file's YAML front matter: `deck`, `tags`, `source`, `deck-from-headings`, `obsidian`. */
import { parseDocument } from 'yaml';
import type { CompileError } from './parse.ts';

export interface FrontMatter {
  deck?: string;
  tags: string[];
  source: string | null;
  deckFromHeadings: boolean;
  obsidian: boolean;
  bodyStart: number; // index of the first body line
}

export function parseFrontMatter(
  file: string,
  lines: readonly string[],
  errors: CompileError[],
): FrontMatter {
  const fm: FrontMatter = { tags: [], source: null, deckFromHeadings: false, obsidian: false, bodyStart: 0 };
  if (lines[0]?.trim() !== '---') return fm;
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end === -1) {
    errors.push({ file, line: 1, column: 1, message: 'front matter opened with --- is never closed' });
    fm.bodyStart = lines.length;
    return fm;
  }
  fm.bodyStart = end + 1;
  const doc = readYaml(lines.slice(1, end).join('\n'));
  const at = (offset: number) => {
    const before = lines.slice(1, end).join('\n').slice(0, offset).split('\n');
    return { line: before.length + 1, column: before.at(-1)!.length + 1 };
  };
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = at(e.pos[0]);
      errors.push({ file, ...pos, message: `bad YAML front matter: ${e.message.split('\n')[0]}` });
    }
    return fm;
  }
  const data = doc.data;
  if (data === null || data === undefined) return fm;
  if (typeof data !== 'object' || Array.isArray(data)) {
    errors.push({ file, line: 2, column: 1, message: 'front matter must be a YAML mapping (key: value)' });
    return fm;
  }
  const lineOfKey = (key: string) => {
    const i = lines.slice(1, end).findIndex((l) => l.startsWith(`${key}:`));
    return i === -1 ? 2 : i + 2;
  };
  const bad = (key: string, message: string) =>
    errors.push({ file, line: lineOfKey(key), column: 1, message });
  const record = data as Record<string, unknown>;
  if ('deck' in record) {
    if (typeof record.deck !== 'string' || record.deck.split('::').some((p) => p.trim() === '')) {
      bad('deck', 'deck: must be a deck name such as "Docker::网络模式"');
    } else fm.deck = record.deck.trim();
  }
  if ('tags' in record) {
    const tags = typeof record.tags === 'string' ? record.tags.split(/[\s,]+/) : record.tags;
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' && typeof t !== 'number')) {
      bad('tags', 'tags: must be a list of words, e.g. [docker, network]');
    } else fm.tags = tags.map(String).filter(Boolean);
  }
  if ('source' in record) {
    if (typeof record.source !== 'string' && typeof record.source !== 'number') {
      bad('source', 'source: must be text (the section of your notes the cards come from)');
    } else fm.source = String(record.source);
  }
  if ('deck-from-headings' in record) {
    if (typeof record['deck-from-headings'] !== 'boolean') bad('deck-from-headings', 'must be true or false');
    else fm.deckFromHeadings = record['deck-from-headings'];
  }
  if ('obsidian' in record) {
    if (typeof record.obsidian !== 'boolean') bad('obsidian', 'obsidian: must be true or false');
    else fm.obsidian = record.obsidian;
  }
  return fm;
}

/**
 * Front matter read before, by its text: a recompile reads the same few lines again for each
 * file (the YAML parser costs as much as the rest of a small file's parse). Never mutated.
 */
const yamlRead = new Map<string, { errors: { pos: [number, number]; message: string }[]; data: unknown }>();

function readYaml(text: string): { errors: { pos: [number, number]; message: string }[]; data: unknown } {
  let read = yamlRead.get(text);
  if (!read) {
    // Plain messages: prettyErrors appends the YAML's own position (counted from the front
    // matter, not the file) and a code frame, which left "…at line 1, column 12:" dangling.
    const doc = parseDocument(text, { prettyErrors: false });
    read = {
      errors: doc.errors.map((e) => ({ pos: [e.pos[0], e.pos[1]], message: e.message })),
      data: doc.errors.length > 0 ? null : (doc.toJS() as unknown),
    };
    if (yamlRead.size >= 5000) yamlRead.clear();
    yamlRead.set(text, read);
  }
  return read;
}
