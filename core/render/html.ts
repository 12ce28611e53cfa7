/**
 * Card Markdown → sanitized HTML in Node, for exports: the same markdown-it settings and
 * highlight.js languages as the app's renderer (renderer/src/markdown/render.ts), with
 * sanitize-html standing in for DOMPurify (there is no DOM in core) under the same rules:
 * no script, style, iframe, object, embed, form controls, link/meta/base, no `style` or
 * event-handler attributes, no `javascript:` URLs, links open outside.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { highlight } from './highlight.ts';

const md = new MarkdownIt({
  html: true,
  linkify: false,
  typographer: false,
  highlight: (code, lang) => highlight(code, lang),
});

// As the renderer's DOMPurify hook: links never navigate the page showing the card.
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('target', '_blank');
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 'ins', 'details', 'summary'],
  allowedAttributes: {
    '*': ['class', 'title', 'lang', 'dir'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['align', 'colspan', 'rowspan'],
    th: ['align', 'colspan', 'rowspan', 'scope'],
    ol: ['start', 'type'],
    li: ['value'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel', 'ftp'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer' },
    }),
  },
};

/**
 * One line of text that no markdown-it rule touches: no character that starts inline syntax
 * (emphasis, code, links, images, HTML, entities, escapes, strikethrough) and no line-start
 * marker (heading, quote, list, thematic break, indented code). markdown-it renders such a
 * line as one paragraph with only `"` escaped; test/unit/render-html.test.ts checks that the
 * shortcut gives exactly markdown-it's output. It is most card fronts, and 20 times faster.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters markdown-it rewrites
const PLAIN_CHARS = /^[^\\`*_[\]<>&!~\n\r\t\f\v\u0000\u00a0\u2028\u2029]+$/;
const BLOCK_START = /^(?:[#>+=*-]|\d{1,9}[.)])/;

export function isPlainLine(text: string): boolean {
  return PLAIN_CHARS.test(text) && text.trim() === text && !BLOCK_START.test(text);
}

/**
 * Sanitized HTML for one field. Without a `<` in the source, markdown-it emits only its own
 * markup: raw HTML and autolinks both need `<`, text and code are escaped, and its link
 * check refuses `javascript:`, `vbscript:`, `file:` and non-image `data:` URLs. Such output
 * is already what the sanitizer would return, and skipping it (about 25 µs a field) is what
 * keeps exporting 100,000 notes within seconds.
 */
export function markdownToHtml(markdown: string): string {
  if (isPlainLine(markdown)) return `<p>${markdown.replace(/"/g, '&quot;')}</p>\n`;
  const html = md.render(markdown);
  return markdown.includes('<') ? sanitizeHtml(html, SANITIZE) : html;
}

// Private-use characters stand in for cloze markers while the Markdown is rendered, so
// neither markdown-it nor highlight.js can split or escape `{{c1::` (a code block's
// highlighting would otherwise wrap its braces in spans and Anki would not see the cloze).
const OPEN = '\uE000';
const NUMBER_END = '\uE001';
const HINT = '\uE002';
const CLOSE = '\uE003';
const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;
const MARKERS = /[\uE000-\uE003]/;

/** A cloze text's HTML with its `{{cN::answer::hint}}` markers kept as Anki's cloze syntax. */
export function clozeMarkdownToHtml(text: string): string {
  if (MARKERS.test(text)) return markdownToHtml(text); // never seen in real text; markers left to chance
  const protectedText = text.replace(
    CLOZE,
    (_m, n: string, answer: string, hint?: string) =>
      `${OPEN}${n}${NUMBER_END}${answer}${hint === undefined ? '' : HINT + hint}${CLOSE}`,
  );
  return markdownToHtml(protectedText)
    .replace(/\uE000(\d+)\uE001/g, '{{c$1::')
    .replace(/\uE002/g, '::')
    .replace(/\uE003/g, '}}');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Plain text as HTML text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}
