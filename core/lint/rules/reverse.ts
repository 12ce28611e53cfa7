/**
 * A two-way card whose back is a bare term ("bridge", "UTS namespace") asks, in reverse, for
 * whatever the front says about it. When the front lists several properties, the reverse
 * prompt has many right answers and the learner cannot know which one is wanted: the front
 * should name the one property that distinguishes the term, the rest going to cards of their
 * own.
 */
import { clauses, prose, withoutAsides } from '../text.ts';
import type { CardRule } from '../types.ts';

/** One or two words, no sentence: a name, not a description (a command with arguments is not bare). */
export function isBareTerm(md: string): boolean {
  const text = md.trim();
  if (text.includes('\n')) return false;
  const code = /^`([^`]+)`$/.exec(text);
  if (code) return !/\s/.test(code[1]!.trim());
  const plain = withoutAsides(text).replace(/[*_]/g, '').trim();
  return (
    plain !== '' &&
    [...plain].length <= 24 &&
    plain.split(/\s+/).length <= 2 &&
    !/[，,。；;？?：:]/.test(plain)
  );
}

export const bareReverse: CardRule = (card) => {
  if (card.kind !== 'reversed' || !isBareTerm(card.fields.back ?? '')) return [];
  const front = withoutAsides(prose(card.fields.front ?? ''));
  const properties = clauses(front).flatMap((c) => c.split('、'));
  if (properties.length < 2) return [];
  return [
    {
      rule: 'bare-reverse',
      message: `the reverse prompt "${card.fields.back!.trim()}" is a bare term and the front gives ${properties.length} properties: ask for the one that distinguishes it`,
    },
  ];
};
