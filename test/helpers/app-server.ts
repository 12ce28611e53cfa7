/**
 * The browser-mode HTTP server run in the test's own process (server/http-server.ts on a
 * real socket, over a real collection), so the tests reach it over HTTP and mutation testing
 * sees what they cover. The end-to-end tests run `mnemo serve` as a child process instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createAppServer } from '../../server/http-server.ts';
import { tempDir, tempMnemo } from './collection.ts';

export const TOKEN = 'test-token-0123456789abcdef';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** Starts the server on 127.0.0.1 (or `host`) and a free port, with a renderer folder and a media folder. */
export async function appServer(host = '127.0.0.1') {
  const mnemo = tempMnemo();
  const staticDir = tempDir();
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(staticDir, 'favicon.weird'), 'x');
  const mediaDir = tempDir();
  const options = {
    api: mnemo.api,
    token: TOKEN,
    staticDir,
    mediaDir,
    dataDir: mnemo.dataDir,
    host,
    port: 0,
  };
  const server = createAppServer(options);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as { port: number }).port;
  servers.push({
    close() {
      server.closeAllConnections();
      server.close();
      mnemo.close();
    },
  });
  const hostName = host.includes(':') ? `[${host}]` : host;

  /** A raw HTTP request (any Host, any path, no folding of dot segments); by default with the bearer token. */
  function request(r: RawRequest = {}, auth = true): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host,
          port,
          method: r.method ?? 'GET',
          path: r.path ?? '/',
          headers: {
            host: `${hostName}:${port}`,
            ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}),
            ...r.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  }

  /** POST /api/<method> with JSON arguments. */
  const api = (method: string, args: unknown = {}, headers: Record<string, string> = {}) =>
    request({
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(args),
    });

  return { mnemo, port, staticDir, mediaDir, request, api, origin: `http://${hostName}:${port}` };
}
