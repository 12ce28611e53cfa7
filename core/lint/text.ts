/**
 * Plain-text views of a card's Markdown for the rules: what a learner reads as prose, without
 * code (a command is one thing to recall, however many words it has) or asides in brackets
 * (a remark, not something asked for).
 */

const FENCED = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\1[ \t]*$/gm;
const INLINE_CODE = /(`+)[\s\S]*?\1/g;
const ASIDE = /（[^（）]*）|\([^()]*\)/g;

/** The text without fenced code blocks, and each inline code span as one neutral word. */
export function prose(md: string): string {
  return md.replace(FENCED, ' ').replace(INLINE_CODE, 'CODE');
}

/** Prose without asides in round brackets (full-width or not), nested ones included. */
export function withoutAsides(text: string): string {
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(ASIDE, '');
  }
  return out;
}

/** Characters a learner has to read or write: whitespace runs count once. */
export function readLength(md: string): number {
  return [...md.replace(/\s+/g, ' ').trim()].length;
}

const LIST_LINE = /^\s*(?:[-*+]|\d+[.)])\s+\S/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * How many things the text asks for, the largest of: Markdown list items, table rows (below
 * the header), and an enumeration within a paragraph: the sum over its semicolon-separated
 * groups of the longest run of terms joined by the enumeration comma 、 or by the arrows of a
 * path (A → B → C) in any of the group's clauses; a group of short comma-separated names
 * counts each name.
 */
export function itemCount(md: string): number {
  const text = prose(md);
  const lines = text.split('\n');
  const listed = lines.filter((l) => LIST_LINE.test(l)).length;
  const rule = lines.findIndex((l) => TABLE_RULE.test(l) && l.includes('-'));
  const rows = rule > 0 ? lines.slice(rule + 1).filter((l) => l.trim().startsWith('|')).length : 0;
  let enumerated = 0;
  for (const para of withoutAsides(text).split(/\n\s*\n/)) {
    if (LIST_LINE.test(para)) continue; // counted as list items
    let n = 0;
    for (const group of para.split(/[；;]/)) {
      const pieces = group
        .split(/[，,]/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      if (pieces.length === 0) continue;
      // Names separated by commas are a list; clauses separated by commas are a sentence.
      const names = pieces.length > 2 && pieces.every((p) => [...p].length <= 8 && !/[、→]/.test(p));
      n += names ? pieces.length : Math.max(...pieces.map((p) => p.split(/[、→]/).length));
    }
    enumerated = Math.max(enumerated, n);
  }
  return Math.max(listed, rows, enumerated);
}

/** The clauses of a sentence, split at commas, semicolons and question marks. */
export function clauses(text: string): string[] {
  return text
    .split(/[，,；;？?。]/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}
