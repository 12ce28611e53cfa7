/**
 * The parser's defaults without front matter and its paragraph splitting at the edges the
 * compiler's other tests left open: whitespace-only lines, `~~~` and indented fences,
 * indented headings.
 */
import { describe, expect, it } from 'vitest';
import { parseDeckFile } from '../../core/compiler/parse.ts';

const parse = (text: string) =>
  parseDeckFile('/notes/deck.md', text, { defaultDeck: 'Default', fileExists: () => false });
const cards = (text: string) => parse(text).cards.map((c) => [c.fields.front, c.fields.back, c.line]);

describe('a file without front matter', () => {
  it('gives its cards no tags, no source, and decks that ignore headings', () => {
    const { cards: cs, errors } = parse('## Net\nq::a\n');
    expect(errors).toEqual([]);
    expect(cs).toHaveLength(1);
    expect(cs[0]).toMatchObject({ tags: [], source: null, deck: 'Default', context: 'Net' });
    // Front matter without those keys gives the same defaults.
    expect(parse('---\ndeck: D\n---\n## Net\nq::a\n').cards[0]).toMatchObject({
      tags: [],
      source: null,
      deck: 'D',
    });
  });
});

describe('paragraphs split by lines of spaces', () => {
  it('a line of spaces or tabs ends a paragraph and loses none of its cards', () => {
    expect(cards('a::1\n   \nb::2\n')).toEqual([
      ['a', '1', 1],
      ['b', '2', 3],
    ]);
    expect(cards('q\n?\nback\n \t \nnext::n\n')).toEqual([
      ['q', 'back', 1],
      ['next', 'n', 5],
    ]);
  });

  it('lines of spaces with no paragraph before them: at the start, after a heading, twice', () => {
    const { cards: cs, errors } = parse('  \n# H\n \n\t\nq::a\n   \n  \nr::b\n');
    expect(errors).toEqual([]);
    expect(cs.map((c) => [c.fields.front, c.context, c.line])).toEqual([
      ['q', 'H', 5],
      ['r', 'H', 8],
    ]);
  });
});

describe('fences and headings the parser must recognise', () => {
  it('a ~~~ fence keeps its blank lines, `?` and `::` lines inside the card', () => {
    const { cards: cs, errors } = parse('q\n?\n~~~\nx::y\n\n?\n~~~\n\nnext::n\n');
    expect(errors).toEqual([]);
    expect(cs.map((c) => [c.fields.front, c.fields.back])).toEqual([
      ['q', '~~~\nx::y\n\n?\n~~~'],
      ['next', 'n'],
    ]);
    // Left open, it is reported at its line.
    expect(parse('q\n?\n~~~ sh\nls\n').errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'code fence is never closed'],
    ]);
  });

  it('a fence or heading indented by up to three spaces is one', () => {
    const { cards: cs, errors } = parse('q\n?\n   ```\n   a::b\n\n   ```\n  ## Sub\nr::c\n');
    expect(errors).toEqual([]);
    expect(cs.map((c) => [c.fields.front, c.fields.back, c.context])).toEqual([
      // The back is trimmed as a whole (its first line's indentation with it).
      ['q', '```\n   a::b\n\n   ```', ''],
      ['r', 'c', 'Sub'],
    ]);
  });
});
