import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { clozeMarkdownToHtml, isPlainLine, markdownToHtml } from '../../core/render/html.ts';
import { seededRandom } from '../helpers/collection.ts';

/** markdown-it as the app's renderer configures it (renderer/src/markdown/render.ts). */
const reference = new MarkdownIt({ html: true, linkify: false, typographer: false });

const ALPHABET = [
  ...'abcXYZ 019:.,;?()"\'{}|=+-#>*_`[]<>&!~\\/%$@^',
  '网络',
  '容器',
  '\t',
  '\n',
  '  ',
  '1. ',
  '- ',
  '# ',
  '> ',
  '&amp;',
  '\u00a0',
  '\u3000',
];

describe('Markdown to HTML in Node (exports)', () => {
  it('the plain-line shortcut gives exactly markdown-it output, for 20,000 random lines', () => {
    const rand = seededRandom(5);
    let plain = 0;
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(rand() * 12);
      let text = '';
      for (let k = 0; k < length; k++) text += ALPHABET[Math.floor(rand() * ALPHABET.length)];
      if (!isPlainLine(text)) continue;
      plain++;
      expect(markdownToHtml(text), JSON.stringify(text)).toBe(reference.render(text));
    }
    expect(plain).toBeGreaterThan(2000); // the shortcut was exercised
  });

  it('scripts, event handlers, javascript: links and styles are removed; links open outside', () => {
    const html = markdownToHtml(
      '<script>alert(1)</script><img src="x.png" onerror="alert(2)"> [a](javascript:alert(3)) <a href="javascript:alert(4)">b</a> <span style="color:red">c</span> <iframe src="https://e.example"></iframe>\n\n[d](https://example.org)',
    );
    expect(html).not.toMatch(/<script|onerror|href="javascript:|style=|<iframe/i);
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer">b</a>'); // its href dropped
    expect(html).toContain('<a href="https://example.org" target="_blank" rel="noopener noreferrer">d</a>');
  });

  it('cloze markers survive rendering, even inside highlighted code', () => {
    expect(clozeMarkdownToHtml('the {{c1::**bold**::hint}} and {{c2::x}}')).toBe(
      '<p>the {{c1::<strong>bold</strong>::hint}} and {{c2::x}}</p>\n',
    );
    const code = clozeMarkdownToHtml('```bash\necho "{{c1::hello}}" | grep {{c2::h}}\n```');
    expect(code).toContain('{{c1::hello}}');
    expect(code).toContain('{{c2::h}}');
    expect(code).toContain('<pre><code class="language-bash">');
  });
});
