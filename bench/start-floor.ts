/**
 * The floor of (g), `mnemo serve` → first card visible: the least the same machine does for
 * the same steps, measured in turns with the app so load weighs on both alike. A Node process
 * opens the collection with better-sqlite3 and listens; Chromium (already running) opens its
 * page, whose one script draws a "Study all" button; the click fetches one card row and shows
 * it. No framework, no token, no queue.
 */
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { collectionPath } from '../core/store/paths.ts';

const HTML =
  '<!doctype html><meta charset="utf-8"><title>floor</title><script type="module" src="/app.js"></script><div id="root"></div>';
const SCRIPT = `const root = document.getElementById('root');
const button = document.createElement('button');
button.textContent = 'Study all';
button.onclick = async () => {
  const card = await (await fetch('/api/next', { method: 'POST' })).json();
  const front = document.createElement('div');
  front.dataset.testid = 'card-front';
  front.textContent = 'card ' + card.id;
  root.append(front);
};
root.append(button);`;

function serverSource(dbPath: string): string {
  return `const http = require('node:http');
const Database = require('better-sqlite3');
const db = new Database(${JSON.stringify(dbPath)}, { readonly: true });
const next = db.prepare('SELECT id FROM cards LIMIT 1');
const server = http.createServer((req, res) => {
  if (req.url === '/api/next') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(JSON.stringify(next.get())); }
  if (req.url === '/app.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(${JSON.stringify(SCRIPT)}); }
  res.writeHead(200, { 'content-type': 'text/html' }); res.end(${JSON.stringify(HTML)});
});
server.listen(0, '127.0.0.1', () => console.log('running at http://127.0.0.1:' + server.address().port + '/'));
process.on('SIGTERM', () => { server.close(); server.closeAllConnections(); db.close(); });`;
}

/** One start of the floor, to its card visible in `page` (ms); `mark` hears each step (startup-trace.ts). */
export async function floorStart(
  page: Page,
  dataDir: string,
  cwd: string,
  mark: (step: string) => void = () => {},
): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', serverSource(collectionPath(dataDir))], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /running at (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`the floor server exited: ${out}`)));
    });
    mark('URL printed');
    await page.goto(url);
    mark('goto resolved');
    await page.getByRole('button', { name: 'Study all' }).click();
    mark('click resolved');
    await page.getByTestId('card-front').waitFor();
    mark('card seen');
    return performance.now() - t0;
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
