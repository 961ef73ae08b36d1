/**
 * The sender and receiver on a hand-driven clock, wired by hand: every rule of
 * the sliding window, checked without a socket or a sleep.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '#server/timers/index.ts';
import { TransferError } from './errors.ts';
import { ReliableReceiver } from './receiver.ts';
import { type ReliableSenderOptions, type RetransmitReason, ReliableSender } from './sender.ts';
import { decodeSegment, encodeAck, encodeData } from './segment.ts';

/** A sender on a manual clock; `sent` lists the sequence numbers it put on the wire, in order. */
function harness(options: Partial<ReliableSenderOptions> = {}) {
  const clock = new ManualClock();
  const wire: Buffer[] = [];
  const sender = new ReliableSender({ send: (datagram) => wire.push(datagram), clock, rto: { initialRtoMs: 100, minRtoMs: 100 }, ...options });
  const retransmits: Array<[number, RetransmitReason]> = [];
  sender.on('retransmit', (sequence, reason) => retransmits.push([sequence, reason]));
  const sent = (): number[] =>
    wire.map((datagram) => {
      const segment = decodeSegment(datagram);
      if (segment.type !== 'data') throw new Error('the sender sent an ACK');
      return segment.sequence;
    });
  /** An ACK as the receiver would send it, echoing the timestamp of the latest transmission of `ack - 1`. */
  const ack = (n: number): void => {
    const latest = [...wire].reverse().map(decodeSegment).find((segment) => segment.type === 'data' && segment.sequence === n - 1);
    sender.onDatagram(encodeAck(n, latest?.type === 'data' ? latest.timestamp : 0));
  };
  const write = (count: number): void => {
    for (let i = 0; i < count; i++) sender.write(Buffer.from([i]));
  };
  return { clock, wire, sender, sent, ack, write, retransmits };
}

describe('ReliableSender', () => {
  it('keeps at most windowSegments in flight, and slides the window on each cumulative ACK', () => {
    const { sent, ack, write } = harness({ windowSegments: 4 });
    write(10);
    expect(sent()).toEqual([0, 1, 2, 3]);
    ack(2);
    expect(sent()).toEqual([0, 1, 2, 3, 4, 5]);
    ack(6);
    expect(sent()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('retransmits the oldest segment on the third duplicate ACK, not before (RFC 5681 §3.2)', () => {
    const { sent, ack, write, retransmits } = harness({ windowSegments: 8 });
    write(6);
    ack(1);
    ack(1);
    ack(1);
    expect(retransmits).toEqual([]);
    ack(1);
    expect(retransmits).toEqual([[1, 'fast']]);
    expect(sent().slice(-1)).toEqual([1]);
    ack(1);
    expect(retransmits).toHaveLength(1);
  });

  it('fills the next hole at once on a partial ACK (RFC 6582 §3.2)', () => {
    const { ack, write, retransmits, sender } = harness({ windowSegments: 8 });
    write(8);
    // 0 and 3 lost: the receiver acks 0 for segments 1, 2, 4, 5 ... then 3 after 0 is repaired.
    for (let i = 0; i < 4; i++) ack(0);
    expect(retransmits).toEqual([[0, 'fast']]);
    ack(3);
    expect(retransmits).toEqual([[0, 'fast'], [3, 'partial-ack']]);
    ack(8);
    expect(sender.stats.retransmissions).toEqual({ timeout: 0, fast: 1, partialAck: 1 });
    expect(sender.stats.inFlight).toBe(0);
  });

  it('retransmits on the RTO, backs off, and collapses the RTO on the next timed ACK (RFC 6298 §5)', () => {
    const { clock, ack, write, retransmits, sender } = harness();
    write(1);
    clock.advance(99);
    expect(retransmits).toEqual([]);
    clock.advance(1);
    expect(retransmits).toEqual([[0, 'timeout']]);
    expect(sender.stats.rtoMs).toBe(200);
    clock.advance(200);
    expect(retransmits).toEqual([[0, 'timeout'], [0, 'timeout']]);
    expect(sender.stats.rtoMs).toBe(400);
    clock.advance(10);
    ack(1);
    // With timestamps the ACK names the last copy, sent 10 ms ago: SRTT 10, RTO back to the floor.
    expect(sender.stats.srttMs).toBe(10);
    expect(sender.stats.rtoMs).toBe(100);
    expect(sender.stats.maxRtoMs).toBe(400);
  });

  it("without timestamps, does not time an ACK that covers a retransmitted segment (Karn), so the RTO stays backed off", () => {
    const { clock, ack, write, sender } = harness({ timestamps: false });
    write(2);
    clock.advance(100);
    expect(sender.stats.rtoMs).toBe(200);
    ack(2);
    expect(sender.stats).toMatchObject({ karnSkipped: 1, rttSamples: 0, rtoMs: 200, srttMs: undefined });
    write(1);
    clock.advance(30);
    ack(3);
    expect(sender.stats).toMatchObject({ rttSamples: 1, srttMs: 30, rtoMs: 100 });
  });

  it('stops the timer when everything is acknowledged and restarts it on new data (RFC 6298 §5.2, §5.3)', () => {
    const { clock, ack, write, retransmits } = harness();
    write(2);
    clock.advance(60);
    ack(1);
    // Restarted at 60 ms with the RTO: segment 1 times out at 60 + RTO, not at 100.
    clock.advance(50);
    expect(retransmits).toEqual([]);
    ack(2);
    clock.advance(1000);
    expect(retransmits).toEqual([]);
  });

  it("marks the last segment END and finishes once it is acknowledged", () => {
    const { wire, ack, write, sender } = harness();
    let finished = 0;
    sender.on('finish', () => finished++);
    write(3);
    sender.end();
    const last = decodeSegment(wire[2]!);
    expect(last).toMatchObject({ type: 'data', sequence: 2 });
    ack(2);
    expect(finished).toBe(0);
    // write() put segment 2 on the wire before end(): an empty END segment follows it.
    expect(decodeSegment(wire.at(-1)!)).toMatchObject({ type: 'data', sequence: 3, end: true, payload: Buffer.alloc(0) });
    ack(4);
    expect(finished).toBe(1);
    expect(() => sender.write(Buffer.from('late'))).toThrow(TransferError);
  });

  it('sets END on a segment still waiting for the window instead of adding one', () => {
    const { wire, ack, write, sender } = harness({ windowSegments: 1 });
    write(2);
    sender.end();
    ack(1);
    expect(decodeSegment(wire.at(-1)!)).toMatchObject({ sequence: 1, end: true });
  });

  it('gives up with RETRANSMISSION_LIMIT when the peer never answers', () => {
    const { clock, write, sender } = harness({ maxRetransmissions: 3, rto: { initialRtoMs: 10, minRtoMs: 10 } });
    const errors: TransferError[] = [];
    sender.on('error', (error) => errors.push(error));
    write(1);
    clock.advance(10_000);
    expect(errors.map((error) => error.code)).toEqual(['RETRANSMISSION_LIMIT']);
    expect(sender.stats.retransmissions.timeout).toBe(3);
  });

  it('ignores what is not a sane ACK, and counts it', () => {
    const { sender, write, sent } = harness();
    write(2);
    sender.onDatagram(Buffer.from('garbage'));
    sender.onDatagram(encodeData(0, 0, Buffer.from('x')));
    sender.onDatagram(encodeAck(9, 0));
    expect(sender.stats).toMatchObject({ ignored: 3, acked: 0 });
    expect(sent()).toEqual([0, 1]);
  });

  it('refuses a payload over maxPayloadBytes and bad options', () => {
    const { sender } = harness({ maxPayloadBytes: 10 });
    expect(() => sender.write(Buffer.alloc(11))).toThrow(RangeError);
    expect(() => harness({ windowSegments: 0 })).toThrow(RangeError);
    expect(() => harness({ duplicateAckThreshold: 1.5 })).toThrow(RangeError);
  });
});

describe('ReliableReceiver', () => {
  function receiver() {
    const acks: number[] = [];
    const data: string[] = [];
    let ended = 0;
    const r = new ReliableReceiver({
      send: (datagram) => {
        const segment = decodeSegment(datagram);
        if (segment.type === 'ack') acks.push(segment.ack);
      },
      windowSegments: 8,
    });
    r.on('data', (payload) => data.push(payload.toString()));
    r.on('end', () => ended++);
    const deliver = (sequence: number, end = false): void => r.onDatagram(encodeData(sequence, 0, Buffer.from(`s${sequence}`), end));
    return { r, acks, data, deliver, ended: () => ended };
  }

  it('acknowledges every segment at once, repeating the ACK while a hole stays open', () => {
    const { acks, data, deliver } = receiver();
    deliver(0);
    deliver(2);
    deliver(3);
    deliver(1);
    expect(acks).toEqual([1, 1, 1, 4]);
    expect(data).toEqual(['s0', 's1', 's2', 's3']);
  });

  it("ends after the END segment's payload, even when END arrived early, and keeps answering after", () => {
    const { acks, data, deliver, ended, r } = receiver();
    deliver(1, true);
    expect(ended()).toBe(0);
    deliver(0);
    expect(data).toEqual(['s0', 's1']);
    expect(ended()).toBe(1);
    deliver(1, true);
    expect(acks).toEqual([0, 2, 2]);
    expect(ended()).toBe(1);
    expect(r.stats).toMatchObject({ delivered: 2, duplicates: 1, acksSent: 3 });
  });

  it('echoes the timestamp of the segment it answers', () => {
    const echoes: number[] = [];
    const r = new ReliableReceiver({ send: (datagram) => echoes.push((decodeSegment(datagram) as { timestampEcho: number }).timestampEcho) });
    r.onDatagram(encodeData(0, 123_456, Buffer.alloc(1)));
    r.onDatagram(encodeData(5, 999, Buffer.alloc(1)));
    expect(echoes).toEqual([123_456, 999]);
  });

  it('counts and drops what is not a DATA segment', () => {
    const { r, acks } = receiver();
    r.onDatagram(Buffer.from('nope'));
    r.onDatagram(encodeAck(1, 0));
    expect(acks).toEqual([]);
    expect(r.stats.ignored).toBe(2);
  });
});
