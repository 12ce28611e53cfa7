import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data directory, as each platform expects it; `MNEMO_DATA_DIR` overrides it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MNEMO_DATA_DIR) return env.MNEMO_DATA_DIR;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Mnemo');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Mnemo');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'mnemo');
}

export const COLLECTION_FILE = 'collection.sqlite';

export function collectionPath(dataDir: string): string {
  return join(dataDir, COLLECTION_FILE);
}
