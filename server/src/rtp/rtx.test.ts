import { describe, expect, it } from 'vitest';
import type { RtpErrorCode } from './errors.ts';
import { getHeaderExtension, setHeaderExtension } from './header-extensions.ts';
import { parseRtpPacket, serializeRtpPacket } from './packet.ts';
import { rtxOriginalSequenceNumber, unwrapRtx, wrapRtx } from './rtx.ts';
import { hex, thrownCode } from './test-helpers.ts';

const original = hex(`b1 e0 ff ff   // P=1 X=1 CC=1, M=1 PT=96, seq=65535
                      00 01 00 00   // timestamp
                      11 11 11 11   // ssrc
                      00 00 00 09   // csrc
                      be de 00 01 40 31 00 00   // mid "1"
                      01 02 03      // payload
                      00 02         // padding, count=2`);

const rtx = hex(`91 e1 00 07   // P=0 X=1 CC=1, M=1 PT=97, seq=7
                 00 01 00 00   // timestamp: the original's (RFC 4588 §4)
                 22 22 22 22   // RTX ssrc
                 00 00 00 09   // csrc
                 be de 00 01 40 31 00 00
                 ff ff         // OSN=65535
                 01 02 03      // original payload; its padding is gone`);

const association = { ssrc: 0x11111111, apt: new Map([[97, 96]]) };

describe('wrapRtx', () => {
  it('builds the RFC 4588 §4 packet: RTX ssrc, pt and seq, OSN, original timestamp, no padding', () => {
    const wrapped = wrapRtx(parseRtpPacket(original), { ssrc: 0x22222222, payloadType: 97, sequenceNumber: 7 });
    expect(serializeRtpPacket(wrapped)).toEqual(rtx);
  });

  it('copies the extension list, so rewriting the RTX packet leaves the original alone', () => {
    const packet = parseRtpPacket(original);
    const wrapped = wrapRtx(packet, { ssrc: 0x22222222, payloadType: 97, sequenceNumber: 7 });
    setHeaderExtension(wrapped, 4, hex('32'));
    wrapped.csrcs.push(10);
    expect(getHeaderExtension(packet, 4)).toEqual(hex('31'));
    expect(packet.csrcs).toEqual([9]);
  });
});

describe('unwrapRtx', () => {
  it('restores the original sequence number, payload type, ssrc and payload', () => {
    const restored = unwrapRtx(parseRtpPacket(rtx), association);
    const want = { ...parseRtpPacket(original), paddingSize: 0 };
    expect(restored).toEqual(want);
  });

  it('returns the payload as a view past the OSN, not a copy', () => {
    const packet = parseRtpPacket(rtx);
    const restored = unwrapRtx(packet, association);
    expect(restored.payload.buffer).toBe(rtx.buffer);
    expect(restored.payload.byteOffset).toBe(packet.payload.byteOffset + 2);
  });

  it('undoes wrapRtx for every sequence number edge', () => {
    for (const sequenceNumber of [0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff]) {
      const packet = { ...parseRtpPacket(original), sequenceNumber, paddingSize: 0 };
      const wrapped = wrapRtx(packet, { ssrc: 0x22222222, payloadType: 97, sequenceNumber: 1 });
      expect(rtxOriginalSequenceNumber(wrapped)).toBe(sequenceNumber);
      expect(unwrapRtx(parseRtpPacket(serializeRtpPacket(wrapped)), association)).toEqual(packet);
    }
  });

  const errorRows: { name: string; bytes: Uint8Array; code: RtpErrorCode }[] = [
    { name: 'a padding-only probe', bytes: hex('a0 61 00 01 00 00 00 00 22 22 22 22 00 00 03'), code: 'RTX_TOO_SHORT' },
    { name: 'a one-byte payload', bytes: hex('80 61 00 01 00 00 00 00 22 22 22 22 ff'), code: 'RTX_TOO_SHORT' },
    { name: 'a payload type without apt', bytes: hex('80 62 00 01 00 00 00 00 22 22 22 22 00 01'), code: 'UNKNOWN_RTX_PAYLOAD_TYPE' },
  ];

  it.each(errorRows)('rejects $name with $code', ({ bytes, code }) => {
    const packet = parseRtpPacket(bytes);
    expect(thrownCode(() => unwrapRtx(packet, association))).toBe(code);
  });
});
