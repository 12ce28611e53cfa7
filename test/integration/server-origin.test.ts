import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { allowedHosts, externalAddresses } from '../../server/hosts.ts';
import { appServer } from '../helpers/app-server.ts';

describe('the Origin check (browser mode)', () => {
  it('accepts only this server’s own origins, exactly: no prefix, suffix or other scheme', async () => {
    const s = await appServer();
    const p = s.port;
    const deckCount = () => s.mnemo.api.decks.list().decks.length;
    for (const origin of [`http://127.0.0.1:${p}`, `http://localhost:${p}`, `http://[::1]:${p}`]) {
      const res = await s.api('decks.list', {}, { origin });
      expect(res.status, origin).toBe(200);
    }
    expect((await s.api('decks.list')).status).toBe(200); // no Origin (a script, not a page)

    for (const origin of [
      `https://127.0.0.1:${p}`,
      `http://127.0.0.1:${p}0`,
      `http://127.0.0.1:1${p}`,
      `http://evil.localhost:${p}`,
      `http://localhost.evil.example:${p}`,
      `http://127.0.0.1:${p}.evil.example`,
      `http://127.0.0.1`,
      `http://127.0.0.1:${p === 9 ? 10 : 9}`,
      `ws://127.0.0.1:${p}`,
      `http://user@127.0.0.1:${p}`,
      'null',
      'http://evil.example',
    ]) {
      // A write: refused before it is read, nothing changes.
      const res = await s.api('decks.create', { name: 'Injected' }, { origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body), origin).toEqual({
        error: { type: 'Forbidden', message: 'foreign Origin' },
      });
    }
    expect(deckCount()).toBe(0);
    // The same call from our own page goes through.
    expect((await s.api('decks.create', { name: 'Mine' }, { origin: s.origin })).status).toBe(200);
    expect(deckCount()).toBe(1);
  });

  it('checks the Host header exactly too (DNS rebinding), whatever its case', async () => {
    const s = await appServer();
    const p = s.port;
    for (const host of [`127.0.0.1:${p}`, `LOCALHOST:${p}`, `[::1]:${p}`]) {
      expect((await s.request({ path: '/index.html', headers: { host } })).status, host).toBe(200);
    }
    for (const host of [
      `127.0.0.1:${p}0`,
      `evil.localhost:${p}`,
      `127.0.0.1`,
      `evil.example:${p}`,
      `127.0.0.1.evil.example:${p}`,
    ]) {
      const res = await s.request({ path: '/index.html', headers: { host } });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body).error).toEqual({ type: 'Forbidden', message: 'foreign Host header' });
    }
  });
});

describe('the names a server answers to', () => {
  const addresses = Object.values(networkInterfaces()).flatMap((l) => l ?? []);
  const bracket = (a: string) => (a.includes(':') ? `[${a.split('%')[0]}]` : a);

  it('on loopback: the loopback names and the bound address, with the port', () => {
    expect([...allowedHosts('127.0.0.1', 8080)].sort()).toEqual(
      ['127.0.0.1:8080', 'localhost:8080', '[::1]:8080'].sort(),
    );
    expect(allowedHosts('192.168.7.9', 81)).toEqual(
      new Set(['127.0.0.1:81', 'localhost:81', '[::1]:81', '192.168.7.9:81']),
    );
    expect(allowedHosts('FE80::1%eth0', 81).has('[fe80::1]:81')).toBe(true);
    expect(allowedHosts('[::1]', 81)).toEqual(new Set(['127.0.0.1:81', 'localhost:81', '[::1]:81']));
  });

  it("on every interface: each of this machine's addresses too (IPv6 bracketed, without a zone)", () => {
    for (const every of ['0.0.0.0', '::']) {
      const hosts = allowedHosts(every, 5000);
      for (const a of addresses) expect(hosts.has(`${bracket(a.address.toLowerCase())}:5000`)).toBe(true);
      expect(hosts.has('127.0.0.1:5000')).toBe(true);
      expect(hosts.has('evil.example:5000')).toBe(false);
    }
    // Bound to one address, the others are not names of this server.
    const other = addresses.find((a) => !a.internal);
    if (other) expect(allowedHosts('127.0.0.1', 5000).has(`${bracket(other.address)}:5000`)).toBe(false);
  });

  it('tells which addresses other machines can reach: no loopback or link-local; 0.0.0.0 only IPv4', () => {
    const external = addresses.filter((a) => !a.internal && !a.address.startsWith('fe80:'));
    expect(externalAddresses('0.0.0.0')).toEqual(
      external.filter((a) => a.family === 'IPv4').map((a) => a.address),
    );
    expect(externalAddresses('::')).toEqual(external.map((a) => bracket(a.address)));
    for (const a of externalAddresses('::')) expect(a).not.toMatch(/^(127\.|\[::1\]|\[fe80:)/);
  });
});
