/** What the card linter (core/lint) reports, and what each rule is given. */
import type { ParsedCard } from '../compiler/parse.ts';

export const RULES = [
  'duplicate',
  'list-back',
  'long-back',
  'bare-reverse',
  'cloze-giveaway',
  'two-questions',
] as const;

export type RuleId = (typeof RULES)[number];

/** One finding; `lint-ignore` is a comment that is itself wrong (no reason, unknown rule, unused). */
export interface LintFinding {
  file: string;
  /** The line the card starts on (or the comment's line). */
  line: number;
  rule: RuleId | 'lint-ignore';
  message: string;
}

/** A card as the rules see it: parsed, with its file. */
export interface LintCard {
  file: string;
  card: ParsedCard;
}

/** A rule looks at one card at a time; `duplicate` looks across files (rules/duplicates.ts). */
export type CardRule = (card: ParsedCard) => { rule: RuleId; message: string }[];

/** `file:line: rule: message`, the form every finding is printed in. */
export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}: ${f.rule}: ${f.message}`;
}

export function byPlace(a: LintFinding, b: LintFinding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule);
}
