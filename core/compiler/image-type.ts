/**
 * What an image file really is, from its first bytes (never from its name): a deck's author
 * chooses names and extensions, so only the content decides what Mnemo stores and serves.
 */

export interface ImageType {
  /** The extension media copies get (`media/<hash>.<ext>`). */
  ext: 'png' | 'jpg' | 'gif' | 'webp' | 'avif';
  mime: string;
}

/** Bytes enough to recognise every accepted type (and an SVG's opening tag after a prologue). */
export const SNIFF_BYTES = 1024;

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

/** AVIF is an ISO-BMFF file whose `ftyp` box names the avif/avis brand (major or compatible). */
function isAvif(b: Uint8Array): boolean {
  if (!ascii(b, 4, 'ftyp')) return false;
  const size = Math.min(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0, b.length);
  for (let at = 8; at + 4 <= size; at += at === 8 ? 8 : 4) {
    if (ascii(b, at, 'avif') || ascii(b, at, 'avis')) return true;
  }
  return false;
}

/** The accepted raster type of these bytes, or null (SVG included: it is text that can carry scripts). */
export function sniffImage(b: Uint8Array): ImageType | null {
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return { ext: 'png', mime: 'image/png' };
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { ext: 'jpg', mime: 'image/jpeg' };
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return { ext: 'gif', mime: 'image/gif' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { ext: 'webp', mime: 'image/webp' };
  if (isAvif(b)) return { ext: 'avif', mime: 'image/avif' };
  return null;
}

/** Whether text bytes look like an SVG document (an `<svg` tag near the start). */
export function looksLikeSvg(b: Uint8Array): boolean {
  const head = Buffer.from(b.subarray(0, SNIFF_BYTES)).toString('utf8');
  return /^(?:\uFEFF)?\s*(?:<\?xml[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i.test(
    head,
  );
}
