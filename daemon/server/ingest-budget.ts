/**
 * A daemon-wide bound on agent frames received and not yet acknowledged (queued for a commit or
 * committing), in bytes: once they exceed it, the connection that crossed it and every one that
 * receives a frame meanwhile stop being read until the queue has drained to half the bound. The
 * agents keep their unacknowledged frames (and spool them if the daemon stays slow), so nothing is
 * lost; the daemon's memory no longer grows with the number of agents sending at once.
 *
 * A socket paused by the bound still hands over the frames ws had already read from it, so the queue
 * can exceed the bound by the frame that crossed it plus at most one socket read (64 KB) per
 * connection (test/e2e/ingest-backpressure.test.ts checks that).
 */

/** 8 MiB: about two commit groups of 8192-event batches (~77 KB each); the ingest benchmark's 8 agents stay below it. */
export const DEFAULT_MAX_QUEUED_BYTES = 8 * 1024 * 1024;

export class IngestBudget {
  private bytes = 0;
  private peak = 0;
  private pauses = 0;
  private readonly waiting = new Set<() => void>();

  constructor(readonly maxBytes: number = DEFAULT_MAX_QUEUED_BYTES) {
    if (!(maxBytes > 0)) throw new RangeError(`queued bytes bound must be positive, not ${maxBytes}`);
  }

  /** Bytes of frames received and not yet acknowledged, over every connection. */
  get queuedBytes(): number {
    return this.bytes;
  }

  /** The most that was ever queued at once. */
  get maxQueuedBytes(): number {
    return this.peak;
  }

  /** Connections waiting for the queue to drain. */
  get pausedConnections(): number {
    return this.waiting.size;
  }

  /** Times a connection was paused by this bound. */
  get pausesSinceStart(): number {
    return this.pauses;
  }

  /**
   * Counts a received frame. Over the bound, `resume` is kept and called once the queue has drained
   * to half the bound, and take returns false: the caller stops reading its socket until then.
   */
  take(size: number, resume: () => void): boolean {
    this.bytes += size;
    if (this.bytes > this.peak) this.peak = this.bytes;
    if (this.bytes <= this.maxBytes) return true;
    if (!this.waiting.has(resume)) this.pauses++;
    this.waiting.add(resume);
    return false;
  }

  /** A frame acknowledged or refused: its bytes leave the queue. */
  give(size: number): void {
    this.bytes -= size;
    if (this.waiting.size === 0 || this.bytes > this.maxBytes / 2) return;
    const resumes = [...this.waiting];
    this.waiting.clear();
    for (const resume of resumes) resume();
  }

  /** A connection that went away no longer waits. */
  forget(resume: () => void): void {
    this.waiting.delete(resume);
  }
}
