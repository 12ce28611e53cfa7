/**
 * `<!-- lint-ignore RULE: reason -->` on a line of its own just above a card accepts that
 * rule's finding on that card, for the reason given. The card parser skips these lines (they
 * are never card text), so they may stand between the lines of single-line cards.
 */
import { type LintFinding, RULES, type RuleId } from './types.ts';

const IGNORE_LINE = /^\s*<!--\s*lint-ignore\b(.*?)-->\s*$/;
const IGNORE_BODY = /^\s+([a-z-]+)\s*(?::\s*(.*?))?\s*$/;

/** Whether a line is a lint-ignore comment (the parser leaves such lines out). */
export const isLintIgnoreLine = (line: string): boolean =>
  line.includes('lint-ignore') && IGNORE_LINE.test(line);

export interface IgnoreComment {
  line: number;
  rule: RuleId;
  reason: string;
}

/**
 * The lint-ignore comments of a file's text (lines inside code fences are code, not comments),
 * and the findings about the comments themselves: no reason, an unknown rule.
 */
export function readIgnores(
  file: string,
  text: string,
): { ignores: IgnoreComment[]; problems: LintFinding[] } {
  const ignores: IgnoreComment[] = [];
  const problems: LintFinding[] = [];
  let fence: string | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const marks = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (marks && (fence === null || (marks[0] === fence[0] && marks.length >= fence.length))) {
      fence = fence === null ? marks : null;
      return;
    }
    if (fence !== null || !isLintIgnoreLine(raw)) return;
    const line = i + 1;
    const body = IGNORE_BODY.exec(IGNORE_LINE.exec(raw)![1]!);
    const rule = body?.[1] as RuleId | undefined;
    const reason = body?.[2] ?? '';
    const problem = (message: string) => problems.push({ file, line, rule: 'lint-ignore', message });
    if (!rule || !RULES.includes(rule)) problem(`unknown rule "${rule ?? ''}": one of ${RULES.join(', ')}`);
    else if (reason === '') problem(`say why: <!-- lint-ignore ${rule}: reason -->`);
    else ignores.push({ line, rule, reason });
  });
  return { ignores, problems };
}

/**
 * The card an ignore comment is for: the first one starting below it. Returns, for each card
 * start line, the rules accepted there.
 */
export function acceptedRules(ignores: readonly IgnoreComment[], cardLines: readonly number[]) {
  const sorted = [...cardLines].sort((a, b) => a - b);
  const accepted = new Map<number, Map<RuleId, IgnoreComment>>();
  const stray: IgnoreComment[] = [];
  for (const ig of ignores) {
    const target = sorted.find((l) => l > ig.line);
    if (target === undefined) {
      stray.push(ig);
      continue;
    }
    const rules = accepted.get(target) ?? new Map<RuleId, IgnoreComment>();
    accepted.set(target, rules);
    rules.set(ig.rule, ig);
  }
  return { accepted, stray };
}
