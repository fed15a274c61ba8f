/**
 * A home that cannot be used fails every command in one line naming the home and the reason, exit 1,
 * within seconds (`daemon start` under /proc/x looped at 100% CPU in Node's recursive mkdir). The
 * cases fail as root too: below a regular file, in /proc, a file itself, a name too long.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempHome } from '../support/daemon-fixture.js';
import { REPO_ROOT } from '../support/paths.js';

const BIN = join(REPO_ROOT, 'bin', 'labtrace.js');

const COMMANDS: string[][] = [
  ['daemon', 'start', '--port', '0'],
  ['daemon', 'run', '--port', '0'],
  ['daemon', 'status'],
  ['daemon', 'stop'],
  ['runs'],
  ['query', 'SELECT 1'],
  ['show'],
  ['diff', 'a', 'b'],
  ['lineage'],
  ['overhead'],
  ['ingest'],
  ['env'],
];

interface Outcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

function labtrace(args: string[], env: Record<string, string>): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
    if (!('LABTRACE_HOME' in env)) delete childEnv.LABTRACE_HOME;
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function expectBadHome(home: string, reason: RegExp, via: 'env' | 'option' = 'env'): Promise<void> {
  const outcomes = await Promise.all(
    COMMANDS.map((args) => (via === 'env' ? labtrace(args, { LABTRACE_HOME: home }) : labtrace(['--home', home, ...args], {}))),
  );
  const origin = via === 'env' ? 'LABTRACE_HOME' : '--home';
  const fix = via === 'env' ? 'set LABTRACE_HOME to a writable directory' : 'pass --home a writable directory';
  const line = new RegExp(`^labtrace: cannot use ${escape(origin)} ${escape(home)}: [^\\n]+; ${escape(fix)}\\n$`);
  COMMANDS.forEach((args, i) => {
    const o = outcomes[i]!;
    const what = `${args.join(' ')} with ${origin} ${home.slice(0, 60)}`;
    assert.equal(o.status, 1, `${what}: exit ${o.status}, stderr ${o.stderr}`);
    assert.match(o.stderr, line, what);
    assert.match(o.stderr, reason, what);
    assert.equal(o.stdout, '', what);
    assert.ok(o.ms < 10_000, `${what} took ${o.ms} ms`);
  });
}

test('a home below a regular file', async () => {
  const tmp = new TempHome('bad-home-');
  try {
    const file = join(tmp.root, 'a-file');
    writeFileSync(file, 'x');
    await expectBadHome(join(file, 'home'), /a part of the path is a file.*ENOTDIR/);
    await expectBadHome(join(file, 'home'), /ENOTDIR/, 'option');
    assert.ok(!existsSync(join(file, 'home')));
  } finally {
    tmp.remove();
  }
});

test('a home that is a regular file', async () => {
  const tmp = new TempHome('bad-home-');
  try {
    const file = join(tmp.root, 'a-file');
    writeFileSync(file, 'x');
    await expectBadHome(file, /it is a file, not a directory/);
  } finally {
    tmp.remove();
  }
});

test('a home in /proc: no hang', async () => {
  await expectBadHome('/proc/labtrace-no-such-dir', /no directory can be created there \(ENOENT\)/);
  await expectBadHome('/proc/labtrace-no-such-dir/home', /ENOENT, \/proc\/labtrace-no-such-dir\)/);
});

test('a home whose name is too long', async () => {
  const tmp = new TempHome('bad-home-');
  try {
    await expectBadHome(join(tmp.root, 'x'.repeat(300)), /the path is too long \(ENAMETOOLONG\)/);
  } finally {
    tmp.remove();
  }
});

test('a home whose spool is a regular file', async () => {
  const tmp = new TempHome('bad-home-');
  try {
    writeFileSync(tmp.paths.spool, 'x');
    await expectBadHome(tmp.root, /ENOTDIR|EEXIST/);
  } finally {
    tmp.remove();
  }
});

test('a good home that does not exist yet is made, private', async () => {
  const tmp = new TempHome('bad-home-');
  try {
    const home = join(tmp.root, 'new', 'home');
    const o = await labtrace(['runs'], { LABTRACE_HOME: home });
    assert.equal(o.status, 1);
    assert.match(o.stderr, /daemon is not running/);
    assert.ok(existsSync(join(home, 'spool')));
  } finally {
    tmp.remove();
  }
});
