/** Structured logging: one JSON object a line, to the daemon log (or stderr in the foreground). */
import { appendFileSync } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(options: { file?: string; level?: LogLevel } = {}): Logger {
  const min = LEVELS[options.level ?? ((process.env.LABTRACE_LOG_LEVEL as LogLevel | undefined) ?? 'info')] ?? 20;
  const write = (line: string): void => {
    if (options.file) appendFileSync(options.file, line);
    else process.stderr.write(line);
  };
  const log = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (LEVELS[level] < min) return;
    const entry = { time: new Date().toISOString(), level, msg, ...fields };
    write(JSON.stringify(entry, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '\n');
  };
  return {
    log,
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    debug: (m, f) => log('debug', m, f),
  };
}
