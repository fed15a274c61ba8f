/**
 * Decodes agent frames off the main thread: one worker (decode-worker.ts) does the protobuf decode of
 * the event columns, the main thread only appends them to DuckDB. Replies come back in request
 * order; a worker that dies fails its pending frames (INTERNAL) and is replaced on the next frame.
 */
import { Worker } from 'node:worker_threads';
import { LabtraceError } from '../errors.js';
import type { EventColumns } from '../store/event-appender.js';
import type { DecodeReply, DecodeRequest } from './decode-protocol.js';
import { MAX_FRAME_BYTES, decodeStrippedMessage, pb, type AgentMessage } from './messages.js';

export interface DecodedFrame {
  readonly message: AgentMessage;
  /** A batch's event columns (the message's batch carries none). */
  readonly events: EventColumns | undefined;
}

interface Waiter {
  resolve(frame: DecodedFrame): void;
  reject(err: unknown): void;
}

const WORKER_URL = new URL('./decode-worker.js', import.meta.url);

export class FrameDecoder {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private closed = false;

  /** Frames decoded but not yet answered, across all connections. */
  get pending(): number {
    return this.waiting.size;
  }

  decode(bytes: Uint8Array): Promise<DecodedFrame> {
    if (this.closed) return Promise.reject(new LabtraceError('INTERNAL', 'frame decoder is closed'));
    // Refused before the copy to the worker, like decodeAgentMessage does.
    if (bytes.length > MAX_FRAME_BYTES) {
      return Promise.reject(new LabtraceError('FRAME_TOO_LARGE', `frame of ${bytes.length} bytes exceeds ${MAX_FRAME_BYTES}`));
    }
    const id = this.nextId++;
    const copy = new Uint8Array(bytes); // the worker owns it: ws may hand out views of a shared buffer
    const request: DecodeRequest = { id, bytes: copy };
    return new Promise<DecodedFrame>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.ensureWorker().postMessage(request, [copy.buffer]);
    });
  }

  /** Starts the worker and waits until it has decoded a frame, so the first agent does not pay for its start-up. */
  async warmUp(): Promise<void> {
    await this.decode(pb.AgentMessage.encode({ end: { seq: 1 } }).finish());
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new LabtraceError('INTERNAL', 'frame decoder closed'));
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_URL);
    worker.unref(); // connections keep the daemon alive, not the decoder
    worker.on('message', (reply: DecodeReply) => this.onReply(reply));
    const gone = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(new LabtraceError('INTERNAL', `decode worker ${why}`));
    };
    worker.on('error', (err) => gone(`failed: ${err.message}`));
    worker.on('exit', (code) => gone(`exited with ${code}`));
    this.worker = worker;
    return worker;
  }

  private onReply(reply: DecodeReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (!reply.ok) {
      waiter.reject(new LabtraceError(reply.code, reply.message));
      return;
    }
    try {
      waiter.resolve({ message: decodeStrippedMessage(reply.stripped), events: reply.events });
    } catch (err) {
      waiter.reject(err);
    }
  }

  private failAll(err: LabtraceError): void {
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiters) w.reject(err);
  }
}
