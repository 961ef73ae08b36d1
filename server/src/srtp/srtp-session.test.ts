import { describe, expect, it } from 'vitest';
import { SrtpError } from './errors.ts';
import { SRTP_PROFILES, type SrtpProfileName } from './profiles.ts';
import { createSrtpSession, type SrtpSession, type SrtpSessionOptions } from './srtp-session.ts';
import { hex, rtcpPacket, rtpPacket, thrownCode, toHex } from './test-helpers.ts';

const PROFILE_NAMES = Object.keys(SRTP_PROFILES) as SrtpProfileName[];

function keysFor(profile: SrtpProfileName): SrtpSessionOptions {
  const { keyLength, saltLength } = SRTP_PROFILES[profile];
  return { profile, masterKey: new Uint8Array(keyLength).fill(0x42), masterSalt: new Uint8Array(saltLength).fill(0x17) };
}

/** A sender and a receiver sharing one master key, as the two ends of one direction. */
function pair(profile: SrtpProfileName, options: Partial<SrtpSessionOptions> = {}): { sender: SrtpSession; receiver: SrtpSession } {
  return { sender: createSrtpSession({ ...keysFor(profile), ...options }), receiver: createSrtpSession({ ...keysFor(profile), ...options }) };
}

const overheads = [
  { profile: 'SRTP_AES128_CM_HMAC_SHA1_80', rtp: 10, rtcp: 4 + 10 },
  { profile: 'SRTP_AES128_CM_HMAC_SHA1_32', rtp: 4, rtcp: 4 + 10 },
  { profile: 'SRTP_AEAD_AES_128_GCM', rtp: 16, rtcp: 16 + 4 },
  { profile: 'SRTP_AEAD_AES_256_GCM', rtp: 16, rtcp: 16 + 4 },
] as const;

describe.each(overheads)('$profile', ({ profile, rtp: rtpOverhead, rtcp: rtcpOverhead }) => {
  const packets = [
    { name: 'a plain packet', packet: rtpPacket({ sequenceNumber: 1 }) },
    { name: 'CSRCs and a header extension', packet: rtpPacket({ sequenceNumber: 2, csrcs: [7, 8], extension: true }) },
    { name: 'an empty payload', packet: rtpPacket({ sequenceNumber: 3, payload: new Uint8Array(0) }) },
    { name: 'a 1200-byte payload', packet: rtpPacket({ sequenceNumber: 4, payload: new Uint8Array(1200).fill(0xa5) }) },
  ];

  it.each(packets)('round-trips $name, adding exactly the tag and keeping the header clear', ({ packet }) => {
    const { sender, receiver } = pair(profile);
    const before = toHex(packet);
    const wire = sender.protectRtp(packet);
    expect(wire.length).toBe(packet.length + rtpOverhead);
    const headerLength = rtpHeaderEnd(packet);
    expect(toHex(wire.subarray(0, headerLength))).toBe(toHex(packet.subarray(0, headerLength)));
    expect(toHex(receiver.unprotectRtp(wire))).toBe(before);
    expect(toHex(packet)).toBe(before); // the input is never modified
  });

  it('encrypts the payload', () => {
    const packet = rtpPacket({ sequenceNumber: 1, payload: new Uint8Array(32) });
    expect(toHex(pair(profile).sender.protectRtp(packet).subarray(12, 44))).not.toBe(toHex(packet.subarray(12)));
  });

  it(`round-trips SRTCP with E=1 and the index counting from 0, adding ${rtcpOverhead} bytes`, () => {
    const { sender, receiver } = pair(profile);
    for (const index of [0, 1, 2]) {
      const packet = rtcpPacket();
      const wire = sender.protectRtcp(packet);
      expect(wire.length).toBe(packet.length + rtcpOverhead);
      expect(srtcpWord(wire, profile)).toBe((0x80000000 | index) >>> 0);
      expect(toHex(wire.subarray(0, 8))).toBe(toHex(packet.subarray(0, 8)));
      expect(toHex(wire.subarray(8, packet.length))).not.toBe(toHex(packet.subarray(8)));
      expect(toHex(receiver.unprotectRtcp(wire))).toBe(toHex(packet));
    }
  });

  it('sends SRTCP with E=0 and the packet in the clear when encryptRtcp is false, and a default session accepts it', () => {
    const sender = createSrtpSession({ ...keysFor(profile), encryptRtcp: false });
    const packet = rtcpPacket();
    const wire = sender.protectRtcp(packet);
    expect(srtcpWord(wire, profile)).toBe(0);
    expect(toHex(wire.subarray(0, packet.length))).toBe(toHex(packet));
    expect(toHex(createSrtpSession(keysFor(profile)).unprotectRtcp(wire))).toBe(toHex(packet));
  });

  it.each([
    { where: 'the header', at: 1 },
    { where: 'the payload', at: 20 },
    { where: 'the tag', at: -1 },
  ])('fails with AUTH_FAILED when one bit of $where is flipped', ({ at }) => {
    const { sender, receiver } = pair(profile);
    const wire = sender.protectRtp(rtpPacket({ sequenceNumber: 9 }));
    wire[at < 0 ? wire.length + at : at]! ^= 0x10;
    expect(thrownCode(() => receiver.unprotectRtp(wire))).toBe('AUTH_FAILED');
  });

  it('fails with AUTH_FAILED under another master key', () => {
    const wire = pair(profile).sender.protectRtp(rtpPacket({ sequenceNumber: 9 }));
    const other = createSrtpSession({ ...keysFor(profile), masterKey: new Uint8Array(SRTP_PROFILES[profile].keyLength).fill(1) });
    expect(thrownCode(() => other.unprotectRtp(wire))).toBe('AUTH_FAILED');
  });

  it.each([
    { where: 'the payload', at: 10 },
    { where: 'the E-flag', at: -rtcpOverhead + (profile.includes('GCM') ? 16 : 0) },
    { where: 'the tag', at: -1 },
  ])('fails SRTCP with AUTH_FAILED when one bit of $where is flipped', ({ at }) => {
    const { sender, receiver } = pair(profile);
    const wire = sender.protectRtcp(rtcpPacket());
    wire[at < 0 ? wire.length + at : at]! ^= 0x80;
    expect(thrownCode(() => receiver.unprotectRtcp(wire))).toBe('AUTH_FAILED');
  });

  it('rejects SRTP and SRTCP truncated below header plus trailer with TOO_SHORT', () => {
    const { sender, receiver } = pair(profile);
    const rtp = sender.protectRtp(rtpPacket({ sequenceNumber: 5, payload: new Uint8Array(0) }));
    expect(thrownCode(() => receiver.unprotectRtp(rtp.subarray(0, rtp.length - 1)))).toBe('TOO_SHORT');
    const rtcp = sender.protectRtcp(rtcpPacket(0x55667788, new Uint8Array(0)));
    expect(thrownCode(() => receiver.unprotectRtcp(rtcp.subarray(0, rtcp.length - 1)))).toBe('TOO_SHORT');
  });

  it('refuses the next SRTCP packet after index 2^31 - 1 with KEY_EXHAUSTED', () => {
    const { sender, receiver } = pair(profile);
    sender.setNextRtcpIndex(0x55667788, 0x7fffffff);
    expect(srtcpWord(sender.protectRtcp(rtcpPacket()), profile)).toBe(0xffffffff);
    expect(thrownCode(() => sender.protectRtcp(rtcpPacket()))).toBe('KEY_EXHAUSTED');
    expect(() => receiver.unprotectRtcp(pair(profile).sender.protectRtcp(rtcpPacket()))).not.toThrow();
  });
});

/** The offset where the payload starts, from the test packet's own CC and X bits. */
function rtpHeaderEnd(packet: Buffer): number {
  const base = 12 + (packet[0]! & 0x0f) * 4;
  return packet[0]! & 0x10 ? base + 4 + packet.readUInt16BE(base + 2) * 4 : base;
}

function srtcpWord(wire: Buffer, profile: SrtpProfileName): number {
  return wire.readUInt32BE(profile.includes('GCM') ? wire.length - 4 : wire.length - 4 - SRTP_PROFILES[profile].rtcpTagLength);
}

describe('packets refused before any crypto', () => {
  const session = createSrtpSession(keysFor('SRTP_AES128_CM_HMAC_SHA1_80'));
  const rows = [
    { name: 'an empty datagram', bytes: hex(''), code: 'TOO_SHORT' },
    { name: 'a fixed header without a tag', bytes: hex('80 60 00 01 00 00 00 00 11 22 33 44'), code: 'TOO_SHORT' },
    { name: 'CSRCs that leave no room for the tag (CC=2, 14 bytes after the fixed header)', bytes: hex('82 60 00 01 00000000 11223344 01020304 05060708 090a0b0c0d0e'), code: 'TOO_SHORT' },
    { name: 'an extension header that leaves no room for the tag', bytes: hex('90 60 00 01 00000000 11223344 bede0001 0102030405060708'), code: 'TOO_SHORT' },
    { name: 'an extension length running past the tag', bytes: hex('90 60 00 01 00000000 11223344 bede0004 00000000 0102030405060708090a'), code: 'TOO_SHORT' },
    { name: 'version 1', bytes: hex('40 60 00 01 00000000 11223344 0102030405060708090a'), code: 'BAD_VERSION' },
  ] as const;

  it.each(rows)('unprotectRtp: $name -> $code', ({ bytes, code }) => {
    expect(thrownCode(() => session.unprotectRtp(bytes))).toBe(code);
  });

  it.each([
    { name: 'an RTCP header alone', bytes: hex('80 c9 00 01 55 66 77 88'), code: 'TOO_SHORT' },
    { name: 'a header, index and 9 of 10 tag bytes', bytes: hex('80c90001 55667788 80000000 010203040506070809'), code: 'TOO_SHORT' },
    { name: 'version 3', bytes: hex('c0c90001 55667788 80000000 0102030405060708090a'), code: 'BAD_VERSION' },
  ] as const)('unprotectRtcp: $name -> $code', ({ bytes, code }) => {
    expect(thrownCode(() => session.unprotectRtcp(bytes))).toBe(code);
  });

  it.each([
    { name: 'protectRtp of 11 bytes', action: () => session.protectRtp(new Uint8Array(11)), code: 'TOO_SHORT' },
    { name: 'protectRtcp of 7 bytes', action: () => session.protectRtcp(hex('80c90001 556677')), code: 'TOO_SHORT' },
    { name: 'protectRtp of version 0', action: () => session.protectRtp(new Uint8Array(12)), code: 'BAD_VERSION' },
  ] as const)('$name -> $code', ({ action, code }) => {
    expect(thrownCode(action)).toBe(code);
  });

  it('throws SrtpError, a ProtocolError with a message naming the protocol', () => {
    try {
      session.unprotectRtp(new Uint8Array(5));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SrtpError);
      expect((error as SrtpError).name).toBe('SrtpError');
      expect((error as SrtpError).message).toBe('srtp: srtp packet too short (size 5 < 22)');
    }
  });
});

describe('the AES-CM transform\'s working buffer', () => {
  it('holds no K ^ ipad in front of the packet it returns (the auth key must not leak through packet.buffer)', () => {
    const { sender, receiver } = pair('SRTP_AES128_CM_HMAC_SHA1_80');
    const wire = sender.protectRtp(rtpPacket({ sequenceNumber: 1 }));
    const plain = receiver.unprotectRtp(wire);
    for (const packet of [wire, plain, sender.protectRtcp(rtcpPacket()), receiver.unprotectRtcp(sender.protectRtcp(rtcpPacket()))]) {
      expect(new Uint8Array(packet.buffer, packet.byteOffset - 64, 64).every((byte) => byte === 0)).toBe(true);
    }
  });
});

describe('the 32-bit tag profile', () => {
  it('puts 4 tag bytes on SRTP but keeps the 80-bit tag on SRTCP (RFC 5764 §4.1.2)', () => {
    const { sender } = pair('SRTP_AES128_CM_HMAC_SHA1_32');
    const packet = rtpPacket({ sequenceNumber: 1 });
    expect(sender.protectRtp(packet).length - packet.length).toBe(4);
    expect(sender.protectRtcp(rtcpPacket()).length - rtcpPacket().length).toBe(14);
  });

  it('has the 80-bit profile\'s keys and ciphertext: the two differ only in how much of the HMAC is sent', () => {
    const long = pair('SRTP_AES128_CM_HMAC_SHA1_80').sender.protectRtp(rtpPacket({ sequenceNumber: 1 }));
    const short = pair('SRTP_AES128_CM_HMAC_SHA1_32').sender.protectRtp(rtpPacket({ sequenceNumber: 1 }));
    expect(toHex(short)).toBe(toHex(long.subarray(0, long.length - 6)));
  });
});

describe('createSrtpSession arguments', () => {
  it.each([
    { name: 'an unknown profile', options: { ...keysFor('SRTP_AES128_CM_HMAC_SHA1_80'), profile: 'SRTP_NULL_HMAC_SHA1_80' } },
    { name: 'a 16-byte key for AEAD_AES_256_GCM', options: { ...keysFor('SRTP_AEAD_AES_256_GCM'), masterKey: new Uint8Array(16) } },
    { name: 'a 14-byte salt for AEAD_AES_128_GCM', options: { ...keysFor('SRTP_AEAD_AES_128_GCM'), masterSalt: new Uint8Array(14) } },
    { name: 'a replay window of 32', options: { ...keysFor('SRTP_AEAD_AES_128_GCM'), replayWindowSize: 32 } },
  ])('refuses $name with a TypeError', ({ options }) => {
    expect(() => createSrtpSession(options as SrtpSessionOptions)).toThrow(TypeError);
  });

  it('refuses an SRTCP index outside 31 bits with a TypeError', () => {
    const session = createSrtpSession(keysFor('SRTP_AEAD_AES_128_GCM'));
    expect(() => session.setNextRtcpIndex(1, 2 ** 31)).toThrow(TypeError);
    expect(() => session.setNextRtcpIndex(1, -1)).toThrow(TypeError);
  });

  it('accepts a profile object as well as its name', () => {
    expect(createSrtpSession({ ...keysFor('SRTP_AEAD_AES_128_GCM'), profile: SRTP_PROFILES.SRTP_AEAD_AES_128_GCM }).profile.id).toBe(7);
  });

  it('forgets a stream on removeStream: the receiver then takes a replayed packet for a new stream', () => {
    const { sender, receiver } = pair('SRTP_AEAD_AES_128_GCM');
    const wire = sender.protectRtp(rtpPacket({ sequenceNumber: 3 }));
    receiver.unprotectRtp(wire);
    expect(thrownCode(() => receiver.unprotectRtp(wire))).toBe('REPLAYED');
    receiver.removeStream(0x11223344);
    expect(() => receiver.unprotectRtp(wire)).not.toThrow();
  });
});
