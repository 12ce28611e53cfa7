/**
 * Line-level Markdown facts the card parser needs: fences, headings and the parts of a line
 * that are inside inline code. Hand-written (no full Markdown parse) so compiling 100,000
 * cards stays a matter of milliseconds; rendering happens later, when a card is shown.
 */

export interface Fence {
  char: '`' | '~';
  length: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** The fence a line opens, if any. */
export function openingFence(line: string): Fence | null {
  const m = FENCE.exec(line);
  if (!m) return null;
  const marks = m[1]!;
  // A backtick fence's info string may not contain backticks.
  if (marks[0] === '`' && m[2]!.includes('`')) return null;
  return { char: marks[0] as '`' | '~', length: marks.length };
}

/** Whether `line` closes `fence` (same character, at least as long, nothing after). */
export function closesFence(line: string, fence: Fence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  return !!m && m[1]![0] === fence.char && m[1]!.length >= fence.length;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

export function heading(line: string): { level: number; text: string } | null {
  const m = HEADING.exec(line);
  if (!m) return null;
  return { level: m[1]!.length, text: (m[2] ?? '').trim() };
}

/** The mask of a line without backticks: every lookup is `undefined`, i.e. not code. */
const NO_CODE: boolean[] = [];

/**
 * Marks which character positions of a line are inside inline code spans (`` `...` ``), so
 * separators and cloze markers inside code are left alone.
 */
export function codeMask(line: string): boolean[] {
  if (!line.includes('`')) return NO_CODE;
  const mask = new Array<boolean>(line.length).fill(false);
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let run = 1;
    while (line[i + run] === '`') run++;
    const ticks = '`'.repeat(run);
    let close = line.indexOf(ticks, i + run);
    // The closing run must be exactly as long.
    while (close !== -1 && line[close + run] === '`') close = line.indexOf(ticks, close + run + 1);
    if (close === -1) {
      i += run;
      continue;
    }
    for (let k = i; k < close + run; k++) mask[k] = true;
    i = close + run;
  }
  return mask;
}

/** Index of the first `needle` outside inline code at or after `from`, or -1. */
export function indexOutsideCode(line: string, needle: string, mask: boolean[], from = 0): number {
  let at = line.indexOf(needle, from);
  while (at !== -1 && mask[at]) at = line.indexOf(needle, at + 1);
  return at;
}
