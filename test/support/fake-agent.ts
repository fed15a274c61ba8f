/**
 * A WebSocket client speaking the agent protocol with protobufjs: the load generator and the
 * robustness tests use it where a real Python process cannot produce the bytes they need.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { labtrace } from '../../proto/gen/labtrace.js';

const pb = labtrace.v1;

export function newRunId(): string {
  return (Date.now() * 1000).toString(16).padStart(12, '0').slice(-12) + randomBytes(10).toString('hex');
}

export function helloFrame(runId: string, token = '', script = '/fake/train.py'): Uint8Array {
  return pb.AgentMessage.encode({
    hello: {
      protocolVersion: 1,
      token,
      runId,
      agentVersion: 'fake',
      run: { argv: [script], script, pid: process.pid, pythonVersion: '3.0.0', backend: 'fake', startTimeNs: Date.now() * 1e6, hostname: 'fake-host' },
    },
  }).finish();
}

/** A batch of `n` events over two code objects, introducing its strings when `seq === 1`. */
export function batchFrame(seq: number, n: number): Uint8Array {
  const first = seq === 1;
  const kind = new Array<number>(n);
  const tDelta = new Array<number>(n);
  const codeId = new Array<number>(n);
  const line = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    kind[i] = i % 2 === 0 ? pb.EventKind.CALL : pb.EventKind.RETURN;
    tDelta[i] = 1000;
    codeId[i] = 1 + (i % 2);
    line[i] = 10 + (i % 7);
  }
  return pb.AgentMessage.encode({
    batch: {
      seq,
      stringBase: first ? 1 : 0,
      strings: first ? ['/fake/train.py', 'main', 'helper', '__main__'] : [],
      codeObjects: first ? [{ id: 1, file: 1, qualname: 2, firstLine: 10, user: true, module: 4 }, { id: 2, file: 1, qualname: 3, firstLine: 20, user: true, module: 4 }] : [],
      kind,
      tDelta,
      codeId,
      line,
    },
  }).finish();
}

export function endFrame(seq: number, exitCode = 0): Uint8Array {
  return pb.AgentMessage.encode({ end: { seq, exitCode, endTimeNs: Date.now() * 1e6, endReason: 'exit' } }).finish();
}

export interface Reply {
  readonly kind: 'ack' | 'batchAck' | 'error';
  readonly seq: number;
  readonly code: number;
}

export class FakeAgent {
  readonly replies: Reply[] = [];
  closeCode: number | undefined;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const m = pb.DaemonMessage.decode(data);
      if (m.body === 'ack') this.replies.push({ kind: 'ack', seq: Number(m.ack!.committedSeq ?? 0), code: 0 });
      if (m.body === 'batchAck') this.replies.push({ kind: 'batchAck', seq: Number(m.batchAck!.seq ?? 0), code: 0 });
      if (m.body === 'error') this.replies.push({ kind: 'error', seq: 0, code: m.error!.code ?? 0 });
      this.notify();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.notify();
    });
    socket.on('error', () => this.notify());
  }

  static connect(port: number, token: string): Promise<FakeAgent> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/agent`, { headers: { authorization: `Bearer ${token}` }, maxPayload: 0 });
      socket.once('open', () => resolve(new FakeAgent(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(frame: Uint8Array | Buffer | string): void {
    this.socket.send(frame);
  }

  /** Resolves when `predicate` holds for the replies seen so far or the socket closed. */
  async until(predicate: (agent: FakeAgent) => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (this.closeCode !== undefined) return;
      if (Date.now() > deadline) throw new Error('timed out waiting for daemon replies');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }

  acked(seq: number): boolean {
    return this.replies.some((r) => r.kind === 'batchAck' && r.seq === seq);
  }

  close(): void {
    this.socket.close();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }
}
