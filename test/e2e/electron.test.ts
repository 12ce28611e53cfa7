import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'vitest';

/** The Electron executable, if its binary could be downloaded on this machine. */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const bin = join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

describe('the Electron app', () => {
  it("runs a newcomer's first review through Playwright's Electron support", async (ctx) => {
    const bin = electronBinary();
    const reason = 'the Electron binary is not installed here (it cannot be downloaded on this machine)';
    if (!bin) console.log(`skipped: ${reason}`);
    ctx.skip(!bin, reason);
    execFileSync(process.execPath, [join('node_modules', '.bin', 'electron-vite'), 'build'], {
      stdio: 'inherit',
    });
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({
      executablePath: bin!,
      args: ['.'],
      env: { ...process.env, MNEMO_DATA_DIR: join(process.cwd(), '.e2e-electron-data') },
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('button', { name: 'Study all' }).click();
      await page.keyboard.press('Space');
      await page.getByTestId('card-back').waitFor();
      await page.keyboard.press('3');
      await page.getByTestId('card').waitFor();
    } finally {
      await app.close();
    }
  });
});
