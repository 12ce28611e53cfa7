import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the Electron shell builds without the Electron binary', () => {
  it('main is ESM with the hardened window options; the preload is CommonJS so the sandbox can stay on', () => {
    execFileSync(process.execPath, ['node_modules/.bin/electron-vite', 'build'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    const main = readFileSync(`${ROOT}out/main/index.js`, 'utf8');
    for (const option of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false']) {
      expect(main).toContain(option);
    }
    expect(main).toMatch(/setWindowOpenHandler/);
    expect(main).toMatch(/will-navigate/);
    const preload = readFileSync(`${ROOT}out/preload/index.cjs`, 'utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toMatch(/exposeInMainWorld\("mnemo"/);
    const html = readFileSync(`${ROOT}out/renderer/index.html`, 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).not.toMatch(/unsafe-eval/);
  });
});
