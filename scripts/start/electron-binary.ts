/** Where Electron's installer puts its binary: `dist/` + the relative path written in `path.txt`. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable inside the `electron` package folder, if it is installed. */
export function electronBinary(electronDir: string): string | null {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const bin = join(electronDir, 'dist', rel);
    return rel && existsSync(bin) ? bin : null;
  } catch {
    return null; // no path.txt: the installer never ran (or failed)
  }
}
