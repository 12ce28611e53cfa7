import { describe, expect, it } from 'vitest';
import { guidFromId, idForGuid } from '../../core/compiler/guid-id.ts';
import {
  closesFence,
  codeMask,
  heading,
  indexOutsideCode,
  openingFence,
} from '../../core/compiler/markdown-lines.ts';

/** The code spans of a line, as the text they cover. */
const spans = (line: string) => {
  const mask = codeMask(line);
  return line
    .split('')
    .map((ch, i) => (mask[i] ? ch : '|'))
    .join('')
    .split('|')
    .filter(Boolean);
};

describe('fences', () => {
  it('open with three or more backticks or tildes, up to three spaces in; a backtick info string has no backticks', () => {
    expect(openingFence('```')).toEqual({ char: '`', length: 3 });
    expect(openingFence('   ~~~~ python')).toEqual({ char: '~', length: 4 });
    expect(openingFence('```js `x`')).toBeNull();
    expect(openingFence('~~~ `x`')).toEqual({ char: '~', length: 3 });
    expect(openingFence('    ```')).toBeNull();
    expect(openingFence('``')).toBeNull();
  });

  it('close with the same character, at least as long, nothing after', () => {
    const fence = { char: '`', length: 4 } as const;
    expect(closesFence('````', fence)).toBe(true);
    expect(closesFence('   `````  ', fence)).toBe(true);
    expect(closesFence('```', fence)).toBe(false);
    expect(closesFence('~~~~', fence)).toBe(false);
    expect(closesFence('```` x', fence)).toBe(false);
    expect(closesFence('x ````', fence)).toBe(false);
    expect(closesFence('~~~', { char: '~', length: 3 })).toBe(true);
    expect(closesFence('~', { char: '~', length: 1 })).toBe(false);
  });
});

describe('headings', () => {
  it('one to six #, text trimmed, closing #s dropped', () => {
    expect(heading('## Network  modes  ##')).toEqual({ level: 2, text: 'Network  modes' });
    expect(heading('###### six')).toEqual({ level: 6, text: 'six' });
    expect(heading('#')).toEqual({ level: 1, text: '' });
    expect(heading('####### seven')).toBeNull();
    expect(heading('#no space')).toBeNull();
    // A full-width space typed by a Chinese input method is trimmed too.
    expect(heading('## 网络模式\u3000')).toEqual({ level: 2, text: '网络模式' });
  });
});

describe('inline code', () => {
  it('spans of one or more backticks, closed by a run exactly as long', () => {
    expect(codeMask('no code')).toEqual([]);
    expect(spans('a `b::c` d')).toEqual(['`b::c`']);
    expect(spans('``a ` b`` c `d`')).toEqual(['``a ` b``', '`d`']);
    expect(spans('`a`` b` c')).toEqual(['`a`` b`']);
    expect(spans('``a``` b`` c')).toEqual(['``a``` b``']);
    expect(spans('`unclosed :: x')).toEqual([]);
    // A longer run never closes a shorter one: here the single backtick stays open.
    expect(spans('`ab`` c')).toEqual([]);
    expect(spans('`` unclosed ` x `y`')).toEqual(['` x `']);
    expect(codeMask('x`y`')).toEqual([false, true, true, true]);
  });

  it('finds a needle outside code only', () => {
    const line = 'a `::` b :: c';
    expect(indexOutsideCode(line, '::', codeMask(line))).toBe(9);
    expect(indexOutsideCode(line, '::', codeMask(line), 10)).toBe(-1);
    expect(indexOutsideCode('`:::` x', '::', codeMask('`:::` x'))).toBe(-1);
    expect(indexOutsideCode('plain::x', '::', codeMask('plain::x'))).toBe(5);
  });
});

describe('guids in ids', () => {
  it('a UUID is its own id; any other guid is g64- and its UTF-8 in base64url', () => {
    const uuid = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    expect(idForGuid(uuid)).toBe(uuid);
    expect(guidFromId(uuid)).toBe(uuid);
    expect(idForGuid('f#K/{x')).toBe(`g64-${Buffer.from('f#K/{x').toString('base64url')}`);
    for (const guid of ['f#K/{x', 'Anki guid 牌', ' leading space', 'a'])
      expect(guidFromId(idForGuid(guid))).toBe(guid);
  });

  it('an ordinary id, or an encoding no guid gives, carries none', () => {
    expect(guidFromId('3fa9c2d1')).toBeNull();
    expect(guidFromId('g64-')).toBeNull();
    expect(guidFromId('g64-AA')).toBeNull(); // a NUL
    expect(guidFromId(`g64-${Buffer.from('tab\there').toString('base64url')}`)).toBeNull();
    expect(guidFromId(`g64-${Buffer.from([0xff, 0xfe]).toString('base64url')}`)).toBeNull(); // not UTF-8
    expect(guidFromId(`g64-${Buffer.from('abc').toString('base64url')}x`)).toBeNull(); // not canonical
  });
});
