import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDraft, extractProposals, WRITE_THE_QUESTION } from '../../core/compiler/extract.ts';
import { parseDeckFile } from '../../core/compiler/parse.ts';
import { tempDir } from '../helpers/collection.ts';

const NOTES = fileURLToPath(new URL('../fixtures/docker-review-notes.md', import.meta.url));
const text = readFileSync(NOTES, 'utf8');
const DIRECTIVES =
  'FROM LABEL RUN ENV ARG COPY ADD CMD ENTRYPOINT VOLUME EXPOSE WORKDIR ONBUILD USER HEALTHCHECK'.split(' ');

describe('mnemo extract on the user notes', () => {
  // Extracted inside each test, not while the file is collected, so what each test runs is
  // its own (npm run mutate).
  const proposals = () => extractProposals(text);

  it('finds all 15 Dockerfile directives as two-way term cards', () => {
    const terms = proposals()
      .filter((p) => p.shape === 'term' && p.twoWay)
      .map((p) => p.front.replace(/`/g, ''));
    expect(terms).toEqual(DIRECTIVES);
    expect(proposals().find((p) => p.front === '`FROM`')!.back).toBe('指定基础镜像');
  });

  it('finds the six network modes from the numbered list', () => {
    const modes = proposals()
      .filter((p) => p.shape === 'numbered')
      .map((p) => p.front);
    for (const mode of ['bridge', 'host', 'none', 'container', 'overlay', '自定义网络']) {
      expect(
        modes.some((m) => m.startsWith(mode)),
        mode,
      ).toBe(true);
    }
    expect(proposals().find((p) => p.front.startsWith('none'))!.back).toBe('- 只有回环接口');
  });

  it('finds the commented commands', () => {
    const commands = new Map(
      proposals()
        .filter((p) => p.shape === 'command')
        .map((p) => [p.back, p.front]),
    );
    expect(commands.get('`docker info`')).toBe('可以看daemon.json是否生效');
    expect(commands.get('`docker image prune -a -f`')).toBe('清除dangling和不再使用的镜像');
    expect(commands.get('`nsenter -t 4136 -n ip a`')).toBe('进入4136容器的对应网络名称空间执行命令');
    expect(commands.get('`` docker rmi -f `docker images -q -f dangling=true` ``')).toBe(
      '删除tag为none的镜像/或用来删除其他标签',
    );
    expect(commands.get('`docker cp -a 容器id:/etc/centos-release .`')).toBe('复制文件');
    expect(commands.get('`docker port`')).toBe('查看端口映射关系');
    expect(commands.size).toBeGreaterThanOrEqual(15);
  });

  it('writes a draft that compiles in the card syntax without errors', () => {
    const draft = extractDraft(text, 'docker-review-notes.md');
    const parsed = parseDeckFile('draft.md', draft, { defaultDeck: 'x', fileExists: () => true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.cards).toHaveLength(proposals().length);
  });

  it('is a CLI command writing to stdout or -o FILE', () => {
    const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
    const out = join(tempDir(), 'draft.md');
    const r = spawnSync(process.execPath, [bin, 'extract', NOTES, '-o', out], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(extractDraft(text, NOTES));
    const missing = spawnSync(process.execPath, [bin, 'extract', 'nope.md'], { encoding: 'utf8' });
    expect(missing.stderr).toBe('mnemo: no such file: nope.md\n');
    expect(missing.status, 'a missing file is not a usage error (2)').toBe(1);
    const folder = spawnSync(process.execPath, [bin, 'extract', tempDir()], { encoding: 'utf8' });
    expect(folder.stderr).toMatch(/^mnemo: \S+ is a folder: give one notes file\n$/);
    expect(folder.status).toBe(1);
  });

  it('--deck NAME chooses the draft deck (a name that is no deck name is a usage error)', () => {
    const bin = fileURLToPath(new URL('../../bin/mnemo.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [bin, 'extract', NOTES, '--deck', 'Docker::命令'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['---', 'deck: "Docker::命令"']);
    const bad = spawnSync(process.execPath, [bin, 'extract', NOTES, '--deck', 'Docker::'], {
      encoding: 'utf8',
    });
    expect(bad.stderr).toBe('mnemo: --deck: "Docker::" is not a deck name such as "Docker::命令"\n');
    expect(bad.status).toBe(2);
  });
});

describe('command lines with nothing said about them', () => {
  const notes = [
    '# Docker',
    '## 网络',
    'docker network ls',
    'docker network inspect bridge   # 查看网络详情',
    '```bash',
    'docker run -d \\',
    '  --name web nginx',
    'docker network ls',
    '```',
    'docker: the engine',
    'docker-20.10.24以前版本没有内置',
    '## 镜像',
    'docker image ls',
  ].join('\n');

  it('become cards with the command as the answer, under their heading, the question left to write', () => {
    const bare = extractProposals(notes).filter((p) => p.shape === 'bare-command');
    expect(bare.map((p) => [p.front, p.back, p.section, p.line])).toEqual([
      [WRITE_THE_QUESTION, '`docker network ls`', 'Docker › 网络', 3],
      [WRITE_THE_QUESTION, '```bash\ndocker run -d \\\n--name web nginx\n```', 'Docker › 网络', 6],
      [WRITE_THE_QUESTION, '`docker image ls`', 'Docker › 镜像', 13],
    ]);
    // The commented command and the term stay what they were.
    expect(extractProposals(notes).map((p) => p.shape)).toEqual([
      'bare-command',
      'command',
      'bare-command',
      'term',
      'bare-command',
    ]);
  });

  it('compile from the draft with the heading as their context', () => {
    const parsed = parseDeckFile('draft.md', extractDraft(notes, 'notes.md'), {
      defaultDeck: 'x',
      fileExists: () => true,
    });
    expect(parsed.errors).toEqual([]);
    const card = parsed.cards.find((c) => c.fields.back === '`docker image ls`')!;
    expect(card.fields.front).toBe('TODO: write the question');
    expect(card.context).toMatch(/Docker › 镜像$/);
    expect(card.deck).toBe('notes::草稿');
  });
});
