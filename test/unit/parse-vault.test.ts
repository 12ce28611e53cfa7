/**
 * Vault mode: notes written as the Obsidian Spaced Repetition plugin's documentation shows
 * them (docs/docs/en/flashcards/*.md, data-storage.md in st3v3nmw/obsidian-spaced-repetition),
 * read as the plugin reads them with its default settings.
 */
import { describe, expect, it } from 'vitest';
import { demoteVaultErrors } from '../../core/compiler/obsidian.ts';
import { formatError, parseDeckFile } from '../../core/compiler/parse.ts';
import { parseSrComment } from '../../core/compiler/sr-schedule.ts';

const parse = (text: string, vault = true) =>
  parseDeckFile('/vault/note.md', text, { defaultDeck: 'note', fileExists: () => true, vault });
const cards = (text: string) => parse(text).cards.map((c) => ({ deck: c.deck, ...c.fields, line: c.line }));
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('vault mode: #flashcards tags', () => {
  it('a tag line is the deck of the cards below it until the next tag (decks.md "Multiple Tags Within a Single File")', () => {
    const note = [
      '#flashcards/deckA',
      'Question1 (in deckA)::Answer1',
      'Question2 (also in deckA)::Answer2',
      'Question3 (also in deckA)::Answer3',
      '',
      '#flashcards/deckB',
      'Question4 (in deckB)::Answer4',
      'Question5 (also in deckB)::Answer5',
      '',
      '#flashcards/deckC',
      'Question6 (in deckC)::Answer6',
    ].join('\n');
    const r = parse(note);
    expect(r.errors).toEqual([]);
    expect(r.cards.map((c) => [c.fields.front, c.deck])).toEqual([
      ['Question1 (in deckA)', 'flashcards::deckA'],
      ['Question2 (also in deckA)', 'flashcards::deckA'],
      ['Question3 (also in deckA)', 'flashcards::deckA'],
      ['Question4 (in deckB)', 'flashcards::deckB'],
      ['Question5 (also in deckB)', 'flashcards::deckB'],
      ['Question6 (in deckC)', 'flashcards::deckC'],
    ]);
  });

  it('a tag at the start of a card line is that card\'s deck only ("Question Specific Tags")', () => {
    const note = [
      '#flashcards/deckA',
      'Question1 (in deckA)::Answer1',
      '',
      '#flashcards/deckB Question4 (in deckB)::Answer4',
      '',
      'Question6 (in deckA)::Answer6',
    ].join('\n');
    expect(cards(note)).toEqual([
      { deck: 'flashcards::deckA', front: 'Question1 (in deckA)', back: 'Answer1', line: 2 },
      { deck: 'flashcards::deckB', front: 'Question4 (in deckB)', back: 'Answer4', line: 4 },
      { deck: 'flashcards::deckA', front: 'Question6 (in deckA)', back: 'Answer6', line: 6 },
    ]);
  });

  it('#flashcards alone is the deck "flashcards"; a multi-line card under it keeps the tag out of its front', () => {
    const note =
      '#flashcards\nAs per the definition\nof "multiline" the prompt\n?\nsame goes for\nthe answer\n';
    expect(cards(note)).toEqual([
      {
        deck: 'flashcards',
        front: 'As per the definition\nof "multiline" the prompt',
        back: 'same goes for\nthe answer',
        line: 2,
      },
    ]);
  });

  it("a card above every tag takes the note's first tag; several tags on a line: the first", () => {
    const note =
      'Early::card\n\n#flashcards/language/words #flashcards/trivia\nA group of cats is called a::clowder\n';
    expect(parse(note).cards.map((c) => c.deck)).toEqual([
      'flashcards::language::words',
      'flashcards::language::words',
    ]);
  });

  it('front matter tags count (flashcards ones as the deck, the others as card tags); deck: wins', () => {
    const tagged = parse('---\ntags: [flashcards/bio, cells]\n---\nQ::A\n');
    expect(tagged.cards.map((c) => [c.deck, c.tags])).toEqual([['flashcards::bio', ['cells']]]);
    const named = parse('---\ndeck: Biology::Cells\n---\n#flashcards\nQ::A\n');
    expect(named.cards.map((c) => c.deck)).toEqual(['Biology::Cells']);
  });

  it('only notes with a flashcards tag are read: an untagged note gives no cards and no errors', () => {
    const r = parse('# Journal\n\nA thought::with a colon pair\nbad::::line\n');
    expect(r).toMatchObject({ cards: [], errors: [], vault: true });
    expect(parse('Notes about #flashcards/other things\n\nQ::A\n').cards.map((c) => c.deck)).toEqual([
      'flashcards::other',
    ]);
  });

  it('tags inside code are not tags', () => {
    expect(parse('`#flashcards`\n\nQ::A\n').cards).toEqual([]);
    expect(parse('```\n#flashcards\n```\n\nQ::A\n').cards).toEqual([]);
  });
});

describe('vault mode: the schedule comments', () => {
  it('under the card (the default) or after it on the same line: never in the text, kept as the schedule', () => {
    const note = [
      '#flashcards',
      'The RCU and WCU limits for a single partition key value::3000 RCU, 1000 WCU',
      '<!--SR:!2024-08-16,51,230-->',
      'Same line::answer <!--SR:!2021-08-11,4,270-->',
      '',
      'Multi-line front',
      '?',
      'back',
      '<!--SR:!2021-08-20,13,290-->',
    ].join('\n');
    const r = parse(note);
    expect(r.errors).toEqual([]);
    expect(r.cards.map((c) => [c.fields.back, c.endLine, c.schedule])).toEqual([
      ['3000 RCU, 1000 WCU', 2, [{ kind: 'sm2', due: day('2024-08-16'), interval: 51, ease: 230 }]],
      ['answer', 4, [{ kind: 'sm2', due: day('2021-08-11'), interval: 4, ease: 270 }]],
      ['back', 8, [{ kind: 'sm2', due: day('2021-08-20'), interval: 13, ease: 290 }]],
    ]);
  });

  it('the multi-card form: one entry per card, 2000-01-01 a card not reviewed yet', () => {
    const note = [
      '#flashcards',
      'info 1:::info 2',
      '<!--SR:!2021-08-11,4,270!2000-01-01,1,250-->',
      '',
      'The first female ==prime minister== of Australia was ==Julia Gillard==',
      '<!--SR:!2023-09-02,4,270!2023-09-03,5,250-->',
    ].join('\n');
    const r = parse(note);
    expect(r.cards.map((c) => [c.kind, c.schedule])).toEqual([
      ['reversed', [{ kind: 'sm2', due: day('2021-08-11'), interval: 4, ease: 270 }, null]],
      [
        'cloze',
        [
          { kind: 'sm2', due: day('2023-09-02'), interval: 4, ease: 270 },
          { kind: 'sm2', due: day('2023-09-03'), interval: 5, ease: 250 },
        ],
      ],
    ]);
    expect(r.cards[1]!.fields.text).toBe(
      'The first female {{c1::prime minister}} of Australia was {{c2::Julia Gillard}}',
    );
  });

  it("the plugin's other date formats and its FSRS entries are read; a broken one is a warning, the card new", () => {
    expect(parseSrComment('!11-08-2021,4,270!Wed Aug 11 2021,4,270').entries).toEqual([
      { kind: 'sm2', due: day('2021-08-11'), interval: 4, ease: 270 },
      { kind: 'sm2', due: day('2021-08-11'), interval: 4, ease: 270 },
    ]);
    const fsrs = parseSrComment('!fsrs,2026-01-10T04:00:00.000Z,9,12.5,4.2,2,6,1,0,2026-01-01T04:00:00.000Z');
    expect(fsrs.entries[0]).toMatchObject({
      kind: 'fsrs',
      state: { stability: 12.5, difficulty: 4.2, state: 2, reps: 6, lapses: 1, scheduled_days: 9 },
    });
    expect(parseSrComment('!2021-02-30,4,270').entries).toEqual([null]);
    const r = parse('#flashcards\nQ::A <!--SR:!someday,4,270-->\n');
    expect(r.cards.map((c) => [c.fields.back, c.schedule])).toEqual([['A', [null]]]);
    expect(r.warnings!.map(formatError)).toEqual([
      '/vault/note.md:2:1: schedule "someday,4,270" is not the plugin\'s date,interval,ease: that card starts as new',
    ]);
  });
});

describe('vault mode: comments, block ids, prose', () => {
  it('cards inside HTML comments, on one line or several, are not cards', () => {
    const note = [
      '#flashcards',
      '<!--Card text::hidden <!--SR:2021-08-20,13,290--> -->',
      'Kept::card',
      '<!--',
      'Hidden::card',
      '<!--SR:!2021-08-20,13,290-->',
      'More hidden',
      '?',
      'back',
      '-->',
      'After::comment <!-- a remark --> here',
      '`<!--` in code::is text',
    ].join('\n');
    const r = parse(note);
    expect(r.errors).toEqual([]);
    expect(r.cards.map((c) => [c.fields.front, c.fields.back, c.schedule])).toEqual([
      ['Kept', 'card', undefined],
      ['After', 'comment  here', undefined],
      ['`<!--` in code', 'is text', undefined],
    ]);
  });

  it('block ids at the end of a line are removed; Mnemo ids stay ids', () => {
    const note = [
      '#flashcards',
      '#flashcards/science  Q2::A2 <!--SR:!2023-10-16,34,290--> ^d7cee0',
      'Q3::A3 ^d7cee0 ^id-keep01',
      '',
      'Front',
      '?',
      'Back ^blk-1',
      '<!--SR:!2023-10-16,34,290-->',
    ].join('\n');
    const r = parse(note);
    expect(r.cards.map((c) => [c.deck, c.fields.front, c.fields.back, c.id])).toEqual([
      ['flashcards::science', 'Q2', 'A2', null],
      ['flashcards', 'Q3', 'A3', 'keep01'],
      ['flashcards', 'Front', 'Back', null],
    ]);
  });

  it('prose next to inline cards is skipped, and a back ends at the next blank line', () => {
    const note = [
      '#flashcards',
      '# Heading',
      'Some notes in between.',
      'Capital of France::Paris',
      'More prose right after it.',
      '',
      'Front',
      '?',
      'Back',
      '',
      'A paragraph of my own notes, not part of the back.',
    ].join('\n');
    const r = parse(note);
    expect(r.errors).toEqual([]);
    expect(r.cards.map((c) => [c.fields.front, c.fields.back, c.context])).toEqual([
      ['Capital of France', 'Paris', 'Heading'],
      ['Front', 'Back', 'Heading'],
    ]);
    // Outside vault mode the same note keeps today's strict reading.
    expect(parse(note, false).errors.map((e) => e.line)).toEqual([3, 5]);
    // An id in a paragraph of its own below them, past the prose, belongs to no card: said so.
    expect(parse(`${note}\n\n^id-abcd1234\n`).errors.map(formatError)).toEqual([
      '/vault/note.md:13:1: an id must be at the end of a card, not in its own paragraph',
    ]);
  });

  it('obsidian: true in the front matter turns vault mode on for that file; the key must be a boolean', () => {
    const r = parse('---\nobsidian: true\n---\n#flashcards\nQ::A\nprose\n', false);
    expect(r).toMatchObject({ vault: true, errors: [] });
    expect(r.cards.map((c) => c.fields.front)).toEqual(['Q']);
    expect(parse('---\nobsidian: yes please\n---\nQ::A\n', false).errors.map(formatError)).toEqual([
      '/vault/note.md:2:1: obsidian: must be true or false',
    ]);
  });

  it('an error costs only its card: demoted to a warning naming file and line', () => {
    const note = '#flashcards\nGood::card\nbad::::separator\n\nFront\n?\n![x](https://example.com/x.png)\n';
    const file = parse(note);
    const errors = [...file.errors];
    expect(errors.map((e) => e.line)).toEqual([3, 7]);
    const warnings = demoteVaultErrors([file], errors);
    expect(errors).toEqual([]);
    expect(warnings.map(formatError)).toEqual([
      '/vault/note.md:3:4: "::::" is not a separator: use :: (one card) or ::: (two)',
      '/vault/note.md:7:1: image https://example.com/x.png is remote: save it next to the deck file (Mnemo loads nothing remote) (card skipped)',
    ]);
    expect(file.cards.map((c) => c.fields.front)).toEqual(['Good']);
  });
});
