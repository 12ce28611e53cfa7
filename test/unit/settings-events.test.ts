import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/review/uuid.ts';
import { encodeEvent } from '../../core/sync/events.ts';
import { decodeSetting, encodeSetting, type SettingEvent } from '../../core/sync/settings-events.ts';

const at = Date.parse('2026-11-02T09:00:00Z');
const base = { id: uuidv7(at), dev: 'd1', at, n: 3 };
const line = (e: SettingEvent) => encodeSetting(e).replace(/\n$/, '');
/** A line with any JSON, checksummed as a device would write it. */
const raw = (o: Record<string, unknown>) => {
  const json = JSON.stringify(o);
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}`;
};

describe('settings events: the line format', () => {
  it('reads back what it writes, for each kind', () => {
    const events: SettingEvent[] = [
      {
        ...base,
        kind: 'preset',
        object: 'default',
        change: { s: { desiredRetention: 0.85, learningSteps: '1m' } },
      },
      { ...base, kind: 'preset', object: 'name:Hard', change: { s: { newPerDay: 5 }, b: 1 } },
      { ...base, kind: 'preset', object: '0b9c4a7e-5d1e-4f6a-9a2b-3c4d5e6f7a8b', change: { del: 1 } },
      { ...base, kind: 'deck', object: 'Docker::网络模式', change: { s: { preset: 'default' } } },
      {
        ...base,
        kind: 'exam',
        object: '0b9c4a7e-5d1e-4f6a-9a2b-3c4d5e6f7a8b',
        change: { s: { name: 'Final', examAt: at + 1, decks: ['Docker'], tags: ['net'], budget: 30 } },
      },
      {
        ...base,
        kind: 'settings',
        object: 'collection',
        change: { s: { dayStartHour: 0, learnAheadMinutes: 90 } },
      },
      { ...base, kind: 'settings', object: 'collection', change: { s: { dayStartHour: 7 }, b: 1 } },
    ];
    for (const e of events) expect(decodeSetting(line(e))).toEqual(e);
  });

  it('names what is wrong with a line another device could not have made', () => {
    const preset = (s: Record<string, unknown>) =>
      line({ ...base, kind: 'preset', object: 'default', change: { s } });
    expect(decodeSetting(preset({ desiredRetention: 1.5 }))).toBe('s.desiredRetention: must be at most 0.99');
    expect(decodeSetting(preset({ learningSteps: '1x' }))).toMatch(/^s\.learningSteps: /);
    expect(decodeSetting(preset({ colour: 'red' }))).toMatch(/colour/);
    expect(decodeSetting(line({ ...base, kind: 'preset', object: 'default', change: { del: 1 } }))).toBe(
      'del: the default preset cannot be deleted',
    );
    expect(decodeSetting(line({ ...base, kind: 'deck', object: 'Docker', change: { del: 1 } }))).toMatch(
      /^del: /,
    );
    expect(
      decodeSetting(line({ ...base, kind: 'exam', object: 'not-a-uuid', change: { s: { name: 'x' } } })),
    ).toBe('o: not an exam uuid');
    expect(
      decodeSetting(
        line({
          ...base,
          kind: 'exam',
          object: '0b9c4a7e-5d1e-4f6a-9a2b-3c4d5e6f7a8b',
          change: { s: { target: 1 } },
        }),
      ),
    ).toMatch(/^s\.target: /);
    expect(
      decodeSetting(raw({ id: base.id, d: 'd1', at, n: 1, t: 'deck', o: 'X', s: { preset: 'p' }, b: 1 })),
    ).toBe('b: only 1, on a preset or the settings');
    const collection = (s: Record<string, unknown>) =>
      line({ ...base, kind: 'settings', object: 'collection', change: { s } });
    expect(decodeSetting(collection({ dayStartHour: 24 }))).toBe('s.dayStartHour: must be at most 23');
    expect(decodeSetting(collection({ learnAheadMinutes: -1 }))).toMatch(/^s\.learnAheadMinutes: /);
    // The device's own settings never travel: a line carrying one is refused, naming it.
    expect(decodeSetting(collection({ theme: 'dark' }))).toMatch(/theme/);
    expect(
      decodeSetting(line({ ...base, kind: 'settings', object: 'deck', change: { s: { dayStartHour: 5 } } })),
    ).toBe("o: settings are the collection's");
    expect(decodeSetting(line({ ...base, kind: 'settings', object: 'collection', change: { del: 1 } }))).toBe(
      'del: the settings cannot be deleted',
    );
    expect(
      decodeSetting(raw({ id: base.id, d: 'd1', at, n: 1, t: 'preset', o: 'default', fv: 2, s: {} })),
    ).toMatch(/^fv: written in sync format 2/);
  });

  it('leaves card events and unreadable lines to the card decoder', () => {
    const card = encodeEvent({ ...base, card: 'x1/0', type: 'answer', rating: 3, ms: 10 }).trimEnd();
    expect(decodeSetting(card)).toBeNull();
    expect(
      decodeSetting(
        line({ ...base, kind: 'deck', object: 'D', change: { s: { preset: 'p' } } }).replace('"D"', '"E"'),
      ),
    ).toBeNull();
  });
});
