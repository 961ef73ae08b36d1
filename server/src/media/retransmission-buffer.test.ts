import { describe, expect, it } from 'vitest';
import { RetransmissionBuffer, ownedRtpPacket } from './retransmission-buffer.ts';
import { rtpPacket } from './test-packets.ts';

describe('RetransmissionBuffer', () => {
  it('rounds the size up to a power of two and finds packets across the 16-bit wrap', () => {
    const buffer = new RetransmissionBuffer({ maxPackets: 1000, maxAgeMs: 2000 });
    expect(buffer.capacity).toBe(1024);
    for (const seq of [65534, 65535, 0, 1]) buffer.store(rtpPacket({ sequenceNumber: seq }), 0);
    expect([65534, 65535, 0, 1, 2].map((seq) => buffer.getPacket(seq, 0)?.sequenceNumber)).toEqual([65534, 65535, 0, 1, undefined]);
  });

  it('never returns a packet that shares the slot but not the number', () => {
    const buffer = new RetransmissionBuffer({ maxPackets: 4, maxAgeMs: 2000 });
    buffer.store(rtpPacket({ sequenceNumber: 1 }), 0);
    buffer.store(rtpPacket({ sequenceNumber: 5 }), 0);
    expect(buffer.getPacket(1, 0)).toBeUndefined();
    expect(buffer.has(5, 0)).toBe(true);
  });

  it('ages packets out', () => {
    const buffer = new RetransmissionBuffer({ maxPackets: 4, maxAgeMs: 100 });
    buffer.store(rtpPacket({ sequenceNumber: 1 }), 1000);
    expect(buffer.has(1, 1100)).toBe(true);
    expect(buffer.has(1, 1101)).toBe(false);
  });

  it.each([0, 40_000, Number.NaN])('refuses a size of %s', (maxPackets) => {
    expect(() => new RetransmissionBuffer({ maxPackets, maxAgeMs: 1 })).toThrow(RangeError);
  });

  it('ownedRtpPacket copies payload and extension data out of the datagram', () => {
    const datagram = Uint8Array.of(1, 2, 3, 4, 5);
    const packet = rtpPacket({ payload: datagram.subarray(0, 3), extensions: [[3, datagram.subarray(3, 5)]] });
    const owned = ownedRtpPacket(packet);
    datagram.fill(0);
    expect([...owned.payload]).toEqual([1, 2, 3]);
    expect(owned.extension?.kind === 'one-byte' && [...owned.extension.elements[0]!.data]).toEqual([4, 5]);
  });
});
