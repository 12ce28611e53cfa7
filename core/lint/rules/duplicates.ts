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
  prompt: Text;
  answer: Text;
}

/** A text as compared: normalized (similarity.ts), its length and its bigrams. */
interface Text {
  length: number;
  grams: Bigrams;
}

/**
 * A text's character bigrams, each as one number (two UTF-16 units), sorted, repeats kept: a
 * multiset that two merge in one pass. Numbers, not strings in maps: a 100,000-card lint
 * otherwise spends most of its time allocating and collecting them.
 */
type Bigrams = Float64Array;

interface Entry {
  at: LintCard;
  asks: Ask[];
  /** Every bigram of its texts, once each, sorted. */
  keys: Float64Array;
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

function textOf(raw: string): Text {
  const t = normalizeFront(raw);
  return { length: t.length, grams: bigrams(t) };
}

/** The bigrams of an already normalized text. */
function bigrams(t: string): Bigrams {
  if (t.length === 1) return Float64Array.of(t.charCodeAt(0) * 65536);
  const out = new Float64Array(Math.max(t.length - 1, 0));
  for (let i = 0; i + 1 < t.length; i++) out[i] = t.charCodeAt(i) * 65536 + t.charCodeAt(i + 1);
  return out.sort();
}

/** Dice coefficient of two bigram multisets (as similarity.ts computes it), by merging. */
function dice(x: Bigrams, y: Bigrams): number {
  const total = x.length + y.length;
  if (total === 0) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      common++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return (2 * common) / total;
}

/** A side as asked, and as answered (its remarks in brackets aside), each read once. */
function sideOf(raw: string): { asked: Text; answered: Text } {
  const asked = textOf(raw);
  const plain = withoutAsides(raw);
  return { asked, answered: plain === raw ? asked : textOf(plain) };
}

function asksOf({ card }: LintCard): Ask[] {
  if (card.kind === 'cloze') return [{ prompt: textOf(card.front), answer: textOf('') }];
  const front = sideOf(card.fields.front ?? '');
  const back = sideOf(card.fields.back ?? '');
  const forward = { prompt: front.asked, answer: back.answered };
  return card.kind === 'reversed' ? [forward, { prompt: back.asked, answer: front.answered }] : [forward];
}

/** The distinct bigrams of a card's texts, sorted. */
function keysOf(asks: readonly Ask[]): Float64Array {
  const all = new Float64Array(asks.reduce((n, a) => n + a.prompt.grams.length + a.answer.grams.length, 0));
  let at = 0;
  for (const a of asks) {
    all.set(a.prompt.grams, at);
    at += a.prompt.grams.length;
    all.set(a.answer.grams, at);
    at += a.answer.grams.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}

function repeats(a: Ask, b: Ask): boolean {
  const prompt = dice(a.prompt.grams, b.prompt.grams);
  if (prompt >= SAME_PROMPT && Math.min(a.prompt.length, b.prompt.length) >= MIN_QUESTION) return true;
  const answer = dice(a.answer.grams, b.answer.grams);
  if (prompt >= CLOSE_PROMPT && answer >= CLOSE_ANSWER) return true;
  if (answer < SAME_ANSWER) return false;
  const length = Math.min(a.answer.length, b.answer.length);
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
    return { at, asks, keys: keysOf(asks) };
  });
  const seenIn = new Map<number, number>();
  for (const e of entries) for (const g of e.keys) seenIn.set(g, (seenIn.get(g) ?? 0) + 1);
  const postings = new Map<number, number[]>();
  const found: DuplicatePair[] = [];
  entries.forEach((e, i) => {
    const candidates = new Set<number>();
    for (const g of e.keys) {
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
