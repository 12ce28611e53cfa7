/**
 * The card linter's rules (issue 12, item 2): each one with a card that trips it and one that
 * does not, and the lint-ignore comment that accepts a finding.
 */
import { describe, expect, it } from 'vitest';
import { parseDeckFile } from '../../core/compiler/parse.ts';
import { lintParsed } from '../../core/lint/lint.ts';
import { itemCount } from '../../core/lint/text.ts';
import { formatFinding, type LintFinding } from '../../core/lint/types.ts';

/** Lints files given as name → text; returns `file:line: rule` for each finding. */
function lint(files: Record<string, string>): string[] {
  return findings(files).map((f) => `${f.file}:${f.line}: ${f.rule}`);
}

function findings(files: Record<string, string>): LintFinding[] {
  const parsed = Object.entries(files).map(([path, text]) => {
    const p = parseDeckFile(path, text, { defaultDeck: 'D', fileExists: () => true });
    expect(p.errors).toEqual([]);
    return p;
  });
  return lintParsed(parsed, new Map(Object.entries(files)));
}

describe('duplicate: near-duplicate cards across files', () => {
  it('flags the same question in another file, at the later card, naming the first', () => {
    const f = findings({
      'a.md': '查看容器 web 的端口映射关系:::`docker port web`\n',
      'b.md': 'x::y\n\n查看容器 web 的端口映射关系的命令::`docker port web`\n',
    });
    expect(f).toEqual([
      {
        file: 'b.md',
        line: 3,
        rule: 'duplicate',
        message: 'near-duplicate of a.md:1 ("查看容器 web 的端口映射关系"): keep one',
      },
    ]);
    expect(formatFinding(f[0]!)).toMatch(/^b\.md:3: duplicate: near-duplicate of a\.md:1/);
  });

  it('flags the same specific answer to a differently worded question, remarks aside', () => {
    expect(
      lint({
        'a.md': '删除容器的同时删除它的匿名卷:::`docker rm -v <容器>`\n',
        'b.md': '删除容器时一并删除 VOLUME 产生的匿名卷的命令::`docker rm -v <容器>`（`-f` 表示强制）\n',
      }),
    ).toEqual(['b.md:1: duplicate']);
  });

  it('leaves related cards alone: same file, a bare term naming two things, a short common answer', () => {
    expect(
      lint({
        'a.md':
          '查看容器 web 的端口映射关系:::`docker port web`\n查看容器 web 的端口映射关系的命令::`docker port web`\n',
        'b.md': 'overlay2 中 OverlayFS 的工作目录::workdir\n',
        'c.md': '设置工作目录的 Dockerfile 指令::`WORKDIR`\n`docker rm -v` 会删除命名卷吗？::不会\n',
        'd.md': '`docker rmi` 会删除正在使用的镜像吗？::不会\n',
      }),
    ).toEqual([]);
  });
});

describe('list-back: backs that list more than a handful of items', () => {
  it('counts an enumeration, a Markdown list, a table and a path', () => {
    expect(itemCount('目标进程 PID；进入其 network、mount、UTS、IPC、PID namespace')).toBe(6);
    expect(itemCount('- a\n- b\n- c\n- d\n- e')).toBe(5);
    expect(itemCount('| k | v |\n|---|---|\n| 1 | a |\n| 2 | b |')).toBe(2);
    expect(itemCount('容器 eth0 → veth → docker0 → 物理网卡 → 互联网')).toBe(5);
    // Clauses are not items; asides in brackets are remarks.
    expect(itemCount('不能，这些都属于网络命名空间，由第一个容器决定')).toBe(1);
    expect(itemCount('设置后续指令（RUN、CMD、ENTRYPOINT、COPY、ADD）的工作目录')).toBe(1);
  });

  it('flags five items, and a cloze hiding five; passes four', () => {
    expect(
      lint({
        'a.md': [
          'Harbor 多出的功能::Web UI、RBAC、漏洞扫描、镜像复制、审计日志',
          '重启策略::`no`、`on-failure`、`always`、`unless-stopped`',
          '',
          '三个默认网络是 ==bridge、host、none、overlay、macvlan==。',
          '',
        ].join('\n'),
      }),
    ).toEqual(['a.md:1: list-back', 'a.md:4: list-back']);
  });
});

describe('long-back: backs over the length limit', () => {
  it('flags a back over 200 characters, not one of 200', () => {
    expect(lint({ 'a.md': `长的::${'字'.repeat(201)}\n短的::${'字'.repeat(200)}\n` })).toEqual([
      'a.md:1: long-back',
    ]);
  });
});

describe('bare-reverse: reverse prompts that are a bare term', () => {
  it('flags a bare name whose front gives several properties', () => {
    expect(
      lint({
        'a.md': '每个容器有独立网络命名空间、自动分配地址、经 NAT 访问外网的网络模式:::bridge\n',
      }),
    ).toEqual(['a.md:1: bare-reverse']);
  });

  it('passes one distinguishing property, a command, a one-way card', () => {
    expect(
      lint({
        'a.md': [
          '与宿主机共享网络命名空间的网络模式:::host',
          '列出所有网络、查看其驱动:::`docker network ls`',
          '每个容器有独立网络命名空间、经 NAT 访问外网的网络模式::bridge',
          '',
        ].join('\n'),
      }),
    ).toEqual([]);
  });
});

describe('cloze-giveaway: clozes whose blanks give each other away', () => {
  it('flags a hidden text that stays visible elsewhere, or inside another blank', () => {
    expect(
      lint({
        'a.md':
          '==docker0== 的默认子网是 ==172.17.0.0/16==，docker0 是网关。\n\n用 ==docker network== 管理，如 ==docker network ls==。\n',
      }),
    ).toEqual(['a.md:1: cloze-giveaway', 'a.md:3: cloze-giveaway']);
  });

  it('passes blanks that hide what only they say (a Latin word inside another is not it)', () => {
    expect(lint({ 'a.md': 'veth 设备总是==成对==出现，==ip== 命令在 pipe 里也能用。\n' })).toEqual([]);
  });
});

describe('two-questions: fronts that ask two questions', () => {
  it('flags two question marks, and two asking clauses', () => {
    expect(
      lint({
        'a.md': [
          '项目名默认取什么？如何指定？::目录名；`-p`',
          'COPY 的源路径相对于什么，能否复制上级目录的文件::上下文；不能',
          '',
        ].join('\n'),
      }),
    ).toEqual(['a.md:1: two-questions', 'a.md:2: two-questions']);
  });

  it('passes one question, with an aside or a condition before it', () => {
    expect(
      lint({
        'a.md':
          '容器被删除后，VOLUME 产生的匿名卷默认会保留吗？::会（`--rm` 除外）\n`nsenter -t 4136` 中的 4136 是什么（不是容器 ID 吗？）::PID\n',
      }),
    ).toEqual([]);
  });
});

describe('lint-ignore comments', () => {
  const listCard = 'Harbor 多出的功能::Web UI、RBAC、漏洞扫描、镜像复制、审计日志';

  it('accept one rule on the card below, and are no card text', () => {
    const text = `a::b\n<!-- lint-ignore list-back: the eight features are one answer -->\n${listCard}\n`;
    const parsed = parseDeckFile('a.md', text, { defaultDeck: 'D', fileExists: () => true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.cards.map((c) => c.fields.back)).toEqual([
      'b',
      'Web UI、RBAC、漏洞扫描、镜像复制、审计日志',
    ]);
    expect(lint({ 'a.md': text })).toEqual([]);
    // Another rule is not accepted by it.
    expect(lint({ 'a.md': `<!-- lint-ignore long-back: long -->\n${listCard}\n` })).toEqual([
      'a.md:1: lint-ignore',
      'a.md:2: list-back',
    ]);
  });

  it('must name a rule and a reason, and accept something', () => {
    const f = findings({
      'a.md': [
        '<!-- lint-ignore list-back -->',
        listCard,
        '<!-- lint-ignore no-such-rule: because -->',
        'c::d',
        '<!-- lint-ignore two-questions: nothing here -->',
        'e::f',
        '',
        '<!-- lint-ignore long-back: after the last card -->',
        '',
      ].join('\n'),
    });
    expect(f.map((x) => `${x.line}: ${x.rule}: ${x.message}`)).toEqual([
      '1: lint-ignore: say why: <!-- lint-ignore list-back: reason -->',
      '2: list-back: the answer lists 5 things: split it into cards (or a cloze per item), at most 4 at once',
      '3: lint-ignore: unknown rule "no-such-rule": one of duplicate, list-back, long-back, bare-reverse, cloze-giveaway, two-questions',
      '5: lint-ignore: nothing to accept: the card at line 6 has no two-questions finding',
      '8: lint-ignore: no card below this comment',
    ]);
  });

  it('accept a duplicate at either of its two cards; inside a code fence they are code', () => {
    const first = '查看容器 web 的端口映射关系:::`docker port web`\n';
    const second = '查看容器 web 的端口映射关系的命令::`docker port web`\n';
    const why = '<!-- lint-ignore duplicate: asked in both decks on purpose -->\n';
    expect(lint({ 'a.md': why + first, 'b.md': second })).toEqual([]);
    expect(lint({ 'a.md': first, 'b.md': why + second })).toEqual([]);
    expect(lint({ 'a.md': `示例\n?\n\`\`\`\n${why}\`\`\`\n` })).toEqual([]);
  });
});
