/**
 * Vault mode (obsidian.ts) at its edges: comments that end mid-line, Mnemo's id comments,
 * block ids, tags that are or are not flashcards tags, a tag inside a card, two schedule
 * comments for one card, and which errors a vault compile turns into warnings.
 */
import { describe, expect, it } from 'vitest';
import { demoteVaultErrors } from '../../core/compiler/obsidian.ts';
import { formatError, parseDeckFile } from '../../core/compiler/parse.ts';

const parse = (text: string, vault = true, path = '/vault/note.md') =>
  parseDeckFile(path, text, { defaultDeck: 'note', fileExists: () => true, vault });
const cards = (text: string) =>
  parse(text).cards.map((c) => [c.deck, c.fields.front, c.fields.back, c.line, c.id]);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('vault notes: comments and ids', () => {
  it('text after a comment that closes mid-line is read; a comment closing and opening on one line hides both parts', () => {
    const note = [
      '#flashcards',
      '<!-- an idea',
      'Hidden::card',
      'still hidden --> Shown::card',
      'Left::part <!-- a --> mid <!-- b',
      'Hidden too::card',
      '-->',
    ].join('\n');
    expect(cards(note)).toEqual([
      ['flashcards', 'Shown', 'card', 4, null],
      ['flashcards', 'Left', 'part  mid', 5, null],
    ]);
  });

  it("Mnemo's id comment is an id, not a comment; two block ids go; a ^ inside a word stays", () => {
    const note = [
      '#flashcards',
      'Q1::A1 <!-- id: keep0001 -->',
      'Q2::A2 ^one ^two-2',
      'Q3::x^abc',
      'Q4::A4\t^blk',
    ].join('\n');
    expect(cards(note)).toEqual([
      ['flashcards', 'Q1', 'A1', 2, 'keep0001'],
      ['flashcards', 'Q2', 'A2', 3, null],
      ['flashcards', 'Q3', 'x^abc', 4, null],
      ['flashcards', 'Q4', 'A4', 5, null],
    ]);
  });
});

describe('vault notes: tags', () => {
  it('an indented tag line, several leading tags, empty path parts', () => {
    const note = ['  #flashcards//bio/ ', 'Q1::A1', '#biology #flashcards/chem Q2::A2', 'Q3::A3'].join('\n');
    expect(cards(note)).toEqual([
      ['flashcards::bio', 'Q1', 'A1', 2, null],
      ['flashcards::chem', 'Q2', 'A2', 3, null],
      ['flashcards::bio', 'Q3', 'A3', 4, null],
    ]);
  });

  it('#flashcardsX is another tag: a note with only that gives nothing; nor does a tag glued to a word', () => {
    expect(parse('#flashcardsX\nQ::A\n').cards).toEqual([]);
    expect(parse('see a#flashcards\n\nQ::A\n').cards).toEqual([]);
    expect(parse('#flashcards-old\nQ::A\n').cards).toEqual([]);
  });

  it("a tag inside a card's back is neither that card's deck nor the next cards'", () => {
    const note = ['#flashcards/a', 'Front', '?', 'Back with #flashcards/b in it', '', 'Q2::A2'].join('\n');
    expect(parse(note).cards.map((c) => [c.fields.front, c.deck])).toEqual([
      ['Front', 'flashcards::a'],
      ['Q2', 'flashcards::a'],
    ]);
  });
});

describe('vault notes: schedules and errors', () => {
  it("a card's first schedule comment is its schedule; one under a blank line belongs to no card", () => {
    const note = [
      '#flashcards',
      'Q::A <!--SR:!2021-08-11,4,270-->',
      '<!--SR:!2022-01-01,9,250-->',
      'Q2::A2',
      '',
      '<!--SR:!2023-01-01,9,250-->',
    ].join('\n');
    expect(parse(note).cards.map((c) => [c.fields.front, c.schedule])).toEqual([
      ['Q', [{ kind: 'sm2', due: day('2021-08-11'), interval: 4, ease: 270 }]],
      ['Q2', undefined],
    ]);
  });

  it("only vault notes' errors become warnings; an error outside every card is not said to skip one", () => {
    const vault = parse('#flashcards\nGood::card\n\n^id-abcd1234\n');
    const strict = parse('bad::::separator\n', false, '/decks/strict.md');
    const errors = [...vault.errors, ...strict.errors];
    expect(errors.map(formatError)).toEqual([
      '/vault/note.md:4:1: an id must be at the end of a card, not in its own paragraph',
      '/decks/strict.md:1:4: "::::" is not a separator: use :: (one card) or ::: (two)',
    ]);
    const warnings = demoteVaultErrors([vault, strict], errors);
    expect(warnings.map(formatError)).toEqual([
      '/vault/note.md:4:1: an id must be at the end of a card, not in its own paragraph',
    ]);
    expect(errors.map((e) => e.file)).toEqual(['/decks/strict.md']);
    expect(vault.cards.map((c) => c.fields.front)).toEqual(['Good']);
    // No vault file at all: every error stays one.
    const alone = [...strict.errors];
    expect(demoteVaultErrors([strict], alone)).toEqual([]);
    expect(alone).toHaveLength(1);
  });
});

describe('vault notes: more edges', () => {
  it('an arrow right before a comment; a block id before an id comment; a tag after indentation', () => {
    const note = [
      '#flashcards/a',
      'Flow::A--><!-- why -->',
      'Q::A ^blk <!-- id: keep0002 -->',
      '  #flashcards/chem Q5::A5',
      'Q6::A6 <!--SR:!2021-08-11,4,270--> <!-- a remark -->',
    ].join('\n');
    const r = parse(note);
    expect(r.cards.map((c) => [c.deck, c.fields.front, c.fields.back, c.id])).toEqual([
      ['flashcards::a', 'Flow', 'A-->', null],
      ['flashcards::a', 'Q', 'A', 'keep0002'],
      ['flashcards::chem', 'Q5', 'A5', null],
      ['flashcards::a', 'Q6', 'A6', null],
    ]);
    expect(r.cards[3]!.schedule).toEqual([{ kind: 'sm2', due: day('2021-08-11'), interval: 4, ease: 270 }]);
  });

  it('tags inside a fence are not tags, and the fence ends where it closes', () => {
    const note = ['#flashcards/a', '```', 'x', '#flashcards/code', '```', '#flashcards/b', 'Q::A'].join('\n');
    expect(parse(note).cards.map((c) => [c.fields.front, c.deck])).toEqual([['Q', 'flashcards::b']]);
  });

  it('tags in mid-line: below their line only; one on a card line or on a prose line after tags', () => {
    const note = [
      '#flashcards/a',
      'Q1::A1',
      'Text #flashcards/b',
      'Q2::A2',
      'Q3::A3 #flashcards/c',
      'Q4::A4',
      '',
      '#flashcards/d some prose',
      '',
      'Q5::A5',
    ].join('\n');
    expect(parse(note).cards.map((c) => [c.fields.front, c.deck])).toEqual([
      ['Q1', 'flashcards::a'],
      ['Q2', 'flashcards::b'],
      ['Q3', 'flashcards::b'],
      ['Q4', 'flashcards::b'],
      ['Q5', 'flashcards::d'],
    ]);
    // A tag followed by punctuation is a tag too.
    expect(parse('#flashcards, my biology cards\n\nQ::A\n').cards.map((c) => c.deck)).toEqual(['flashcards']);
  });

  it("front matter: other tags are no deck; deck: alone reads the note; a comment line ends a card's back", () => {
    const note = ['---', 'tags: [biology]', '---', 'Q::A', '#flashcards/x', 'Q2::A2'].join('\n');
    expect(parse(note).cards.map((c) => c.deck)).toEqual(['flashcards::x', 'flashcards::x']);
    expect(parse('---\ndeck: Biology\n---\nQ::A\n').cards.map((c) => c.deck)).toEqual(['Biology']);
    const back = parse('#flashcards\nFront\n?\nBack\n<!-- remark -->\nmore prose\n');
    expect(back.cards.map((c) => c.fields.back)).toEqual(['Back']);
  });

  it('a schedule alone on its line (trailing space) or on a later card line goes to its own card', () => {
    const note = [
      '#flashcards',
      'Q0::A0',
      'Q1::A1',
      '<!--SR:!2021-08-11,4,270--> ',
      'Q2::A2',
      'Q3::A3 <!--SR:!2022-01-01,9,250-->',
    ].join('\n');
    expect(parse(note).cards.map((c) => [c.fields.front, c.schedule?.[0]])).toEqual([
      ['Q0', undefined],
      ['Q1', { kind: 'sm2', due: day('2021-08-11'), interval: 4, ease: 270 }],
      ['Q2', undefined],
      ['Q3', { kind: 'sm2', due: day('2022-01-01'), interval: 9, ease: 250 }],
    ]);
  });
});
