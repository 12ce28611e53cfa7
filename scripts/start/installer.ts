/**
 * Runs Electron's own installer (node_modules/electron/install.js, the `install-electron`
 * bin) to fetch its binary, under a time limit: a machine that cannot reach the download
 * must not leave `npm start` hanging.
 */
import { spawn } from 'node:child_process';
import type { Outcome } from './launch.ts';
import { errorSummary, nodeTooOldForInstaller } from './reason.ts';

export interface InstallerOptions {
  /** The installer script. */
  script: string;
  timeoutMs: number;
  /** The Node running it (the installer wants >= 22.12; the reason says so below that). */
  nodeVersion?: string;
}

export function runElectronInstaller(options: InstallerOptions): Promise<Outcome> {
  const { script, timeoutMs, nodeVersion = process.versions.node } = options;
  return new Promise((resolve) => {
    // Its progress goes to the terminal; its errors are kept to name the cause in one line.
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const failed = (cause: string) => {
      const note = nodeTooOldForInstaller(nodeVersion)
        ? `; Electron's installer wants Node >= 22.12, this is Node ${nodeVersion}`
        : '';
      resolve({ ok: false, reason: `${cause}${note}` });
    };
    child.on('error', (e) => {
      clearTimeout(timer);
      failed(e.message);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) failed(`the installer timed out after ${Math.round(timeoutMs / 1000)} s`);
      else if (code === 0) resolve({ ok: true });
      else failed(errorSummary(stderr) ?? `the installer exited with code ${code}`);
    });
  });
}
