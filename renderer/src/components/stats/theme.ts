/** The chart colors, read from the app's CSS variables, so charts follow the light and dark themes. */
import { useEffect, useState } from 'react';

const NAMES = [
  'text',
  'muted',
  'border',
  'panel',
  'accent',
  'new',
  'learning',
  'review',
  'again',
  'hard',
  'good',
  'easy',
  'flag-7',
] as const;
/** The theme's colors, and the page's font family: echarts measures label widths on a canvas,
 * where `inherit` is no font, so labels measured in the canvas default were drawn wider
 * (clipped axis names, legend entries overlapping). */
export type Palette = Record<(typeof NAMES)[number], string> & { font: string };

/** Any CSS color as #rrggbb, the form `mix` reads (a canvas context writes colors back that way). */
function hex(color: string): string {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = color;
  return ctx.fillStyle;
}

function read(): Palette {
  const style = getComputedStyle(document.documentElement);
  const colors = Object.fromEntries(NAMES.map((n) => [n, hex(style.getPropertyValue(`--${n}`).trim())]));
  return { ...colors, font: getComputedStyle(document.body).fontFamily || 'sans-serif' } as Palette;
}

/** `a` mixed with `b` (both #rrggbb) by `share` of `b`: a lighter or fainter tone for echarts, which reads no color-mix(). */
export function mix(a: string, b: string, share: number): string {
  const ch = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) => Math.round(ch(a, i) * (1 - share) + ch(b, i) * share));
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** The palette, read again whenever <html data-theme> changes. */
export function usePalette(): Palette {
  const [palette, setPalette] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setPalette(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return palette;
}
