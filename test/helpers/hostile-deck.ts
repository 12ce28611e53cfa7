/**
 * The hostile deck of test/fixtures/hostile-deck, copied to a temp folder with what git
 * cannot hold: a FIFO, symlinks (out of the deck, and inside it), a folder named like an
 * image, a sparse 21 MB "image", and real PNGs.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './collection.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/hostile-deck', import.meta.url));

/** A valid 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Builds the deck in `dir` (default: a temp dir removed after the test); returns its folder. */
export function hostileDeck(dir = join(tempDir(), 'deck')): string {
  cpSync(FIXTURE, dir, { recursive: true });
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  mkdirSync(join(dir, 'folder'));
  mkdirSync(join(dir, 'img'));
  writeFileSync(join(dir, 'img', 'ok.png'), PNG);
  symlinkSync('/etc/passwd', join(dir, 'passwd-link.png'));
  symlinkSync(join(dir, 'img', 'ok.png'), join(dir, 'ok-link.png'));
  // A PNG header, then holes up to 21 MB: over the 20 MB limit without using the disk.
  writeFileSync(join(dir, 'huge.png'), PNG);
  truncateSync(join(dir, 'huge.png'), 21 * 1024 * 1024);
  return dir;
}

/** The errors compiling images.md must give, as `line:column: message` (file name left off). */
export const HOSTILE_IMAGE_ERRORS = [
  '6:9: image e.js is not a PNG, JPEG, GIF, WebP or AVIF image (judged by its content, not its name)',
  '7:7: image e.html is not a PNG, JPEG, GIF, WebP or AVIF image (judged by its content, not its name)',
  '8:6: image evil.svg is an SVG, which can carry scripts and is not accepted: export it as PNG',
  '9:17: image fake.png is not a PNG, JPEG, GIF, WebP or AVIF image (judged by its content, not its name)',
  /^10:9: image \/etc\/passwd is outside the deck folder \S+: keep images inside it$/,
  /^11:11: image (\.\.\/)+etc\/hostname is outside the deck folder/,
  '12:7: image fifo is not a regular file (a device, FIFO or socket)',
  /^13:7: image \/dev\/zero is outside the deck folder/,
  '14:9: image folder is a folder, not an image file',
  '15:9: image path %E0%A4%A.png has a malformed %-escape',
  /^16:11: image passwd-link\.png is outside the deck folder/,
  '17:7: image huge.png is 21 MB; images may be at most 20 MB',
];
