/**
 * Export output is written beside its target under a temporary dotfile name
 * (`.NAME.mnemo-tmp-PID`, as atomic-write.ts names its own), flushed, then renamed into
 * place: an export that fails or is killed midway never leaves a half-written file under the
 * name the user asked for, and never replaces an earlier good export with a broken one.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { invalidArgument } from '../errors.ts';

const tempBeside = (target: string) => join(dirname(target), `.${basename(target)}.mnemo-tmp-${process.pid}`);
const FLUSH_AT = 1 << 20;

/** A file written in chunks, then renamed over `target`. */
export class AtomicFile {
  private readonly tmp: string;
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  bytes = 0;

  constructor(readonly target: string) {
    this.tmp = tempBeside(target);
    this.fd = openSync(this.tmp, 'w', 0o644);
  }

  write(chunk: string | Uint8Array): void {
    if (typeof chunk !== 'string') {
      this.flush();
      this.writeBytes(chunk);
      return;
    }
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.writeBytes(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingLength = 0;
  }

  private writeBytes(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    this.bytes += bytes.length;
  }

  /** Flushes to disk and renames into place; returns the size. */
  commit(): number {
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.target);
    return this.bytes;
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed by commit
    }
    rmSync(this.tmp, { force: true });
  }
}

/**
 * A folder (the Markdown export) filled under a temporary name, then renamed to `target`,
 * which must not exist yet or be an empty folder: an export never mixes with other files.
 */
export class AtomicFolder {
  readonly path: string;

  constructor(readonly target: string) {
    if (existsSync(target) && readdirSync(target).length > 0)
      throw invalidArgument(`${target} is not empty: export Markdown into a new or empty folder`);
    this.path = tempBeside(target);
    rmSync(this.path, { recursive: true, force: true });
    mkdirSync(this.path, { recursive: true });
  }

  commit(): void {
    if (existsSync(this.target)) rmdirSync(this.target); // empty, as checked
    renameSync(this.path, this.target);
  }

  abort(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
