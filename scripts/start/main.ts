/**
 * `npm start` (run by scripts/start.mjs): the Electron window where Electron can be had, else
 * the browser mode, with the reason in one line. Extra arguments go to `mnemo serve`
 * (e.g. `npm start -- --port 5780 --no-open`). The decisions are in launch.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.ts';
import { runElectronInstaller } from './installer.ts';
import { decideLaunch, type Outcome } from './launch.ts';
import { prepareElectronSqlite, type Rebuild } from './native.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const electronVersion = (
  JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }
).version;
// The binary is about 100 MB; five minutes is generous on a working connection.
const INSTALL_TIMEOUT_MS = 5 * 60_000;

const runBin = (name: string, args: string[]): boolean =>
  spawnSync(process.execPath, [join(root, 'node_modules', '.bin', name), ...args], {
    cwd: root,
    stdio: 'inherit',
  }).status === 0;

/** @electron/rebuild, loaded only when a rebuild is needed (it is a devDependency). */
const rebuild: Rebuild = async (options) => {
  const { rebuild: run } = await import('@electron/rebuild');
  await run(options);
};

async function prepareNative(): Promise<Outcome> {
  try {
    return await prepareElectronSqlite({
      outDir: join(root, '.electron-native'),
      sourceDir: dirname(require.resolve('better-sqlite3/package.json')),
      electronVersion,
      abi: readFileSync(join(electronDir, 'abi_version'), 'utf8').trim(),
      rebuild,
      say: (line) => console.log(line),
    });
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

const decision = await decideLaunch({
  findElectron: () => electronBinary(electronDir),
  installElectron: () =>
    runElectronInstaller({ script: join(electronDir, 'install.js'), timeoutMs: INSTALL_TIMEOUT_MS }),
  prepareNative,
  buildApp: async () =>
    runBin('electron-vite', ['build'])
      ? { ok: true }
      : { ok: false, reason: 'electron-vite build, see above' },
  say: (line) => console.log(line),
});

if (decision.mode === 'electron') {
  const child = spawn(decision.binary, [root], { stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 0));
} else {
  console.log(decision.line);
  if (!runBin('vite', ['build', '--logLevel', 'warn'])) process.exit(1);
  const serve = spawnSync(
    process.execPath,
    [join(root, 'bin', 'mnemo.cjs'), 'serve', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  process.exit(serve.status ?? 1);
}
