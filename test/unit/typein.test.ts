import { describe, expect, it } from 'vitest';
import { canonicalCommand, compareTyped, diffChars, shellWords } from '../../core/typein/compare.ts';

describe('type-in comparison', () => {
  it.each([
    ['docker ps -a -s', 'docker ps -s -a'],
    ['docker   ps  -a', 'docker ps -a'],
    ['docker logs --tail=20 web', 'docker logs --tail 20 web'],
    ['docker run -d -p 80:80 nginx', 'docker run -p 80:80 -d nginx'],
    ['docker inspect --format "{{.State.Pid}}" web', "docker inspect --format '{{.State.Pid}}' web"],
    ['`docker system df`', 'docker system df'],
  ])('%s equals %s', (typed, expected) => {
    expect(compareTyped(typed, expected).equal).toBe(true);
  });

  it.each([
    ['docker ps', 'docker ps -a'],
    ['docker rm web', 'docker rmi web'],
    ['docker run -p 8080:80 nginx', 'docker run -p 80:8080 nginx'],
  ])('%s differs from %s', (typed, expected) => {
    expect(compareTyped(typed, expected).equal).toBe(false);
  });

  it('highlights what is missing and what is extra', () => {
    expect(compareTyped('docker rm web', 'docker rmi web').diff).toEqual([
      { kind: 'same', text: 'docker rm' },
      { kind: 'missing', text: 'i' },
      { kind: 'same', text: ' web' },
    ]);
    expect(diffChars('abcx', 'abc')).toEqual([
      { kind: 'same', text: 'abc' },
      { kind: 'extra', text: 'x' },
    ]);
  });

  it('splits words like a shell', () => {
    expect(shellWords(`echo "a b" 'c' d`)).toEqual(['echo', 'a b', 'c', 'd']);
    expect(canonicalCommand('docker ps -s -a')).toBe('docker ps -a -s');
  });
});

describe('expected answers', () => {
  it('come from the back: first line, code block without its comments, no HTML', async () => {
    const { expectedAnswer } = await import('../../core/notes/render.ts');
    expect(expectedAnswer('basic', { front: 'q', back: '`docker ps -a`' }, 0)).toBe('docker ps -a');
    expect(expectedAnswer('basic', { front: 'q', back: '```bash\n# list\ndocker ps -a\n```' }, 0)).toBe(
      'docker ps -a',
    );
    expect(expectedAnswer('basic', { front: 'q', back: '<b>docker</b> info' }, 0)).toBe('docker info');
    expect(expectedAnswer('cloze', { text: 'a {{c1::x}} b {{c2::y}} {{c1::z}}' }, 0)).toBe('x z');
  });
});
