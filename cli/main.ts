#!/usr/bin/env node
/**
 * labtrace command line. The option table is declarative; each command imports its module lazily so
 * `labtrace --help` stays instant. Errors print one line with a hint and set a non-zero exit code.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ensureHome, resolveHome, type HomePaths } from '../common/home.js';
import type { OutputFormat } from '../common/format.js';
import { reportError } from './report-error.js';

const out = process.stdout;
const FORMATS = ['table', 'csv', 'json'] as const;

/** The home of a command, created if missing: one that cannot be used fails here in one line (BAD_HOME). */
function home(argv: object): HomePaths {
  const explicit = (argv as { home?: unknown }).home;
  const paths = resolveHome(typeof explicit === 'string' ? explicit : undefined);
  ensureHome(paths);
  return paths;
}

async function run(task: () => Promise<void | number>): Promise<void> {
  try {
    const code = await task();
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    reportError(err, process.stderr);
    process.exitCode = 1;
  }
}

function daemonCommands(y: Argv<{ home: string | undefined }>): Argv {
  return y
    .command('start', 'start the daemon in the background', (c) => c.option('port', { type: 'number', describe: 'TCP port on 127.0.0.1 (0 = any free port)' }),
      (a) => run(async () => (await import('./commands/daemon.js')).daemonStart(home(a), a.port, out)))
    .command('stop', 'stop the daemon (agents spool meanwhile)', {}, (a) => run(async () => (await import('./commands/daemon.js')).daemonStop(home(a), out)))
    .command('status', 'uptime, connections, runs, events, database size', (c) => c.option('json', { type: 'boolean', default: false }),
      (a) => run(async () => (await import('./commands/daemon.js')).daemonStatus(home(a), a.json, out)))
    .command('run', 'run the daemon in the foreground', (c) => c.option('port', { type: 'number', default: 7878 }).option('log-file', { type: 'string' }),
      (a) => run(async () => (await import('./commands/daemon.js')).daemonRun(home(a), a.port, a.logFile)))
    .demandCommand(1, 'name a daemon command: start, stop, status or run');
}

await yargs(hideBin(process.argv))
  .scriptName('labtrace')
  .option('home', { type: 'string', describe: 'labtrace home (default $LABTRACE_HOME or ~/.labtrace)', global: true })
  .command('daemon', 'manage the labtrace daemon', (y) => daemonCommands(y))
  .command('env', 'print the shell line that turns tracing on for every Python run', {}, (a) => run(async () => {
    home(a); // tracing with an unusable home would be silently off
    (await import('./commands/env.js')).envCommand(out);
  }))
  .command('runs', 'list traced runs, newest first', (c) => c
    .option('limit', { type: 'number', default: 20 })
    .option('format', { choices: FORMATS, default: 'table' as OutputFormat })
    .option('script', { type: 'string', describe: 'script path contains this' })
    .option('since', { type: 'string', describe: 'started after a date or within an age (2h, 7d)' })
    .option('phase', { type: 'string', describe: 'the run has this phase (model_training, ...)' })
    .option('param', { type: 'string', array: true, describe: 'a parameter had this value: name=value' })
    .option('metric', { type: 'string', array: true, describe: 'a metric satisfies this: "mae<15000"' }),
    (a) => run(async () => (await import('./commands/runs.js')).runsCommand(home(a), a.limit, a.format, { script: a.script, since: a.since, phase: a.phase, param: a.param, metric: a.metric }, out)))
  .command('show [run]', 'the experiment record of a run (default: the latest)', (c) => c.positional('run', { type: 'string' }).option('json', { type: 'boolean', default: false }),
    (a) => run(async () => (await import('./commands/show.js')).showCommand(home(a), a.run, a.json, out)))
  .command('diff <a> <b>', 'what changed between two runs: data, code, parameters, environment, metrics', (c) => c.positional('a', { type: 'string', demandOption: true }).positional('b', { type: 'string', demandOption: true }).option('json', { type: 'boolean', default: false }),
    (a) => run(async () => (await import('./commands/diff.js')).diffCommand(home(a), a.a, a.b, a.json, out)))
  .command('lineage [run]', 'data lineage of a run: files → variables → models → metrics', (c) => c.positional('run', { type: 'string' }).option('format', { choices: ['mermaid', 'dot', 'json'] as const, default: 'mermaid' as const }),
    (a) => run(async () => (await import('./commands/lineage.js')).lineageCommand(home(a), a.run, a.format, out)))
  .command('overhead [run]', 'what tracing cost a run', (c) => c.positional('run', { type: 'string' }).option('json', { type: 'boolean', default: false }),
    (a) => run(async () => (await import('./commands/overhead.js')).overheadCommand(home(a), a.run, a.json, out)))
  .command('query <sql>', 'run one read-only SQL statement against the trace store (docs/query.md)', (c) => c.positional('sql', { type: 'string', demandOption: true }).option('format', { choices: FORMATS, default: 'table' as OutputFormat })
    .option('timeout', { type: 'number', describe: 'seconds the query may run (default 60)' })
    .option('max-rows', { type: 'number', describe: 'rows returned at most (default 100000)' }),
    (a) => run(async () => (await import('./commands/query.js')).queryCommand(home(a), a.sql, a.format, out, { timeoutS: a.timeout, maxRows: a.maxRows })))
  .command('analyze <files..>', 'label every statement of scripts or notebooks with its data-science phase (no daemon needed)',
    (c) => c.positional('files', { type: 'string', array: true, demandOption: true }).option('json', { type: 'boolean', default: false }),
    (a) => run(async () => (await import('./commands/analyze.js')).analyzeCommand(a.files as string[], { json: a.json }, out, process.stderr)))
  .command('ingest', 'ingest spooled runs now', {}, (a) => run(async () => (await import('./commands/ingest.js')).ingestCommand(home(a), out)))
  .demandCommand(1, 'name a command (labtrace --help lists them)')
  .strict()
  .help()
  .parseAsync();
