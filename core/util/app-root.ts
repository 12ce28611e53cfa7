/**
 * The app's own folder (the repository checkout or the installed package), where the bundled
 * decks and the built renderer live. This file sits two folders below it (core/util/), and
 * so do the places its code is bundled into: the runtime build (dist/runtime/, see
 * scripts/build-runtime.mjs) and Electron's main process (out/main/). One path, `../..`,
 * therefore holds for the TypeScript sources and for both bundles.
 */
import { fileURLToPath } from 'node:url';

export const appRoot = (): string => fileURLToPath(new URL('../..', import.meta.url));
