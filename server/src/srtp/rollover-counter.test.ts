import { describe, expect, it } from 'vitest';
import { SRTP_PROFILES, type SrtpProfileName } from './profiles.ts';
import { estimatePacketIndex, rolloverCounterOf } from './rollover-counter.ts';
import { createSrtpSession } from './srtp-session.ts';
import { rtpPacket, thrownCode, toHex } from './test-helpers.ts';

const ROC = 0x10000;

describe('estimatePacketIndex (RFC 3711 §3.3.1, Appendix A)', () => {
  const rows = [
    { name: 'the next SEQ in the same ROC', highest: 5 * ROC + 1000, seq: 1001, want: 5 * ROC + 1001 },
    { name: 'a late SEQ in the same ROC', highest: 5 * ROC + 1000, seq: 900, want: 5 * ROC + 900 },
    { name: 'a jump of exactly 2^15 stays in the ROC (s_l < 2^15, SEQ - s_l = 2^15)', highest: 5 * ROC + 100, seq: 100 + 0x8000, want: 5 * ROC + 100 + 0x8000 },
    { name: 'SEQ - s_l > 2^15 with s_l < 2^15 is a late packet of ROC-1', highest: 5 * ROC + 2, seq: 65534, want: 4 * ROC + 65534 },
    { name: 's_l - 2^15 > SEQ with s_l >= 2^15 is a packet of ROC+1 (the wrap)', highest: 5 * ROC + 65535, seq: 0, want: 6 * ROC },
    { name: 'a wrap after a gap', highest: 5 * ROC + 65000, seq: 300, want: 6 * ROC + 300 },
    { name: 'SEQ above s_l - 2^15 with s_l >= 2^15 stays in the ROC', highest: 5 * ROC + 40000, seq: 7233, want: 5 * ROC + 7233 },
    { name: 'ROC-1 from ROC 0 is negative: no sender ever sent it', highest: 3, seq: 65535, want: -1 },
  ];

  it.each(rows)('$name', ({ highest, seq, want }) => {
    expect(estimatePacketIndex(highest, seq)).toBe(want);
  });

  it('splits an index into its ROC', () => {
    expect(rolloverCounterOf(6 * ROC + 300)).toBe(6);
    expect(rolloverCounterOf(2 ** 48 - 1)).toBe(0xffffffff);
  });
});

/** 65530, ..., 65535, 0, ..., 5: twelve packets across the wrap. */
const acrossTheWrap = Array.from({ length: 12 }, (_, i) => (65530 + i) % 65536);
/** The order they arrive in: reordered within a few places on both sides of the wrap. */
const arrival = [65531, 65530, 0, 65533, 65532, 1, 65535, 3, 65534, 2, 5, 4];

describe.each(Object.keys(SRTP_PROFILES) as SrtpProfileName[])('ROC across the 65535 -> 0 wrap, %s', (profile) => {
  const keys = { profile, masterKey: new Uint8Array(SRTP_PROFILES[profile].keyLength).fill(1), masterSalt: new Uint8Array(SRTP_PROFILES[profile].saltLength).fill(2) };

  it('decrypts every packet when they arrive reordered across the wrap', () => {
    const sender = createSrtpSession(keys);
    const receiver = createSrtpSession(keys);
    const plain = new Map(acrossTheWrap.map((seq) => [seq, rtpPacket({ sequenceNumber: seq })]));
    const wire = new Map(acrossTheWrap.map((seq) => [seq, sender.protectRtp(plain.get(seq)!)]));
    for (const seq of arrival) expect(toHex(receiver.unprotectRtp(wire.get(seq)!))).toBe(toHex(plain.get(seq)!));
  });

  it('keeps ROC 1 after the wrap: a later packet decrypts and a replay of ROC 0 is refused', () => {
    const sender = createSrtpSession(keys);
    const receiver = createSrtpSession(keys);
    const wire = acrossTheWrap.map((seq) => sender.protectRtp(rtpPacket({ sequenceNumber: seq })));
    wire.forEach((packet) => receiver.unprotectRtp(packet));
    // Less than 2^15 ahead of s_l = 5, so ROC 1; SEQ 40000 would be taken for a late packet of ROC 0.
    const later = rtpPacket({ sequenceNumber: 30000 });
    expect(toHex(receiver.unprotectRtp(sender.protectRtp(later)))).toBe(toHex(later));
    expect(thrownCode(() => receiver.unprotectRtp(wire[0]!))).toBe('TOO_OLD');
  });

  it('makes the sender re-send an old SEQ with its original ROC, so the receiver can place it', () => {
    const sender = createSrtpSession(keys);
    const first = rtpPacket({ sequenceNumber: 65535 });
    const original = sender.protectRtp(first);
    sender.protectRtp(rtpPacket({ sequenceNumber: 0 }));
    expect(toHex(sender.protectRtp(first))).toBe(toHex(original));
  });
});

describe('a guess with the wrong ROC', () => {
  it('fails authentication instead of yielding garbage (the ROC is in the HMAC and the GCM IV)', () => {
    for (const profile of Object.keys(SRTP_PROFILES) as SrtpProfileName[]) {
      const keys = { profile, masterKey: new Uint8Array(SRTP_PROFILES[profile].keyLength), masterSalt: new Uint8Array(SRTP_PROFILES[profile].saltLength) };
      const sender = createSrtpSession(keys);
      // The sender wraps twice before the receiver hears from it; the receiver guesses ROC 0.
      for (let seq = 0; seq < 3 * 65536; seq += 30000) sender.protectRtp(rtpPacket({ sequenceNumber: seq & 0xffff }));
      const withRoc2 = sender.protectRtp(rtpPacket({ sequenceNumber: 10 }));
      expect(thrownCode(() => createSrtpSession(keys).unprotectRtp(withRoc2))).toBe('AUTH_FAILED');
    }
  });
});
