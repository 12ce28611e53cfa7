import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../renderer/src/styles/${name}`, import.meta.url)), 'utf8');

/** The custom properties of one rule in theme.css (`:root {` or `:root[data-theme="dark"] {`). */
function themeVars(selector: string): Record<string, string> {
  const text = css('theme.css');
  const start = text.indexOf(`${selector} {`);
  const body = text.slice(start, text.indexOf('}', start));
  return Object.fromEntries(
    [...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]),
  );
}

/** WCAG 2.1 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('non-text contrast (WCAG 1.4.11): 3:1 against the page and the panels', () => {
  for (const [theme, selector] of [
    ['light', ':root'],
    ['dark', ':root[data-theme="dark"]'],
  ] as const) {
    const light = themeVars(':root');
    const vars = { ...light, ...themeVars(selector) };
    for (const part of ['--focus', '--control-border'] as const) {
      for (const against of ['--bg', '--panel'] as const) {
        it(`${theme}: ${part} against ${against}`, () => {
          expect(vars[part], `${part} is defined`).toMatch(/^#/);
          expect(contrast(vars[part]!, vars[against]!)).toBeGreaterThanOrEqual(3);
        });
      }
    }
  }

  it('text fields, selects and text areas are drawn with the control border, focus with the focus colour', () => {
    const base = css('base.css');
    const controls = /input,\s*select,\s*textarea\s*\{[^}]*\}/.exec(base)?.[0] ?? '';
    expect(controls).toMatch(/border:\s*1px solid var\(--control-border\)/);
    expect(/:focus-visible\s*\{[^}]*\}/.exec(base)?.[0]).toMatch(/outline:\s*3px solid var\(--focus\)/);
  });
});
