const NEEDS_NFKC = /[^\t\n\r\x20-\x7e\u4e00-\u9fff]/;

/** Normalized text used for a card's identity key: case, spacing and Markdown emphasis ignored. */
export function normalizeFront(text: string): string {
  // NFKC folds full-width and compatibility forms (？ -> ?); it is slow, so only when needed.
  const folded = NEEDS_NFKC.test(text) ? text.normalize('NFKC') : text;
  return folded
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function bigrams(text: string): Map<string, number> {
  const s = normalizeFront(text);
  const out = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) out.set(s, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of character bigrams, 0..1: works for Chinese and English alike. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let common = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    common += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0 ? 1 : (2 * common) / total;
}
