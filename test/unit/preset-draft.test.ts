import { describe, expect, it } from 'vitest';
import { callMethod, type MnemoError } from '../../core/index.ts';
import { presetFields } from '../../core/presets/presets.ts';
import {
  apiFieldErrors,
  fromDraft,
  type PresetDraft,
} from '../../renderer/src/components/settings/presetDraft.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';
import { tempMnemo } from '../helpers/collection.ts';

const draft: PresetDraft = {
  desiredRetention: '0.9',
  maximumInterval: '36500',
  newPerDay: '20',
  reviewsPerDay: '200',
  learningSteps: '1m 10m',
  relearningSteps: '10m',
  leechThreshold: '8',
  leechAction: 'suspend',
  burySiblings: true,
  newIgnoresReviewLimit: false,
  limitsFromTop: false,
  enableFuzz: true,
  typeAnswer: false,
};

describe('the settings form checks a preset as the API does, in the user language', () => {
  const cases: [Partial<PresetDraft>, string | null, string | null][] = [
    [{}, null, null],
    [
      { learningSteps: '1m 99999999999999999999d' },
      en.settings.stepTooLong('99999999999999999999d'),
      zh.settings.stepTooLong('99999999999999999999d'),
    ],
    [{ relearningSteps: '0m' }, en.settings.stepTooShort('0m'), zh.settings.stepTooShort('0m')],
    [{ learningSteps: '1.5h' }, en.settings.stepSyntax('1.5h'), zh.settings.stepSyntax('1.5h')],
    [
      { learningSteps: Array(21).fill('1m').join(' ') },
      en.settings.tooManySteps(20),
      zh.settings.tooManySteps(20),
    ],
    [{ learningSteps: '1m 365d', relearningSteps: '' }, null, null],
    [{ desiredRetention: '1.2' }, en.settings.notInRange(0.7, 0.99), zh.settings.notInRange(0.7, 0.99)],
    [{ maximumInterval: '36501' }, en.settings.notInRange(1, 36500), zh.settings.notInRange(1, 36500)],
    [{ maximumInterval: '0' }, en.settings.notInRange(1, 36500), zh.settings.notInRange(1, 36500)],
    [{ maximumInterval: '30.5' }, en.settings.notWhole, zh.settings.notWhole],
    [{ maximumInterval: '365' }, null, null],
    [{ newPerDay: '-1' }, en.settings.notInRange(0, 9999), zh.settings.notInRange(0, 9999)],
    [{ reviewsPerDay: '2.5' }, en.settings.notWhole, zh.settings.notWhole],
    [{ leechThreshold: 'x' }, en.settings.notANumber, zh.settings.notANumber],
  ];
  for (const [change, inEnglish, inChinese] of cases) {
    it(JSON.stringify(change), () => {
      const d = { ...draft, ...change };
      const english = fromDraft(d, en.settings);
      const chinese = fromDraft(d, zh.settings);
      const field = Object.keys(change)[0];
      expect(field ? (english.errors[field] ?? null) : null).toBe(inEnglish);
      expect(field ? (chinese.errors[field] ?? null) : null).toBe(inChinese);
      // What the form lets through, the API accepts; what it stops, the API refuses.
      expect(presetFields.partial().safeParse(english.patch).success).toBe(inEnglish === null);
    });
  }
});

describe("the API's refusals are shown in the user's language, never in zod's English", () => {
  /** What presets.update says about a patch, as the form would receive it. */
  function refusal(patch: Record<string, unknown>): string {
    const m = tempMnemo();
    try {
      callMethod(m.api, 'presets.update', { presetId: 1, ...patch });
    } catch (e) {
      return (e as MnemoError).message;
    } finally {
      m.close();
    }
    throw new Error('expected a refusal');
  }

  for (const [dict, other] of [
    [en, zh],
    [zh, en],
  ] as const) {
    it(`${dict === en ? 'en' : 'zh'}: each field the API names gets the form's message for its value`, () => {
      const refused = { field: dict.presets.refused, other: dict.presets.refusedOther };
      const bad = { ...draft, maximumInterval: '40000', desiredRetention: '1.5', learningSteps: '0m' };
      const message = refusal({ maximumInterval: 40000, desiredRetention: 1.5, learningSteps: '0m' });
      expect(message).toMatch(/maximumInterval: .*desiredRetention: |desiredRetention: .*maximumInterval: /);
      const { byField, other: general } = apiFieldErrors(message, bad, dict.settings, refused);
      expect(byField).toEqual({
        maximumInterval: dict.settings.notInRange(1, 36500),
        desiredRetention: dict.settings.notInRange(0.7, 0.99),
        learningSteps: dict.settings.stepTooShort('0m'),
      });
      expect(general).toBeNull();
      // Nothing of the API's English, nor the other language, reaches the user.
      for (const text of Object.values(byField)) {
        expect(message).not.toContain(text);
        expect(Object.values(fromDraft(bad, other.settings).errors)).not.toContain(text);
      }
    });

    it(`${dict === en ? 'en' : 'zh'}: a refusal the form cannot explain still reads in the user's language`, () => {
      const refused = { field: dict.presets.refused, other: dict.presets.refusedOther };
      const a = apiFieldErrors(
        'newPerDay: Too big: expected number to be <=9999',
        draft,
        dict.settings,
        refused,
      );
      expect(a).toEqual({ byField: { newPerDay: dict.presets.refused }, other: null });
      const b = apiFieldErrors('arguments: Unrecognized key: "bogus"', draft, dict.settings, refused);
      expect(b).toEqual({ byField: {}, other: dict.presets.refusedOther });
    });
  }
});
