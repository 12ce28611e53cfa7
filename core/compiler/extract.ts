/**
 * Proposes cards from raw notes that use no card syntax, by shapes that need none:
 *   `TERM: explanation` lines            (e.g. `FROM: 指定基础镜像`)
 *   command lines with a comment         (`docker info   #可以看daemon.json是否生效`,
 *                                         `#nsenter -t 4136 -n ip a 进入…`, `docker port 查看…`)
 *   command lines alone                  (`docker network ls`: the command is the answer; the
 *                                         question is left for the person to write)
 *   numbered items with a title and the lines under it (the network modes)
 *   `term（中文）` / `中文（term）` pairs
 * Fenced code blocks are read too: such notes keep most of their content in them.
 * The result is a draft in Mnemo's card syntax for a person to edit, not a deck.
 */
import { basename } from 'node:path';
import { codeMask, heading, openingFence } from './markdown-lines.ts';

export type Shape = 'term' | 'command' | 'bare-command' | 'numbered' | 'pair';

/** The front of a card whose question only the person can write (a command with no comment). */
export const WRITE_THE_QUESTION = 'TODO: write the question';

export interface Proposal {
  shape: Shape;
  front: string;
  back: string;
  /** Ask both ways (directive names, term pairs). */
  twoWay: boolean;
  section: string;
  line: number;
}

/** Words that start a shell command line in notes like these. */
const COMMANDS =
  /^(docker|docker-compose|lsns|nsenter|ls|cat|runlike|stress-ng|systemctl|sudo|curl|ip|brctl|iptables|kubectl|podman|crictl|ctr|nerdctl|journalctl|mkdir|vim|echo|apt|yum|dnf|criu|mount|ps|top|free|df|du|git)\b/;
const CJK = /[\u3400-\u9fff\uff01-\uff5e\u3000-\u303f]/;
const TERM_LINE = /^([A-Za-z][\w.-]*|[\u3400-\u9fff][\u3400-\u9fff\w]*)\s*:\s+(\S.*)$/;
const NUMBERED = /^\s*(\d{1,2})\s*[.、)]\s*(\S.*)$/;
const PAIR_EN_ZH = /([A-Za-z][\w.+-]*(?: [A-Za-z][\w.+-]*){0,2})\s*（([^）]+)）/g;
const PAIR_ZH_EN = /([\u3400-\u9fff]{2,})（([A-Za-z][\w .+-]*)）/g;

/** Splits `text  #comment` at the first # after whitespace that is not inside backticks. */
function splitComment(text: string): { body: string; comment: string | null } {
  const mask = codeMask(text);
  for (let at = text.indexOf('#'); at !== -1; at = text.indexOf('#', at + 1)) {
    if (at > 0 && /\s/.test(text[at - 1]!) && !mask[at]) {
      const comment = text.slice(at + 1).trim();
      return { body: text.slice(0, at).trim(), comment: comment || null };
    }
  }
  return { body: text.trim(), comment: null };
}

/** Inline code for any text: a longer backtick fence when the text holds backticks. */
function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/** A command and its description, from the three ways the notes write them. */
function commandLine(line: string): { command: string; description: string } | null {
  const t = line.trim();
  const commented = /^#\s*(\S.*)$/.exec(t);
  if (commented && COMMANDS.test(commented[1]!)) {
    // `#nsenter -t 4136 -n ip a 进入…`: a command kept as a comment, described after it.
    const rest = commented[1]!;
    const at = rest.search(CJK);
    if (at > 0)
      return { command: rest.slice(0, at).trim(), description: rest.slice(at).replace(/^[，,、\s]+/, '') };
    return null;
  }
  if (!COMMANDS.test(t)) return null;
  const { body, comment } = splitComment(t);
  if (comment) return { command: body, description: comment };
  const at = body.search(CJK);
  if (at > 0) {
    const command = body.slice(0, at).replace(/[\s,，]+$/, '');
    if (/\s/.test(command))
      return {
        command,
        description: body
          .slice(at)
          .replace(/^[，,、\s]+/, '')
          .trim(),
      };
  }
  return null;
}

/**
 * A command line with nothing said about it: no `#` comment, no description, no prose (no
 * CJK) around it. Lines ending in `\` go on, as in a shell.
 */
function bareCommand(lines: readonly string[], i: number): { command: string; last: number } | null {
  const t = lines[i]!.trim();
  // `docker: the engine` is a term to explain, not a command to remember.
  if (!COMMANDS.test(t) || CJK.test(t) || TERM_LINE.test(t) || commandLine(t)) return null;
  const parts = [t];
  let last = i;
  while (parts.at(-1)!.endsWith('\\') && last + 1 < lines.length && lines[last + 1]!.trim() !== '') {
    last++;
    parts.push(lines[last]!.trim());
  }
  return { command: parts.join('\n'), last };
}

export function extractProposals(text: string): Proposal[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const out: Proposal[] = [];
  const sections: string[] = [];
  const seenPairs = new Set<string>();
  const seenCommands = new Set<string>();
  let inFence = false;
  let fenceMark = '';
  const section = () => sections.filter(Boolean).join(' › ');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const fence = openingFence(raw);
    if (fence) {
      const mark = fence.char.repeat(3);
      if (!inFence) {
        inFence = true;
        fenceMark = mark;
      } else if (raw.trim().startsWith(fenceMark)) inFence = false;
      continue;
    }
    const h = inFence ? null : heading(raw);
    if (h) {
      sections.length = h.level - 1;
      sections[h.level - 1] = h.text;
      continue;
    }
    const line = raw.trim();
    if (!line) continue;
    const at = i + 1;

    const numbered = NUMBERED.exec(line);
    if (numbered) {
      // The title, then the lines under it up to a blank line or the next numbered item.
      const body: string[] = [];
      let j = i + 1;
      while (
        j < lines.length &&
        lines[j]!.trim() !== '' &&
        !NUMBERED.exec(lines[j]!) &&
        !openingFence(lines[j]!)
      ) {
        body.push(lines[j]!.trim());
        j++;
      }
      let title = numbered[2]!.trim();
      if (body.length === 0) {
        const parts = title.split(/\s{2,}|\s+-\s+/);
        if (parts.length < 2) continue;
        title = parts[0]!;
        body.push(parts.slice(1).join('，'));
      } else {
        const parts = title.split(/\s{2,}/);
        if (parts.length > 1) {
          title = parts[0]!;
          body.unshift(parts.slice(1).join(' '));
        }
      }
      out.push({
        shape: 'numbered',
        front: title,
        back: body.map((b) => `- ${b}`).join('\n'),
        twoWay: false,
        section: section(),
        line: at,
      });
      i = j - 1;
      continue;
    }
    const cmd = commandLine(line);
    if (cmd) {
      out.push({
        shape: 'command',
        front: cmd.description,
        back: inlineCode(cmd.command),
        twoWay: false,
        section: section(),
        line: at,
      });
      continue;
    }
    const bare = bareCommand(lines, i);
    if (bare) {
      // Once per command: notes repeat `docker ps` in many places.
      if (!seenCommands.has(bare.command)) {
        seenCommands.add(bare.command);
        out.push({
          shape: 'bare-command',
          front: WRITE_THE_QUESTION,
          back: bare.command.includes('\n')
            ? `\`\`\`bash\n${bare.command}\n\`\`\``
            : inlineCode(bare.command),
          twoWay: false,
          section: section(),
          line: at,
        });
      }
      i = bare.last;
      continue;
    }
    const term = TERM_LINE.exec(line);
    if (term && !/^https?$/i.test(term[1]!)) {
      const { body, comment } = splitComment(term[2]!);
      const back = comment ? `${body}（${comment}）` : body;
      const directive = /^[A-Z]{2,}$/.test(term[1]!);
      out.push({
        shape: 'term',
        front: directive ? `\`${term[1]}\`` : term[1]!,
        back,
        twoWay: directive,
        section: section(),
        line: at,
      });
      continue;
    }
    for (const re of [PAIR_EN_ZH, PAIR_ZH_EN]) {
      for (const m of line.matchAll(re)) {
        const [en, zh] = re === PAIR_EN_ZH ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
        const key = en.toLowerCase();
        if (seenPairs.has(key)) continue;
        seenPairs.add(key);
        out.push({
          shape: 'pair',
          front: en.trim(),
          back: zh.trim(),
          twoWay: true,
          section: section(),
          line: at,
        });
      }
    }
  }
  return out;
}

/** The proposals as a draft deck file in Mnemo's card syntax, in `deck` or `<notes>::草稿`. */
export function extractDraft(text: string, sourceName: string, deck?: string): string {
  const proposals = extractProposals(text);
  const stem = basename(sourceName).replace(/\.md$/i, '');
  const parts = [
    '---',
    `deck: ${JSON.stringify(deck ?? `${stem}::草稿`)}`,
    'tags: [extracted]',
    `source: ${JSON.stringify(basename(sourceName))}`,
    '---',
    '',
    `# Cards proposed from ${basename(sourceName)} (edit before compiling)`,
  ];
  let current = '';
  for (const p of proposals) {
    if (p.section !== current) {
      current = p.section;
      parts.push('', `## ${current || '(no heading)'}`);
    }
    parts.push('');
    const oneLine =
      !p.front.includes('\n') && !p.back.includes('\n') && !`${p.front}${p.back}`.includes('::');
    if (oneLine) parts.push(`${p.front}${p.twoWay ? ':::' : '::'}${p.back}`);
    else parts.push(p.front, p.twoWay ? '??' : '?', p.back);
  }
  return `${parts.join('\n')}\n`;
}
