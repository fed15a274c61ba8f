/**
 * How liveness tells that a run's process is gone: a free pid, a zombie nobody reaped (a killed
 * program whose parent is busy), and a pid taken again by a newer process are all gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { runProcessAlive } from './liveness.js';
import { discoverPythons } from '../../test/support/pythons.js';

test('the daemon itself is alive for a run that started after it', () => {
  assert.equal(runProcessAlive(process.pid, Date.now()), true);
  assert.equal(runProcessAlive(process.pid, undefined), true);
});

test('a pid now held by a process that started after the run is not the run', () => {
  // this process started well after a run that began a minute ago with our pid
  assert.equal(runProcessAlive(process.pid, Date.now() - 60_000), false);
});

test('a free pid and pid 0 are gone', () => {
  const child = spawn(process.execPath, ['-e', '']);
  return new Promise<void>((resolve) => {
    child.once('exit', () => {
      assert.equal(runProcessAlive(child.pid!, Date.now()), false);
      assert.equal(runProcessAlive(0, Date.now()), false);
      resolve();
    });
  });
});

test('a zombie (exited, not reaped) is gone', async () => {
  // a parent whose child exits at once, and which never waits for it
  const python = discoverPythons()[0]!.executable;
  const parent = spawn(python, ['-c', 'import os, time\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nprint(pid, flush=True)\ntime.sleep(30)'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const zombie = await new Promise<number>((resolve) => parent.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
    const deadline = Date.now() + 5000;
    while (runProcessAlive(zombie, Date.now()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(runProcessAlive(zombie, Date.now()), false);
    // it still has its pid: kill(pid, 0) alone calls it alive
    assert.doesNotThrow(() => process.kill(zombie, 0));
  } finally {
    parent.kill('SIGKILL');
  }
});
