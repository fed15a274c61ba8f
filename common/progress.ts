/**
 * One progress line on stderr for long work (spool ingest, analysing many files, exports), rewritten in
 * place, only when stderr is a terminal: piped or redirected output gets nothing extra. `clear()`
 * erases it (before the command prints its answer, or around lines written to the same terminal).
 */
export interface ProgressLine {
  /** Shows `text` in place of the previous line. */
  update(text: string): void;
  clear(): void;
  readonly active: boolean;
}

export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** `enabled` false: a line that shows nothing (work too small to need one). */
export function progressLine(stream: ProgressStream, enabled = true): ProgressLine {
  if (!enabled || !stream.isTTY) return { update: () => undefined, clear: () => undefined, active: false };
  let shown = false;
  return {
    active: true,
    update(text) {
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** `update` every second with the seconds elapsed, until `clear`: for one long request with no steps to count. */
export function ticking(line: ProgressLine, text: string): { stop: () => void } {
  if (!line.active) return { stop: () => undefined };
  const started = Date.now();
  const show = (): void => line.update(`${text} ${Math.floor((Date.now() - started) / 1000)} s`);
  show();
  const timer = setInterval(show, 1000);
  timer.unref();
  return { stop: () => { clearInterval(timer); line.clear(); } };
}
