/**
 * Type-in answers: compares what the user typed with the expected answer. Pure (no Node
 * APIs) so the renderer can import it. For commands, runs of whitespace, quoting,
 * `--opt=v` vs `--opt v` and the order of flags do not count as differences:
 * `docker ps -a -s` equals `docker ps -s -a`.
 */

export interface DiffPart {
  kind: 'same' | 'missing' | 'extra';
  text: string;
}

export interface Comparison {
  equal: boolean;
  normalizedTyped: string;
  normalizedExpected: string;
  /** Typed vs expected, character by character: `extra` was typed but not expected. */
  diff: DiffPart[];
}

/** Shell-like words: quotes group and are removed, whitespace separates. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (const ch of text.trim()) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** `--opt=v` becomes `--opt v`; everything else stays. */
function splitLongOptions(words: string[]): string[] {
  return words.flatMap((w) => {
    const m = /^(--[^=\s]+)=(.*)$/.exec(w);
    return m ? [m[1]!, m[2]!] : [w];
  });
}

/** Readable normal form: words joined by single spaces, quotes removed, long options split. */
export function normalizeCommand(text: string): string {
  return splitLongOptions(shellWords(stripInlineCode(text))).join(' ');
}

/**
 * Order-free form of a command: its leading words (command, subcommand), then its flags in
 * sorted order, each with its value (the next non-flag word, unless that is the last word,
 * which is taken as the command's operand), then the remaining operands in order.
 */
export function canonicalCommand(text: string): string {
  const words = splitLongOptions(shellWords(stripInlineCode(text)));
  const lead: string[] = [];
  let i = 0;
  while (i < words.length && !words[i]!.startsWith('-')) lead.push(words[i++]!);
  const flags: string[] = [];
  const operands: string[] = [];
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-') && w !== '-' && w !== '--') {
      const next = words[i + 1];
      if (next !== undefined && !next.startsWith('-') && i + 1 < words.length - 1) {
        flags.push(`${w} ${next}`);
        i++;
      } else flags.push(w);
    } else operands.push(w);
  }
  return [...lead, ...flags.sort(), ...operands].join(' ');
}

function stripInlineCode(text: string): string {
  const t = text.trim();
  const m = /^(`+)\s?([\s\S]*?)\s?\1$/.exec(t);
  return m ? m[2]! : t;
}

/** Character diff (LCS) of two short strings. */
export function diffChars(typed: string, expected: string): DiffPart[] {
  const a = [...typed].slice(0, 2000);
  const b = [...expected].slice(0, 2000);
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], ch: string) => {
    const last = out.at(-1);
    if (last?.kind === kind) last.text += ch;
    else out.push({ kind, text: ch });
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('extra', a[i++]!);
    else push('missing', b[j++]!);
  }
  while (i < n) push('extra', a[i++]!);
  while (j < m) push('missing', b[j++]!);
  return out;
}

export function compareTyped(typed: string, expected: string): Comparison {
  const normalizedTyped = normalizeCommand(typed);
  const normalizedExpected = normalizeCommand(expected);
  const equal =
    normalizedTyped === normalizedExpected || canonicalCommand(typed) === canonicalCommand(expected);
  return {
    equal,
    normalizedTyped,
    normalizedExpected,
    diff: equal
      ? [{ kind: 'same', text: normalizedExpected }]
      : diffChars(normalizedTyped, normalizedExpected),
  };
}
