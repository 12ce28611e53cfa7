import { describe, expect, it } from 'vitest';
import { presetFields } from '../../core/presets/presets.ts';
import { fromDraft, type PresetDraft } from '../../renderer/src/components/settings/presetDraft.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';

const draft: PresetDraft = {
  desiredRetention: '0.9',
  newPerDay: '20',
  reviewsPerDay: '200',
  learningSteps: '1m 10m',
  relearningSteps: '10m',
  leechThreshold: '8',
  leechAction: 'suspend',
  burySiblings: true,
  newIgnoresReviewLimit: false,
  limitsFromTop: false,
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
