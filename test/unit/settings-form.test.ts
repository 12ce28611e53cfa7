import { describe, expect, it } from 'vitest';
import { callMethod, type MnemoError } from '../../core/index.ts';
import { settingsErrors } from '../../renderer/src/components/settings/GeneralSettings.tsx';
import { en } from '../../renderer/src/i18n/en.ts';
import { zh } from '../../renderer/src/i18n/zh.ts';
import { tempMnemo } from '../helpers/collection.ts';

describe('the study-day settings form checks the API’s bounds, in the user’s language', () => {
  const cases: [
    Record<'dayStartHour' | 'learnAheadMinutes', string>,
    Record<string, (d: typeof en) => string>,
  ][] = [
    [{ dayStartHour: '4', learnAheadMinutes: '20' }, {}],
    [{ dayStartHour: '0', learnAheadMinutes: '1440' }, {}],
    [{ dayStartHour: '24', learnAheadMinutes: '20' }, { dayStartHour: (d) => d.settings.notInRange(0, 23) }],
    [
      { dayStartHour: '-1', learnAheadMinutes: '1441' },
      {
        dayStartHour: (d) => d.settings.notInRange(0, 23),
        learnAheadMinutes: (d) => d.settings.notInRange(0, 1440),
      },
    ],
    [
      { dayStartHour: '4.5', learnAheadMinutes: 'x' },
      {
        dayStartHour: (d) => d.settings.notWhole,
        learnAheadMinutes: (d) => d.settings.notANumber,
      },
    ],
  ];
  for (const [draft, expected] of cases) {
    it(JSON.stringify(draft), () => {
      for (const dict of [en, zh]) {
        const want = Object.fromEntries(Object.entries(expected).map(([k, f]) => [k, f(dict)]));
        expect(settingsErrors(draft, dict.settings)).toEqual(want);
      }
      // What the form lets through the API accepts; what it stops the API refuses.
      const m = tempMnemo();
      let refused: MnemoError | null = null;
      try {
        callMethod(m.api, 'settings.update', {
          dayStartHour: Number(draft.dayStartHour),
          learnAheadMinutes: Number(draft.learnAheadMinutes),
        });
      } catch (e) {
        refused = e as MnemoError;
      }
      m.close();
      expect(refused === null).toBe(Object.keys(expected).length === 0);
    });
  }
});
