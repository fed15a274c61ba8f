#!/usr/bin/env node
/**
 * labtrace command line. The option table is declarative; each command imports its module lazily so
 * `labtrace --help` stays instant. One grammar (cli/grammar.ts): --format table|csv|json (--json
 * alias) on every command that prints data, checked values, usage errors in one line with exit code 2;
 * other errors print one line with a hint and exit 1.
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { LabtraceError } from '../common/errors.js';
import { ensureHome, resolveHome, type HomePaths } from '../common/home.js';
import { reportError } from './report-error.js';
import {
  RUN_REFERENCES, USAGE_EXIT, chosenFormat, choice, describeUsageError, formatOptions, portNumber, positiveInt, positiveNumber, registerOptions, usageHint,
} from './grammar.js';

const out = process.stdout;
const args = hideBin(process.argv);
const COMMANDS = ['daemon', 'env', 'runs', 'show', 'diff', 'lineage', 'overhead', 'query', 'analyze', 'ingest', 'rm', 'prune', 'export', 'report'];

/** The home of a command, created if missing: one that cannot be used fails here in one line (BAD_HOME). */
function home(argv: object): HomePaths {
  const paths = homePaths(argv);
  ensureHome(paths);
  return paths;
}

function homePaths(argv: object): HomePaths {
  const explicit = (argv as { home?: unknown }).home;
  return resolveHome(typeof explicit === 'string' ? explicit : undefined);
}

async function run(task: () => Promise<void | number>): Promise<void> {
  try {
    const code = await task();
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    const usage = err instanceof LabtraceError && err.code === 'BAD_ARGUMENT';
    reportError(usage && !err.hint ? new LabtraceError('BAD_ARGUMENT', err.message, usageHint(args, COMMANDS)) : err, process.stderr);
    process.exitCode = usage ? USAGE_EXIT : 1;
  }
}

/** `.options(defs)` that also remembers the option names for "did you mean --x?". */
function options<O extends Record<string, object>>(path: string, defs: O): O {
  registerOptions(path, Object.keys(defs));
  return defs;
}

const runOption = { type: 'string', describe: 'latest, latest~N, a run id or a unique prefix (default latest)' } as const;
const limitOption = { type: 'string', coerce: positiveInt('limit'), describe: 'at most this many runs (default 20)' } as const;

function daemonCommands(y: Argv<{ home: string | undefined }>): Argv {
  return y
    .command('start', 'start the daemon in the background', (c) => c.options(options('daemon start', { port: { type: 'string', coerce: portNumber, describe: 'TCP port on 127.0.0.1 (default 7878; 0 = any free port)' } }))
      .example('$0 daemon start', 'on 127.0.0.1:7878').example('$0 daemon start --port 0', 'on any free port (agents read it from $LABTRACE_HOME)'),
      (a) => run(async () => (await import('./commands/daemon.js')).daemonStart(home(a), a.port, out)))
    .command('stop', 'stop the daemon (agents spool meanwhile)', (c) => c.example('$0 daemon stop', 'runs traced meanwhile are spooled and ingested at the next start'),
      (a) => run(async () => (await import('./commands/daemon.js')).daemonStop(home(a), out)))
    .command('status', 'uptime, connections, runs, events, database size', (c) => c.options(options('daemon status', formatOptions()))
      .example('$0 daemon status', 'readable').example('$0 daemon status --format json', 'for scripts'),
      (a) => run(async () => (await import('./commands/daemon-status.js')).daemonStatus(home(a), chosenFormat(a, 'table'), out)))
    .command('run', 'run the daemon in the foreground', (c) => c.options(options('daemon run', {
      port: { type: 'string', coerce: portNumber, default: '7878', describe: 'TCP port on 127.0.0.1 (0 = any free port)' },
      'log-file': { type: 'string', describe: 'write the log there instead of stderr' },
    })).example('$0 daemon run --port 0', 'in the foreground, on any free port'),
      (a) => run(async () => (await import('./commands/daemon.js')).daemonRun(home(a), a.port, a.logFile)))
    .demandCommand(1, 'name a daemon command: start, stop, status or run');
}

if (args[0] === '--version' || args[0] === '-V') {
  await run(async () => void out.write(await (await import('./version.js')).versionText()));
} else {
  await yargs(args)
    .scriptName('labtrace')
    .usage('$0 <command> [options]\n\nAlways-on tracing of Python data-science runs.')
    .option('home', { type: 'string', coerce: (v: unknown) => (Array.isArray(v) ? String(v[v.length - 1]) : v === undefined ? undefined : String(v)), describe: 'labtrace home (default $LABTRACE_HOME or ~/.labtrace)', global: true })
    .command('daemon', 'manage the labtrace daemon', (y) => daemonCommands(y))
    .command('env', 'print the shell line that turns tracing on for every Python run', (c) => c.options(options('env', {
      shell: { type: 'string', coerce: choice('shell', ['bash', 'zsh', 'fish'] as const), describe: 'bash, zsh or fish (default: from $SHELL)' },
    })).example('eval "$($0 env)"', 'bash or zsh: trace every Python run of this shell').example('$0 env --shell fish | source', 'fish')
      .example('echo \'eval "$(labtrace env)"\' >> ~/.bashrc', 'always on (running it twice adds the agent once)'),
      (a) => run(async () => {
        home(a); // tracing with an unusable home would be silently off
        (await import('./commands/env.js')).envCommand(out, { shell: a.shell, home: typeof a.home === 'string' ? homePaths(a).root : undefined });
      }))
    .command('runs', 'list traced runs, newest first (-c and REPL runs without user code hidden unless --all)', (c) => c.options(options('runs', {
      limit: limitOption,
      ...formatOptions(),
      all: { type: 'boolean', describe: 'also -c and REPL runs without user code' },
      status: { type: 'string', coerce: choice('status', ['running', 'ok', 'failed', 'lost'] as const), describe: 'only runs with this status: running, ok, failed, lost' },
      project: { type: 'string', describe: 'only runs of this project: its git root or working directory (. = here)' },
      script: { type: 'string', describe: 'script path contains this' },
      since: { type: 'string', describe: 'started after a date or within an age (2h, 7d)' },
      phase: { type: 'string', describe: 'the run has this phase (model_training, ...)' },
      param: { type: 'string', array: true, describe: 'a parameter had this value: name=value' },
      metric: { type: 'string', array: true, describe: 'a metric satisfies this: "mae<15000"' },
      columns: { type: 'string', array: true, describe: 'more columns: parameters or metrics by name, comma-separated (the last value; empty when the run has none)' },
    })).example('$0 runs --limit 5', 'the five newest runs').example('$0 runs --status failed --since 2d', 'what failed lately')
      .example('$0 runs --project . --format csv', 'this project\'s runs as CSV').example('$0 runs --param alpha=0.1 --metric "mse<20"', 'by parameter and metric')
      .example('$0 runs --columns alpha,mse --format csv', 'a parameter and a metric as columns, to compare runs'),
      (a) => run(async () => (await import('./commands/runs.js')).runsCommand(home(a), a.limit ?? 20, chosenFormat(a, 'table'),
        { script: a.script, since: a.since, phase: a.phase, param: a.param, metric: a.metric, status: a.status, project: a.project, all: a.all }, out,
        a.columns === undefined ? [] : (await import('./commands/run-columns.js')).parseColumns(a.columns))))
    .command('show [run]', 'the experiment record of a run (default: the latest)', (c) => c.positional('run', runOption).options(options('show', formatOptions()))
      .example('$0 show', 'the latest run').example('$0 show latest~1', 'the one before').example('$0 show 3f2a --format json', 'by id prefix, as JSON').epilogue(RUN_REFERENCES),
      (a) => run(async () => (await import('./commands/show.js')).showCommand(home(a), a.run, chosenFormat(a, 'table'), out)))
    .command('diff <a> <b>', 'what changed between two runs: data, code, parameters, environment, metrics', (c) => c.positional('a', { ...runOption, demandOption: true }).positional('b', { ...runOption, demandOption: true })
      .options(options('diff', formatOptions())).example('$0 diff latest~1 latest', 'the last two runs').example('$0 diff 3f2a 9c01 --json', 'as JSON').epilogue(RUN_REFERENCES),
      (a) => run(async () => (await import('./commands/diff.js')).diffCommand(home(a), a.a, a.b, chosenFormat(a, 'table'), out)))
    .command('lineage [run]', 'data lineage of a run: files → variables → models → metrics', (c) => c.positional('run', runOption)
      .options(options('lineage', { ...formatOptions(['mermaid', 'dot', 'json', 'csv', 'svg', 'table'] as const),
        of: { type: 'string', describe: 'only what produced this metric, model, variable or file (a notebook: the chain of cell executions; default format table)' } }))
      .example('$0 lineage', 'Mermaid text of the latest run').example('$0 lineage --of mse', 'the cell executions (or statements) that produced mse').example('$0 lineage latest --format dot | dot -Tsvg > lineage.svg', 'rendered by Graphviz').example('$0 lineage --format svg > lineage.svg', 'drawn by labtrace\'s own Graphviz').epilogue(RUN_REFERENCES),
      (a) => run(async () => (await import('./commands/lineage.js')).lineageCommand(home(a), a.run, chosenFormat(a, a.of === undefined ? 'mermaid' : 'table'), out, a.of)))
    .command('overhead [run]', 'what tracing cost a run', (c) => c.positional('run', runOption).options(options('overhead', formatOptions()))
      .example('$0 overhead', 'of the latest run').example('$0 overhead latest~2 --format json', 'as JSON').epilogue(RUN_REFERENCES),
      (a) => run(async () => (await import('./commands/overhead.js')).overheadCommand(home(a), a.run, chosenFormat(a, 'table'), out)))
    .command('query <sql>', 'run one read-only SQL statement against the trace store (docs/query.md)', (c) => c.positional('sql', { type: 'string', demandOption: true }).options(options('query', {
      ...formatOptions(),
      timeout: { type: 'string', coerce: positiveNumber('timeout'), describe: 'seconds the query may run (default 60)' },
      'max-rows': { type: 'string', coerce: positiveInt('max-rows'), describe: 'rows returned at most (default 100000)' },
    })).example('$0 query "SELECT script, status FROM runs"', 'any read-only SQL').example('$0 query "SELECT * FROM metrics" --format csv > metrics.csv', 'to a file'),
      (a) => run(async () => (await import('./commands/query.js')).queryCommand(home(a), a.sql, chosenFormat(a, 'table'), out, { timeoutS: a.timeout, maxRows: a.maxRows })))
    .command('analyze <files..>', 'label every statement of scripts or notebooks with its data-science phase (no daemon needed)',
      (c) => c.positional('files', { type: 'string', array: true, demandOption: true }).options(options('analyze', formatOptions()))
        .example('$0 analyze train.py', 'the script with a phase margin').example('$0 analyze notebook.ipynb --format csv', 'one row per statement'),
      (a) => run(async () => (await import('./commands/analyze.js')).analyzeCommand(a.files as string[], { format: chosenFormat(a, 'table') }, out, process.stderr)))
    .command('ingest', 'ingest spooled runs now', (c) => c.example('$0 ingest', 'through the daemon, or directly when it is not running'),
      (a) => run(async () => (await import('./commands/ingest.js')).ingestCommand(home(a), out)))
    .command('rm <runs..>', 'delete runs from the store (not a running one)', (c) => c.positional('runs', { type: 'string', array: true, demandOption: true, describe: 'run references' })
      .options(options('rm', formatOptions())).example('$0 rm 3f2a', 'one run, by id prefix').example('$0 rm latest latest~1', 'the last two runs').epilogue(RUN_REFERENCES),
      (a) => run(async () => (await import('./commands/rm.js')).rmCommand(home(a), a.runs as string[], chosenFormat(a, 'table'), out)))
    .command('prune', 'delete runs older than an age (running runs are kept)', (c) => c.options(options('prune', {
      'older-than': { type: 'string', demandOption: true, describe: 'an age: 30d, 12h, 2w, 90m' },
      'dry-run': { type: 'boolean', describe: 'list what would be deleted, delete nothing' },
      ...formatOptions(),
    })).example('$0 prune --older-than 30d', 'keep the last month').example('$0 prune --older-than 7d --dry-run', 'what a week would remove'),
      (a) => run(async () => (await import('./commands/rm.js')).pruneCommand(home(a), a.olderThan, a.dryRun === true, chosenFormat(a, 'table'), out)))
    .command('export [runs..]', 'write the store\'s tables to files, one per table (runs, events, metrics, ...), for pandas, DuckDB or Spark', (c) => c
      .positional('runs', { type: 'string', array: true, describe: 'run references (default: every run)' }).options(options('export', {
        format: { type: 'string', coerce: choice('format', ['parquet', 'arrow', 'csv'] as const), default: 'parquet', describe: 'file format: parquet, arrow (IPC file) or csv' },
        out: { type: 'string', demandOption: true, describe: 'directory for the files (created if missing)' },
        'partition-by': { type: 'string', coerce: choice('partition-by', ['run'] as const), describe: 'run: a directory per table, a Hive-style partition per run (TABLE/run_id=ID/data_0.parquet); Parquet and CSV' },
      })).example('$0 export --out snapshot', 'every run, as Parquet').example('$0 export --partition-by run --out lake', 'a partition per run, for Spark or DuckDB\'s hive_partitioning').example('$0 export latest latest~1 --format csv --out last-two', 'two runs, as CSV').epilogue(RUN_REFERENCES),
      (a) => run(async () => (await import('./commands/export.js')).exportCommand(home(a), (a.runs as string[] | undefined) ?? [], a.format, a.out, { out, err: process.stderr }, a.partitionBy)))
    .command('report [runs..]', 'a self-contained HTML report: one run (timeline, parameters, metrics, data, lineage), or several compared side by side', (c) => c
      .positional('runs', { type: 'string', array: true, describe: 'run references (default: latest, or the runs the filters select)' }).options(options('report', {
        output: { alias: 'o', type: 'string', coerce: (v: unknown) => (Array.isArray(v) ? String(v[v.length - 1]) : String(v)), default: 'labtrace-report.html', describe: 'the HTML file to write (- = stdout)' },
        limit: { ...limitOption, describe: 'with filters: at most this many runs, the newest (default 10)' },
        status: { type: 'string', coerce: choice('status', ['running', 'ok', 'failed', 'lost'] as const), describe: 'compare the runs with this status' },
        project: { type: 'string', describe: 'compare the runs of this project (. = here)' },
        script: { type: 'string', describe: 'compare the runs whose script path contains this' },
        since: { type: 'string', describe: 'compare the runs started after a date or within an age (2h, 7d)' },
        param: { type: 'string', array: true, describe: 'compare the runs where a parameter had this value: name=value' },
        metric: { type: 'string', array: true, describe: 'compare the runs whose metric satisfies this: "mae<15000"' },
      })).example('$0 report', 'the latest run, in labtrace-report.html').example('$0 report 3f2a -o run.html', 'one run by id prefix')
      .example('$0 report latest~2 latest~1 latest', 'the last three runs side by side').example('$0 report --script train.py --limit 5', 'the last five runs of train.py compared')
      .epilogue(RUN_REFERENCES),
      (a) => run(async () => (await import('./commands/report.js')).reportCommand(home(a), (a.runs as string[] | undefined) ?? [],
        { output: a.output, limit: a.limit ?? 10, filters: { script: a.script, since: a.since, param: a.param, metric: a.metric, status: a.status, project: a.project } }, out)))
    .demandCommand(1, 'name a command')
    .example('eval "$($0 env)"', 'trace every Python run of this shell')
    .example('$0 runs', 'what ran')
    .example('$0 show latest~1', 'the run before the latest')
    .epilogue(`${RUN_REFERENCES}.\n--format table|csv|json on every command that prints data (--json = --format json; NaN and ±Infinity are the strings "NaN", "Infinity", "-Infinity" in JSON).\nUsage errors exit with code 2, other failures with 1.`)
    .version(false)
    .option('version', { type: 'boolean', alias: 'V', describe: 'labtrace, agent, protocol and DuckDB versions' })
    .strict()
    .recommendCommands()
    .help()
    .alias('help', 'h')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, err) => {
      // Handlers catch their own errors (run()): what reaches here is yargs' parse and value checks.
      const usage = describeUsageError(err?.message ?? message ?? 'usage error', args, COMMANDS);
      reportError(new LabtraceError('BAD_ARGUMENT', usage.message, (err instanceof LabtraceError ? err.hint : undefined) ?? usage.hint), process.stderr);
      process.exit(USAGE_EXIT);
    })
    .parseAsync();
}
