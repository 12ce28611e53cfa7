/**
 * A compile's errors in reading order (file, line, column), whichever check found them first:
 * the parser's, then the duplicate-id check's; and a lone rewrite that keeps too little of its
 * front is a new card, not an edit.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDecks } from '../../core/compiler/compile.ts';
import { similarity } from '../../core/compiler/similarity.ts';
import { tempDir, tempMnemo } from '../helpers/collection.ts';

describe("a compile's report", () => {
  it('sorts errors by line, then column, across the checks that found them', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    // Parse errors at 3:6 and 5:1, then a duplicate id at 3:1 found after the parse.
    writeFileSync(file, 'first::one ^id-twice\n\nsee::![x](missing.png) ^id-twice\n\n::no front\n');
    const r = compileDecks(m.col, [dir]);
    expect(r.applied).toBe(false);
    expect(r.errors.map((e) => [e.line, e.column, e.message.split(' (')[0]])).toEqual([
      [3, 1, 'duplicate id twice'],
      [3, 6, 'image not found: missing.png'],
      [5, 1, expect.any(String)],
    ]);
  });

  it('a lone rewritten card sharing under a fifth of its front is added, the old one retired', () => {
    const m = tempMnemo();
    const dir = tempDir();
    const file = join(dir, 'd.md');
    const before = 'Which port does SSH listen on';
    const after = 'Name the default gateway of docker0';
    expect(similarity(before, after)).toBeLessThan(0.2);
    writeFileSync(file, `${before}::22\n`);
    compileDecks(m.col, [dir]);
    writeFileSync(file, `${after}::172.17.0.1\n`);
    m.clock.advance(60_000);
    const r = compileDecks(m.col, [dir]);
    expect(r.totals).toMatchObject({ edited: 0, added: 1, retired: 1 });
    expect(r.files[0]!.editedFronts).toEqual([]);
  });
});
