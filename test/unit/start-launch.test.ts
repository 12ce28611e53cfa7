import { describe, expect, it } from 'vitest';
import { decideLaunch, type LaunchSteps, type Outcome } from '../../scripts/start/launch.ts';

const ok: Outcome = { ok: true };

/** The steps of `npm start` as stubs that record the order they were called in. */
function stubs(over: {
  installed?: boolean;
  install?: Outcome;
  installMakesBinary?: boolean;
  native?: Outcome;
  build?: Outcome;
}) {
  const calls: string[] = [];
  let present = over.installed ?? false;
  const steps: LaunchSteps = {
    findElectron: () => {
      calls.push('find');
      return present ? '/e/dist/electron' : null;
    },
    installElectron: async () => {
      calls.push('install');
      const result = over.install ?? ok;
      if (result.ok && (over.installMakesBinary ?? true)) present = true;
      return result;
    },
    prepareNative: async () => {
      calls.push('rebuild');
      return over.native ?? ok;
    },
    buildApp: async () => {
      calls.push('build');
      return over.build ?? ok;
    },
    say: (line) => calls.push(`say: ${line}`),
  };
  return { steps, calls };
}

describe('npm start decides', () => {
  it('binary present: rebuilds the native module if needed, builds, opens Electron; never runs the installer', async () => {
    const { steps, calls } = stubs({ installed: true });
    expect(await decideLaunch(steps)).toEqual({ mode: 'electron', binary: '/e/dist/electron' });
    expect(calls).toEqual(['find', 'rebuild', 'build']);
  });

  it("binary missing and installable: runs Electron's installer, looks again, then opens Electron", async () => {
    const { steps, calls } = stubs({ installed: false });
    expect(await decideLaunch(steps)).toEqual({ mode: 'electron', binary: '/e/dist/electron' });
    expect(calls).toEqual([
      'find',
      "say: Mnemo: Electron's binary is not installed yet; running Electron's installer…",
      'install',
      'find',
      'rebuild',
      'build',
    ]);
  });

  it('binary missing and not installable: the browser mode, with the installer’s reason in one line', async () => {
    const { steps, calls } = stubs({ install: { ok: false, reason: 'TypeError: fetch failed' } });
    expect(await decideLaunch(steps)).toEqual({
      mode: 'browser',
      line: "Mnemo: Electron's binary could not be installed (TypeError: fetch failed); starting Mnemo in your browser instead.",
    });
    expect(calls.filter((c) => !c.startsWith('say'))).toEqual(['find', 'install']);
  });

  it('an installer that timed out, or finished without a binary, is a reason too', async () => {
    const timedOut = stubs({ install: { ok: false, reason: 'the installer timed out after 300 s' } });
    expect(await decideLaunch(timedOut.steps)).toMatchObject({
      mode: 'browser',
      line: expect.stringContaining('(the installer timed out after 300 s)'),
    });
    const empty = stubs({ installMakesBinary: false });
    expect(await decideLaunch(empty.steps)).toMatchObject({
      mode: 'browser',
      line: expect.stringContaining('its binary is still missing'),
    });
    expect(empty.calls.filter((c) => !c.startsWith('say'))).toEqual(['find', 'install', 'find']);
  });

  it('rebuild fails: the browser mode, the reason on one line even when the tool wrote a paragraph', async () => {
    const { steps, calls } = stubs({
      installed: true,
      native: { ok: false, reason: 'Error: related to network\n  connectivity.\n' },
    });
    const decision = await decideLaunch(steps);
    expect(decision).toEqual({
      mode: 'browser',
      line: 'Mnemo: better-sqlite3 could not be rebuilt for Electron (Error: related to network connectivity.); starting Mnemo in your browser instead.',
    });
    expect(calls).toEqual(['find', 'rebuild']);
  });

  it('a failed Electron build falls back too', async () => {
    const { steps } = stubs({
      installed: true,
      build: { ok: false, reason: 'electron-vite build, see above' },
    });
    expect(await decideLaunch(steps)).toMatchObject({
      mode: 'browser',
      line: 'Mnemo: the Electron build failed (electron-vite build, see above); starting Mnemo in your browser instead.',
    });
  });
});
