import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/client/index.ts';
import {
  draftFields,
  draftProblems,
  EMPTY_DRAFT,
  previewSides,
  refusalText,
  validFileName,
} from '../../renderer/src/components/edit/cardDraft.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';

describe('the card editor form', () => {
  it('says what is missing in the user language before calling the API', () => {
    expect(draftProblems('basic', { ...EMPTY_DRAFT, back: 'b' }, en)).toEqual(['Front must not be empty.']);
    expect(draftProblems('reversed', EMPTY_DRAFT, zh)).toEqual(['正面不能为空。', '背面不能为空。']);
    expect(draftProblems('cloze', { ...EMPTY_DRAFT, text: 'no answer hidden' }, en)).toEqual([
      en.edit.errors.noCloze,
    ]);
    // Twice in a row: a /g regex's lastIndex must not make the second check fail.
    for (let i = 0; i < 2; i++)
      expect(draftProblems('cloze', { ...EMPTY_DRAFT, text: 'a {{c1::b}}' }, en)).toEqual([]);
    expect(draftProblems('cloze', { ...EMPTY_DRAFT, text: 'a ==b==' }, en)).toEqual([]);
  });

  it('sends the fields of its kind; Extra only for a note stored in the collection', () => {
    const d = { front: 'f', back: 'b', text: 't', extra: 'x' };
    expect(draftFields('basic', d, true)).toEqual({ front: 'f', back: 'b' });
    expect(draftFields('cloze', d, false)).toEqual({ text: 't' });
    expect(draftFields('cloze', d, true)).toEqual({ text: 't', extra: 'x' });
  });

  it('previews clozes hidden on the front and marked on the back, type: left out', () => {
    const cloze = previewSides('cloze', {
      ...EMPTY_DRAFT,
      text: '==a== and {{c2::b::hint}} `==c==`',
      extra: 'more',
    });
    expect(cloze.front).toBe(
      '<mark class="cloze">[...]</mark> and <mark class="cloze">[hint]</mark> `==c==`',
    );
    expect(cloze.back).toBe('<mark class="cloze">a</mark> and <mark class="cloze">b</mark> `==c==`\n\nmore');
    expect(previewSides('basic', { ...EMPTY_DRAFT, front: 'q', back: 'type: ls' })).toEqual({
      front: 'q',
      back: 'ls',
    });
  });

  it('accepts the file names the API accepts', () => {
    for (const ok of ['net.md', '网络.MD', 'a b.md']) expect(validFileName(ok), ok).toBe(true);
    for (const bad of ['net', 'a/b.md', 'a\\b.md', '.hidden.md', 'README.md', 'readme.md', ''])
      expect(validFileName(bad), bad).toBe(false);
  });

  it('words the API refusals in both languages; storage errors are left to ErrorMessage', () => {
    const changed = new ApiError('Conflict', '/d/x.md changed on disk since it was compiled: compile it …');
    expect(refusalText(changed, en, false)).toBe(en.edit.problems.changed);
    expect(refusalText(changed, zh, false)).toBe(zh.edit.problems.changed);
    const outside = new ApiError('InvalidArgument', '/x.md is not inside a deck folder: add its folder …');
    expect(refusalText(outside, zh, true)).toBe(zh.edit.problems.outside);
    const split = new ApiError('InvalidArgument', 'not saved: the text makes more than one card (…)');
    expect(refusalText(split, en, false)).toBe('Not saved: the text makes more than one card (…)');
    expect(refusalText(split, zh, true)).toBe('未添加：the text makes more than one card (…)');
    expect(refusalText(new ApiError('NotFound', '/d/x.md: no such file'), en, false)).toBe(
      en.edit.problems.missing,
    );
    const retired = new ApiError('Conflict', 'this card was removed from its file: it cannot be edited');
    expect(refusalText(retired, zh, false)).toBe(zh.edit.problems.retired);
    expect(refusalText(new ApiError('DiskFull', 'disk full'), en, false)).toBeNull();
    expect(refusalText(new Error('boom'), en, false)).toBeNull();
  });
});
