/**
 * The `col.models` JSON of an exported package: Mnemo's three note types in Anki's schema-11
 * form (rslib/src/notetype/schema11.rs), with readable templates and the app's look: the
 * heading path above the card, monospaced highlighted code, light and night mode.
 * `MnemoSource` is in no template, so Anki never shows it.
 */
import { MNEMO_FIELDS, MNEMO_NOTETYPE_IDS, MNEMO_NOTETYPE_NAMES } from '../../anki/mnemo-notetypes.ts';
import type { NoteKind } from '../../model/types.ts';

const CONTEXT = '{{#Context}}<div class="mnemo-context">{{Context}}</div>{{/Context}}';

interface Template {
  name: string;
  qfmt: string;
  afmt: string;
}

const TEMPLATES: Record<NoteKind, Template[]> = {
  basic: [
    {
      name: 'Card 1',
      qfmt: `${CONTEXT}\n<div class="mnemo-side">{{Front}}</div>`,
      afmt: '{{FrontSide}}\n\n<hr id="answer">\n\n<div class="mnemo-side">{{Back}}</div>',
    },
  ],
  reversed: [
    {
      name: 'Card 1',
      qfmt: `${CONTEXT}\n<div class="mnemo-side">{{Front}}</div>`,
      afmt: '{{FrontSide}}\n\n<hr id="answer">\n\n<div class="mnemo-side">{{Back}}</div>',
    },
    {
      name: 'Card 2',
      qfmt: `${CONTEXT}\n<div class="mnemo-side">{{Back}}</div>`,
      afmt: '{{FrontSide}}\n\n<hr id="answer">\n\n<div class="mnemo-side">{{Front}}</div>',
    },
  ],
  cloze: [
    {
      name: 'Cloze',
      qfmt: `${CONTEXT}\n<div class="mnemo-side">{{cloze:Text}}</div>`,
      afmt: `${CONTEXT}\n<div class="mnemo-side">{{cloze:Text}}</div>\n{{#Extra}}<hr id="answer">\n<div class="mnemo-side">{{Extra}}</div>{{/Extra}}`,
    },
  ],
};

/** The app's card styles (renderer/src/styles/markdown.css, theme.css) as plain CSS. */
export const MNEMO_CSS = `.card {
  font-family: -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: #1f2328;
  background-color: #ffffff;
}
.mnemo-side {
  max-width: 46em;
  margin: 0 auto;
}
.mnemo-context {
  max-width: 46em;
  margin: 0 auto 0.75em;
  font-size: 0.7em;
  color: #5b6470;
}
.mnemo-side img { max-width: 100%; height: auto; }
.mnemo-side code, .mnemo-side pre {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
}
.mnemo-side code { font-size: 0.9em; background: #f1f3f6; border-radius: 4px; padding: 0.1em 0.3em; }
.mnemo-side pre {
  background: #f1f3f6;
  border-radius: 8px;
  padding: 0.75rem 1rem;
  overflow-x: auto;
  line-height: 1.45;
  white-space: pre;
}
.mnemo-side pre code { background: none; padding: 0; font-size: 0.85em; }
.mnemo-side table { border-collapse: collapse; }
.mnemo-side th, .mnemo-side td { border: 1px solid #d9dde3; padding: 0.25rem 0.5rem; }
.mnemo-side blockquote { margin: 0; padding-left: 1rem; border-left: 3px solid #d9dde3; color: #5b6470; }
.cloze, .mnemo-side mark { background: #fde68a; color: inherit; border-radius: 3px; padding: 0 0.2em; font-weight: 600; }
.hljs-keyword, .hljs-selector-tag { color: #a626a4; }
.hljs-string, .hljs-regexp, .hljs-addition { color: #50a14f; }
.hljs-number, .hljs-literal { color: #986801; }
.hljs-comment, .hljs-quote { color: #6a737d; font-style: italic; }
.hljs-title, .hljs-section { color: #4078f2; }
.hljs-attr, .hljs-attribute, .hljs-variable, .hljs-template-variable { color: #c18401; }
.hljs-built_in, .hljs-type, .hljs-meta { color: #0184bc; }
.hljs-deletion { color: #b42318; }
.nightMode .card, .card.nightMode, .night_mode .card { color: #e6e8eb; background-color: #15181c; }
.nightMode .mnemo-context { color: #a0a8b3; }
.nightMode .mnemo-side code, .nightMode .mnemo-side pre { background: #262b32; }
.nightMode .mnemo-side pre code { background: none; }
.nightMode .mnemo-side th, .nightMode .mnemo-side td, .nightMode .mnemo-side blockquote { border-color: #343a42; }
.nightMode .cloze, .nightMode .mnemo-side mark { background: #854d0e; }
.nightMode .hljs-keyword, .nightMode .hljs-selector-tag { color: #c678dd; }
.nightMode .hljs-string, .nightMode .hljs-regexp, .nightMode .hljs-addition { color: #98c379; }
.nightMode .hljs-number, .nightMode .hljs-literal { color: #d19a66; }
.nightMode .hljs-comment, .nightMode .hljs-quote { color: #8b949e; }
.nightMode .hljs-title, .nightMode .hljs-section { color: #61afef; }
.nightMode .hljs-attr, .nightMode .hljs-attribute, .nightMode .hljs-variable { color: #e5c07b; }
.nightMode .hljs-built_in, .nightMode .hljs-type, .nightMode .hljs-meta { color: #56b6c2; }
`;

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n' +
  '\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

/** One note type in schema-11 JSON. `did` is the deck new notes of this type default to. */
function notetypeJson(kind: NoteKind, mod: number, did: number) {
  const templates = TEMPLATES[kind];
  return {
    id: MNEMO_NOTETYPE_IDS[kind],
    name: MNEMO_NOTETYPE_NAMES[kind],
    type: kind === 'cloze' ? 1 : 0,
    mod,
    usn: 0,
    sortf: 0,
    did,
    tmpls: templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: MNEMO_FIELDS[kind].map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
    })),
    css: MNEMO_CSS,
    latexPre: LATEX_PRE,
    latexPost: '\\end{document}',
    latexsvg: false,
    // Anki before 2.1.28 decides from `req` which cards a note has: card N needs field N.
    req: kind === 'cloze' ? [[0, 'any', [0]]] : templates.map((_t, ord) => [ord, 'any', [ord]]),
    tags: [],
    vers: [],
  };
}

/** `col.models`: all three note types (unused ones cost nothing and keep ids stable). */
export function modelsJson(mod: number, did: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of ['basic', 'reversed', 'cloze'] as const) {
    out[String(MNEMO_NOTETYPE_IDS[kind])] = notetypeJson(kind, mod, did);
  }
  return out;
}
