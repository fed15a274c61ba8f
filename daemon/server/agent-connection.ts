/** One agent's WebSocket: hello first, then batches; every frame acknowledged after its commit. */
import type { WebSocket, RawData } from 'ws';
import { LabtraceError, errorMessage } from '../../common/errors.js';
import type { Ingester } from '../ingest/ingester.js';
import { IngestBudget } from './ingest-budget.js';
import type { Logger } from '../log.js';
import type { DecodedFrame, FrameDecoder } from '../protocol/frame-decoder.js';
import { CloseCode, encodeAck, encodeBatchAck, encodeErrorReply, type AgentMessage } from '../protocol/messages.js';

const CLOSE_FOR: Partial<Record<LabtraceError['code'], number>> = {
  MALFORMED_FRAME: CloseCode.Malformed,
  UNSUPPORTED_VERSION: CloseCode.UnsupportedVersion,
  PROTOCOL_ORDER: CloseCode.ProtocolOrder,
  FRAME_TOO_LARGE: CloseCode.TooLarge,
  BAD_TOKEN: CloseCode.BadToken,
};

/** Frames (or bytes of frames) of one connection received but not yet acknowledged before its socket stops being read. */
export const MAX_FRAMES_IN_FLIGHT = 16;
export const MAX_BYTES_IN_FLIGHT = 32 * 1024 * 1024;

export class AgentConnection {
  runId: string | undefined;
  private ended = false;
  private closing = false;
  /** Decoded frames are handed to the ingester in arrival order along this chain... */
  private submitted: Promise<void> = Promise.resolve();
  /** ...and acknowledged in the same order along this one. */
  private acked: Promise<void> = Promise.resolve();
  private inFlight = 0;
  private bytesInFlight = 0;
  /** Paused by this connection's own bound... */
  private paused = false;
  /** ...or by the daemon-wide one (IngestBudget): its socket is read again once neither holds. */
  private waitingForBudget = false;
  private readonly budgetResume = (): void => {
    this.waitingForBudget = false;
    if (!this.paused) this.socket.resume();
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly ingester: Ingester,
    private readonly decoder: FrameDecoder,
    private readonly log: Logger,
    private readonly remote: string,
    private readonly budget: IngestBudget = new IngestBudget(),
  ) {
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('error', (err) => {
      // ws reports oversized and invalid frames here and closes with 1009/1002 itself.
      this.log.warn('agent connection error', { remote: this.remote, run_id: this.runId, error: errorMessage(err), code: (err as { code?: string }).code });
    });
  }

  get hasEnded(): boolean {
    return this.ended;
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    if (!isBinary) {
      this.refuse(new LabtraceError('MALFORMED_FRAME', 'text frames are not part of the protocol'));
      return;
    }
    const bytes = toBytes(data);
    const size = bytes.length;
    const decoding = this.decoder.decode(bytes);
    decoding.catch(() => undefined); // handled in order below
    this.frameStarted(size);
    this.submitted = this.submitted.then(async () => {
      let frame: DecodedFrame;
      try {
        frame = await decoding;
        if (this.closing) return this.frameDone(size);
        this.checkOrder(frame.message);
      } catch (err) {
        this.frameDone(size);
        this.refuse(err);
        return;
      }
      const { message, events } = frame;
      const runId = message.body === 'hello' ? message.hello!.runId! : this.runId!;
      if (message.body === 'hello') this.runId = runId;
      if (message.body === 'end') this.ended = true;
      // Frames of one connection are acknowledged in order: the ingester commits in queue order.
      const committed = this.ingester.submit(message, runId, 'ws', events);
      committed.catch(() => undefined); // handled in order below
      this.acked = this.acked.then(async () => {
        try {
          const outcome = await committed;
          if (this.socket.readyState !== this.socket.OPEN) return;
          if (message.body === 'hello') this.socket.send(encodeAck(runId, outcome.resumeSeq));
          else this.socket.send(encodeBatchAck(runId, outcome.seq));
        } catch (err) {
          this.refuse(err);
        } finally {
          this.frameDone(size);
        }
      });
    });
  }

  private checkOrder(message: AgentMessage): void {
    if (message.body === 'hello') {
      if (this.runId) throw new LabtraceError('PROTOCOL_ORDER', 'second hello on one connection');
    } else if (!this.runId) {
      throw new LabtraceError('PROTOCOL_ORDER', `${message.body} before hello`);
    }
  }

  /**
   * Backpressure: a client that sends faster than frames commit is not read until it catches up, and
   * no client is read while the frames of all of them together exceed the daemon-wide bound.
   */
  private frameStarted(size: number): void {
    this.inFlight++;
    this.bytesInFlight += size;
    if (!this.budget.take(size, this.budgetResume) && !this.waitingForBudget) {
      this.waitingForBudget = true;
      if (!this.paused) this.socket.pause();
    }
    if (!this.paused && (this.inFlight >= MAX_FRAMES_IN_FLIGHT || this.bytesInFlight >= MAX_BYTES_IN_FLIGHT)) {
      this.paused = true;
      if (!this.waitingForBudget) this.socket.pause();
    }
  }

  private frameDone(size: number): void {
    this.inFlight--;
    this.bytesInFlight -= size;
    if (this.paused && this.inFlight <= MAX_FRAMES_IN_FLIGHT / 2 && this.bytesInFlight <= MAX_BYTES_IN_FLIGHT / 2) {
      this.paused = false;
      if (!this.waitingForBudget) this.socket.resume();
    }
    this.budget.give(size);
  }

  /** The socket closed: it no longer waits for the daemon-wide bound (its frames still leave it as they are answered). */
  dispose(): void {
    this.budget.forget(this.budgetResume);
  }

  /** Refuses the connection with a close code that names the problem, and logs it. */
  private refuse(err: unknown): void {
    if (this.closing) return;
    this.closing = true;
    const code = err instanceof LabtraceError ? (CLOSE_FOR[err.code] ?? CloseCode.Internal) : CloseCode.Internal;
    const reason = errorMessage(err).slice(0, 120);
    this.log.warn('agent frame refused', { remote: this.remote, run_id: this.runId, close_code: code, reason });
    try {
      if (this.socket.readyState === this.socket.OPEN) {
        this.socket.send(encodeErrorReply(code, reason));
        this.socket.close(code, reason);
      }
    } catch {
      this.socket.terminate();
    }
  }

  /** Resolves when every frame received so far has been answered. */
  async settled(): Promise<void> {
    await this.submitted;
    await this.acked;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
