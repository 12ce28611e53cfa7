/** A deck file's body as headings and paragraphs, the units cards are read from. */
import { isLintIgnoreLine } from '../lint/ignore.ts';
import { closesFence, type Fence, heading, openingFence } from './markdown-lines.ts';
import type { CompileError } from './parse.ts';

export interface Line {
  text: string;
  no: number; // 1-based
  inFence: boolean; // inside (or delimiting) a fenced code block
}

export type Block =
  | { type: 'heading'; level: number; text: string; no: number }
  | { type: 'para'; lines: Line[] };

/** Splits the body into headings and paragraphs; blank lines inside fences do not split. */
export function toBlocks(
  file: string,
  lines: readonly string[],
  start: number,
  errors: CompileError[],
): Block[] {
  const blocks: Block[] = [];
  let para: Line[] | null = null;
  let fence: Fence | null = null;
  let fenceLine = 0;
  for (let i = start; i < lines.length; i++) {
    const text = lines[i]!;
    const no = i + 1;
    if (fence) {
      para!.push({ text, no, inFence: true });
      if (closesFence(text, fence)) fence = null;
      continue;
    }
    if (text.length === 0) {
      // The commonest line, and all a partly re-read file's other lines are (incremental.ts).
      if (para) blocks.push({ type: 'para', lines: para });
      para = null;
      continue;
    }
    // The first character tells which of the line tests below can match (each then runs as is).
    const lead = text.trimStart();
    const c = lead.charCodeAt(0); // NaN for a blank line
    const opens = c === 96 || c === 126 ? openingFence(text) : null; // ` or ~
    if (opens) {
      fence = opens;
      fenceLine = no;
      para ??= [];
      para.push({ text, no, inFence: true });
      continue;
    }
    if (lead.length === 0) {
      if (para) blocks.push({ type: 'para', lines: para });
      para = null;
      continue;
    }
    // A `<!-- lint-ignore RULE: reason -->` line is for the card linter, never card text.
    if (isLintIgnoreLine(text)) continue;
    const h = c === 35 ? heading(text) : null; // #
    if (h) {
      if (para) blocks.push({ type: 'para', lines: para });
      para = null;
      blocks.push({ type: 'heading', level: h.level, text: h.text, no });
      continue;
    }
    para ??= [];
    para.push({ text, no, inFence: false });
  }
  if (fence) {
    errors.push({ file, line: fenceLine, column: 1, message: 'code fence is never closed' });
  }
  if (para) blocks.push({ type: 'para', lines: para });
  return blocks;
}
