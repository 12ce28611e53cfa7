import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/start/electron-binary.ts';
import { runElectronInstaller } from '../../scripts/start/installer.ts';
import { errorSummary, nodeTooOldForInstaller } from '../../scripts/start/reason.ts';
import { tempDir } from '../helpers/collection.ts';

/** A stand-in for node_modules/electron/install.js. */
function installer(source: string): string {
  const file = join(tempDir(), 'install.js');
  writeFileSync(file, source);
  return file;
}

describe("Electron's installer, run by npm start", () => {
  it('succeeds when it exits 0, and the binary it wrote is then found', async () => {
    const dir = tempDir();
    const script = installer(`
      const fs = require('fs'), path = require('path');
      fs.mkdirSync(path.join(${JSON.stringify(dir)}, 'dist'));
      fs.writeFileSync(path.join(${JSON.stringify(dir)}, 'dist', 'electron'), '');
      fs.writeFileSync(path.join(${JSON.stringify(dir)}, 'path.txt'), 'electron');
    `);
    expect(electronBinary(dir)).toBeNull();
    expect(await runElectronInstaller({ script, timeoutMs: 20_000, nodeVersion: '22.12.0' })).toEqual({
      ok: true,
    });
    expect(electronBinary(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it('fails with the error it printed (as install.js does here: GitHub unreachable), one line', async () => {
    const script = installer(`
      console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:14976:13\\n    at async downloadArtifact (x.js:1:1)');
      process.exit(1);
    `);
    expect(await runElectronInstaller({ script, timeoutMs: 20_000, nodeVersion: '22.12.0' })).toEqual({
      ok: false,
      reason: 'TypeError: fetch failed',
    });
  });

  it('adds that it wants Node >= 22.12 when run by an older Node', async () => {
    const script = installer(`process.exit(3);`);
    expect(await runElectronInstaller({ script, timeoutMs: 20_000, nodeVersion: '20.20.2' })).toEqual({
      ok: false,
      reason:
        "the installer exited with code 3; Electron's installer wants Node >= 22.12, this is Node 20.20.2",
    });
  });

  it('is stopped at its time limit', async () => {
    const script = installer(`setInterval(() => {}, 1000);`);
    const started = Date.now();
    expect(await runElectronInstaller({ script, timeoutMs: 500, nodeVersion: '24.0.0' })).toEqual({
      ok: false,
      reason: 'the installer timed out after 1 s',
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a path.txt naming a binary that is not there is no binary', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(electronBinary(dir)).toBeNull();
  });
});

describe('reasons in one line', () => {
  it('takes the first error message, joined over its lines, without the stack', () => {
    expect(errorSummary('Downloading…\nTypeError: fetch failed\n    at x (y.js:1:1)\n')).toBe(
      'TypeError: fetch failed',
    );
    expect(errorSummary('gyp info\nError: one\ntwo\n    at a\n')).toBe('Error: one two');
    expect(errorSummary('RequestError [ERR_X]: refused\n')).toBe('RequestError [ERR_X]: refused');
  });

  it('else the last line printed; nothing printed is no summary', () => {
    expect(errorSummary('first\nlast words\n    at x\n\n')).toBe('last words');
    expect(errorSummary('\n  \n')).toBeNull();
    expect(errorSummary(`Error: ${'x'.repeat(500)}`)).toHaveLength(240);
  });

  it("knows which Node electron 45's installer wants", () => {
    expect(['20.20.2', '22.11.0', 'v18.0.0'].map(nodeTooOldForInstaller)).toEqual([true, true, true]);
    expect(['22.12.0', '22.13.1', '24.0.0', 'v23.0.0'].map(nodeTooOldForInstaller)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
