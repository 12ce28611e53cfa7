/**
 * The line digest a compile stores per file (core/compiler/incremental.ts): what kind each
 * line is, as the parser reads it, two hashes per line that tell changed lines apart, and the
 * stored form a later recompile decodes. A wrong kind or a hash collision would keep a card
 * whose text changed, so these are checked line by line.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeDigest,
  digestLines,
  encodeDigest,
  fileCards,
  fileLines,
  type LineDigest,
  lineOf,
} from '../../core/compiler/incremental.ts';

// The kinds of line, as stored in the digest's flags (a format kept in source_files.lines).
const BLANK = 1;
const HEADING = 2;
const SPECIAL = 4;
const IMAGE = 8;
const FRONT = 16;

const digestOf = (text: string, deck = 'Default'): LineDigest => digestLines(text, deck);
const flagsOf = (text: string): number[] => [...digestOf(text).flags];

describe('fileLines', () => {
  it('splits as the parser does: LF, CRLF, a byte-order mark dropped, a lone CR kept in its line', () => {
    expect(fileLines('a\nb\n')).toEqual(['a', 'b', '']);
    expect(fileLines('a\r\nb\r\nc')).toEqual(['a', 'b', 'c']);
    expect(fileLines('a\rb\nc')).toEqual(['a\rb', 'c']);
    expect(fileLines('\ufeffa\nb')).toEqual(['a', 'b']);
    expect(fileLines('x\ufeff\ny')).toEqual(['x\ufeff', 'y']);
  });

  it("the digest's lineOf gives every line as fileLines does, without splitting the text", () => {
    for (const text of [
      'a\nb\n',
      'a\r\nb\r\nc',
      'a\rb\nc\r',
      '\ufeffa\nb',
      'x\ufeff\ny',
      '',
      '\r\n\r\n',
      '\ufeff',
    ]) {
      const d = digestLines(text, 'Default');
      const lines = Array.from({ length: d.count }, (_, i) => lineOf(text, d, i));
      expect(lines, JSON.stringify(text)).toEqual(fileLines(text));
    }
  });
});

describe('digestLines: the kind of each line', () => {
  it('blank exactly when String.prototype.trim leaves nothing, for every UTF-16 code unit', () => {
    // One line per code unit but the newline itself; the first line is not blank, so the
    // byte-order mark's line is not at the start of the text (where it would be dropped).
    const units = [];
    for (let c = 0; c < 0x10000; c++) if (c !== 10) units.push(c);
    const lines = ['x', ...units.map((c) => String.fromCharCode(c))];
    const d = digestLines(lines.join('\n'), 'Default');
    expect(d.count).toBe(lines.length);
    const wrong = units.filter(
      (c, i) => ((d.flags[i + 1]! & BLANK) !== 0) !== (String.fromCharCode(c).trim() === ''),
    );
    expect(wrong).toEqual([]);
    // White space around a word is not a blank line either.
    expect(flagsOf('\u3000x\u00a0\n \t\u2028')).toEqual([0, BLANK]);
  });

  it('headings, fences with what they hold, lint-ignore comments and images', () => {
    const text = [
      '# Deck', // 0 heading
      '#tag, not a heading', // 1
      'a ::b ![](x.png)', // 2 image
      '[a link](x) and a bang! [here]', // 3 no image
      '```sh', // 4 opens
      '# inside a fence', // 5 nothing
      '', // 6 nothing (inside the fence)
      '~~~', // 7 a tilde line closes no backtick fence
      '![in a fence](y.png)', // 8 image
      '```', // 9 closes
      '<!-- lint-ignore no-back -->', // 10 special
      'see lint-ignore below', // 11 not a comment
      '<b>bold</b>', // 12 a tag without lint-ignore
      '   ## Indented heading', // 13 heading
      '~~~~', // 14 opens
      '~~~', // 15 shorter: does not close
      '~~~~~', // 16 closes
      '  ', // 17 blank
      '!', // 18
      '[', // 19 the line after a `!` starts afresh
      '`docker ps` :: lists containers', // 20 inline code opens no fence
      '~~ struck ~~', // 21
    ].join('\n');
    expect(flagsOf(text)).toEqual([
      HEADING,
      0,
      IMAGE,
      0,
      SPECIAL,
      0,
      0,
      0,
      IMAGE,
      SPECIAL,
      SPECIAL,
      0,
      0,
      HEADING,
      SPECIAL,
      0,
      SPECIAL,
      BLANK,
      0,
      0,
      0,
      0,
    ]);
  });

  it('front matter: its lines, closed by --- or ..., or the whole file when never closed', () => {
    expect(flagsOf('---\ndeck: A\n---\n\nq :: a')).toEqual([
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      BLANK,
      0,
    ]);
    expect(flagsOf(' --- \ndeck: A\n ... \n# H')).toEqual([
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      HEADING,
    ]);
    expect(flagsOf('---\ndeck: A\n\n# H')).toEqual([
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      FRONT | SPECIAL,
    ]);
    expect(flagsOf('---\ndeck: A\n---  \nq :: a')).toEqual([
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      FRONT | SPECIAL,
      0,
    ]);
    // `---` closes the front matter only from the second line on, and opens it only on the first.
    expect(flagsOf('q :: a\n---\ndeck: A\n---')).toEqual([0, 0, 0, 0]);
  });

  it('vault reading: `obsidian:` in the front matter only', () => {
    expect(digestOf('---\nobsidian: true\n---\nq :: a').vault).toBe(true);
    expect(digestOf('---\ndeck: A\nobsidian : yes\n---').vault).toBe(true);
    expect(digestOf('---\nxobsidian: true\n---').vault).toBe(false);
    expect(digestOf('---\ndeck: A\n---\nobsidian: true').vault).toBe(false);
    expect(digestOf('obsidian: true\nq :: a').vault).toBe(false);
  });
});

describe('digestLines: the hashes', () => {
  it('equal lines hash alike wherever they stand; one changed character changes the pair', () => {
    const variants: string[] = [];
    const base = 'docker ps -a :: 列出所有容器';
    for (let i = 0; i < base.length; i++) {
      for (const ch of ['x', 'y', ' ', '容', '\t']) {
        const v = base.slice(0, i) + ch + base.slice(i + 1);
        if (v !== base && !variants.includes(v)) variants.push(v);
      }
      variants.push(base.slice(0, i) + base.slice(i + 1));
    }
    variants.push(base, `${base} `, `${base}\r`, '', 'a', 'b', 'ab', 'ba');
    const unique = [...new Set(variants)];
    const d = digestOf(unique.join('\n'));
    const pairs = new Set(unique.map((_, i) => `${d.h1[i]}/${d.h2[i]}`));
    expect(pairs.size).toBe(unique.length);
    // Each hash alone tells most of these apart (each is half of what keeps lines distinct).
    expect(new Set(d.h1).size).toBe(unique.length);
    expect(new Set(d.h2).size).toBeGreaterThan(unique.length * 0.95);

    // The same line after other lines, at the end without a newline, after a byte-order mark.
    const again = digestOf(`first\nsecond\n${base}\nthird\n${base}`);
    const alone = digestOf(`\ufeff${base}`);
    const at = unique.indexOf(base);
    for (const [h1, h2] of [
      [again.h1[2], again.h2[2]],
      [again.h1[4], again.h2[4]],
      [alone.h1[0], alone.h2[0]],
    ])
      expect([h1, h2]).toEqual([d.h1[at], d.h2[at]]);
  });

  it('hashing two code units a step loses nothing: their order, a high unit, a trailing NUL, a near line', () => {
    const lines = [
      'ab',
      'ba',
      'a',
      'a\u0000',
      '\u0000a',
      'a\u0100',
      'a\u0200',
      '\u0100a',
      'abc',
      'acb',
      'bac',
    ];
    // Lines of one shape that differ in one number, as generated decks and logs do.
    for (let i = 0; i < 50_000; i++)
      lines.push(`Question ${i}: what does --opt-${i % 977} do?::It sets ${i}`);
    const d = digestOf(lines.join('\n'));
    expect(new Set(lines.map((_, i) => `${d.h1[i]}/${d.h2[i]}`)).size).toBe(lines.length);
    expect(new Set(d.h1).size).toBe(lines.length);
  });

  it('a carriage return before the newline is part of the line: a change of line endings is a change', () => {
    const lf = digestOf('q :: a\nr :: b');
    const crlf = digestOf('q :: a\r\nr :: b');
    expect(crlf.h1[0]).not.toBe(lf.h1[0]);
    expect(crlf.h1[1]).toBe(lf.h1[1]);
  });

  it('the context tells default decks apart', () => {
    const a = digestOf('q :: a', 'Deck A').context;
    expect(digestOf('q :: a', 'Deck A').context).toBe(a);
    expect(digestOf('q :: a', 'Deck B').context).not.toBe(a);
    expect(digestOf('q :: a', 'Deck AB').context).not.toBe(a);
    expect(digestOf('q :: a', '').context).not.toBe(a);
  });
});

describe('the stored digest', () => {
  const text = '---\nobsidian: true\n---\n# Deck\nq :: a ![](x.png)\n\nr :: b ^id-77\n';
  const cards = fileCards([
    [4_000_000_000, 5, null],
    [12, 7, 'id-77'],
  ]);

  it('decodes to what was encoded, also from a buffer that starts inside a larger one', () => {
    const d = digestOf(text, 'Deck');
    const blob = encodeDigest(d, cards)!;
    const padded = Buffer.concat([Buffer.from('padding!'), blob, Buffer.from('tail')]);
    for (const stored of [blob, padded.subarray(8, 8 + blob.length)]) {
      const back = decodeDigest(stored)!;
      expect(back.context).toBe(d.context);
      expect(back.count).toBe(d.count);
      expect(back.vault).toBe(true);
      expect([...back.h1]).toEqual([...d.h1]);
      expect([...back.h2]).toEqual([...d.h2]);
      expect([...back.flags]).toEqual([...d.flags]);
      expect([...back.cards!.ids]).toEqual([4_000_000_000, 12]);
      expect([...back.cards!.lines]).toEqual([5, 7]);
      expect([...back.cards!.sourceIds]).toEqual([[1, 'id-77']]);
      expect(back.cards!.fits).toBe(true);
    }
    expect(decodeDigest(encodeDigest(digestOf('q :: a'), cards))!.vault).toBe(false);
  });

  it('is not stored for note ids past 32 bits, unless the file has no cards', () => {
    const big = fileCards([[2 ** 32, 1, null]]);
    expect(big.fits).toBe(false);
    expect(fileCards([[2 ** 32 - 1, 1, null]]).fits).toBe(true);
    expect(encodeDigest(digestOf('q :: a'), big)).toBeNull();
    const none = { ...fileCards([]), fits: false };
    const empty = decodeDigest(encodeDigest(digestOf('just text'), none))!;
    expect(empty.count).toBe(1);
    expect(empty.cards!.ids.length).toBe(0);
  });

  it('anything else decodes to nothing: missing, too short, another version, a wrong length', () => {
    const blob = encodeDigest(digestOf(text), cards)!;
    expect(decodeDigest(null)).toBeNull();
    expect(decodeDigest(undefined)).toBeNull();
    expect(decodeDigest(Buffer.alloc(0))).toBeNull();
    expect(decodeDigest(blob.subarray(0, 23))).toBeNull();
    // Too short in a buffer of its own (one cut from a larger buffer can be read past its end).
    expect(decodeDigest(Buffer.alloc(23))).toBeNull();
    expect(decodeDigest(Buffer.alloc(6))).toBeNull();
    // Version 1 (hashed a code unit a step, before this format) and any later one.
    for (const version of [1, 3]) {
      const other = Buffer.from(blob);
      other.writeUInt32LE(version, 0);
      expect(decodeDigest(other)).toBeNull();
    }
    expect(decodeDigest(blob.subarray(0, blob.length - 1))).toBeNull();
    expect(decodeDigest(Buffer.concat([blob, Buffer.from(' ')]))).toBeNull();
    // The smallest digest: no lines... as written for an empty file (one empty line), decodes.
    const one = encodeDigest(digestOf(''), fileCards([]))!;
    expect(decodeDigest(one)!.count).toBe(1);
  });
});
