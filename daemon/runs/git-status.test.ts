/**
 * A run that ends before its `git status` does not wait for it; the daemon sets the run's dirty flag
 * from git's output once git has exited (real daemon, real Python, a real repository; `git` on PATH
 * is a wrapper that answers 5 s late).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DaemonProcess, useDaemon, runCli, runTraced, sql, storeDiagnosis, waitFor } from '../../test/support/daemon-fixture.js';
import { discoverPythons } from '../../test/support/pythons.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));

const gitStatusFiles = (): string[] => (existsSync(daemon.home.paths.gitStatus) ? readdirSync(daemon.home.paths.gitStatus) : []);

/** The fake git answers this late (s); a traced run that waited for it would take longer. */
const SLOW_GIT_S = 5;

const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();

function gitRepo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'train.py'), 'print("trained")\n');
  for (const args of [['init', '-q'], ['add', 'train.py'], ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'first']]) {
    const r = spawnSync(realGit, args, { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
}

test('the dirty flag of a run that ended before git status comes from the daemon', { skip: realGit ? false : 'git is not installed' }, async () => {
  const python = discoverPythons().find((p) => p.minor === 11) ?? discoverPythons()[0]!;
  const project = join(daemon.home.root, 'dirty-project');
  gitRepo(project);
  appendFileSync(join(project, 'train.py'), '# tuned\n');
  const slowBin = join(daemon.home.root, 'slow-git');
  mkdirSync(slowBin);
  writeFileSync(join(slowBin, 'git'), `#!/bin/sh\nsleep ${SLOW_GIT_S}\nexec ${realGit} "$@"\n`);
  chmodSync(join(slowBin, 'git'), 0o755);

  const started = Date.now();
  const r = runTraced(python.executable, join(project, 'train.py'), daemon.home, { cwd: project, env: { PATH: `${slowBin}:${process.env.PATH ?? ''}` } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'trained\n');
  assert.ok(Date.now() - started < (SLOW_GIT_S - 0.5) * 1000, 'the traced run waited for git status');

  const diagnose = (): string => storeDiagnosis(daemon.home);
  const run = await waitFor('run', () => sql<{ run_id: string }>(daemon.home,
    `SELECT run_id FROM runs WHERE script = '${join(project, 'train.py')}' AND status = 'ok'`)[0], 20_000, diagnose);
  const ctx = await waitFor('dirty flag', () => {
    const [row] = sql<{ git_commit: string | null; git_dirty: boolean | null }>(daemon.home, `SELECT git_commit, git_dirty FROM run_context WHERE run_id = '${run.run_id}'`);
    return row && row.git_dirty !== null ? row : undefined;
  }, 20_000, diagnose);
  assert.equal(ctx.git_dirty, true);
  assert.match(ctx.git_commit ?? '', /^[0-9a-f]{40}$/);
  assert.match(runCli(daemon.home, ['show', run.run_id]).stdout, /git +[0-9a-f]{12} \(dirty\) on /);
  assert.deepEqual(gitStatusFiles(), []);
});

test('a clean tree read in time is stored clean, with no file left behind', { skip: realGit ? false : 'git is not installed' }, async () => {
  const python = discoverPythons().find((p) => p.minor === 11) ?? discoverPythons()[0]!;
  const project = join(daemon.home.root, 'clean-project');
  gitRepo(project);
  writeFileSync(join(project, 'slow.py'), 'import time\ntime.sleep(1)\n');
  const r = runTraced(python.executable, join(project, 'slow.py'), daemon.home, { cwd: project });
  assert.equal(r.status, 0, r.stderr);
  const diagnose = (): string => storeDiagnosis(daemon.home);
  const run = await waitFor('run', () => sql<{ run_id: string }>(daemon.home,
    `SELECT run_id FROM runs WHERE script = '${join(project, 'slow.py')}' AND status = 'ok'`)[0], 20_000, diagnose);
  const [ctx] = await waitFor('context', () => sql<{ git_dirty: boolean | null }>(daemon.home, `SELECT git_dirty FROM run_context WHERE run_id = '${run.run_id}'`), 20_000, diagnose);
  // slow.py is untracked and untracked files are not asked for: clean
  assert.equal(ctx!.git_dirty, false);
  assert.deepEqual(gitStatusFiles(), []);
});
