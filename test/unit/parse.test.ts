import { describe, expect, it } from 'vitest';
import { formatError, parseDeckFile } from '../../core/compiler/parse.ts';

const parse = (text: string, exists: string[] = []) =>
  parseDeckFile('/notes/deck.md', text, {
    defaultDeck: 'Default',
    fileExists: (p) => exists.includes(p),
  });
const errors = (text: string, exists?: string[]) => parse(text, exists).errors.map(formatError);

describe('card syntax', () => {
  it('front::back is one card, front:::back two (reversed)', () => {
    const { cards, errors: e } = parse('bridge::桥接模式\nhost:::主机模式\n');
    expect(e).toEqual([]);
    expect(cards.map((c) => [c.kind, c.fields.front, c.fields.back, c.line])).toEqual([
      ['basic', 'bridge', '桥接模式', 1],
      ['reversed', 'host', '主机模式', 2],
    ]);
  });

  it('ignores :: inside inline code and explicit cloze markers', () => {
    const { cards } = parse('`a::b` in C++::scope resolution\n');
    expect(cards[0]!.fields).toEqual({ front: '`a::b` in C++', back: 'scope resolution' });
  });

  it('multi-line cards: front, ? or ??, back; blank lines in fences belong to the card', () => {
    const text = [
      '# Title',
      '',
      'How to list networks?',
      '?',
      '```bash',
      'docker network ls',
      '',
      'docker network inspect bridge',
      '```',
      '',
      'A second paragraph of the same back.',
      '',
      'Two-way front',
      '??',
      'Two-way back',
      '',
      '## Next',
      '',
      'Prose under a heading before any card is the note itself.',
    ].join('\n');
    const { cards, errors: e } = parse(text);
    expect(e).toEqual([]);
    expect(cards).toHaveLength(2);
    expect(cards[0]).toMatchObject({
      kind: 'basic',
      line: 3,
      endLine: 11,
      context: 'Title',
      fields: {
        front: 'How to list networks?',
        back: '```bash\ndocker network ls\n\ndocker network inspect bridge\n```\n\nA second paragraph of the same back.',
      },
    });
    expect(cards[1]).toMatchObject({
      kind: 'reversed',
      fields: { front: 'Two-way front', back: 'Two-way back' },
    });
  });

  it('cloze: ==x== numbered after explicit {{cN::}}, hints kept', () => {
    const { cards } = parse('docker0 is ==172.17.0.1== and {{c1::bridge::mode}} is ==default==\n');
    expect(cards[0]).toMatchObject({
      kind: 'cloze',
      fields: { text: 'docker0 is {{c2::172.17.0.1}} and {{c1::bridge::mode}} is {{c3::default}}' },
      front: 'docker0 is 172.17.0.1 and bridge is default',
    });
  });

  it('front matter: deck, tags, source, deck-from-headings; heading path as context', () => {
    const text = [
      '---',
      'deck: Docker::网络模式',
      'tags: [docker, net]',
      'source: 1.4网络管理',
      'deck-from-headings: true',
      '---',
      '# 网络',
      '## bridge',
      '### 细节',
      'docker0::网桥',
    ].join('\n');
    const { cards } = parse(text);
    expect(cards[0]).toMatchObject({
      deck: 'Docker::网络模式::bridge',
      tags: ['docker', 'net'],
      source: '1.4网络管理',
      context: '网络 › bridge › 细节',
      line: 10,
    });
  });

  it('stable ids: ^id-xxxx or <!-- id: xxxx --> at the end of a card, removed from its text', () => {
    const text = [
      'one::1 ^id-aaaa1111',
      '',
      'two',
      '?',
      '```',
      'code',
      '```',
      '^id-bbbb2222',
      '',
      'three ==x== <!-- id: cccc3333 -->',
    ].join('\n');
    const { cards, errors: e } = parse(text);
    expect(e).toEqual([]);
    expect(cards.map((c) => c.id)).toEqual(['aaaa1111', 'bbbb2222', 'cccc3333']);
    expect(cards[0]!.fields.back).toBe('1');
    expect(cards[1]!.fields.back).toBe('```\ncode\n```');
    expect(cards[2]!.fields.text).toBe('three {{c1::x}}');
  });

  it('images are resolved against the file and must exist', () => {
    const { cards } = parse('net?\n?\n![diagram](img/net.png)\n', ['/notes/img/net.png']);
    expect(cards[0]!.images).toEqual([
      { src: 'img/net.png', absolute: '/notes/img/net.png', line: 3, column: 1 },
    ]);
  });
});

describe('errors name file:line:column, all of them in one run', () => {
  it.each([
    ['::back\n', '/notes/deck.md:1:1: card has an empty front (nothing before the separator)'],
    ['front::\n', '/notes/deck.md:1:8: card has an empty back (nothing after the separator)'],
    ['\n?\nback\n', '/notes/deck.md:2:1: card has an empty front (nothing above the ? line)'],
    ['front\n?\n', '/notes/deck.md:2:1: card has an empty back (nothing below the ? line)'],
    ['a ==  == b\n', '/notes/deck.md:1:3: cloze ==...== hides nothing'],
    ['a {{c1::}} b\n', '/notes/deck.md:1:3: cloze {{c1::}} hides nothing'],
    ['q\n?\n```js\nx\n', '/notes/deck.md:3:1: code fence is never closed'],
    ['---\ndeck: [unclosed\n---\na::b\n', /^\/notes\/deck\.md:2:\d+: bad YAML front matter/],
    ['---\ndeck: 5\n---\n', '/notes/deck.md:2:1: deck: must be a deck name such as "Docker::网络模式"'],
    ['---\ndeck: A\n', '/notes/deck.md:1:1: front matter opened with --- is never closed'],
    ['see::![x](missing.png)\n', '/notes/deck.md:1:6: image not found: missing.png'],
    ['see::![x](%E0%A4%A.png)\n', '/notes/deck.md:1:6: image path %E0%A4%A.png has a malformed %-escape'],
    [
      'see::![x](https://example.com/x.png)\n',
      /^\/notes\/deck\.md:1:6: image https:\/\/example\.com\/x\.png is remote/,
    ],
    ['a::::b\n', '/notes/deck.md:1:2: "::::" is not a separator: use :: (one card) or ::: (two)'],
    [
      'a::b\nplain line\n',
      '/notes/deck.md:2:1: line is not a card: in a paragraph of single-line cards every line needs :: or :::',
    ],
  ])('%j', (text, expected) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    if (typeof expected === 'string') expect(found[0]).toBe(expected);
    else expect(found[0]).toMatch(expected);
  });

  it('reports every error of a file, not just the first', () => {
    expect(errors('::a\n\nb::\n\nc ==== d\n')).toEqual([
      '/notes/deck.md:1:1: card has an empty front (nothing before the separator)',
      '/notes/deck.md:3:4: card has an empty back (nothing after the separator)',
      '/notes/deck.md:5:3: cloze ==...== hides nothing',
    ]);
  });
});
