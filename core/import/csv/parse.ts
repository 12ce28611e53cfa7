/**
 * Delimited text (CSV, TSV) as RFC 4180 reads it: fields optionally in double quotes, a
 * doubled quote inside them for a quote, line breaks allowed inside quotes; CRLF and LF both
 * end a row and a byte-order mark is ignored. Anki's leading `#key:value` lines are returned
 * apart as headers. Limits keep a hostile file from exhausting memory field by field.
 */
import { invalidArgument } from '../../errors.ts';

export const MAX_FIELD_CHARS = 1 << 20;

export interface Delimited {
  headers: Map<string, string>;
  /** Rows with the line each starts on (1-based), empty rows left out. */
  rows: { line: number; cells: string[] }[];
}

/** Anki's named separators (`#separator:Tab`), or the character itself. */
const NAMED: Record<string, string> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  space: ' ',
  pipe: '|',
  colon: ':',
};

export function separatorFrom(value: string, file: string): string {
  const named = NAMED[value.trim().toLowerCase()];
  if (named) return named;
  if ([...value].length === 1 && value !== '"' && value !== '\n' && value !== '\r') return value;
  throw invalidArgument(
    `${file}: #separator:${value} is not a separator (Comma, Semicolon, Tab, Space, Pipe, Colon)`,
  );
}

/** The `#key:value` lines at the top (Anki's file headers), and where the rows start. */
export function readHeaders(text: string): {
  headers: Map<string, string>;
  bodyStart: number;
  bodyLine: number;
} {
  const headers = new Map<string, string>();
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (text[at] === '#') {
    const end = text.indexOf('\n', at);
    const raw = text.slice(at + 1, end === -1 ? text.length : end).replace(/\r$/, '');
    const colon = raw.indexOf(':');
    if (colon !== -1) headers.set(raw.slice(0, colon).trim().toLowerCase(), raw.slice(colon + 1));
    at = end === -1 ? text.length : end + 1;
    line++;
  }
  return { headers, bodyStart: at, bodyLine: line };
}

/** Guesses the separator of a file without a header: whichever of tab, semicolon, comma the first row has most of. */
export function guessSeparator(text: string, from: number): string {
  const end = text.indexOf('\n', from);
  const first = text
    .slice(from, end === -1 ? Math.min(text.length, from + 100_000) : end)
    .replace(/"[^"]*"/g, '');
  const count = (ch: string) => first.split(ch).length - 1;
  const best = ['\t', ';', ','].map((ch) => ({ ch, n: count(ch) })).sort((a, b) => b.n - a.n)[0]!;
  return best.n > 0 ? best.ch : ',';
}

export function parseDelimited(text: string, separator: string, file: string): Delimited {
  const { headers, bodyStart, bodyLine } = readHeaders(text);
  const rows: Delimited['rows'] = [];
  let cells: string[] = [];
  let field = '';
  let line = bodyLine;
  let rowLine = line;
  let i = bodyStart;
  const tooLong = () =>
    invalidArgument(`${file}: line ${line}: a field is longer than ${MAX_FIELD_CHARS} characters`);
  const endRow = () => {
    cells.push(field);
    if (cells.some((c) => c !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: up to the quote not followed by another.
      const open = line;
      let j = i + 1;
      let value = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) throw invalidArgument(`${file}: line ${open}: a quoted field is never closed`);
        value += text.slice(j, q);
        if (value.length > MAX_FIELD_CHARS) throw tooLong();
        if (text[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      for (const c of value) if (c === '\n') line++;
      field = value.replace(/\r\n/g, '\n');
      i = j;
      const next = text[i];
      if (next !== undefined && next !== separator && next !== '\n' && next !== '\r')
        throw invalidArgument(
          `${file}: line ${line}: text after a closing quote (write "" for a quote inside a field)`,
        );
      continue;
    }
    if (ch === separator) {
      cells.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    // An unquoted run up to the next separator or line break.
    let j = i;
    while (j < text.length && text[j] !== separator && text[j] !== '\n' && text[j] !== '\r') j++;
    field += text.slice(i, j);
    if (field.length > MAX_FIELD_CHARS) throw tooLong();
    i = j;
  }
  if (field !== '' || cells.length > 0) endRow();
  return { headers, rows };
}
