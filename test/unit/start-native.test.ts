import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareElectronSqlite, type Rebuild } from '../../scripts/start/native.ts';
import { tempDir } from '../helpers/collection.ts';

/** An installed better-sqlite3 with its Node build, as npm leaves it. */
function installedPackage(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  writeFileSync(join(dir, 'src', 'better_sqlite3.cpp'), '// sources');
  writeFileSync(join(dir, 'build', 'Release', 'better_sqlite3.node'), 'built for Node');
  return dir;
}

/** A stand-in for @electron/rebuild: "compiles" into the module it finds under buildPath. */
function fakeRebuild(
  calls: Parameters<Rebuild>[0][],
  seen: { hadNodeBuild?: boolean; nodedir?: string; sources?: string } = {},
  abi = '150',
): Rebuild {
  return async (options) => {
    calls.push(options);
    const module = join(options.buildPath, 'node_modules', 'better-sqlite3');
    seen.hadNodeBuild = existsSync(join(module, 'build'));
    seen.sources = readFileSync(join(module, 'src', 'better_sqlite3.cpp'), 'utf8');
    seen.nodedir = process.env.npm_config_nodedir;
    mkdirSync(join(module, 'build', 'Release'), { recursive: true });
    writeFileSync(
      join(module, 'build', 'config.gypi'),
      `{ "variables": { "node_module_version": ${abi}, } }`,
    );
    writeFileSync(
      join(module, 'build', 'Release', 'better_sqlite3.node'),
      `built for Electron ${options.electronVersion}`,
    );
  };
}

describe('better-sqlite3 for Electron', () => {
  it('is rebuilt with @electron/rebuild in its own folder; the Node build is left alone', async () => {
    const sourceDir = installedPackage();
    const outDir = join(tempDir(), '.electron-native');
    const calls: Parameters<Rebuild>[0][] = [];
    const seen: { hadNodeBuild?: boolean; sources?: string } = {};
    const said: string[] = [];
    const result = await prepareElectronSqlite({
      outDir,
      sourceDir,
      electronVersion: '45.5.0',
      abi: '150',
      rebuild: fakeRebuild(calls, seen),
      say: (l) => said.push(l),
    });
    expect(result).toEqual({ ok: true });
    const app = join(outDir, 'app');
    expect(calls).toEqual([
      {
        buildPath: app,
        projectRootPath: app,
        electronVersion: '45.5.0',
        onlyModules: ['better-sqlite3'],
        force: true,
      },
    ]);
    expect(seen.hadNodeBuild, 'the copy handed to the rebuild carries no Node build').toBe(false);
    expect(seen.sources, 'the copy handed to the rebuild has the sources').toBe('// sources');
    expect(existsSync(app), 'the build folder is removed once the module is in place').toBe(false);
    expect(readFileSync(join(outDir, 'better_sqlite3.node'), 'utf8')).toBe('built for Electron 45.5.0');
    expect(readFileSync(join(sourceDir, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe(
      'built for Node',
    );
    expect(said).toEqual([
      'Mnemo: building better-sqlite3 12.11.1 for Electron 45.5.0 into .electron-native/ (once)…',
    ]);
  });

  it('only when needed: again for another Electron, not for the same one', async () => {
    const sourceDir = installedPackage();
    const outDir = join(tempDir(), '.electron-native');
    const calls: Parameters<Rebuild>[0][] = [];
    const prepare = (electronVersion: string) =>
      prepareElectronSqlite({ outDir, sourceDir, electronVersion, abi: '150', rebuild: fakeRebuild(calls) });
    await prepare('45.5.0');
    await prepare('45.5.0');
    expect(calls).toHaveLength(1);
    await prepare('46.0.0');
    expect(calls.map((c) => c.electronVersion)).toEqual(['45.5.0', '46.0.0']);
    expect(readFileSync(join(outDir, 'better_sqlite3.node'), 'utf8')).toBe('built for Electron 46.0.0');
  });

  it('a binary left by an older start without a record of what it was built for is rebuilt', async () => {
    const sourceDir = installedPackage();
    const outDir = join(tempDir(), '.electron-native');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'better_sqlite3.node'), 'unknown');
    const calls: Parameters<Rebuild>[0][] = [];
    await prepareElectronSqlite({
      outDir,
      sourceDir,
      electronVersion: '45.5.0',
      abi: '150',
      rebuild: fakeRebuild(calls),
    });
    expect(calls).toHaveLength(1);
  });

  it("fails with node-gyp's cause in one line and the whole output in a log; nothing half-built is kept", async () => {
    const sourceDir = installedPackage();
    const outDir = join(tempDir(), '.electron-native');
    const consoleError = console.error;
    // What @electron/rebuild 4.2.1 printed here, headers unreachable, before it threw.
    const failing: Rebuild = async () => {
      console.error(
        '\nError: This is most likely not a problem with node-gyp or the package itself and\n' +
          'is related to network connectivity. In most cases you are behind a proxy or have bad \n' +
          'network settings.\n    at go (node_modules/node-gyp/lib/install.js:244:21)\n',
      );
      throw new Error("node-gyp failed to rebuild '/x/.electron-native/app/node_modules/better-sqlite3'");
    };
    const result = await prepareElectronSqlite({
      outDir,
      sourceDir,
      electronVersion: '45.5.0',
      abi: '150',
      rebuild: failing,
    });
    expect(result).toEqual({
      ok: false,
      reason:
        'Error: This is most likely not a problem with node-gyp or the package itself and is related to network ' +
        'connectivity. In most cases you are behind a proxy or have bad network settings; ' +
        'the whole log is in .electron-native/rebuild.log',
    });
    expect(console.error).toBe(consoleError);
    expect(readFileSync(join(outDir, 'rebuild.log'), 'utf8')).toMatch(
      /install\.js:244[\s\S]*node-gyp failed to rebuild/,
    );
    expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false);
  });

  it("compiles against Electron's headers, not the Node ones npm's nodedir points at, and checks the ABI built", async () => {
    const sourceDir = installedPackage();
    const outDir = join(tempDir(), '.electron-native');
    const seen: { nodedir?: string } = {};
    const before = process.env.npm_config_nodedir;
    process.env.npm_config_nodedir = '/usr';
    try {
      const prepare = (abi: string) =>
        prepareElectronSqlite({
          outDir,
          sourceDir,
          electronVersion: '45.5.0',
          abi: '150',
          rebuild: fakeRebuild([], seen, abi),
        });
      expect(await prepare('150')).toEqual({ ok: true });
      expect(seen.nodedir).toBeUndefined();
      expect(process.env.npm_config_nodedir).toBe('/usr');
      rmSync(outDir, { recursive: true });
      // What node-gyp made here with nodedir=/usr: a module for Node 20 (ABI 115).
      expect(await prepare('115')).toEqual({
        ok: false,
        reason: 'the rebuild made a module for ABI 115, Electron 45.5.0 loads ABI 150',
      });
      expect(existsSync(join(outDir, 'better_sqlite3.node'))).toBe(false);
    } finally {
      if (before === undefined) delete process.env.npm_config_nodedir;
      else process.env.npm_config_nodedir = before;
    }
  });
});
