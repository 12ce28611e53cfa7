import { describe, expect, it } from 'vitest';
import { formatError, parseDeckFile } from '../../core/compiler/parse.ts';

const parse = (text: string, exists: string[] = []) =>
  parseDeckFile('/notes/deck.md', text, { defaultDeck: 'Default', fileExists: (p) => exists.includes(p) });
const errors = (text: string) => parse(text).errors.map(formatError);
const fields = (text: string) => parse(text).cards.map((c) => c.fields);

describe('front matter, in detail', () => {
  it('may start after a byte-order mark, open with "--- " and close with "..."', () => {
    expect(parse('\uFEFF---\ndeck: A\n---\nq::a\n').cards[0]!.deck).toBe('A');
    expect(parse('---  \ndeck: B\n...\nq::a\n').cards[0]!.deck).toBe('B');
    expect(parse('---\ndeck: C\n---   \nq::a\n').cards[0]!.deck).toBe('C');
    expect(parse('---\ndeck: D\n...  \nq::a\n').cards[0]!.deck).toBe('D');
    // A byte-order mark anywhere else is text.
    expect(fields('q::a\uFEFFb\n')).toEqual([{ front: 'q', back: 'a\uFEFFb' }]);
    // Empty front matter is no front matter.
    expect(parse('---\n---\nq::a\n')).toMatchObject({ errors: [], deck: 'Default' });
  });

  it('names the line and column of a YAML error', () => {
    expect(errors('---\ndeck: A\ntags: [a, b\n---\nq::a\n')[0]).toMatch(
      /^\/notes\/deck\.md:3:12: bad YAML front matter: /,
    );
    expect(errors('---\ndeck: A\n  bad: indent\n---\n')[0]).toMatch(
      /^\/notes\/deck\.md:2:7: bad YAML front matter: Nested mappings/,
    );
    const [e] = errors('---\nsource: "open\n---\n');
    expect(e).toMatch(/^\/notes\/deck\.md:2:14: bad YAML front matter: Missing closing "quote[^\n]*$/);
  });

  it("gives the YAML message alone: no position of the YAML's own (it counts from the front matter), no dangling colon", () => {
    expect(errors('---\ndeck: A\ntags: [a, b\n---\nq::a\n')).toEqual([
      '/notes/deck.md:3:12: bad YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(errors('---\ndeck: A\ndeck: B\n---\n')).toEqual([
      '/notes/deck.md:3:1: bad YAML front matter: Map keys must be unique',
    ]);
  });

  it('unclosed, it hides the whole file: nothing after it is read as cards', () => {
    expect(parse('---\ndeck: A\n\nq::a\n\nfront\n?\nback\n')).toMatchObject({
      cards: [],
      errors: [{ line: 1, column: 1, message: 'front matter opened with --- is never closed' }],
    });
  });

  it('must be a mapping', () => {
    for (const text of ['---\njust words\n---\n', '---\n- a\n- b\n---\n']) {
      expect(errors(text)).toEqual(['/notes/deck.md:2:1: front matter must be a YAML mapping (key: value)']);
    }
  });

  it('checks each key, naming the line it is on', () => {
    expect(errors('---\nsource: s\ndeck: "A::"\n---\n')).toEqual([
      '/notes/deck.md:3:1: deck: must be a deck name such as "Docker::网络模式"',
    ]);
    expect(errors('---\ndeck: " ::B"\n---\n')).toHaveLength(1);
    expect(errors('---\ndeck: A\ntags: {a: 1}\n---\n')).toEqual([
      '/notes/deck.md:3:1: tags: must be a list of words, e.g. [docker, network]',
    ]);
    expect(errors('---\ntags: [[a]]\n---\n')).toHaveLength(1);
    expect(errors('---\ntags: [docker, [a], net]\n---\n')).toEqual([
      '/notes/deck.md:2:1: tags: must be a list of words, e.g. [docker, network]',
    ]);
    expect(errors('---\ndeck: A\n\nsource: [a, b]\n---\n')).toEqual([
      '/notes/deck.md:4:1: source: must be text (the section of your notes the cards come from)',
    ]);
    expect(errors('---\ndeck-from-headings: yes\n---\n')).toEqual([
      '/notes/deck.md:2:1: must be true or false',
    ]);
    expect(errors('---\ndeck: A\ndeck-from-headings: 1\nobsidian: "yes"\n---\n')).toEqual([
      '/notes/deck.md:3:1: must be true or false',
      '/notes/deck.md:4:1: obsidian: must be true or false',
    ]);
    // A key the line search cannot find (quoted) is reported on the first line.
    expect(errors('---\ndeck: A\n"deck-from-headings": 1\n---\n')).toEqual([
      '/notes/deck.md:2:1: must be true or false',
    ]);
  });

  it('reads tags as a list or a string of words, numbers as words; source may be a number', () => {
    const card = (fm: string) => parse(`---\n${fm}\n---\nq::a\n`).cards[0]!;
    expect(card('tags: docker, net  x').tags).toEqual(['docker', 'net', 'x']);
    expect(card('tags: [1, docker, ""]').tags).toEqual(['1', 'docker']);
    expect(card('source: 14').source).toBe('14');
    expect(card('deck: "  Docker  "').deck).toBe('Docker');
    expect(card('deck-from-headings: false').deck).toBe('Default');
  });
});

describe('paragraphs and headings', () => {
  it('a line of spaces ends a paragraph; a heading ends one without a blank line', () => {
    expect(parse('a::1\n   \nb::2\n').errors).toEqual([]);
    const { cards } = parse('a::1\n## H\nb::2\n');
    expect(cards.map((c) => [c.fields.front, c.context])).toEqual([
      ['a', ''],
      ['b', 'H'],
    ]);
  });

  it('a heading replaces those at its level and below in the context; "::" in it is not a deck separator', () => {
    const text = '---\ndeck-from-headings: true\n---\n# T\n## A::B\n### x\nq1::a\n## C\nq2::a\n# U\nq3::a\n';
    expect(parse(text).cards.map((c) => [c.context, c.deck])).toEqual([
      ['T › A::B › x', 'Default::A:B'],
      ['T › C', 'Default::C'],
      ['U', 'Default'],
    ]);
  });

  it('a fenced block after a card continues it, even with :: or == or ![ inside', () => {
    const text = 'q::a\n\n```cpp std::vector\nstd::vector<int> v; // a == b == c\n![x](missing.png)\n```\n';
    const { cards, errors: e } = parse(text);
    expect(e).toEqual([]);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.fields.back).toBe(
      'a\n\n```cpp std::vector\nstd::vector<int> v; // a == b == c\n![x](missing.png)\n```',
    );
    expect(cards[0]!.endLine).toBe(6);
  });

  it('a "?" inside a fence does not split a card', () => {
    const { cards } = parse('What does it print?\n```sh\n?\n```\n?\nnothing\n');
    expect(cards[0]!.fields).toEqual({ front: 'What does it print?\n```sh\n?\n```', back: 'nothing' });
  });

  it('plain paragraphs continue the card above until a heading or an error', () => {
    expect(fields('q::a\n\nmore 1\nmore 2  ^id-abcd1234\n')).toEqual([
      { front: 'q', back: 'a\n\nmore 1\nmore 2' },
    ]);
    expect(parse('x ==y==\n\nmore\n').cards[0]!.fields.text).toBe('x {{c1::y}}\n\nmore');
    const { cards } = parse('a::b\n\n::bad\n\nprose\n');
    expect(cards.map((c) => c.fields)).toEqual([{ front: 'a', back: 'b' }]);
    expect(parse('# H\n\nprose\n\n^id-abcd1234\n')).toMatchObject({ cards: [], errors: [] });
  });
});

describe('multi-line and single-line cards, in detail', () => {
  it('trims each side; the ? line may have spaces; both sides keep their lines', () => {
    expect(fields('line 1  \nline 2\n  ?  \n  back 1\nback 2   \n')).toEqual([
      { front: 'line 1  \nline 2', back: 'back 1\nback 2' },
    ]);
    expect(parse('front\n ?? \nback\n').cards[0]!.kind).toBe('reversed');
    expect(fields('  indented front  \n?\n  indented back  \n')).toEqual([
      { front: 'indented front', back: 'indented back' },
    ]);
    expect(fields('  front  ::  back  \n')).toEqual([{ front: 'front', back: 'back' }]);
  });

  it('a ? card whose last line holds :: still takes the id at its end', () => {
    expect(parse('What does std::vector hold?\n?\nstd::vector<int> v; ^id-abcd1234\n').cards).toMatchObject([
      { kind: 'basic', id: 'abcd1234', fields: { back: 'std::vector<int> v;' } },
    ]);
  });

  it('an id on its own last line is not part of the card', () => {
    const [card] = parse('q\n?\na\n^id-abcd1234\n').cards;
    expect(card).toMatchObject({ id: 'abcd1234', line: 1, endLine: 3, fields: { back: 'a' } });
  });

  it('a second id for a card is an error; the same id again is not', () => {
    expect(errors('q::a ^id-aaaa1111\n\nmore ^id-bbbb2222\n')).toEqual([
      '/notes/deck.md:3:1: card already has id aaaa1111',
    ]);
    expect(errors('q::a ^id-aaaa1111\n\nmore ^id-aaaa1111\n')).toEqual([]);
    expect(parse('q::a ^id-aaaa1111\n\nmore\n')).toMatchObject({ errors: [], cards: [{ id: 'aaaa1111' }] });
  });

  it('an id alone in a paragraph after a card is an error', () => {
    expect(errors('q::a\n\n^id-abcd1234\n')).toEqual([
      '/notes/deck.md:3:1: an id must be at the end of a card, not in its own paragraph',
    ]);
  });

  it('an id in an unclosed fence, or on a line that is not a card, goes to no card', () => {
    // With the file's last newline or without it.
    for (const end of ['\n', '']) {
      const fenced = parse(`q\n?\n\`\`\`\nx ^id-abcd1234${end}`);
      expect(fenced.cards[0]!.id).toBeNull();
      expect(fenced.cards[0]!.fields.back).toBe('```\nx ^id-abcd1234');
    }
    for (const text of [
      'x::why?\n::d ^id-abcd1234\n',
      '?x::y\n::d ^id-abcd1234\n',
      'x::y\n::d ^id-abcd1234\n',
    ]) {
      const r = parse(text);
      expect(r.errors, text).toHaveLength(1);
      expect(r.cards.map((c) => c.id)).toEqual([null]);
    }
    // A card that fails to parse keeps its id to itself.
    const bad = parse('front\n?\n^id-abcd1234\n');
    expect(bad.cards).toEqual([]);
    expect(bad.errors).toHaveLength(1);
  });

  it('an HTML comment that is not an id stays in the text', () => {
    expect(fields('q::a <!-- note -->\n')).toEqual([{ front: 'q', back: 'a <!-- note -->' }]);
  });

  it('"type:" asks for a typed answer only at the start of the back, any case, spaces dropped', () => {
    expect(fields('q::TYPE:   docker ps\n')).toEqual([{ front: 'q', back: 'docker ps', typeIn: true }]);
    expect(fields('q::see type: x\n')).toEqual([{ front: 'q', back: 'see type: x' }]);
  });

  it('separators inside code and cloze markers are text; one right after a cloze is not', () => {
    expect(parse('use `std::cout` to {{c1::print}}\n').cards[0]!.kind).toBe('cloze');
    expect(fields('{{c1::x}}::y\n')).toEqual([{ front: '{{c1::x}}', back: 'y' }]);
    expect(fields('the {{c1::bridge}} mode::default\n')).toEqual([
      { front: 'the {{c1::bridge}} mode', back: 'default' },
    ]);
  });
});

describe('cloze, in detail', () => {
  it('a cloze line among single-line cards is a cloze card of its own, not "every line needs ::"', () => {
    const { cards, errors: e } = parse(
      'bridge::桥接\n{{c1::docker0}} is the default {{c2::bridge}} ^id-c1\nhost:::主机\nthe ==none== mode\n',
    );
    expect(e).toEqual([]);
    expect(cards.map((c) => [c.kind, c.line, c.endLine, c.fields, c.id])).toEqual([
      ['basic', 1, 1, { front: 'bridge', back: '桥接' }, null],
      ['cloze', 2, 2, { text: '{{c1::docker0}} is the default {{c2::bridge}}' }, 'c1'],
      ['reversed', 3, 3, { front: 'host', back: '主机' }, null],
      ['cloze', 4, 4, { text: 'the {{c1::none}} mode' }, null],
    ]);
    expect(errors('q::a\n{{c1:: }} hides nothing\n')).toEqual([
      '/notes/deck.md:2:1: cloze {{c1::}} hides nothing',
    ]);
  });

  it('any line of a paragraph may hold the cloze; numbers past 9 count', () => {
    expect(parse('line one ==x==\nline two\n').cards[0]!.fields.text).toBe('line one {{c1::x}}\nline two');
    expect(parse('{{c12::twelve}} ok  \n').cards[0]!.fields.text).toBe('{{c12::twelve}} ok');
  });

  it('a cloze may start right after the first character: Chinese needs no space before it', () => {
    expect(parse('即==docker0==\n').cards[0]).toMatchObject({
      kind: 'cloze',
      fields: { text: '即{{c1::docker0}}' },
    });
  });

  it('one == or == in a fence is not a cloze', () => {
    expect(fields('q::a\n\nx == y\n')).toEqual([{ front: 'q', back: 'a\n\nx == y' }]);
    expect(parse('x ==y==\n```\na == b == c\n```\n').cards[0]!.fields.text).toBe(
      'x {{c1::y}}\n```\na == b == c\n```',
    );
  });

  it('a cloze hiding only spaces is an error, and gives no card', () => {
    expect(parse('a {{c1:: }} b\n')).toMatchObject({ cards: [] });
    expect(errors('a {{c1:: }} b\n')).toEqual(['/notes/deck.md:1:3: cloze {{c1::}} hides nothing']);
    expect(parse('a ==  == b ==c==\n').cards).toEqual([]);
  });
});

describe('images, in detail', () => {
  it('each single-line card takes the images of its own line; a paragraph continuing a card adds its own', () => {
    const exists = ['/notes/a.png', '/notes/b.png', '/notes/c.png'];
    const { cards, errors: e } = parse('a::![x](a.png)\nb::![y](b.png)\n\nmore ![z](c.png)\n', exists);
    expect(e).toEqual([]);
    expect(cards.map((c) => c.images.map((i) => [i.src, i.line, i.column]))).toEqual([
      [['a.png', 1, 4]],
      [
        ['b.png', 2, 4],
        ['c.png', 4, 6],
      ],
    ]);
    expect(errors('q::a\n\nmore ![z](gone.png)\n')).toEqual([
      '/notes/deck.md:3:6: image not found: gone.png',
    ]);
  });

  it('a %-escaped path names the file it decodes to; a scheme in capitals is remote too', () => {
    const { cards } = parse('q::![x](my%20net.png)\n', ['/notes/my net.png']);
    expect(cards[0]!.images).toEqual([
      { src: 'my%20net.png', absolute: '/notes/my net.png', line: 1, column: 4 },
    ]);
    expect(errors('q::![x](HTTPS://example.com/x.png)\n')[0]).toMatch(
      /^\/notes\/deck\.md:1:4: image \S+ is remote/,
    );
  });

  it('in inline code or fences they are text; a colon later in a path is not a scheme', () => {
    expect(parse('q::see `![x](missing.png)`\n').errors).toEqual([]);
    expect(errors('q::![x](img/v1:2.png)\n')).toEqual(['/notes/deck.md:1:4: image not found: img/v1:2.png']);
    const { cards } = parse('q::![x](/abs/a.png) and ![y]( b.png "title" )\n', [
      '/abs/a.png',
      '/notes/b.png',
    ]);
    expect(cards[0]!.images.map((i) => [i.src, i.absolute, i.column])).toEqual([
      ['/abs/a.png', '/abs/a.png', 4],
      ['b.png', '/notes/b.png', 25],
    ]);
  });
});
