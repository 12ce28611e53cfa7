#!/usr/bin/env node
/**
 * `npm start`: opens the Electron window where the Electron binary exists; where it does not
 * (it cannot be downloaded on every machine), says so in one line and starts the browser mode.
 * Extra arguments go to `mnemo serve` (e.g. `npm start -- --port 5780 --no-open`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = (cmd, args, opts = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status === 0;
const npx = (args) => run(process.execPath, [join(root, 'node_modules', '.bin', args[0]), ...args.slice(1)]);

/** The Electron executable, if its binary was downloaded (electron installs it lazily). */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = existsSync(join(dir, 'path.txt')) ? readFileSync(join(dir, 'path.txt'), 'utf8').trim() : null;
    const bin = rel && join(dir, 'dist', rel);
    return bin && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** better-sqlite3 rebuilt for Electron's ABI into .electron-native/, leaving the Node build alone. */
function electronSqlite() {
  const target = join(root, '.electron-native', 'better_sqlite3.node');
  if (existsSync(target)) return true;
  const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = join(root, '.electron-native', 'build');
  mkdirSync(work, { recursive: true });
  run('cp', ['-r', `${source}/.`, work]);
  // npm tells its scripts where its bundled node-gyp is; otherwise fetch it with npx.
  const gyp = process.env.npm_config_node_gyp;
  const args = ['rebuild', '--release', `--target=${version}`, '--dist-url=https://electronjs.org/headers'];
  const ok = gyp
    ? run(process.execPath, [gyp, ...args], { cwd: work })
    : run('npx', ['--yes', 'node-gyp', ...args], { cwd: work });
  if (ok) copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  return ok;
}

const electron = electronBinary();
if (electron && electronSqlite() && npx(['electron-vite', 'build'])) {
  process.exit(spawnSync(electron, [root], { stdio: 'inherit' }).status ?? 0);
}
console.log(
  electron
    ? 'Mnemo: could not prepare the Electron build (see above); starting Mnemo in your browser instead.'
    : 'Mnemo: Electron is not available on this machine (its binary could not be downloaded); starting Mnemo in your browser instead.',
);
if (!npx(['vite', 'build', '--logLevel', 'warn'])) process.exit(1);
process.exit(
  run(process.execPath, [join(root, 'bin', 'mnemo.mjs'), 'serve', ...process.argv.slice(2)]) ? 0 : 1,
);
