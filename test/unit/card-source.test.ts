import { describe, expect, it } from 'vitest';
import { type ParsedCard, parseDeckFile } from '../../core/compiler/parse.ts';
import {
  appendLines,
  cardLines,
  formsFor,
  readCardSource,
  replaceLines,
} from '../../core/edit/card-source.ts';

const parse = (text: string): ParsedCard[] =>
  parseDeckFile('/d/x.md', text, { defaultDeck: 'D', fileExists: () => true }).cards;

/** Reads card `i` of `text` and writes it back with `edit` applied, in its own form. */
function rewrite(text: string, i: number, edit: Partial<{ front: string; back: string; text: string }> = {}) {
  const card = parse(text)[i]!;
  const src = readCardSource(text, card);
  const next = { front: src.front, back: src.back, text: src.text, ...edit };
  const form = formsFor(src, card.kind, next)[0]!;
  return { src, text: replaceLines(text, src.start, src.end, cardLines(form, card.kind, next, src.id, src)) };
}

describe('a card read back from its lines and written again', () => {
  it('is byte-identical when nothing changed, in every form and id style', () => {
    const files = [
      'a::b\n',
      '  front :: back ^id-abc\nnext:::two  <!-- id: x1 -->',
      '\uFEFFfront\n?\n```sh\nls\n```\n^id-fence\n\n# h\n',
      'line one\nline two\n??\nback one\n\nmore back ^id-m\n',
      'text ==hidden== and {{c2::more::hint}}\r\n\r\nnext::card\r\n',
      'front::back\n\ncontinued paragraph\n',
    ];
    for (const file of files) {
      const cards = parse(file);
      for (let i = 0; i < cards.length; i++) expect(rewrite(file, i).text, `${file} #${i}`).toBe(file);
    }
  });

  it('keeps what the user wrote: type:, relative images, == clozes, the id apart', () => {
    const text = 'Q ![](img/a.png)\n?\ntype: ls -la ^id-t1\n\n==x== is `==y==`\n';
    const [basic, cloze] = parse(text);
    expect(readCardSource(text, basic!)).toMatchObject({
      form: 'multi',
      front: 'Q ![](img/a.png)',
      back: 'type: ls -la',
      id: 't1',
      idText: ' ^id-t1',
      idOwnLine: false,
      start: 1,
      end: 3,
    });
    expect(readCardSource(text, cloze!)).toMatchObject({
      form: 'cloze',
      text: '==x== is `==y==`',
      start: 5,
      end: 5,
    });
  });

  it('the last line without a newline stays without one; a new id goes after a closing fence', () => {
    expect(rewrite('a::b\nc::d', 1, { back: 'e' }).text).toBe('a::b\nc::e');
    const card = parse('q\n?\n```\nx\n```')[0]!;
    const src = readCardSource('q\n?\n```\nx\n```', card);
    expect(cardLines('multi', 'basic', { ...src, back: '```\ny\n```' }, 'n1', src)).toEqual([
      'q',
      '?',
      '```',
      'y',
      '```',
      '^id-n1',
    ]);
  });

  it('a one-line card in a paragraph becomes a ? card set apart by blank lines, in CRLF', () => {
    const text = 'a::b\r\nc::d\r\ne::f\r\n';
    const card = parse(text)[1]!;
    const src = readCardSource(text, card);
    const next = { front: 'c', back: 'd1\nd2', text: '' };
    expect(formsFor(src, 'basic', next)).toEqual(['single', 'multi']);
    expect(replaceLines(text, src.start, src.end, cardLines('multi', 'basic', next, null, src))).toBe(
      'a::b\r\n\r\nc\r\n?\r\nd1\r\nd2\r\n\r\ne::f\r\n',
    );
  });

  it('appends after a blank line in the file line endings, an empty file gets the card alone', () => {
    expect(appendLines('a::b', ['c::d'])).toBe('a::b\n\nc::d\n');
    expect(appendLines('a::b\r\n', ['c', '?', 'd'])).toBe('a::b\r\n\r\nc\r\n?\r\nd\r\n');
    expect(appendLines('a::b\n\n', ['c::d'])).toBe('a::b\n\nc::d\n');
    expect(appendLines('', ['c::d'])).toBe('c::d\n');
    expect(appendLines('\uFEFF', ['c::d'])).toBe('\uFEFFc::d\n');
  });
});
