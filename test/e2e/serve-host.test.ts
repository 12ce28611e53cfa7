import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, startServer } from './harness.ts';

/** A non-loopback IPv4 address of this machine, if it has one. Traffic goes only there. */
const lanAddress = Object.values(networkInterfaces())
  .flatMap((l) => l ?? [])
  .find((a) => a.family === 'IPv4' && !a.internal)?.address;

let s: Served;
beforeAll(async () => {
  if (lanAddress) s = await startServer(undefined, ['--host', '0.0.0.0']);
});
afterAll(async () => {
  await s?.stop();
});

/** POST /api/decks.list to this machine's LAN address, with the given Host/Origin/token. */
function call(headers: Record<string, string>): Promise<number> {
  const port = new URL(s.origin).port;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: lanAddress,
        port,
        path: '/api/decks.list',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode!);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe('mnemo serve --host 0.0.0.0', () => {
  it("answers a request naming one of this machine's addresses, with the token; refuses other names", async (ctx) => {
    ctx.skip(!lanAddress, 'this machine has no non-loopback IPv4 address');
    const port = new URL(s.origin).port;
    const auth = { authorization: `Bearer ${s.token}` };
    const lan = `${lanAddress}:${port}`;
    expect(await call({ ...auth, host: lan })).toBe(200);
    expect(await call({ ...auth, host: lan, origin: `http://${lan}` })).toBe(200);
    // The token is still required.
    expect(await call({ host: lan })).toBe(401);
    // DNS rebinding: a foreign name, even resolving here, and a foreign Origin.
    expect(await call({ ...auth, host: `evil.example:${port}` })).toBe(403);
    expect(await call({ ...auth, host: lan, origin: 'http://evil.example' })).toBe(403);
    expect(await call({ ...auth, host: `${lanAddress}:1` })).toBe(403);
    // Loopback still works (the printed URL is on 127.0.0.1).
    expect(new URL(s.url).hostname).toBe('127.0.0.1');
    expect((await s.api<{ decks: unknown[] }>('decks.list')).decks.length).toBeGreaterThan(0);
  });
});
