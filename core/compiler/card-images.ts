/** Images a card shows: local files next to the deck file, checked to exist. */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Line } from './blocks.ts';
import { codeMask } from './markdown-lines.ts';
import type { ParsedCard, ParseOptions } from './parse.ts';

const IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

export function collectImages(
  card: ParsedCard,
  lines: Line[],
  file: string,
  options: ParseOptions,
  err: (line: number, column: number, message: string) => void,
) {
  for (const l of lines) {
    if (l.inFence || !l.text.includes('![')) continue;
    const mask = codeMask(l.text);
    for (const m of l.text.matchAll(IMAGE)) {
      if (mask[m.index]) continue;
      const src = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
        err(
          l.no,
          m.index + 1,
          `image ${src} is remote: save it next to the deck file (Mnemo loads nothing remote)`,
        );
        continue;
      }
      let path: string;
      try {
        path = decodeURI(src);
      } catch {
        err(l.no, m.index + 1, `image path ${src} has a malformed %-escape`);
        continue;
      }
      const absolute = isAbsolute(path) ? path : resolve(dirname(file), path);
      if (!options.fileExists(absolute)) err(l.no, m.index + 1, `image not found: ${src}`);
      else card.images.push({ src, absolute, line: l.no, column: m.index + 1 });
    }
  }
}
