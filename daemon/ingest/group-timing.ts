/** Milliseconds spent in each phase of a commit group, for the debug log (LABTRACE_LOG_LEVEL=debug). */
export class GroupTiming {
  private last = performance.now();
  readonly ms: Record<string, number> = {};

  /** Ends the phase `name`, which started at the previous mark (or at construction). */
  mark(name: string): void {
    const now = performance.now();
    this.ms[`${name}_ms`] = Math.round(now - this.last);
    this.last = now;
  }
}
