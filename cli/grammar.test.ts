/**
 * One CLI grammar (issue 14), command by command, through the real `labtrace` process and a real
 * daemon with real traced runs: usage errors exit 2 with one line and a hint; --format table|csv|json
 * (and --json) on every command that prints data; clean output for a running run; UTC times with Z;
 * NaN/±Infinity distinguishable in JSON; ambiguous prefixes list candidates; -c runs without user code
 * hidden; `labtrace env` for bash, zsh and fish with --home, idempotent; --version.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runTraced, sql, useDaemon, waitFor, type DaemonProcess } from '../test/support/daemon-fixture.js';
import { discoverPythons } from '../test/support/pythons.js';
import { AGENT_DIR, CLI_MAIN } from '../test/support/paths.js';

let daemon: DaemonProcess;
useDaemon((d) => (daemon = d));
const python = discoverPythons().at(-1)!.executable;
let sleeper: ChildProcess | undefined;
const runIds: string[] = [];

const cli = (...args: string[]): ReturnType<typeof runCli> => runCli(daemon.home, args);

before(async () => {
  await waitFor('the daemon', () => daemon !== undefined);
  const script = join(daemon.home.root, 'train.py');
  writeFileSync(script, 'import json\nalpha = 0.5\nloss = [1.0, 0.5]\nprint(json.dumps(loss))\n');
  for (let i = 0; i < 2; i++) assert.equal(runTraced(python, script, daemon.home).status, 0);
  const rows = await waitFor('two ended runs', () => {
    const r = sql<{ run_id: string }>(daemon.home, "SELECT run_id FROM runs WHERE status = 'ok' ORDER BY started_at");
    return r.length === 2 && r;
  });
  runIds.push(...rows.map((r) => r.run_id));
});

after(() => {
  sleeper?.kill('SIGKILL');
});

function assertUsageError(args: string[], message: RegExp, hint?: RegExp): void {
  const r = cli(...args);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(r.status, 2, `labtrace ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  assert.equal(r.stdout, '', `labtrace ${args.join(' ')} printed on stdout`);
  assert.equal(lines.length, 2, `labtrace ${args.join(' ')}: expected a message and a hint, got\n${r.stderr}`);
  assert.match(lines[0]!, /^labtrace: (?!labtrace)/);
  assert.match(lines[0]!, message);
  assert.match(lines[1]!, /^hint: /);
  if (hint) assert.match(lines[1]!, hint);
}

test('usage errors exit 2 with one line and a hint, command by command', () => {
  assertUsageError(['rnus'], /unknown command "rnus"/, /did you mean labtrace runs\?/);
  assertUsageError([], /name a command/);
  assertUsageError(['daemon', 'stat'], /unknown command "daemon stat"/, /labtrace daemon start/);
  assertUsageError(['daemon', 'start', '--port', '99999'], /--port 99999: expected a TCP port/);
  assertUsageError(['daemon', 'run', '--port', 'x'], /--port x/);
  assertUsageError(['daemon', 'stop', '--force'], /unknown option --force/);
  assertUsageError(['daemon', 'status', '--format', 'yaml'], /--format yaml: expected one of table, csv, json/);
  assertUsageError(['env', '--shell', 'tcsh'], /--shell tcsh: expected one of bash, zsh, fish/);
  assertUsageError(['runs', '--limit', 'abc'], /--limit abc: expected a positive integer/);
  assertUsageError(['runs', '--limit', '0'], /--limit 0: expected a positive integer/);
  assertUsageError(['runs', '--limti', '3'], /unknown option --limti/, /did you mean --limit\?/);
  assertUsageError(['runs', '--status', 'weird'], /--status weird/);
  assertUsageError(['runs', 'extra'], /unexpected argument "extra"/);
  assertUsageError(['show', '--format', 'xml'], /--format xml/, /labtrace show --help/);
  assertUsageError(['show', 'a', 'b'], /unexpected argument "b"/);
  assertUsageError(['diff', 'latest'], /diff: missing argument/);
  assertUsageError(['lineage', '--format', 'png'], /--format png: expected one of mermaid, dot, json, csv/);
  assertUsageError(['overhead', '--json', '--format', 'csv'], /--json and --format csv disagree/);
  assertUsageError(['query'], /query: missing argument/);
  assertUsageError(['query', 'SELECT 1', '--max-rows', '-3'], /--max-rows -3/);
  assertUsageError(['query', 'SELECT 1', '--timeout', 'soon'], /--timeout soon/);
  assertUsageError(['analyze', 'x.py', '--format', 'yaml'], /--format yaml/);
  assertUsageError(['ingest', 'now'], /unexpected argument "now"/);
  assertUsageError(['rm'], /rm: missing argument/);
  assertUsageError(['prune'], /older-than/);
  assertUsageError(['prune', '--older-than', 'soon'], /--older-than soon: expected an age/, /labtrace prune --help/);
});

test('--format table|csv|json (and --json) on every command that prints data', () => {
  const script = join(daemon.home.root, 'train.py');
  const commands: string[][] = [
    ['runs'], ['show'], ['diff', runIds[0]!, runIds[1]!], ['overhead', 'latest~1'], ['query', 'SELECT 1 AS one'],
    ['analyze', script], ['daemon', 'status'], ['prune', '--older-than', '3650d', '--dry-run'], ['lineage'],
  ];
  for (const command of commands) {
    const name = command.slice(0, 2).join(' ');
    const table = cli(...command);
    assert.equal(table.status, 0, `${name}: ${table.stderr}`);
    assert.notEqual(table.stdout.trim(), '', name);
    const json = cli(...command, '--format', 'json');
    assert.equal(json.status, 0, `${name} --format json: ${json.stderr}`);
    const parsed = JSON.parse(json.stdout) as unknown;
    const alias = cli(...command, '--json');
    assert.equal(alias.status, 0, `${name} --json: ${alias.stderr}`);
    assert.equal(typeof JSON.parse(alias.stdout), typeof parsed, `${name} --json`);
    const twice = cli(...command, '--format', 'csv', '--format', 'json');
    assert.equal(twice.status, 0, `${name} --format twice: ${twice.stderr}`);
    JSON.parse(twice.stdout);
    const csv = cli(...command, '--format', 'csv');
    assert.equal(csv.status, 0, `${name} --format csv: ${csv.stderr}`);
    assert.match(csv.stdout.split('\n')[0]!, /^[a-z_]+(,[a-z_]+)*$/, `${name} --format csv header`);
  }
  const runs = JSON.parse(cli('runs', '--format', 'json').stdout) as { id: string; started: string }[];
  assert.deepEqual(runs.map((r) => r.id), [...runIds].reverse());
  for (const r of runs) assert.match(r.started, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.match(cli('show').stdout, /started {4}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {3}duration \d/);
  assert.match(cli('runs', '--limit', '1').stdout, /\(1 row\)/);
});

test('NaN and infinities stay distinguishable from null in JSON', () => {
  const r = cli('query', "SELECT 'nan'::DOUBLE AS a, 'inf'::DOUBLE AS b, '-inf'::DOUBLE AS c, NULL::DOUBLE AS d, 1.5 AS e", '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ a: 'NaN', b: 'Infinity', c: '-Infinity', d: null, e: 1.5 }]);
});

test('an ambiguous run prefix lists its candidates; a bad reference says what a reference is', () => {
  let prefix = '';
  while (runIds[0]![prefix.length] === runIds[1]![prefix.length]) prefix += runIds[0]![prefix.length];
  assert.ok(prefix.length >= 1, 'run ids begin with the time: two runs of this test share a prefix');
  const r = cli('show', prefix);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /ambiguous/);
  for (const id of runIds) assert.ok(r.stderr.includes(id), `candidate ${id} listed:\n${r.stderr}`);
  assert.match(cli('show', 'yesterday').stderr, /latest, latest~N/);
  assert.equal(JSON.parse(cli('show', 'latest~1', '--json').stdout).run.run_id, runIds[0]);
});

test('-c runs without user code are hidden from runs and latest unless --all', async () => {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LABTRACE_HOME: daemon.home.root, PYTHONPATH: AGENT_DIR };
  delete env.LABTRACE_DISABLE;
  assert.equal(spawnSync(python, ['-c', 'x = 1'], { env, cwd: daemon.home.root }).status, 0);
  const all = await waitFor('the -c run', () => {
    const rows = JSON.parse(cli('runs', '--all', '--format', 'json').stdout) as { id: string; script: string; status: string }[];
    return rows.length === 3 && rows[0]!.status !== 'running' && rows;
  });
  assert.equal(all[0]!.script, '-c');
  const listed = JSON.parse(cli('runs', '--format', 'json').stdout) as { id: string }[];
  assert.deepEqual(listed.map((r) => r.id), [...runIds].reverse());
  assert.match(cli('runs').stdout, /1 -c\/REPL run without user code not listed: labtrace runs --all/);
  assert.equal(JSON.parse(cli('show', '--json').stdout).run.run_id, runIds[1]);
});

test('show on a running run: no empty exit code, no empty duration', async () => {
  const script = join(daemon.home.root, 'sleeper.py');
  writeFileSync(script, 'import time\ntime.sleep(60)\n');
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LABTRACE_HOME: daemon.home.root, PYTHONPATH: AGENT_DIR };
  delete env.LABTRACE_DISABLE;
  sleeper = spawn(python, [script], { env, stdio: 'ignore' });
  const [running] = await waitFor('the running run', () => {
    const rows = sql<{ run_id: string }>(daemon.home, `SELECT run_id FROM runs WHERE status = 'running' AND script = '${script}'`);
    return rows.length === 1 && rows;
  });
  const shown = cli('show', running!.run_id);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /\n {2}status {5}running\n/);
  assert.match(shown.stdout, /still running/);
  assert.doesNotMatch(shown.stdout, /exit \)|\(exit|duration {2}s|duration  ?s/);
  const listed = JSON.parse(cli('runs', '--status', 'running', '--format', 'json').stdout) as { id: string }[];
  assert.deepEqual(listed.map((r) => r.id), [running!.run_id]);
  sleeper.kill('SIGKILL');
});

test('labtrace env for bash, zsh and fish: honours --home, evaluated twice adds the agent once', () => {
  const home = join(daemon.home.root, 'other home');
  const env = { ...process.env, PYTHONPATH: '/opt/mine', LABTRACE_DISABLE: '1' };
  const node = `"${process.execPath}" "${CLI_MAIN}" env --home '${home}'`;
  const check = "import os; print(os.environ['PYTHONPATH'] + '|' + os.environ['LABTRACE_HOME'])";
  const shells: [string, string[]][] = [
    ['/bin/bash', ['-c', `eval "$(${node} --shell bash)"; eval "$(${node} --shell bash)"; ${python} -c "${check}"`]],
    ['/usr/bin/zsh', ['-c', `eval "$(${node} --shell zsh)"; eval "$(${node} --shell zsh)"; ${python} -c "${check}"`]],
    ['/usr/bin/fish', ['-c', `${node} --shell fish | source; ${node} --shell fish | source; ${python} -c "${check}"`]],
  ];
  let ran = 0;
  for (const [shell, args] of shells) {
    if (!existsSync(shell)) continue; // zsh and fish: apt-get install zsh fish
    const r = spawnSync(shell, args, { encoding: 'utf8', env });
    assert.equal(r.status, 0, `${shell}: ${r.stderr}`);
    assert.equal(r.stdout.trim(), `${AGENT_DIR}:/opt/mine|${home}`, shell);
    ran++;
  }
  assert.ok(ran >= 1);
  // the syntax follows $SHELL unless --shell says otherwise
  const fish = spawnSync(process.execPath, [CLI_MAIN, 'env'], { encoding: 'utf8', env: { ...env, SHELL: '/usr/bin/fish' } });
  assert.match(fish.stdout, /^contains -- .* \$PYTHONPATH; or set -gx PYTHONPATH /m);
  assert.doesNotMatch(fish.stdout, /LABTRACE_HOME/);
});

test('--version names the agent, the protocol and DuckDB', () => {
  const r = spawnSync(process.execPath, [CLI_MAIN, '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^labtrace \d+\.\d+\.\d+\nagent {4}\d+\.\d+\.\d+ .*\nprotocol \d+\nduckdb {3}v\d+\.\d+/);
});
