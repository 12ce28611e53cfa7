import { describe, expect, it } from 'vitest';
import { callMethod, MnemoError } from '../../core/index.ts';
import { checksum, tempMnemo } from '../helpers/collection.ts';

function errorOf(fn: () => unknown): MnemoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MnemoError);
    return e as MnemoError;
  }
  throw new Error('expected an error');
}

describe('presets in the API: create, rename, delete, assign', () => {
  it('creates a preset with defaults, renames it, and refuses a name another preset has', () => {
    const m = tempMnemo();
    const p = m.api.presets.create({ name: '  Exam cram ' });
    expect(p).toMatchObject({
      name: 'Exam cram',
      desiredRetention: 0.9,
      maximumInterval: 36500,
      enableFuzz: true,
    });
    expect(m.api.presets.rename({ presetId: p.id, name: 'Cram' }).name).toBe('Cram');
    const before = checksum(m.col.db);
    const taken = errorOf(() => callMethod(m.api, 'presets.rename', { presetId: p.id, name: 'Default' }));
    expect(taken.type).toBe('Conflict');
    expect(errorOf(() => callMethod(m.api, 'presets.create', { name: 'Cram' })).type).toBe('Conflict');
    const blank = errorOf(() => callMethod(m.api, 'presets.rename', { presetId: p.id, name: '   ' }));
    expect(blank.type).toBe('InvalidArgument');
    expect(blank.message).toMatch(/^name: /);
    expect(errorOf(() => callMethod(m.api, 'presets.rename', { presetId: 99, name: 'X' })).type).toBe(
      'NotFound',
    );
    expect(checksum(m.col.db)).toBe(before);
    m.close();
  });

  it('deletes an unused preset; refuses the default one and one a deck uses, changing nothing', () => {
    const m = tempMnemo();
    const used = m.api.presets.create({ name: 'Used' });
    const unused = m.api.presets.create({ name: 'Unused' });
    m.api.decks.create({ name: 'Docker::网络', presetId: used.id });
    const before = checksum(m.col.db);
    const inUse = errorOf(() => callMethod(m.api, 'presets.delete', { presetId: used.id }));
    expect(inUse.type).toBe('Conflict');
    expect(inUse.message).toContain('Docker');
    expect(inUse.message).toContain('Docker::网络');
    const byDefault = errorOf(() => callMethod(m.api, 'presets.delete', { presetId: 1 }));
    expect(byDefault.type).toBe('Conflict');
    expect(byDefault.message).toMatch(/default preset/);
    expect(checksum(m.col.db)).toBe(before);
    expect(m.api.presets.delete({ presetId: unused.id })).toEqual({ deleted: unused.id });
    expect(m.api.presets.list().map((p) => p.name)).toEqual(['Default', 'Used']);
    expect(errorOf(() => callMethod(m.api, 'presets.get', { presetId: unused.id })).type).toBe('NotFound');
    m.close();
  });

  it('assigns a preset to a deck alone, or to the deck and its subdecks in one call', () => {
    const m = tempMnemo();
    const top = m.api.decks.create({ name: 'A' });
    m.api.decks.create({ name: 'A::B::C' });
    m.api.decks.create({ name: 'AB' }); // a name with the same prefix is not a subdeck
    const p = m.api.presets.create({ name: 'P' });
    const presetOf = () =>
      Object.fromEntries(m.api.decks.list().decks.map((d) => [d.name, d.presetId])) as Record<string, number>;
    expect(m.api.decks.setPreset({ deckId: top.id, presetId: p.id }).deckIds).toEqual([top.id]);
    expect(presetOf()).toEqual({ A: p.id, 'A::B': 1, 'A::B::C': 1, AB: 1 });
    const all = m.api.decks.setPreset({ deckId: top.id, presetId: p.id, subdecks: true });
    expect(all.deckIds).toHaveLength(3);
    expect(presetOf()).toEqual({ A: p.id, 'A::B': p.id, 'A::B::C': p.id, AB: 1 });
    expect(errorOf(() => callMethod(m.api, 'decks.setPreset', { deckId: top.id, presetId: 42 })).type).toBe(
      'NotFound',
    );
    // Now in use by three decks: it cannot be deleted until they have another preset.
    expect(errorOf(() => callMethod(m.api, 'presets.delete', { presetId: p.id })).type).toBe('Conflict');
    m.api.decks.setPreset({ deckId: top.id, presetId: 1, subdecks: true });
    expect(m.api.presets.delete({ presetId: p.id }).deleted).toBe(p.id);
    m.close();
  });

  it('stores a maximum interval and fuzz, within the shared bounds', () => {
    const m = tempMnemo();
    const p = m.api.presets.update({ presetId: 1, maximumInterval: 365, enableFuzz: false });
    expect(p).toMatchObject({ maximumInterval: 365, enableFuzz: false });
    const tooBig = errorOf(() =>
      callMethod(m.api, 'presets.update', { presetId: 1, maximumInterval: 36501 }),
    );
    expect(tooBig.message).toMatch(/^maximumInterval: /);
    m.close();
  });
});
