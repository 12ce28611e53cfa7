/**
 * Clozes whose blanks give each other away: on the card for one blank every other blank is
 * shown, so a hidden text that also appears in the visible text, or inside another blank, is
 * answered by reading, not recalling.
 */
import type { CardRule } from '../types.ts';

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::[\s\S]*?)?\}\}/g;

const norm = (s: string) => s.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Whether `needle` occurs in `hay` as a whole word (for Latin text) or at all (for CJK). */
function occurs(hay: string, needle: string): boolean {
  if (/^[\w.-]+$/.test(needle)) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`).test(hay);
  }
  return hay.includes(needle);
}

export const clozeGiveaway: CardRule = (card) => {
  if (card.kind !== 'cloze') return [];
  const text = card.fields.text ?? '';
  const numbers = new Set([...text.matchAll(CLOZE)].map((m) => m[1]!));
  const out: { rule: 'cloze-giveaway'; message: string }[] = [];
  for (const n of numbers) {
    const hidden = [...text.matchAll(CLOZE)].filter((m) => m[1] === n).map((m) => norm(m[2]!));
    // The card for blank n: its blanks gone, every other blank shown as its answer.
    const shown = norm(text.replace(CLOZE, (_m, k: string, answer: string) => (k === n ? ' … ' : answer)));
    const given = hidden.find((h) => [...h].length >= 2 && occurs(shown, h));
    if (given !== undefined)
      out.push({
        rule: 'cloze-giveaway',
        message: `blank c${n} ("${given}") can be read elsewhere in the text while it is hidden`,
      });
  }
  return out;
};
