/**
 * better-sqlite3 for Electron's ABI, rebuilt with @electron/rebuild (as Electron Forge does)
 * inside a folder of its own: the Node build in node_modules, which the CLI and the tests
 * load, is never touched. electron/main.ts loads `<outDir>/better_sqlite3.node`.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { format } from 'node:util';
import type { Outcome } from './launch.ts';
import { errorSummary } from './reason.ts';

/** The part of @electron/rebuild's `rebuild()` used here (injected: stubbed in tests). */
export type Rebuild = (options: {
  buildPath: string;
  projectRootPath: string;
  electronVersion: string;
  onlyModules: string[];
  force: boolean;
}) => Promise<void>;

export interface NativeOptions {
  /** Where the Electron build goes (`.electron-native/`). */
  outDir: string;
  /** The installed better-sqlite3 package (read only). */
  sourceDir: string;
  electronVersion: string;
  /** Electron's NODE_MODULE_VERSION (node_modules/electron/abi_version): the build must have it. */
  abi: string;
  rebuild: Rebuild;
  /** Told when a rebuild starts: it compiles SQLite, a couple of minutes. */
  say?: (line: string) => void;
}

const readJson = (file: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

/** node-gyp records the NODE_MODULE_VERSION it compiled against in build/config.gypi. */
function builtAbi(configGypi: string): string | null {
  try {
    return /"node_module_version":\s*(\d+)/.exec(readFileSync(configGypi, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Rebuilds unless the binary there was built for this Electron and this better-sqlite3. */
export async function prepareElectronSqlite(options: NativeOptions): Promise<Outcome> {
  const { outDir, sourceDir, electronVersion, abi, rebuild, say = () => {} } = options;
  const target = join(outDir, 'better_sqlite3.node');
  const stampFile = join(outDir, 'built-for.json');
  const { version } = readJson(join(sourceDir, 'package.json')) as { version: string };
  const stamp = JSON.stringify({ electron: electronVersion, 'better-sqlite3': version });
  if (existsSync(target) && JSON.stringify(readJson(stampFile)) === stamp) return { ok: true };

  say(
    `Mnemo: building better-sqlite3 ${version} for Electron ${electronVersion} into ${basename(outDir)}/ (once)…`,
  );
  // A one-package project: @electron/rebuild finds and rebuilds better-sqlite3 here only.
  const app = join(outDir, 'app');
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, 'node_modules'), { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'mnemo-electron-native',
      private: true,
      dependencies: { 'better-sqlite3': version },
    }),
  );
  const copy = join(app, 'node_modules', 'better-sqlite3');
  // The sources without the Node build, so nothing built for Node can be mistaken for Electron's.
  cpSync(sourceDir, copy, { recursive: true, filter: (src) => src !== join(sourceDir, 'build') });

  // node-gyp's failure comes as pages on console.error: kept in a log, its cause in the reason.
  const printed: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => printed.push(format(...args));
  // npm hands its scripts `nodedir` from .npmrc (here /usr, to build better-sqlite3 offline):
  // node-gyp would then compile against Node's own headers, whatever Electron version it is told.
  const nodedir = process.env.npm_config_nodedir;
  delete process.env.npm_config_nodedir;
  try {
    await rebuild({
      buildPath: app,
      // Stops the search for modules at `app`: the project's own node_modules stay out of reach.
      projectRootPath: app,
      electronVersion,
      onlyModules: ['better-sqlite3'],
      force: true,
    });
  } catch (e) {
    const log = join(outDir, 'rebuild.log');
    writeFileSync(log, `${printed.join('\n')}\n${(e as Error).stack ?? String(e)}\n`);
    const cause = (errorSummary(printed.join('\n')) ?? (e as Error).message).replace(/\.$/, '');
    return { ok: false, reason: `${cause}; the whole log is in ${basename(outDir)}/rebuild.log` };
  } finally {
    console.error = consoleError;
    if (nodedir !== undefined) process.env.npm_config_nodedir = nodedir;
  }
  const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) return { ok: false, reason: `the rebuild left no ${built}` };
  // Electron refuses a module of another ABI only when it loads it: check before it is used.
  const madeFor = builtAbi(join(copy, 'build', 'config.gypi'));
  if (madeFor !== abi)
    return {
      ok: false,
      reason: `the rebuild made a module for ABI ${madeFor ?? 'unknown'}, Electron ${electronVersion} loads ABI ${abi}`,
    };
  // Binary first, stamp last: an interrupted copy is rebuilt next time, never trusted.
  copyFileSync(built, `${target}.tmp`);
  renameSync(`${target}.tmp`, target);
  writeFileSync(stampFile, stamp);
  // The sources and objects (tens of MB) are needed again only for another version.
  rmSync(app, { recursive: true, force: true });
  return { ok: true };
}
