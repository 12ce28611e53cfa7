/**
 * What `npm start` does, as one decision with every side effect passed in, so each branch
 * (binary present, missing and installable, missing and not installable, rebuild failed) is
 * tested without downloading Electron or compiling anything (test/unit/start-launch.test.ts).
 */

/** A step that either worked or says, in a few words, why not. */
export type Outcome = { ok: true } | { ok: false; reason: string };

export interface LaunchSteps {
  /** The Electron executable if its binary is installed, else null. */
  findElectron(): string | null;
  /** Electron's own installer (node_modules/electron/install.js), under a time limit. */
  installElectron(): Promise<Outcome>;
  /** better-sqlite3 built for Electron's ABI in its own folder, rebuilt only when out of date. */
  prepareNative(): Promise<Outcome>;
  /** main, preload and renderer built for Electron (electron-vite build). */
  buildApp(): Promise<Outcome>;
  /** Progress for the person waiting (the installer and the rebuild take a while). */
  say(line: string): void;
}

export type Decision = { mode: 'electron'; binary: string } | { mode: 'browser'; line: string };

/** Installers and compilers answer in paragraphs; the user gets one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The one line printed before the browser mode starts: why Electron was not opened. */
export function fallbackLine(reason: string): string {
  return `Mnemo: ${oneLine(reason)}; starting Mnemo in your browser instead.`;
}

export async function decideLaunch(steps: LaunchSteps): Promise<Decision> {
  const browser = (reason: string): Decision => ({ mode: 'browser', line: fallbackLine(reason) });
  let binary = steps.findElectron();
  if (!binary) {
    // Electron 45 has no postinstall: the binary comes only when something asks for it.
    steps.say("Mnemo: Electron's binary is not installed yet; running Electron's installer…");
    const installed = await steps.installElectron();
    if (!installed.ok)
      return browser(`Electron's binary could not be installed (${oneLine(installed.reason)})`);
    binary = steps.findElectron();
    if (!binary) return browser("Electron's installer finished but its binary is still missing");
  }
  const native = await steps.prepareNative();
  if (!native.ok)
    return browser(`better-sqlite3 could not be rebuilt for Electron (${oneLine(native.reason)})`);
  const built = await steps.buildApp();
  if (!built.ok) return browser(`the Electron build failed (${oneLine(built.reason)})`);
  return { mode: 'electron', binary };
}
