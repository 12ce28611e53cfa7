/**
 * The cause of a failure, in one line, from what a tool printed: installers and node-gyp
 * print stack traces and banners, and the person starting the app needs only the cause.
 */

const STACK_LINE = /^\s+at\s/;
const ERROR_START = /^(?:[A-Z]\w*)?Error(?: \[\w+\])?:\s*(.*)$/;
const MAX = 240;

/**
 * The first error message in `text` (`TypeError: fetch failed`, or node-gyp's
 * `Error: …` spread over several lines, joined), else its last non-blank line.
 */
export function errorSummary(text: string): string | null {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => ERROR_START.test(l.trim()));
  let summary: string;
  if (start !== -1) {
    const parts = [lines[start]!.trim()];
    // A message may go on over several lines, up to its stack or a blank line.
    for (const l of lines.slice(start + 1)) {
      if (l.trim() === '' || STACK_LINE.test(l)) break;
      parts.push(l.trim());
    }
    summary = parts.join(' ');
  } else {
    const last = lines.findLast((l) => l.trim() !== '' && !STACK_LINE.test(l));
    if (!last) return null;
    summary = last.trim();
  }
  summary = summary.replace(/\s+/g, ' ');
  return summary.length > MAX ? `${summary.slice(0, MAX - 1)}…` : summary;
}

/** Electron 41 and later declare engines node >= 22.12 (npm warns EBADENGINE below it). */
export function nodeTooOldForInstaller(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
}
