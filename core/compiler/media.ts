import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { NoteFields } from '../notes/render.ts';
import type { Collection } from '../store/collection.ts';
import type { ParsedCard } from './parse.ts';

/** Card media live beside the collection, named by content hash (as Anki's media folder). */
export function mediaDir(col: Collection): string {
  return join(dirname(col.path), 'media');
}

/**
 * Copies a card's images into the media folder and points the card's Markdown at the copies
 * (`media/<hash>.<ext>`), so the collection does not depend on where the sources live.
 */
export function storeMedia(col: Collection, card: ParsedCard): NoteFields {
  if (card.images.length === 0) return card.fields;
  const dir = mediaDir(col);
  mkdirSync(dir, { recursive: true });
  const renamed = new Map<string, string>();
  for (const img of card.images) {
    const bytes = readFileSync(img.absolute);
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}${extname(img.absolute).toLowerCase()}`;
    const target = join(dir, name);
    if (!existsSync(target)) copyFileSync(img.absolute, target);
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
