/**
 * axe-core (a devDependency) run inside the page: its WCAG 2.1 A and AA rules, plus the
 * experimental label-in-name rule (WCAG 2.5.3, a control's name contains its visible text).
 * The source is injected through the DevTools protocol, which the page's CSP does not stop.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  rules: { 'label-content-name-mismatch': { enabled: true } },
  resultTypes: ['violations'],
};

/** Each violation as "rule-id: help (selector, …)"; empty when the page passes. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`axe.run(document, ${JSON.stringify(OPTIONS)}).then((r) =>
    r.violations.map((v) => v.id + ': ' + v.help + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')'))`)) as string[];
}
