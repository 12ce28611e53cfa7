import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { conflict } from '../errors.ts';
import type { NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { readDeckImage } from './deck-image.ts';
import type { CompileError, ParsedCard, ParsedFile, ParsedImage } from './parse.ts';

/** Card media live beside the collection, named by content hash (as Anki's media folder). */
export function mediaDir(col: Collection): string {
  return join(dirname(col.path), 'media');
}

const imageError = (file: string, img: ParsedImage, message: string): CompileError => ({
  file,
  line: img.line,
  column: img.column,
  message: `image ${img.src} ${message}`,
});

/**
 * A card's images for one compile: checked before anything is stored (so a bad image is a
 * file:line:col error and the compile changes nothing), then copied into the media folder.
 */
export class MediaImages {
  /** Images already checked or stored in this compile, by folder and path. */
  private readonly checked = new Set<string>();
  private readonly stored = new Map<string, string>();

  constructor(
    private readonly col: Collection,
    /** The deck folder an image of this deck file must stay inside. */
    private readonly folderOf: (file: string) => string,
  ) {}

  /** Every image of these files that may not be stored, as an error at the image's place. */
  check(files: readonly ParsedFile[]): CompileError[] {
    const errors: CompileError[] = [];
    for (const f of files) {
      const folder = this.folderOf(f.path);
      for (const img of f.cards.flatMap((c) => c.images)) {
        const key = `${folder}\0${img.absolute}`;
        if (this.checked.has(key)) continue;
        const r = readDeckImage(img.absolute, folder);
        if (r.ok) this.checked.add(key);
        else errors.push(imageError(f.path, img, r.message));
      }
    }
    return errors;
  }

  /**
   * Copies a card's images into the media folder as `media/<hash>.<type>` (the extension from
   * the content) and points the card's Markdown at the copies, so the collection does not
   * depend on where the sources live. Each image is read again: one changed since `check`
   * throws, and the surrounding transaction stores nothing.
   */
  store(file: string, card: ParsedCard): NoteFields {
    if (card.images.length === 0) return card.fields;
    const folder = this.folderOf(file);
    const dir = mediaDir(this.col);
    mkdirSync(dir, { recursive: true });
    const renamed = new Map<string, string>();
    for (const img of card.images) {
      const key = `${folder}\0${img.absolute}`;
      let name = this.stored.get(key);
      if (name === undefined) {
        const r = readDeckImage(img.absolute, folder);
        if (!r.ok) {
          const e = imageError(file, img, r.message);
          throw conflict(`${e.file}:${e.line}:${e.column}: ${e.message}`);
        }
        name = `${createHash('sha256').update(r.bytes).digest('hex').slice(0, 32)}.${r.type.ext}`;
        const target = join(dir, name);
        if (!existsSync(target)) writeFileAtomic(target, r.bytes);
        this.stored.set(key, name);
      }
      renamed.set(img.src, `media/${name}`);
    }
    const rewrite = (text: string | undefined) =>
      text?.replace(/(!\[[^\]]*\]\(\s*<?)([^)\s>]+)/g, (m, head: string, src: string) =>
        renamed.has(src) ? head + renamed.get(src) : m,
      );
    const { front, back, text, extra } = card.fields;
    return {
      ...card.fields,
      front: rewrite(front),
      back: rewrite(back),
      text: rewrite(text),
      extra: rewrite(extra),
    };
  }
}
