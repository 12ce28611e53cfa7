/**
 * export.run / export.progress. Methods are called with JSON from the app (over HTTP or
 * IPC), so they never take a path: an export is written into `<dataDir>/exports/` under a
 * name made here (`Mnemo-Docker-20261130-1012.apkg`); the transports serve it from there
 * (and Electron offers to save it elsewhere). A Markdown export, a folder, is zipped.
 * While an export runs, export.progress({jobId}) reports how far it got.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { notFound, storageError } from '../errors.ts';
import { exportBaseName } from '../export/file-name.ts';
import { exportTo } from '../export/index.ts';
import type { ExportFormat } from '../export/types.ts';
import type { Collection } from '../store/collection.ts';
import { id, method } from './define.ts';

const EXTENSION: Record<ExportFormat, string> = {
  apkg: 'apkg',
  csv: 'csv',
  tsv: 'tsv',
  md: 'zip',
  json: 'json',
};
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (at most 64)');

interface Job {
  done: number;
  total: number;
  finished: boolean;
  error: string | null;
}
/** Jobs kept after they finish, so a client polling late still sees the end. */
const KEEP_JOBS = 50;

export function exportsDir(col: Collection): string {
  return join(dirname(col.path), 'exports');
}

/** A fresh name in exports/: `Mnemo-Docker-20261130-1012.apkg`, `-2` added if that is taken. */
function fileName(col: Collection, deckIds: number[] | undefined, ext: string): string {
  const base = exportBaseName(col, deckIds);
  for (let n = 1; ; n++) {
    const name = `${base}${n === 1 ? '' : `-${n}`}.${ext}`;
    if (!existsSync(join(exportsDir(col), name))) return name;
  }
}

/** Zips the Markdown folder into `zipPath` (deck files deflated, images stored). */
async function zipFolder(folder: string, zipPath: string, mtime: number): Promise<number> {
  // The zip library builds its tables when loaded: only here, not at every start.
  const { ZipFileWriter } = await import('../export/apkg/zip-writer.ts');
  const zip = new ZipFileWriter(zipPath, mtime);
  try {
    for (const name of readdirSync(folder).sort()) {
      if (name === 'media') continue;
      await zip.addFileDeflated(name, join(folder, name));
    }
    if (existsSync(join(folder, 'media'))) {
      for (const name of readdirSync(join(folder, 'media')).sort())
        await zip.addFileDeflated(`media/${name}`, join(folder, 'media', name), 0);
    }
    zip.finish();
    return statSync(zipPath).size;
  } catch (e) {
    zip.close();
    throw e;
  }
}

export function exportApi(col: Collection) {
  const jobs = new Map<string, Job>();
  const track = (key: string | undefined): Job => {
    const job: Job = { done: 0, total: 0, finished: false, error: null };
    if (key === undefined) return job;
    jobs.delete(key);
    jobs.set(key, job);
    for (const [k, j] of jobs) if (jobs.size > KEEP_JOBS && j.finished) jobs.delete(k);
    return job;
  };
  return {
    /** Writes an export into exports/ and returns its name there, its size and what it holds. */
    run: method(
      z.strictObject({
        format: z.enum(['apkg', 'csv', 'tsv', 'md', 'json']),
        deckIds: z.array(id).min(1).max(10_000).optional(),
        withHistory: z.boolean().optional(),
        jobId: jobId.optional(),
      }),
      async (a) => {
        const job = track(a.jobId);
        const dir = exportsDir(col);
        try {
          mkdirSync(dir, { recursive: true });
          const name = fileName(col, a.deckIds, EXTENSION[a.format]);
          const target = join(dir, name);
          const progress = (done: number, total: number) => Object.assign(job, { done, total });
          const options = { format: a.format, deckIds: a.deckIds, withHistory: a.withHistory ?? false };
          let result: Awaited<ReturnType<typeof exportTo>>;
          if (a.format === 'md') {
            const folder = join(dir, `.${name}.folder-${process.pid}`);
            rmSync(folder, { recursive: true, force: true });
            try {
              result = await exportTo(col, folder, options, progress);
              const tmp = join(dir, `.${name}.mnemo-tmp-${process.pid}`);
              result.bytes = await zipFolder(folder, tmp, col.now());
              renameSync(tmp, target);
            } finally {
              rmSync(folder, { recursive: true, force: true });
            }
          } else result = await exportTo(col, target, options, progress);
          const { file: _file, ...counts } = result;
          return { file: name, ...counts };
        } catch (e) {
          job.error = (e as Error).message;
          throw storageError(e);
        } finally {
          job.finished = true;
        }
      },
    ),
    /** How far an export with this jobId got: rows `done` of `total`, and whether it finished. */
    progress: method(z.strictObject({ jobId }), (a) => {
      const job = jobs.get(a.jobId);
      if (!job) throw notFound(`no export job "${a.jobId}"`);
      return { ...job };
    }),
  };
}
