/** A real daemon process for the TypeScript benchmarks: `labtrace daemon run --port 0` in a home under .labtrace-bench/. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI_MAIN = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
export const WORK = join(REPO_ROOT, '.labtrace-bench');

export function workDir(name: string, fresh = true): string {
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(join(WORK, '.gitignore'))) writeFileSync(join(WORK, '.gitignore'), '*\n');
  const dir = join(WORK, name);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export class BenchDaemon {
  private constructor(readonly home: string, readonly child: ChildProcess, readonly port: number, readonly token: string) {}

  static async start(home: string, nodeArgs: string[] = []): Promise<BenchDaemon> {
    const child = spawn(process.execPath, [...nodeArgs, CLI_MAIN, 'daemon', 'run', '--port', '0', '--home', home, '--log-file', join(home, 'daemon.log')], {
      stdio: ['ignore', 'ignore', 'inherit'],
      cwd: home,
      env: { ...process.env, LABTRACE_DISABLE: '1' },
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}`);
      const pid = readNumber(join(home, 'daemon.pid'));
      const port = readNumber(join(home, 'daemon.port'));
      if (pid === child.pid && port) return new BenchDaemon(home, child, port, readFileSync(join(home, 'token'), 'utf8').trim());
      await sleep(50);
    }
    child.kill('SIGKILL');
    throw new Error('daemon did not start');
  }

  get pid(): number {
    return this.child.pid!;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

function readNumber(path: string): number | undefined {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const k = (s.length - 1) * p;
  const lo = Math.floor(k);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (s[hi]! - s[lo]!) * (k - lo);
}
