/**
 * Progress lines: drawn and erased in place on a terminal, nothing at all otherwise; `labtrace analyze`
 * with several files under a real pseudo-terminal (util-linux `script`) shows `analysing i/n`, and
 * nothing extra with stderr piped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { progressLine, ticking, type ProgressStream } from './progress.js';
import { CLI_MAIN, REPO_ROOT } from '../test/support/paths.js';

function stream(isTTY: boolean): ProgressStream & { text: string } {
  const s = { text: '', isTTY, columns: 40, write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as ProgressStream & { text: string };
}

test('on a terminal: each update replaces the line, long text is cut to the width, clear erases it once', () => {
  const s = stream(true);
  const line = progressLine(s);
  line.update('one');
  line.update('x'.repeat(100));
  line.clear();
  line.clear();
  assert.equal(s.text, `\r\x1b[Kone\r\x1b[K${'x'.repeat(38)}…\r\x1b[K`);
});

test('not a terminal, or disabled: nothing written', () => {
  for (const [s, enabled] of [[stream(false), true], [stream(true), false]] as const) {
    const line = progressLine(s, enabled);
    line.update('one');
    line.clear();
    ticking(line, 'waiting').stop();
    assert.equal(s.text, '');
  }
});

const FILES = [join(REPO_ROOT, 'examples', 'apartments', 'bob.py'), join(REPO_ROOT, 'examples', 'demo', 'train.py')];
const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;

test('labtrace analyze on several files: a progress line on a terminal, none when piped', { skip: hasScript ? false : 'util-linux script is not installed' }, () => {
  const command = `${process.execPath} ${CLI_MAIN} analyze ${FILES.join(' ')} --format json > /dev/null`;
  const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LABTRACE_DISABLE: '1' } });
  assert.equal(tty.status, 0, tty.stderr);
  assert.match(tty.stdout, /\r\x1b\[Kanalysing 1\/2 /);
  assert.match(tty.stdout, /\r\x1b\[Kanalysing 2\/2 /);
  assert.ok(tty.stdout.endsWith('\r\x1b[K'), 'the line erased at the end');
  const piped = spawnSync(process.execPath, [CLI_MAIN, 'analyze', ...FILES, '--format', 'json'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LABTRACE_DISABLE: '1' } });
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(piped.stderr, '');
});
