/**
 * An import's media, under the compiler's rules: only real images, judged by their bytes
 * (PNG, JPEG, GIF, WebP, AVIF; SVG can carry scripts and is refused), at most 20 MB each,
 * stored as `media/<hash>.<ext>` beside the collection; the notes' references (Markdown
 * `![](name)` and HTML `<img src="name">`) are rewritten to those copies. Anything else
 * (sounds, videos, fonts) is left out with a warning.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../compiler/atomic-write.ts';
import { MAX_IMAGE_BYTES } from '../compiler/deck-image.ts';
import { looksLikeSvg, sniffImage } from '../compiler/image-type.ts';
import { mediaDir } from '../compiler/media.ts';
import type { NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';
import type { ImportedMedia } from './batch.ts';

export interface PreparedMedia {
  /** A name the notes use → the copy they should point at (`media/<hash>.<ext>`). */
  renamed: Map<string, string>;
  /** The copies to store, by their file name in media/. */
  files: Map<string, Uint8Array>;
  warnings: string[];
}

/** Checks every media file (nothing is written yet) and names the accepted ones by content. */
export function prepareMedia(media: readonly ImportedMedia[]): PreparedMedia {
  const out: PreparedMedia = { renamed: new Map(), files: new Map(), warnings: [] };
  const notImages: string[] = [];
  const svg: string[] = [];
  const tooBig: string[] = [];
  for (const m of media) {
    const type = sniffImage(m.bytes);
    if (!type) (looksLikeSvg(m.bytes) ? svg : notImages).push(m.name);
    else if (m.bytes.length > MAX_IMAGE_BYTES) tooBig.push(m.name);
    else {
      const name = `${createHash('sha256').update(m.bytes).digest('hex').slice(0, 32)}.${type.ext}`;
      out.files.set(name, m.bytes);
      out.renamed.set(m.name, `media/${name}`);
    }
  }
  const list = (names: string[]) => names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  if (notImages.length)
    out.warnings.push(
      `${notImages.length} media file(s) left out: not PNG, JPEG, GIF, WebP or AVIF images (${list(notImages)})`,
    );
  if (svg.length)
    out.warnings.push(`${svg.length} SVG file(s) left out: SVG can carry scripts (${list(svg)})`);
  if (tooBig.length) out.warnings.push(`${tooBig.length} image(s) over 20 MB left out (${list(tooBig)})`);
  return out;
}

function decoded(src: string): string[] {
  const names = [src];
  try {
    names.push(decodeURIComponent(src));
  } catch {
    // not %-encoded
  }
  names.push(
    src
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
  return names;
}

/** A field with its image references pointed at the stored copies. */
function rewrite(text: string, renamed: ReadonlyMap<string, string>): string {
  if (renamed.size === 0 || (!text.includes('![') && !/<img/i.test(text))) return text;
  const target = (src: string) => {
    for (const name of decoded(src)) {
      const to = renamed.get(name);
      if (to) return to;
    }
    return undefined;
  };
  return text
    .replace(/(!\[[^\]]*\]\(\s*<?)([^)\s>]+)/g, (m, head: string, src: string) => {
      const to = target(src);
      return to ? head + to : m;
    })
    .replace(
      /(<img\b[^>]*?\ssrc\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi,
      (m, head: string, dq?: string, sq?: string, bare?: string) => {
        const to = target(dq ?? sq ?? bare ?? '');
        return to ? `${head}"${to}"` : m;
      },
    );
}

export function rewriteMediaRefs(fields: NoteFields, renamed: ReadonlyMap<string, string>): NoteFields {
  if (renamed.size === 0) return fields;
  const out = { ...fields };
  for (const key of ['front', 'back', 'text', 'extra'] as const) {
    const value = out[key];
    if (typeof value === 'string') out[key] = rewrite(value, renamed);
  }
  return out;
}

/**
 * How many of these copies the media folder lacks; unless `dryRun`, writes them (each
 * atomically). Copies are named by content, so one left behind by a failed import is simply
 * reused by the next.
 */
export function storeMedia(col: Collection, files: ReadonlyMap<string, Uint8Array>, dryRun: boolean): number {
  if (files.size === 0) return 0;
  const dir = mediaDir(col);
  let added = 0;
  for (const [name, bytes] of files) {
    const target = join(dir, name);
    if (existsSync(target)) continue;
    added++;
    if (dryRun) continue;
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(target, bytes);
  }
  return added;
}
