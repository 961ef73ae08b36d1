/** The bounded send queue against a fake socket whose write() says when it is full. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SendQueue } from './send-queue.ts';

/** A sink that accepts `capacity` bytes before write() returns false, until drained by the test. */
class FakeSink extends EventEmitter {
  written: Uint8Array[] = [];
  writableLength = 0;
  ended = false;
  constructor(readonly capacity: number) {
    super();
  }
  write(chunk: Uint8Array): boolean {
    this.written.push(chunk);
    this.writableLength += chunk.length;
    return this.writableLength < this.capacity;
  }
  end(): void {
    this.ended = true;
  }
  /** The kernel took everything. */
  drain(): void {
    this.writableLength = 0;
    this.emit('drain');
  }
}

function frame(size: number, fill = 0): Uint8Array {
  return new Uint8Array(size).fill(fill);
}

describe('SendQueue', () => {
  it('writes straight through while the socket accepts, then queues whole frames until drain, in order', () => {
    const sink = new FakeSink(10);
    const queue = new SendQueue(sink, { maxQueuedBytes: 100, onOverflow: () => expect.unreachable() });
    queue.push(frame(6, 1));
    queue.push(frame(6, 2)); // writableLength 12 >= 10: blocked after this one
    queue.push(frame(6, 3));
    queue.push(frame(6, 4));
    expect(sink.written.map((chunk) => chunk[0])).toEqual([1, 2]);
    expect(queue.queuedBytes).toBe(12);
    expect(queue.bufferedAmount).toBe(24);
    sink.drain();
    expect(sink.written.map((chunk) => chunk[0])).toEqual([1, 2, 3, 4]);
    expect(queue.queuedBytes).toBe(0);
  });

  it('calls onOverflow once when the queue passes its limit, and never holds much more than the limit', () => {
    const sink = new FakeSink(10);
    const overflows: number[] = [];
    const queue = new SendQueue(sink, { maxQueuedBytes: 50, onOverflow: (bytes) => overflows.push(bytes) });
    for (let i = 0; i < 20; i++) queue.push(frame(10));
    expect(overflows).toEqual([60]);
    queue.clear();
    expect(queue.queuedBytes).toBe(0);
  });

  it('end() ends the socket only after the queued frames are written, and refuses new frames', () => {
    const sink = new FakeSink(5);
    const queue = new SendQueue(sink, { maxQueuedBytes: 100, onOverflow: () => {} });
    queue.push(frame(6, 1));
    queue.push(frame(6, 2));
    queue.end();
    queue.push(frame(6, 3));
    expect(sink.ended).toBe(false);
    sink.drain();
    expect(sink.written.map((chunk) => chunk[0])).toEqual([1, 2]);
    expect(sink.ended).toBe(true);
  });

  it('stays linear and compacts when draining many small frames', () => {
    const sink = new FakeSink(1);
    const queue = new SendQueue(sink, { maxQueuedBytes: 1e9, onOverflow: () => {} });
    for (let i = 0; i < 5000; i++) queue.push(frame(1, i & 0xff));
    for (let i = 0; i < 5000; i++) sink.drain();
    expect(sink.written).toHaveLength(5000);
    expect(sink.written.map((chunk) => chunk[0]).slice(0, 3)).toEqual([0, 1, 2]);
    expect(queue.queuedBytes).toBe(0);
  });
});
