import { describe, expect, it } from 'vitest';
import { looksLikeSvg, sniffImage } from '../../core/compiler/image-type.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
/** An ISO-BMFF file: an `ftyp` box of `size` bytes (major brand, minor version, compatible brands), then more. */
const ftyp = (size: number, body: string, after = '') => bytes([0, 0, 0, size], 'ftyp', body, after);

describe('image types, judged by their first bytes', () => {
  it('PNG, JPEG, GIF (87a and 89a), WebP', () => {
    expect(sniffImage(bytes('\x89PNG\r\n\x1a\n', [0, 0]))).toEqual({ ext: 'png', mime: 'image/png' });
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ext: 'jpg', mime: 'image/jpeg' });
    expect(sniffImage(bytes('GIF87a..'))).toEqual({ ext: 'gif', mime: 'image/gif' });
    expect(sniffImage(bytes('GIF89a..'))).toEqual({ ext: 'gif', mime: 'image/gif' });
    expect(sniffImage(bytes('RIFF\x10\0\0\0WEBPVP8 '))).toEqual({ ext: 'webp', mime: 'image/webp' });
  });

  it('nothing that merely starts like one', () => {
    for (const b of [
      bytes([0xff, 0xd8, 0x00]),
      bytes([0xff, 0x00, 0xff]),
      bytes([0x00, 0xd8, 0xff]),
      bytes('GIF88a'),
      bytes('RIFF\x10\0\0\0WAVEfmt '),
      bytes('RIFX\x10\0\0\0WEBP'),
      bytes('\x89PNG\r\n'),
      bytes('<svg/>'),
      bytes(''),
    ]) {
      expect(sniffImage(b), JSON.stringify(b.toString('latin1'))).toBeNull();
    }
  });

  it('AVIF: the avif or avis brand, major or compatible, inside the ftyp box only', () => {
    const avif = { ext: 'avif', mime: 'image/avif' };
    expect(sniffImage(ftyp(16, 'avif\0\0\0\0'))).toEqual(avif);
    expect(sniffImage(ftyp(24, 'mif1\0\0\0\0miafavis'))).toEqual(avif);
    expect(sniffImage(ftyp(28, 'mif1\0\0\0\0miafMA1Bavif'))).toEqual(avif); // the third brand, at byte 24
    // The minor version is not a brand; nothing past the box counts.
    expect(sniffImage(ftyp(20, 'mif1avifmiaf'))).toBeNull();
    expect(sniffImage(ftyp(16, 'mif1\0\0\0\0', 'avifavif'))).toBeNull();
    expect(sniffImage(bytes([0, 0, 0, 16], 'ftup', 'avif\0\0\0\0'))).toBeNull();
    expect(sniffImage(bytes([0, 0, 0, 8], 'ftyp'))).toBeNull();
  });
});

describe('SVG documents', () => {
  it('an <svg> tag first, after an optional BOM, whitespace, XML prologue, comments and doctype', () => {
    for (const text of [
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<SVG>',
      '  \n\t<svg>',
      '\uFEFF<svg\n>',
      '<?xml version="1.0" encoding="UTF-8"?>\n\n<svg>',
      '<?xml version="1.0"?><!-- made by hand, with care --><svg>',
      '<!-- one -->\n\n<!-- two -->\n<svg>',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n\n<svg>',
      '<!DOCTYPE svg>\n<svg>',
    ]) {
      expect(looksLikeSvg(Buffer.from(text)), text).toBe(true);
    }
  });

  it('not when anything else comes first, or the tag is another', () => {
    for (const text of [
      'x<svg>',
      '<svgx>',
      '<html><svg>',
      '<?xml version="1.0"?>text<svg>',
      '<!-- a --> b <svg>',
      '<!DOCTYPE html> <p> <svg>',
      '',
    ]) {
      expect(looksLikeSvg(Buffer.from(text)), text).toBe(false);
    }
    // Only the first kilobyte is looked at.
    expect(looksLikeSvg(Buffer.from(`${' '.repeat(1100)}<svg>`))).toBe(false);
  });
});
