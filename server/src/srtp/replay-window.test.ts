import { describe, expect, it } from 'vitest';
import { ReplayWindow } from './replay-window.ts';
import { createSrtpSession } from './srtp-session.ts';
import { rtcpPacket, rtpPacket, thrownCode, toHex } from './test-helpers.ts';

/** A window after accepting `accepted` in order. */
function windowWith(size: number, accepted: number[]): ReplayWindow {
  const window = new ReplayWindow(size);
  for (const index of accepted) window.accept(index);
  return window;
}

describe('ReplayWindow (RFC 3711 §3.3.2)', () => {
  const rows = [
    { name: 'accepts anything before the first packet', size: 64, accepted: [], index: 12345, want: undefined },
    { name: 'refuses a duplicate of the highest index', size: 64, accepted: [100], index: 100, want: 'REPLAYED' },
    { name: 'refuses a duplicate inside the window', size: 64, accepted: [90, 100], index: 90, want: 'REPLAYED' },
    { name: 'accepts a late index inside the window', size: 64, accepted: [90, 100], index: 95, want: undefined },
    { name: 'accepts the oldest index the window still covers', size: 64, accepted: [100], index: 37, want: undefined },
    { name: 'refuses an index just left of the window as TOO_OLD', size: 64, accepted: [100], index: 36, want: 'TOO_OLD' },
    { name: 'accepts a new highest index', size: 64, accepted: [100], index: 101, want: undefined },
    { name: 'a 1024 window covers 1023 behind the highest', size: 1024, accepted: [5000], index: 3977, want: undefined },
    { name: 'a 1024 window ends there', size: 1024, accepted: [5000], index: 3976, want: 'TOO_OLD' },
    { name: 'works on 48-bit indices', size: 1024, accepted: [2 ** 47 + 5], index: 2 ** 47 + 5, want: 'REPLAYED' },
  ] as const;

  it.each(rows)('$name', ({ size, accepted, index, want }) => {
    expect(windowWith(size, [...accepted]).check(index)).toBe(want);
  });

  it('slides: bits of indices that left the window do not mark the new ones at the same position', () => {
    const window = windowWith(64, [0, 1, 2, 3]);
    window.accept(65); // the window is now 2..65: 2 and 3 are still in it, 0 and 1 are not
    expect(window.check(2)).toBe('REPLAYED');
    expect(window.check(1)).toBe('TOO_OLD');
    expect(window.check(64)).toBe(undefined); // same bit as 0, which was accepted a window ago
    expect(window.check(65)).toBe('REPLAYED');
    window.accept(64);
    expect(window.check(64)).toBe('REPLAYED');
    expect(window.highest).toBe(65);
  });

  it('forgets everything after a jump of more than a window', () => {
    const window = windowWith(64, Array.from({ length: 64 }, (_, i) => i));
    window.accept(1000);
    for (let index = 1000 - 63; index < 1000; index++) expect(window.check(index)).toBe(undefined);
    expect(window.check(1000)).toBe('REPLAYED');
  });

  it.each([0, 32, 63, 100, 64.5, -64])('refuses a window size of %s with a TypeError', (size) => {
    expect(() => new ReplayWindow(size)).toThrow(TypeError);
  });
});

describe('replay protection in a session', () => {
  const keys = { profile: 'SRTP_AES128_CM_HMAC_SHA1_80', masterKey: new Uint8Array(16).fill(9), masterSalt: new Uint8Array(14).fill(3) } as const;

  it('refuses a duplicated SRTP packet, accepts a late one, refuses one left of the window', () => {
    const sender = createSrtpSession(keys);
    const receiver = createSrtpSession({ ...keys, replayWindowSize: 64 });
    const wire = Array.from({ length: 200 }, (_, seq) => sender.protectRtp(rtpPacket({ sequenceNumber: seq })));
    receiver.unprotectRtp(wire[100]!);
    expect(thrownCode(() => receiver.unprotectRtp(wire[100]!))).toBe('REPLAYED');
    expect(toHex(receiver.unprotectRtp(wire[40]!))).toBe(toHex(rtpPacket({ sequenceNumber: 40 })));
    expect(thrownCode(() => receiver.unprotectRtp(wire[40]!))).toBe('REPLAYED');
    expect(thrownCode(() => receiver.unprotectRtp(wire[36]!))).toBe('TOO_OLD');
    receiver.unprotectRtp(wire[199]!); // the window slides to 136..199
    expect(thrownCode(() => receiver.unprotectRtp(wire[120]!))).toBe('TOO_OLD');
    expect(toHex(receiver.unprotectRtp(wire[150]!))).toBe(toHex(rtpPacket({ sequenceNumber: 150 })));
  });

  it('keeps one window per SSRC', () => {
    const sender = createSrtpSession(keys);
    const receiver = createSrtpSession(keys);
    receiver.unprotectRtp(sender.protectRtp(rtpPacket({ sequenceNumber: 7, ssrc: 1 })));
    expect(() => receiver.unprotectRtp(sender.protectRtp(rtpPacket({ sequenceNumber: 7, ssrc: 2 })))).not.toThrow();
  });

  it('refuses a replayed SRTCP packet and one left of the SRTCP window', () => {
    const sender = createSrtpSession(keys);
    const receiver = createSrtpSession({ ...keys, replayWindowSize: 64 });
    const wire = Array.from({ length: 70 }, () => sender.protectRtcp(rtcpPacket()));
    receiver.unprotectRtcp(wire[69]!);
    expect(thrownCode(() => receiver.unprotectRtcp(wire[69]!))).toBe('REPLAYED');
    expect(() => receiver.unprotectRtcp(wire[6]!)).not.toThrow();
    expect(thrownCode(() => receiver.unprotectRtcp(wire[5]!))).toBe('TOO_OLD');
  });

  it('does not let a forged packet move the window', () => {
    const sender = createSrtpSession(keys);
    const receiver = createSrtpSession({ ...keys, replayWindowSize: 64 });
    const genuine = sender.protectRtp(rtpPacket({ sequenceNumber: 10 }));
    const forged = sender.protectRtp(rtpPacket({ sequenceNumber: 5000 }));
    forged[forged.length - 1]! ^= 1;
    expect(thrownCode(() => receiver.unprotectRtp(forged))).toBe('AUTH_FAILED');
    expect(toHex(receiver.unprotectRtp(genuine))).toBe(toHex(rtpPacket({ sequenceNumber: 10 })));
  });
});
