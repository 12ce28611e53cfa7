/**
 * Card Markdown → sanitized HTML. markdown-it may pass raw HTML through (`html: true`: cloze
 * marks are HTML), which is safe only because DOMPurify sanitizes every result afterwards.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import { highlight } from './highlight.ts';

const md = new MarkdownIt({
  html: true,
  linkify: false,
  typographer: false,
  highlight: (code, lang) => highlight(code, lang),
});

const purify = DOMPurify(window);

// Links never navigate the app: they open outside it (Electron hands _blank to the OS browser).
purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

const CONFIG = {
  ADD_ATTR: ['target'],
  FORBID_TAGS: [
    'script',
    'style',
    'iframe',
    'object',
    'embed',
    'form',
    'input',
    'textarea',
    'select',
    'link',
    'meta',
    'base',
  ],
  FORBID_ATTR: ['style', 'srcset', 'formaction'],
  ALLOW_DATA_ATTR: false,
};

const cache = new Map<string, string>();

/** Sanitized HTML for a card side; image paths (media/x.png) stay relative to the page. */
export function renderMarkdown(source: string): string {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const html = purify.sanitize(md.render(source), CONFIG);
  if (cache.size > 500) cache.clear();
  cache.set(source, html);
  return html;
}
