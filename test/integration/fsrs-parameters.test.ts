/** A preset's FSRS parameters: the bounds are ts-fsrs's own, and bad lists are refused by field. */
import { CLAMP_PARAMETERS, default_w, W17_W18_Ceiling } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { MnemoError } from '../../core/index.ts';
import {
  FSRS_DEFAULT_PARAMETERS,
  FSRS_PARAMETER_BOUNDS,
  parseFsrsParameters,
} from '../../core/presets/fsrs-bounds.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

describe('FSRS parameters', () => {
  it("uses ts-fsrs's defaults and clamping ranges", () => {
    expect(FSRS_DEFAULT_PARAMETERS).toEqual([...default_w]);
    expect(FSRS_PARAMETER_BOUNDS).toEqual(CLAMP_PARAMETERS(W17_W18_Ceiling, true));
  });

  it('reads a pasted list: commas, spaces, brackets, Anki copies', () => {
    const text = default_w.join(', ');
    expect(parseFsrsParameters(text)).toEqual({ values: [...default_w], problems: [] });
    expect(parseFsrsParameters(`[${default_w.join(',')}]`).problems).toEqual([]);
    expect(parseFsrsParameters(default_w.join('\n')).problems).toEqual([]);
  });

  it('names each bad parameter: not a number, out of range, wrong count', () => {
    const w = default_w.map(String);
    w[3] = 'abc';
    expect(parseFsrsParameters(w.join(' ')).problems).toEqual([
      { kind: 'notANumber', index: 3, text: 'abc' },
    ]);
    const out = [...default_w];
    out[4] = 11;
    out[20] = 0.05;
    expect(parseFsrsParameters(out.join(' ')).problems).toEqual([
      { kind: 'outOfRange', index: 4, value: 11, min: 1, max: 10 },
      { kind: 'outOfRange', index: 20, value: 0.05, min: 0.1, max: 0.8 },
    ]);
    expect(parseFsrsParameters(default_w.slice(0, 19).join(' ')).problems).toEqual([
      { kind: 'count', count: 19 },
    ]);
    expect(parseFsrsParameters('').problems).toEqual([{ kind: 'count', count: 0 }]);
  });

  it('presets.update refuses parameters outside the bounds, naming each, and stores nothing', async () => {
    const m = tempMnemo();
    const before = checksum(m.col.db);
    const bad = [...default_w];
    bad[7] = 0.9;
    bad[16] = 0.5;
    const refuse = (fsrsWeights: number[]) => {
      try {
        m.api.presets.update({ presetId: 1, fsrsWeights });
      } catch (e) {
        expect(e).toBeInstanceOf(MnemoError);
        expect((e as MnemoError).type).toBe('InvalidArgument');
        return (e as MnemoError).message;
      }
      throw new Error('accepted');
    };
    expect(refuse(bad)).toBe(
      'fsrsWeights.7: w[7]: 0.9 is outside 0.001…0.75; fsrsWeights.16: w[16]: 0.5 is outside 1…6',
    );
    expect(refuse(default_w.slice(0, 20))).toBe('fsrsWeights: FSRS-6 has 21 parameters, not 20');
    expect(checksum(m.col.db)).toBe(before);
    const good = default_w.map((x) => x * 1.01);
    good[7] = 0.001;
    expect(m.api.presets.update({ presetId: 1, fsrsWeights: good }).fsrsWeights).toEqual(good);
    // Back to the defaults: null, and the list before is kept for Revert.
    expect(m.api.presets.update({ presetId: 1, fsrsWeights: null }).fsrsWeights).toBeNull();
    expect((await m.api.optimize.status({ presetId: 1 })).previous).toEqual({ kept: true, parameters: good });
    m.close();
  });
});
