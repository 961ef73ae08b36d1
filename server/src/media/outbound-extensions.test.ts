/**
 * The per-hop extensions a sending transport stamps: abs-send-time's 6.18
 * fixed point (webrtc.org abs-send-time), and one transport-wide sequence
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2) across every
 * stream of the transport.
 */
import { describe, expect, it } from 'vitest';
import { getHeaderExtension, type RtpHeader } from '../rtp/index.ts';
import { OutboundExtensions, absSendTime } from './outbound-extensions.ts';

describe('absSendTime', () => {
  it.each([
    { ms: 0, bytes: [0x00, 0x00, 0x00] },
    { ms: 1000, bytes: [0x04, 0x00, 0x00] }, // 1 s = 1 << 18
    { ms: 500, bytes: [0x02, 0x00, 0x00] },
    { ms: 63_999.9975, bytes: [0xff, 0xff, 0xff] }, // the last 3.8 µs unit before the 64 s wrap
    { ms: 64_000, bytes: [0x00, 0x00, 0x00] },
    { ms: 1_700_000_000_250, bytes: [0x01, 0x00, 0x00] }, // wall-clock ms: only the seconds modulo 64 count (…0.250 s → 1 << 16)
  ])('$ms ms → $bytes', ({ ms, bytes }) => {
    expect([...absSendTime(ms)]).toEqual(bytes);
  });
});

describe('OutboundExtensions', () => {
  const packet = (): Pick<RtpHeader, 'extension'> => ({ extension: undefined });

  it('numbers every stamped packet of the transport in one sequence, at the id each subscriber negotiated', () => {
    const stamps = new OutboundExtensions();
    const a = packet();
    const b = packet();
    stamps.stamp(a, { transportCcId: 3, absSendTimeId: 2 }, 1000);
    stamps.stamp(b, { transportCcId: 5, absSendTimeId: undefined }, 1000);
    expect([...getHeaderExtension(a, 3)!]).toEqual([0, 1]);
    expect([...getHeaderExtension(a, 2)!]).toEqual([0x04, 0, 0]);
    expect([...getHeaderExtension(b, 5)!]).toEqual([0, 2]);
    expect(getHeaderExtension(b, 2)).toBeUndefined();
    expect(stamps.nextTransportSequenceNumber).toBe(3);
  });

  it('leaves the counter alone for packets without transport-wide-cc, and wraps at 2^16', () => {
    const stamps = new OutboundExtensions();
    stamps.stamp(packet(), { transportCcId: undefined, absSendTimeId: 2 }, 0);
    expect(stamps.nextTransportSequenceNumber).toBe(1);
    for (let i = 1; i < 0xffff; i++) stamps.stamp(packet(), { transportCcId: 1, absSendTimeId: undefined }, 0);
    const last = packet();
    stamps.stamp(last, { transportCcId: 1, absSendTimeId: undefined }, 0);
    expect([...getHeaderExtension(last, 1)!]).toEqual([0xff, 0xff]);
    expect(stamps.nextTransportSequenceNumber).toBe(0);
  });
});
