/**
 * End-to-end harness: the real `mnemo serve` (a child process on a fresh data dir) and
 * Debian's Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BIN = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));

export interface Served {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** POST /api/<method> with the bearer token, as a script would. */
  api<T = unknown>(method: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startServer(
  dataDir = mkdtempSync(join(tmpdir(), 'mnemo-e2e-')),
  extraArgs: string[] = [],
): Promise<Served> {
  const tokenFile = join(dataDir, '.token');
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--data', dataDir, '--port', '0', '--no-open', '--token-file', tokenFile, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mnemo serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Mnemo is running at (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.on('exit', (code) => reject(new Error(`mnemo serve exited (${code}):\n${output}`)));
  });
  const token = readFileSync(tokenFile, 'utf8');
  const origin = new URL(url).origin;
  return {
    url,
    origin,
    token,
    dataDir,
    child,
    async api<T>(method: string, args: unknown = {}) {
      const res = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      const body = await res.json();
      if (!res.ok) throw Object.assign(new Error(body.error?.message), { status: res.status, body });
      return body as T;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const chromiumAvailable = existsSync(CHROMIUM);

/** Runs the real `mnemo` command (e.g. `decks add DIR --data D`), as the user would beside the app. */
export function mnemoCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
}

export async function launchBrowser(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'mnemo-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1200, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page: Page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
