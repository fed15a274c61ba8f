/** Every CPython >= 3.8 this machine has (pyenv versions and the system python3), newest last. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface PythonInterpreter {
  readonly executable: string;
  readonly version: string; // "3.12.1"
  readonly minor: number; // 12
  readonly label: string;
}

let cached: PythonInterpreter[] | undefined;

export function discoverPythons(): PythonInterpreter[] {
  if (cached) return cached;
  const candidates: string[] = [];
  const override = process.env.LABTRACE_TEST_PYTHONS;
  if (override) candidates.push(...override.split(':').filter(Boolean));
  else {
    const root = pyenvRoot();
    if (root && existsSync(join(root, 'versions'))) {
      for (const v of readdirSync(join(root, 'versions')).sort()) candidates.push(join(root, 'versions', v, 'bin', 'python'));
    }
    if (existsSync('/usr/bin/python3')) candidates.push('/usr/bin/python3');
  }
  const found: PythonInterpreter[] = [];
  for (const executable of candidates) {
    if (!existsSync(executable)) continue;
    try {
      const version = execFileSync(executable, ['-c', 'import sys, platform; print(platform.python_implementation(), "%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8', timeout: 20_000 }).trim();
      const [impl, ver] = version.split(' ');
      const minor = Number(ver!.split('.')[1]);
      if (impl !== 'CPython' || Number(ver!.split('.')[0]) !== 3 || minor < 8) continue;
      found.push({ executable, version: ver!, minor, label: executable.startsWith('/usr/bin') ? `system-${ver}` : ver! });
    } catch {
      /* not runnable here */
    }
  }
  cached = found;
  return found;
}

function pyenvRoot(): string | undefined {
  if (process.env.PYENV_ROOT) return process.env.PYENV_ROOT;
  try {
    return execFileSync('pyenv', ['root'], { encoding: 'utf8' }).trim();
  } catch {
    const home = process.env.HOME ?? '/root';
    return existsSync(join(home, '.pyenv')) ? join(home, '.pyenv') : undefined;
  }
}
