/**
 * The CLI's one grammar: the options every command shares (--format with its --json alias, --limit,
 * --port, run references), value checks, and usage errors: one line on stderr, a hint with a
 * suggestion, exit code 2 (never the whole help).
 */
import { LabtraceError } from '../common/errors.js';
import type { OutputFormat } from '../common/format.js';

export const FORMATS = ['table', 'csv', 'json'] as const;
/** Exit code of a usage error (a wrong command, option or value), as in most Unix tools. */
export const USAGE_EXIT = 2;

/** What `RUN` may be, said in every --help that takes one. */
export const RUN_REFERENCES = 'RUN is latest (the default), latest~N (N runs before the latest), a run id or a unique prefix of one (labtrace runs lists them)';

/** Option names of each command path ("runs", "daemon status"), for "did you mean" on an unknown option. */
const knownOptions = new Map<string, string[]>();

export function registerOptions(command: string, names: readonly string[]): void {
  knownOptions.set(command, [...(knownOptions.get(command) ?? []), ...names]);
}

/** A usage error raised by a value check (yargs' coerce) or by a command: printed in one line, exit 2. */
export function usageError(message: string, hint?: string): LabtraceError {
  return new LabtraceError('BAD_ARGUMENT', message, hint);
}

const last = (v: unknown): unknown => (Array.isArray(v) ? v[v.length - 1] : v);

/** `--name VALUE` given twice: the last one wins (as with most Unix tools). A value must be there. */
function oneValue(name: string, v: unknown): string {
  const value = last(v);
  if (value === undefined || value === null || value === '' || typeof value === 'boolean') throw usageError(`--${name} needs a value`);
  return String(value);
}

export function positiveInt(name: string): (v: unknown) => number {
  return (v) => {
    const text = oneValue(name, v);
    const n = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw usageError(`--${name} ${text}: expected a positive integer (1, 2, ...)`);
    return n;
  };
}

export function positiveNumber(name: string): (v: unknown) => number {
  return (v) => {
    const text = oneValue(name, v);
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw usageError(`--${name} ${text}: expected a positive number`);
    return n;
  };
}

export function portNumber(v: unknown): number {
  const text = oneValue('port', v);
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n > 65535) throw usageError(`--port ${text}: expected a TCP port from 0 to 65535 (0 = any free port)`);
  return n;
}

export function choice<T extends string>(name: string, choices: readonly T[]): (v: unknown) => T {
  return (v) => {
    const text = oneValue(name, v);
    if (!(choices as readonly string[]).includes(text)) throw usageError(`--${name} ${text}: expected one of ${choices.join(', ')}`);
    return text as T;
  };
}

/** The --format and --json options of a command that prints data (format table unless told). */
export function formatOptions<F extends string = OutputFormat>(choices: readonly F[] = FORMATS as unknown as readonly F[]) {
  return {
    format: { type: 'string', coerce: choice('format', choices), describe: `output format: ${choices.join(', ')} (default ${choices[0]})` },
    json: { type: 'boolean', describe: 'same as --format json' },
  } as const;
}

/** The format asked for: --json is --format json; both, disagreeing, is a usage error. */
export function chosenFormat<F extends string>(a: { format?: F; json?: boolean }, fallback: F): F {
  if (a.json) {
    if (a.format !== undefined && a.format !== 'json') throw usageError(`--json and --format ${a.format} disagree`, 'give one of them');
    return 'json' as F;
  }
  return a.format ?? fallback;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length]![b.length]!;
}

/** The closest of `candidates` to `word`, if close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 2.5)) ? best : undefined;
}

/** The words typed, without the global --home and its value. */
function commandWords(args: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--home') i++;
    else if (!args[i]!.startsWith('-')) words.push(args[i]!);
  }
  return words;
}

/** The command path typed (`runs`, `daemon start`), from the words before any option. */
export function commandPath(args: readonly string[], commands: readonly string[]): string | undefined {
  const words = commandWords(args);
  if (!words[0] || !commands.includes(words[0])) return undefined;
  const two = `${words[0]} ${words[1] ?? ''}`;
  return knownOptions.has(two) ? two : words[0];
}

/** The hint of a usage error a command raised without one. */
export function usageHint(args: readonly string[], commands: readonly string[]): string {
  const path = commandPath(args, commands);
  return `${path ? `labtrace ${path}` : 'labtrace'} --help shows the usage and examples`;
}

/** yargs' failure message turned into our one line and a hint. */
export function describeUsageError(message: string, args: readonly string[], commands: readonly string[]): { message: string; hint: string } {
  const path = commandPath(args, commands);
  const help = path ? `labtrace ${path} --help` : 'labtrace --help';
  const didYouMean = /^Did you mean (.+)\?$/.exec(message);
  const words = commandWords(args);
  const parent = words[0] && commands.includes(words[0]) ? `${words[0]} ` : '';
  if (didYouMean) {
    const typed = (parent ? words[1] : words[0]) ?? '';
    return { message: `unknown command "${parent}${typed}"`, hint: `did you mean labtrace ${parent}${didYouMean[1]}? (labtrace ${parent}--help lists the commands)` };
  }
  const missing = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(message);
  if (missing) return { message: `${path ? `${path}: ` : ''}missing argument (${missing[2]} needed, ${missing[1]} given)`, hint: `${help} shows the usage and examples` };
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const names = unknown[1]!.split(', ');
    const typedOption = (n: string): boolean => args.some((a) => a === `--${n}` || a.startsWith(`--${n}=`) || a === `-${n}`);
    const first = names[0]!;
    if (!path && !typedOption(first)) {
      const guess = closest(first, commands);
      return { message: `unknown command "${first}"`, hint: guess ? `did you mean labtrace ${guess}? (labtrace --help lists the commands)` : 'labtrace --help lists the commands' };
    }
    if (!typedOption(first)) return { message: `unexpected argument "${first}"`, hint: `${help} shows what it takes` };
    const known = [...(knownOptions.get(path ?? '') ?? []), 'home', 'help'];
    const guess = closest(first, known);
    return { message: `unknown option --${first}${names.length > 1 ? ` (and ${names.slice(1).map((n) => `--${n}`).join(', ')})` : ''}`, hint: guess ? `did you mean --${guess}? (${help} lists the options)` : `${help} lists the options` };
  }
  return { message: message.split('\n')[0]!.replace(/^labtrace: /, ''), hint: `${help} shows the usage and examples` };
}
