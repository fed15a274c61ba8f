/**
 * Decodes agent frames for the connections, on the main thread (decode-frame.ts). A batch is only
 * scanned here, its event columns are decoded when the ingester appends them, so one thread suffices
 * at several million events a second. (A worker thread used to decode them: its own V8 isolate, about
 * 10 MB, a copy of every frame to send it there, and the decoded columns, three times the frame's
 * size, in that thread's malloc arena until the main thread's garbage collector freed them.)
 * Replies keep the request order (they are settled at once); a closed decoder refuses with INTERNAL.
 */
import { LabtraceError, errorMessage } from '../../common/errors.js';
import { decodeFrame, type DecodedFrame } from './decode-frame.js';
import { MAX_FRAME_BYTES } from './messages.js';

export type { DecodedFrame } from './decode-frame.js';

export class FrameDecoder {
  private closed = false;

  /** Frames being decoded, across all connections (decoding is synchronous: always 0 between calls). */
  get pending(): number {
    return 0;
  }

  decode(bytes: Uint8Array): Promise<DecodedFrame> {
    if (this.closed) return Promise.reject(new LabtraceError('INTERNAL', 'frame decoder is closed'));
    if (bytes.length > MAX_FRAME_BYTES) {
      return Promise.reject(new LabtraceError('FRAME_TOO_LARGE', `frame of ${bytes.length} bytes exceeds ${MAX_FRAME_BYTES}`));
    }
    try {
      return Promise.resolve(decodeFrame(bytes));
    } catch (err) {
      return Promise.reject(err instanceof LabtraceError ? err : new LabtraceError('MALFORMED_FRAME', errorMessage(err)));
    }
  }

  /** Nothing to start any more (kept for the server's start-up sequence). */
  async warmUp(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
  }
}
