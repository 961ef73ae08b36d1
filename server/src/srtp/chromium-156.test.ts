/**
 * Real SRTP and SRTCP from Chromium 156 (fixtures/chromium-156/srtp-dtls12-decryptable):
 * the capture's master keys must turn each wire packet into the plaintext
 * saved next to it, and protecting that plaintext must give the wire bytes.
 * Chromium was the DTLS client, so its packets use the client_write key and
 * salt (srtp-keys.json's note); the ROC was 0 throughout the capture.
 */
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { srtpProfileById } from './profiles.ts';
import { createSrtpSession, type SrtpSession } from './srtp-session.ts';
import { CHROMIUM_SRTP_DIR, chromiumKeys, thrownCode, toHex } from './test-helpers.ts';

const keys = chromiumKeys();
/** The profile the capture negotiated, looked up the way DTLS will: by its use_srtp id. */
const profile = srtpProfileById(0x0001)!;

function chromiumSession(): SrtpSession {
  return createSrtpSession({ profile, ...keys.chromium });
}

/** Each wire file with the plaintext file beside it. */
function pairs(wireSuffix: string, plainSuffix: string): { name: string; wire: Buffer; plain: Buffer }[] {
  return listFixtures(CHROMIUM_SRTP_DIR)
    .filter((file) => file.endsWith(wireSuffix))
    .map((file) => ({
      name: file.slice(CHROMIUM_SRTP_DIR.length + 1),
      wire: readFixture(file),
      plain: readFixture(file.replace(wireSuffix, plainSuffix)),
    }));
}

const srtp = pairs('.srtp.bin', '.rtp.bin');
const srtcp = pairs('.srtcp.bin', '.rtcp.bin');

describe('Chromium 156 SRTP (AES128_CM_HMAC_SHA1_80)', () => {
  it('has the packets the manifest lists', () => {
    expect(srtp.map((pair) => pair.name)).toHaveLength(6);
    expect(srtcp.map((pair) => pair.name)).toHaveLength(2);
  });

  it.each(srtp)('unprotectRtp($name) is the decrypted RTP packet', ({ wire, plain }) => {
    expect(toHex(chromiumSession().unprotectRtp(wire))).toBe(toHex(plain));
  });

  it.each(srtp)('protectRtp of the plaintext of $name gives the wire bytes (ROC 0)', ({ wire, plain }) => {
    expect(toHex(chromiumSession().protectRtp(plain))).toBe(toHex(wire));
  });

  it('decrypts all packets in capture order with one session', () => {
    const session = chromiumSession();
    const inCaptureOrder = [...srtp].sort((a, b) => a.name.localeCompare(b.name));
    for (const { wire, plain } of inCaptureOrder) expect(toHex(session.unprotectRtp(wire))).toBe(toHex(plain));
  });

  it.each(srtp)('refuses $name under the peer\'s (server_write) key with AUTH_FAILED', ({ wire }) => {
    const wrongDirection = createSrtpSession({ profile, ...keys.peer });
    expect(thrownCode(() => wrongDirection.unprotectRtp(wire))).toBe('AUTH_FAILED');
  });
});

describe('Chromium 156 SRTCP (E=1, 80-bit tag)', () => {
  it.each(srtcp)('unprotectRtcp($name) is the decrypted compound RTCP packet', ({ wire, plain }) => {
    expect(toHex(chromiumSession().unprotectRtcp(wire))).toBe(toHex(plain));
  });

  it.each(srtcp)('protectRtcp of the plaintext of $name gives the wire bytes at the wire\'s index', ({ wire, plain }) => {
    const word = wire.readUInt32BE(wire.length - 14);
    expect(word >>> 31).toBe(1); // the README: "SRTCP E-flag = 1 on every packet"
    const session = chromiumSession();
    session.setNextRtcpIndex(plain.readUInt32BE(4), word & 0x7fffffff);
    expect(toHex(session.protectRtcp(plain))).toBe(toHex(wire));
  });

  it('numbers SRTCP packets 1 and 2 (libsrtp starts at 1) and accepts them in order, then refuses a replay', () => {
    const session = chromiumSession();
    const [first, second] = srtcp as [(typeof srtcp)[0], (typeof srtcp)[0]];
    expect(first.wire.readUInt32BE(first.wire.length - 14) & 0x7fffffff).toBe(1);
    expect(second.wire.readUInt32BE(second.wire.length - 14) & 0x7fffffff).toBe(2);
    session.unprotectRtcp(first.wire);
    session.unprotectRtcp(second.wire);
    expect(thrownCode(() => session.unprotectRtcp(first.wire))).toBe('REPLAYED');
  });
});
