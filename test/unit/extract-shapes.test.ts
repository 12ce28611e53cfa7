import { describe, expect, it } from 'vitest';
import { extractDraft, extractProposals, WRITE_THE_QUESTION } from '../../core/compiler/extract.ts';
import { parseDeckFile } from '../../core/compiler/parse.ts';

/** Each proposal as [shape, front, back, twoWay], in the order of the notes. */
const shapes = (text: string) => extractProposals(text).map((p) => [p.shape, p.front, p.back, p.twoWay]);

describe('extract: TERM: explanation lines', () => {
  it('an all-capitals term (a directive) is asked both ways as code; other terms one way', () => {
    expect(shapes('FROM: 指定基础镜像\nOverlay2: 联合文件系统\n镜像: 只读模板\nA: 一个字母\n')).toEqual([
      ['term', '`FROM`', '指定基础镜像', true],
      ['term', 'Overlay2', '联合文件系统', false],
      ['term', '镜像', '只读模板', false],
      ['term', 'A', '一个字母', false],
    ]);
  });

  it('a # comment after the explanation goes in brackets; http: and https: are no terms', () => {
    expect(shapes('CMD: 容器启动时的命令   # 可被 run 覆盖\n')).toEqual([
      ['term', '`CMD`', '容器启动时的命令（可被 run 覆盖）', true],
    ]);
    expect(shapes('HTTP: 超文本传输协议\nhttps: 加密的\n')).toEqual([]);
    // No space after the colon: a path or a URL, not a term.
    expect(shapes('path:/etc/docker\n')).toEqual([]);
  });
});

describe('extract: command lines', () => {
  it('a # comment after the command is the question, the command the answer', () => {
    expect(shapes('docker ps -a   # 列出所有容器\n')).toEqual([
      ['command', '列出所有容器', '`docker ps -a`', false],
    ]);
  });

  it('a # inside backticks is part of the command; the answer then uses a longer fence', () => {
    expect(shapes('docker rm `docker ps -q #x` # 删除全部\n')).toEqual([
      ['command', '删除全部', '`` docker rm `docker ps -q #x` ``', false],
    ]);
  });

  it('a Chinese description right after the command, its leading commas dropped', () => {
    expect(shapes('docker port 查看端口映射\ndocker ps，列出运行中的容器\n')).toEqual([
      ['command', '查看端口映射', '`docker port`', false],
      ['command', '列出运行中的容器', '`docker ps`', false],
    ]);
    // One word before the description is prose that starts with a command's name.
    expect(shapes('docker，一个容器引擎\n')).toEqual([]);
  });

  it('a command kept as a # comment, described after it; without a description it is nothing', () => {
    // (`# nsenter …` with a space would be a heading.)
    expect(shapes('#nsenter -t 1 -n ip a，进入网络名称空间\n')).toEqual([
      ['command', '进入网络名称空间', '`nsenter -t 1 -n ip a`', false],
    ]);
    expect(shapes('#docker ps\n')).toEqual([]);
  });

  it('a command alone: the question is left to write; lines ending in \\ go on, not past a blank line', () => {
    expect(shapes('docker ps\ndocker run -d \\\n  --name web \\\n\nnginx\ndocker ps\n')).toEqual([
      ['bare-command', WRITE_THE_QUESTION, '`docker ps`', false],
      ['bare-command', WRITE_THE_QUESTION, '```bash\ndocker run -d \\\n--name web \\\n```', false],
    ]);
    // A word that only starts like a command is no command.
    expect(shapes('dockerd --debug\nlsblk\n')).toEqual([]);
  });
});

describe('extract: numbered items', () => {
  it('the title, and the lines under it up to a blank line, the next item or a fence', () => {
    const text = [
      '1. bridge',
      '默认模式',
      'docker0 网桥',
      '2) host',
      '共享宿主机网络',
      '',
      'FROM: 不是第二项的一部分',
      '3、none',
      '只有回环接口',
      '```',
      'docker network ls',
      '```',
    ].join('\n');
    expect(extractProposals(text).map((p) => [p.shape, p.front, p.back, p.line])).toEqual([
      ['numbered', 'bridge', '- 默认模式\n- docker0 网桥', 1],
      ['numbered', 'host', '- 共享宿主机网络', 4],
      ['term', '`FROM`', '不是第二项的一部分', 7],
      ['numbered', 'none', '- 只有回环接口', 8],
      ['bare-command', WRITE_THE_QUESTION, '`docker network ls`', 11],
    ]);
  });

  it('a title alone splits at two spaces or " - "; with nothing to split it is no card', () => {
    expect(shapes('1. bridge  默认模式  nat\n\n2. host - 共享网络\n\n3. 只有标题\n')).toEqual([
      ['numbered', 'bridge', '- 默认模式，nat', false],
      ['numbered', 'host', '- 共享网络', false],
    ]);
  });

  it('a title with lines under it still gives what follows two spaces to the back, first', () => {
    expect(shapes('4.container  共享  网络\n第一个容器的\n')).toEqual([
      ['numbered', 'container', '- 共享 网络\n- 第一个容器的', false],
    ]);
  });

  it('at most two digits: a year is not an item', () => {
    expect(shapes('2024. 发布  新版本\n')).toEqual([]);
  });
});

describe('extract: term pairs', () => {
  it('term（中文） and 中文（term） are asked both ways, each term once whatever its case', () => {
    expect(
      shapes('bridge（桥接模式）和 Host Mode（主机模式）\n联合文件系统（UnionFS）\nBridge（网桥）\n'),
    ).toEqual([
      ['pair', 'bridge', '桥接模式', true],
      ['pair', 'Host Mode', '主机模式', true],
      ['pair', 'UnionFS', '联合文件系统', true],
    ]);
  });
});

describe('extract: headings and fences', () => {
  it('the section is the heading path; a deeper heading replaces those at its level and below', () => {
    const text = '# Docker\n### 细节\nFROM: 基础镜像\n## 网络\nbridge（桥接）\n# K8s\nRUN: 运行\n';
    expect(extractProposals(text).map((p) => [p.front, p.section])).toEqual([
      ['`FROM`', 'Docker › 细节'],
      ['bridge', 'Docker › 网络'],
      ['`RUN`', 'K8s'],
    ]);
  });

  it('inside a fence a # line is a comment, not a heading, and only the same fence closes it', () => {
    const text = '# Notes\n~~~bash\n# 设置\n```\nRUN: 运行\n~~~\nENV: 环境变量\n';
    expect(extractProposals(text).map((p) => [p.front, p.section, p.line])).toEqual([
      ['`RUN`', 'Notes', 5],
      ['`ENV`', 'Notes', 7],
    ]);
  });

  it('reads Windows line endings and a byte-order mark', () => {
    expect(shapes('\uFEFFFROM: 基础镜像\r\nRUN: 运行\r\n')).toEqual([
      ['term', '`FROM`', '基础镜像', true],
      ['term', '`RUN`', '运行', true],
    ]);
  });
});

describe('extract: the draft deck', () => {
  const notes = 'FROM: 基础镜像\n# 命令\ndocker ps -a  # 列出容器\n1. std::vector  容器类\n';

  it('front matter names the notes; cards under their headings, one line or ?/?? blocks', () => {
    expect(extractDraft(notes, '/home/me/notes/Docker.MD')).toBe(
      [
        '---',
        'deck: "Docker::草稿"',
        'tags: [extracted]',
        'source: "Docker.MD"',
        '---',
        '',
        '# Cards proposed from Docker.MD (edit before compiling)',
        '',
        '`FROM`:::基础镜像',
        '',
        '## 命令',
        '',
        '列出容器::`docker ps -a`',
        '',
        'std::vector',
        '?',
        '- 容器类',
        '',
      ].join('\n'),
    );
    expect(extractDraft(notes, 'Docker.md', 'Docker::命令')).toMatch(/^---\ndeck: "Docker::命令"\n/);
  });

  it('compiles: the two-way term as a reversed card, the front with :: as a ? card', () => {
    const parsed = parseDeckFile('draft.md', extractDraft(notes, 'Docker.md'), {
      defaultDeck: 'x',
      fileExists: () => true,
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.cards.map((c) => [c.kind, c.fields.front, c.fields.back, c.deck, c.tags])).toEqual([
      ['reversed', '`FROM`', '基础镜像', 'Docker::草稿', ['extracted']],
      ['basic', '列出容器', '`docker ps -a`', 'Docker::草稿', ['extracted']],
      ['basic', 'std::vector', '- 容器类', 'Docker::草稿', ['extracted']],
    ]);
  });

  it('cards under an empty heading after a named one get a heading of their own', () => {
    expect(extractDraft('# 命令\nFROM: 基础镜像\n#\nRUN: 运行\n', 'n.md')).toMatch(
      /\n## 命令\n\n`FROM`:::基础镜像\n\n## \(no heading\)\n\n`RUN`:::运行\n$/,
    );
  });

  it('a two-way proposal too long for one line is a ?? block', () => {
    const draft = extractDraft('HEALTHCHECK: 健康检查::间隔\n', 'n.md');
    expect(draft.endsWith('\n`HEALTHCHECK`\n??\n健康检查::间隔\n')).toBe(true);
  });
});

describe('extract: the edges of each shape', () => {
  it('a # comment that is itself a command is the question; a # inside a word starts no comment', () => {
    expect(shapes('docker stop web  # docker rm 之前先停止\n')).toEqual([
      ['command', 'docker rm 之前先停止', '`docker stop web`', false],
    ]);
    expect(shapes('git log --grep=#123 --oneline\n')).toEqual([
      ['bare-command', WRITE_THE_QUESTION, '`git log --grep=#123 --oneline`', false],
    ]);
  });

  it('a description keeps its inner spaces and loses every separator before it', () => {
    expect(shapes('#nsenter -t 1 -n ip a 进入 网络名称空间\n#nsenter -t 2 ip a， 进入\n')).toEqual([
      ['command', '进入 网络名称空间', '`nsenter -t 1 -n ip a`', false],
      ['command', '进入', '`nsenter -t 2 ip a`', false],
    ]);
  });

  it('indented lines are read as their text; a line of spaces ends a command or an item', () => {
    expect(
      shapes('  FROM: 基础镜像\ndocker run \\\n   \ndocker ps\n1. bridge\n    默认模式\n   \n2. host\n'),
    ).toEqual([
      ['term', '`FROM`', '基础镜像', true],
      ['bare-command', WRITE_THE_QUESTION, '`docker run \\`', false],
      ['bare-command', WRITE_THE_QUESTION, '`docker ps`', false],
      ['numbered', 'bridge', '- 默认模式', false],
    ]);
  });

  it('a command or an item at the very end of a file without a final newline', () => {
    expect(shapes('docker run -d \\')).toEqual([
      ['bare-command', WRITE_THE_QUESTION, '`docker run -d \\`', false],
    ]);
    expect(shapes('1. none\n只有回环接口')).toEqual([['numbered', 'none', '- 只有回环接口', false]]);
  });

  it('an indented closing fence closes; another fence inside does not, and # stays a comment there', () => {
    const text = '~~~bash\n```\n# 设置\nRUN: 运行\n  ~~~\n# 镜像\nENV: 环境变量\n';
    expect(extractProposals(text).map((p) => [p.front, p.section])).toEqual([
      ['`RUN`', ''],
      ['`ENV`', '镜像'],
    ]);
  });

  it('only http: and https: themselves are left out; a directive is all capitals', () => {
    expect(shapes('httpd: Apache 的服务\nnode-http: Node 的模块\nURLs: 网址\nmacOS: 苹果的系统\n')).toEqual([
      ['term', 'httpd', 'Apache 的服务', false],
      ['term', 'node-http', 'Node 的模块', false],
      ['term', 'URLs', '网址', false],
      ['term', 'macOS', '苹果的系统', false],
    ]);
  });

  it("spaces inside a pair's brackets are not part of it", () => {
    expect(shapes('bridge（ 桥接模式 ）\n联合文件系统（UnionFS ）\n')).toEqual([
      ['pair', 'bridge', '桥接模式', true],
      ['pair', 'UnionFS', '联合文件系统', true],
    ]);
  });

  it('the draft deck is named after the notes without .md only at the end', () => {
    expect(extractDraft('FROM: 基础镜像\n', 'guide.mdx')).toMatch(/^---\ndeck: "guide\.mdx::草稿"\n/);
  });
});
