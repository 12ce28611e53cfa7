/**
 * Syncthing in the loop: two Syncthing instances on loopback (discovery, relays, NAT and
 * usage reports off; each knows the other's address), one shared folder each, as two
 * devices' sync folders. Skipped, saying why, where the `syncthing` binary is missing
 * (Debian: apt-get install syncthing).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../core/sync/folder.ts';
import { tempDir } from '../helpers/collection.ts';
import {
  type Device,
  deckTemplate,
  makeDevice,
  segmentFiles,
  snapshot,
  writeDeck,
} from '../helpers/sync-devices.ts';

const hasSyncthing = spawnSync('syncthing', ['--version']).status === 0;
const KEY = 'mnemo-test-api-key';
const running: ChildProcess[] = [];
const open: Device[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill('SIGKILL');
  for (const d of open.splice(0)) d.mnemo.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Instance {
  home: string;
  id: string;
  listen: number;
  gui: number;
  folder: string;
}

async function instance(root: string, name: string): Promise<Instance> {
  const home = join(root, `${name}-home`);
  const folder = join(root, `${name}-folder`);
  mkdirSync(join(folder, '.stfolder'), { recursive: true });
  spawnSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing']);
  const id = spawnSync('syncthing', ['serve', `--home=${home}`, '--device-id'])
    .stdout.toString()
    .trim();
  return { home, id, listen: await freePort(), gui: await freePort(), folder };
}

/** A config of our own: loopback only, nothing announced or relayed, the other device at its address. */
function configure(me: Instance, other: Instance): void {
  const device = (i: Instance, name: string) =>
    `<device id="${i.id}" name="${name}" compression="metadata"><address>tcp://127.0.0.1:${i.listen}</address></device>`;
  writeFileSync(
    join(me.home, 'config.xml'),
    `<configuration version="36">
  <folder id="mnemo" label="mnemo" path="${me.folder}" type="sendreceive" rescanIntervalS="1" fsWatcherEnabled="false">
    <device id="${me.id}"></device><device id="${other.id}"></device>
  </folder>
  ${device(me, 'me')}
  ${device(other, 'other')}
  <gui enabled="true" tls="false"><address>127.0.0.1:${me.gui}</address><apikey>${KEY}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:${me.listen}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <startBrowser>false</startBrowser>
    <urAccepted>-1</urAccepted>
    <crashReportingEnabled>false</crashReportingEnabled>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <reconnectionIntervalS>1</reconnectionIntervalS>
  </options>
</configuration>
`,
  );
  const child = spawn('syncthing', ['serve', `--home=${me.home}`, '--no-browser', '--no-restart'], {
    stdio: 'ignore',
    env: { ...process.env, STNOUPGRADE: '1', STGUIADDRESS: '' },
  });
  running.push(child);
}

/** Asks the instance to rescan now (its own periodic scan runs every second anyway). */
async function scan(i: Instance): Promise<void> {
  await fetch(`http://127.0.0.1:${i.gui}/rest/db/scan?folder=mnemo`, {
    method: 'POST',
    headers: { 'X-API-Key': KEY },
  }).catch(() => undefined);
}

/** Waits until both folders hold the same segment files with the same sizes. */
async function settled(a: Instance, b: Instance, timeoutMs = 60_000): Promise<void> {
  const sizes = (f: string) =>
    existsSync(join(f, ROOT))
      ? segmentFiles(f)
          .map(
            (p) =>
              `${p}:${spawnSync('stat', ['-c', '%s', join(f, ROOT, p)])
                .stdout.toString()
                .trim()}`,
          )
          .join(',')
      : '';
  const until = Date.now() + timeoutMs;
  for (;;) {
    await Promise.all([scan(a), scan(b)]);
    const [x, y] = [sizes(a.folder), sizes(b.folder)];
    if (x !== '' && x === y) return;
    if (Date.now() > until) throw new Error(`Syncthing did not converge in ${timeoutMs} ms:\n${x}\n${y}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.skipIf(!hasSyncthing)('sync through Syncthing (two instances on loopback)', () => {
  it('two devices reviewing alternately and concurrently converge', async () => {
    const root = tempDir();
    const [sa, sb] = [await instance(root, 'a'), await instance(root, 'b')];
    configure(sa, sb);
    configure(sb, sa);
    const decks = writeDeck(tempDir(), 6);
    const template = deckTemplate(decks);
    const a = makeDevice(decks, sa.folder, undefined, template);
    const b = makeDevice(decks, sb.folder, undefined, template);
    open.push(a, b);
    // Alternately, then both offline on the same cards.
    for (const [i, d] of [a, b, a].entries()) {
      d.clock.advance(3_600_000);
      d.mnemo.api.review.answer({ cardId: d.card(i), rating: 3, durationMs: 1000 });
      d.sync();
      await settled(sa, sb);
      for (const x of [a, b]) x.sync();
    }
    for (const d of [a, b]) {
      d.clock.advance(86_400_000);
      for (const n of [0, 4])
        d.mnemo.api.review.answer({ cardId: d.card(n), rating: d === a ? 4 : 1, durationMs: 1 });
      d.sync();
    }
    await settled(sa, sb);
    for (const d of [a, b]) d.sync();
    expect(snapshot(a)).toEqual(snapshot(b));
    expect(snapshot(a).log).toHaveLength(3 + 4);
  }, 180_000);
});
