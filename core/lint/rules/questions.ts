/**
 * A front that asks two questions gets one grade for two answers: half-right has no honest
 * button. Two question marks, or two clauses that each ask (什么, 为什么, how, which…), are two
 * questions.
 */
import { prose, withoutAsides } from '../text.ts';
import type { CardRule } from '../types.ts';

const ASKS =
  /什么|为什么|为何|如何|怎么|怎样|哪些|哪个|哪里|多少|几[个种条步]|是否|能否|可否|能不能|是不是|有没有|会不会|吗|\b(?:what|why|how|which|when|where|who)\b/i;

export const twoQuestions: CardRule = (card) => {
  if (card.kind === 'cloze') return [];
  const front = withoutAsides(prose(card.fields.front ?? ''));
  const marks = (front.match(/[？?]/g) ?? []).length;
  const asking = front.split(/[，,；;？?。]|并且|以及|另外/).filter((c) => ASKS.test(c)).length;
  if (marks < 2 && asking < 2) return [];
  return [
    {
      rule: 'two-questions',
      message: 'the front asks two questions: one grade cannot rate two answers, so make it two cards',
    },
  ];
};
