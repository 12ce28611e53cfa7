/**
 * The FSRS optimizer: fsrs-rs compiled for Node by @open-spaced-repetition/binding. Only its
 * Linux x64 (glibc) package can be locked for every platform (see stack-recipe §6), so it is
 * an optional dependency, loaded with createRequire (ESM cannot import a .node file). Where
 * it is missing, Optimize says so and everything else works.
 */
import { createRequire } from 'node:module';
import type * as Binding from './binding-types.d.ts';

export type FsrsBinding = typeof Binding;

export const BINDING_PACKAGE = '@open-spaced-repetition/binding-linux-x64-gnu';

export type BindingLoad = { ok: true; binding: FsrsBinding; path: string } | { ok: false; reason: string };

let loaded: BindingLoad | null = null;

/**
 * The binding, or why it cannot be used here (another platform, a broken install).
 * MNEMO_FSRS_BINDING names another build of it (a path or package), as MNEMO_SQLITE_BINDING
 * does for SQLite: for a platform this package does not cover.
 */
export function loadBinding(): BindingLoad {
  if (loaded) return loaded;
  const name = process.env.MNEMO_FSRS_BINDING || BINDING_PACKAGE;
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve(name);
    loaded = { ok: true, binding: require(path) as FsrsBinding, path };
  } catch (e) {
    loaded = {
      ok: false,
      reason: `${name} cannot be loaded on ${process.platform}-${process.arch} (${(e as Error).message.split('\n')[0]})`,
    };
  }
  return loaded;
}
