/**
 * The card linter: finds cards that make reviews slow or unfair (near-duplicates across files,
 * list backs, long backs, bare-term reverse prompts, clozes that give themselves away, fronts
 * that ask two questions). `mnemo lint [PATH]` prints the findings; a compile reports the same
 * for the files it parsed. A `<!-- lint-ignore RULE: reason -->` line above a card accepts
 * that rule there (ignore.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { collectDeckFiles, deckFromPath } from '../compiler/files.ts';
import { type ParsedFile, parseDeckFile } from '../compiler/parse.ts';
import { acceptedRules, readIgnores } from './ignore.ts';
import { listBack, longBack } from './rules/backs.ts';
import { clozeGiveaway } from './rules/cloze.ts';
import { findDuplicates } from './rules/duplicates.ts';
import { twoQuestions } from './rules/questions.ts';
import { bareReverse } from './rules/reverse.ts';
import { byPlace, type CardRule, type LintCard, type LintFinding } from './types.ts';

const CARD_RULES: CardRule[] = [listBack, longBack, bareReverse, clozeGiveaway, twoQuestions];

export interface LintOptions {
  /** How a file is named inside a message (another card's place); as given by default. */
  display?: (file: string) => string;
}

/** Lints parsed files; `texts` holds each file's content (for its lint-ignore comments). */
export function lintParsed(
  files: readonly ParsedFile[],
  texts: ReadonlyMap<string, string>,
  options: LintOptions = {},
): LintFinding[] {
  const display = options.display ?? ((f: string) => f);
  const raw: LintFinding[] = [];
  const cards: LintCard[] = files.flatMap((f) => f.cards.map((card) => ({ file: f.path, card })));
  for (const { file, card } of cards) {
    for (const rule of CARD_RULES)
      for (const r of rule(card)) raw.push({ file, line: card.line, rule: r.rule, message: r.message });
  }
  const duplicates = findDuplicates(cards);
  const repeated = new Map(duplicates.map((d) => [`${d.card.file}\n${d.card.card.line}`, d.of]));
  for (const d of duplicates) {
    const front = d.of.card.front.replace(/\s+/g, ' ').slice(0, 40);
    raw.push({
      file: d.card.file,
      line: d.card.card.line,
      rule: 'duplicate',
      message: `near-duplicate of ${display(d.of.file)}:${d.of.card.line} ("${front}"): keep one`,
    });
  }
  // Ignore comments, file by file; a duplicate is accepted at either of its two cards.
  const out: LintFinding[] = [];
  const acceptedAt = new Map<string, ReturnType<typeof acceptedRules>['accepted']>();
  const used = new Set<object>();
  for (const f of files) {
    const { ignores, problems } = readIgnores(f.path, texts.get(f.path) ?? '');
    out.push(...problems);
    const { accepted, stray } = acceptedRules(
      ignores,
      f.cards.map((c) => c.line),
    );
    acceptedAt.set(f.path, accepted);
    for (const s of stray)
      out.push({ file: f.path, line: s.line, rule: 'lint-ignore', message: 'no card below this comment' });
  }
  const accepting = (file: string, line: number, rule: LintFinding['rule']) =>
    rule === 'lint-ignore' ? undefined : acceptedAt.get(file)?.get(line)?.get(rule);
  for (const f of raw) {
    let ig = accepting(f.file, f.line, f.rule);
    if (!ig && f.rule === 'duplicate') {
      const of = repeated.get(`${f.file}\n${f.line}`)!;
      ig = accepting(of.file, of.card.line, 'duplicate');
    }
    if (ig) used.add(ig);
    else out.push(f);
  }
  // An ignore that accepts nothing is stale: the card was fixed, or the comment misplaced.
  for (const [file, accepted] of acceptedAt)
    for (const [line, rules] of accepted)
      for (const [rule, ig] of rules)
        if (!used.has(ig))
          out.push({
            file,
            line: ig.line,
            rule: 'lint-ignore',
            message: `nothing to accept: the card at line ${line} has no ${rule} finding`,
          });
  return out.sort(byPlace);
}

/** Reads, parses and lints every deck file under the paths (files or folders). */
export function lintPaths(paths: readonly string[], options: LintOptions = {}) {
  const { files, roots, missing, notFiles } = collectDeckFiles(paths);
  const texts = new Map<string, string>();
  const parsed = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    texts.set(file, text);
    return parseDeckFile(file, text, { defaultDeck: deckFromPath(file, roots), fileExists: existsSync });
  });
  return {
    findings: lintParsed(parsed, texts, options),
    errors: parsed.flatMap((p) => p.errors),
    missing: [...missing, ...notFiles],
    files: files.length,
  };
}
