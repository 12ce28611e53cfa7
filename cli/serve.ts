import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp } from '../core/app/open-app.ts';
import { warmUp } from '../core/app/warm-up.ts';
import { mediaDir } from '../core/compiler/media.ts';
import { defaultDataDir } from '../core/index.ts';
import { recordInstanceAddress } from '../core/store/instance-lock.ts';
import { appRoot } from '../core/util/app-root.ts';
import { bindsEveryInterface, externalAddresses } from '../server/hosts.ts';
import { createAppServer } from '../server/http-server.ts';
import { parse, UsageError } from './args.ts';

export const SERVE_HELP = `Usage: mnemo serve [--port N] [--host H] [--token-file F] [--no-open] [--data DIR]

Starts Mnemo in your browser: serves the app and its API on this machine only
(127.0.0.1 by default), protected by a random token made at each launch. Open the URL it
prints (it is opened for you where a browser exists).

Options:
  --port N         port to listen on (default: a free one)
  --host H         address to bind (default 127.0.0.1). Anything else is reachable from other
                   machines and prints a warning; the token is still required. Requests
                   must name this machine: loopback or H itself, and with 0.0.0.0 or ::
                   any address of this machine's network interfaces (e.g. 192.168.1.5)
  --token-file F   also write the token to F, readable only by you (for scripts and tests)
  --no-open        do not open a browser
  --data DIR       the data directory
  -h, --help       show this help`;

export const RENDERER_DIR = join(appRoot(), 'dist', 'renderer');

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no browser here: the printed URL is enough
    child.unref();
  } catch {
    // same: nothing to open with
  }
}

export async function serve(
  argv: string[],
  _data: string | undefined,
  out: (s: string) => void,
): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'token-file': { type: 'string' },
    'no-open': { type: 'boolean' },
  });
  if (values.help) {
    out(SERVE_HELP);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${values.port} is not a port`);
  const host = values.host ?? '127.0.0.1';
  if (!existsSync(`${RENDERER_DIR}/index.html`)) {
    throw new UsageError('the app is not built yet: run "npm run build:web" (or "npm start") first');
  }
  // One app per data folder (refused with who holds it); the bundled decks on the first start,
  // then an integrity check and the daily backups in the background, once the page is up.
  const app = openApp(values.data ?? defaultDataDir());
  const mnemo = app.mnemo;
  const token = randomBytes(24).toString('hex');
  if (values['token-file']) writeFileSync(values['token-file'], token, { mode: 0o600 });
  const server = createAppServer({
    api: mnemo.api,
    token,
    staticDir: RENDERER_DIR,
    mediaDir: mediaDir(mnemo.col),
    dataDir: mnemo.dataDir,
    host,
    port,
    onApiCall: app.screenActive,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = (server.address() as { port: number }).port;
  // Bound to every interface, the browser here opens it on loopback; others use an address below.
  const everywhere = bindsEveryInterface(host);
  const shown = everywhere ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${actual}/?token=${token}`;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    const at = everywhere
      ? externalAddresses(host)
          .map((a) => `http://${a}:${actual}/`)
          .join(', ')
      : `http://${shown}:${actual}/`;
    console.error(
      `mnemo: warning: listening on ${host}, reachable from other machines${at ? ` at ${at}` : ''} (the token is still required)`,
    );
  }
  out(`Mnemo is running at ${url}`);
  out(`Data: ${mnemo.dataDir}   (Ctrl+C to stop)`);
  if (!values['no-open']) openBrowser(url);
  recordInstanceAddress(mnemo.dataDir, `http://${shown}:${actual}/`);
  // While the browser opens and loads the page: its first calls then find everything ready.
  let stopping = false;
  const warm = warmUp(mnemo.api, () => stopping);
  await new Promise<void>((resolve) => {
    const stop = async () => {
      stopping = true;
      await warm;
      server.close();
      server.closeAllConnections();
      await app.stop();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
