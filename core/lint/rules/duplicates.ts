/**
 * Near-duplicate cards in different files: the same question asked twice (reviewed twice as
 * often, and answered from the other card's memory), or the same answer asked for by two
 * similar questions. Texts are compared as the compiler compares fronts (similarity.ts: case,
 * spacing and emphasis ignored, Dice coefficient of character bigrams).
 */
import { normalizeFront } from '../../compiler/similarity.ts';
import { withoutAsides } from '../text.ts';
import type { LintCard } from '../types.ts';

/** A question with its answer, as reviewed: a two-way card is asked both ways. */
interface Ask {
  prompt: Bigrams;
  promptLength: number;
  answer: Bigrams;
  answerLength: number;
}

/** A text's character bigrams with their count, and how many in all (for the Dice coefficient). */
interface Bigrams {
  grams: Map<string, number>;
  total: number;
}

interface Entry {
  at: LintCard;
  asks: Ask[];
  grams: Set<string>;
}

export interface DuplicatePair {
  card: LintCard;
  /** The card it repeats, earlier in file order. */
  of: LintCard;
}

/**
 * Same question: a real question (not a bare term, which may name two different things, like
 * Dockerfile's WORKDIR and overlay2's workdir) asked twice, whatever the answers say.
 */
const SAME_PROMPT = 0.85;
const MIN_QUESTION = 12;
/** Similar question with a similar answer. */
const CLOSE_PROMPT = 0.6;
const CLOSE_ANSWER = 0.6;
/**
 * The same answer, remarks in brackets aside: to related questions when it is short ("不会"
 * proves nothing), to any question when it is long enough to be one specific thing (a
 * command with its arguments).
 */
const SAME_ANSWER = 0.9;
const RELATED_PROMPT = 0.4;
const MIN_ANSWER = 6;
const SPECIFIC_ANSWER = 12;

function bigrams(text: string): Bigrams {
  const chars = [...normalizeFront(text)];
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return { grams, total: chars.length === 1 ? 1 : Math.max(chars.length - 1, 0) };
}

/** Dice coefficient of two bigram sets, as similarity.ts computes it, walking the smaller one. */
function dice(x: Bigrams, y: Bigrams): number {
  const total = x.total + y.total;
  if (total === 0) return 0;
  const [small, large] = x.grams.size <= y.grams.size ? [x.grams, y.grams] : [y.grams, x.grams];
  let common = 0;
  for (const [g, n] of small) common += Math.min(n, large.get(g) ?? 0);
  return (2 * common) / total;
}

function asksOf({ card }: LintCard): Ask[] {
  const ask = (prompt: string, answer: string): Ask => ({
    prompt: bigrams(prompt),
    promptLength: [...normalizeFront(prompt)].length,
    answer: bigrams(withoutAsides(answer)),
    answerLength: [...normalizeFront(withoutAsides(answer))].length,
  });
  if (card.kind === 'cloze') return [ask(card.front, '')];
  const { front = '', back = '' } = card.fields;
  return card.kind === 'reversed' ? [ask(front, back), ask(back, front)] : [ask(front, back)];
}

function repeats(a: Ask, b: Ask): boolean {
  const prompt = dice(a.prompt, b.prompt);
  if (prompt >= SAME_PROMPT && Math.min(a.promptLength, b.promptLength) >= MIN_QUESTION) return true;
  const answer = dice(a.answer, b.answer);
  if (prompt >= CLOSE_PROMPT && answer >= CLOSE_ANSWER) return true;
  if (answer < SAME_ANSWER) return false;
  const length = Math.min(a.answerLength, b.answerLength);
  return length >= SPECIFIC_ANSWER || (length >= MIN_ANSWER && prompt >= RELATED_PROMPT);
}

/**
 * A bigram in more cards than this ("do", "ck", 容器) tells cards apart too poorly to be worth
 * its postings: pairs are found through the rarer ones they share, which near-duplicates
 * always have (a command's arguments, a question's own words). It keeps a 20,000-card lint to
 * seconds; two cards made only of common bigrams are not compared.
 */
const COMMON = 64;

/**
 * Each card that repeats an earlier card of another file. Pairs are found through an index of
 * the texts' less common bigrams, so only cards sharing some are compared, not every pair.
 */
export function findDuplicates(cards: readonly LintCard[]): DuplicatePair[] {
  const entries: Entry[] = cards.map((at) => {
    const asks = asksOf(at);
    const grams = new Set<string>();
    for (const a of asks) for (const g of [...a.prompt.grams.keys(), ...a.answer.grams.keys()]) grams.add(g);
    return { at, asks, grams };
  });
  const seenIn = new Map<string, number>();
  for (const e of entries) for (const g of e.grams) seenIn.set(g, (seenIn.get(g) ?? 0) + 1);
  const postings = new Map<string, number[]>();
  const found: DuplicatePair[] = [];
  entries.forEach((e, i) => {
    const candidates = new Set<number>();
    for (const g of e.grams) {
      if (seenIn.get(g)! > COMMON) continue;
      const list = postings.get(g);
      if (list) for (const j of list) candidates.add(j);
      if (list) list.push(i);
      else postings.set(g, [i]);
    }
    for (const j of candidates) {
      const other = entries[j]!;
      if (other.at.file === e.at.file) continue;
      if (e.asks.some((a) => other.asks.some((b) => repeats(a, b)))) {
        found.push({ card: e.at, of: other.at });
        break;
      }
    }
  });
  return found;
}
