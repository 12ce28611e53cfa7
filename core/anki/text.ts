/**
 * Anki's plain-text view of a field (rslib/src/text.rs `strip_html_preserving_media_filenames`)
 * and the note checksum built on it (rslib/src/notes/mod.rs `field_checksum`): a note's
 * `sfld` and `csum` columns, which Anki and other readers use to sort and find duplicates.
 */
import { createHash } from 'node:crypto';

/** `<img|audio|video|object|source ... src=X>` (or data=X): the file name stays, as " X ". */
const MEDIA_TAG =
  /<\b(?:img|audio|video|object|source)\b(?:[^>]|"[^"]+?"|'[^']+?')+?\b(?:src|data)\b=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))/gis;
/** Comments, style and script blocks, then any other tag. */
const HTML = /(<!--.*?-->)|(<style.*?>.*?<\/style>)|(<script.*?>.*?<\/script>)|(<.*?>)/gis;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** HTML entities decoded (the common named ones and all numeric ones); a no-break space becomes a space. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (m, name: string) => {
      if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? m;
      const hex = name[1] === 'x' || name[1] === 'X';
      const code = hex ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    })
    .replace(/\u00a0/g, ' ');
}

export function stripHtmlPreservingMediaFilenames(html: string): string {
  const withNames = html.replace(
    MEDIA_TAG,
    (_m, a?: string, b?: string, c?: string) => ` ${a ?? b ?? c ?? ''} `,
  );
  return decodeEntities(withNames.replace(HTML, ''));
}

/** The first 8 hex digits of the SHA-1 of the stripped first field, as an integer. */
export function fieldChecksum(firstFieldHtml: string): number {
  return textChecksum(stripHtmlPreservingMediaFilenames(firstFieldHtml));
}

/** The same from the already stripped text. */
export function textChecksum(stripped: string): number {
  return Number.parseInt(createHash('sha1').update(stripped).digest('hex').slice(0, 8), 16);
}
