import { describe, expect, it } from 'vitest';
import { type RtcpPacket, parseRtcp, serializeRtcp, serializeRtcpInto, serializedRtcpSize } from './compound.ts';
import { RtcpParseError } from './errors.ts';
import { hex, itRejects, toHex } from './test-support.ts';

const rr = hex`80 c9 00 01  00 00 00 01`;
const sdes = hex`81 ca 00 02  00 00 00 01  01 00 00 00`;
const pli = hex`81 ce 00 02  00 00 00 01  00 00 00 02`;
const rrtr = hex`80 cf 00 04  00 00 00 01  04 00 00 02  00 00 00 00 00 00 00 07`;
const bye = hex`81 cb 00 01  00 00 00 01`;
const app = hex`80 cc 00 02  00 00 00 01  41 42 43 44`;
const fir = hex`84 ce 00 04  00 00 00 01  00 00 00 00  00 00 00 02  01 00 00 00`;
const remb = hex`8f ce 00 05  00 00 00 01  00 00 00 00  52 45 4d 42  01 00 10 00  00 00 00 02`;
const concat = (...parts: Uint8Array[]) => hex`${parts.map(toHex).join('')}`;

describe('parseRtcp and serializeRtcp (RFC 3550 §6.1, RFC 5506)', () => {
  it.each([
    { name: 'RFC 3550 §6.1 RR + SDES + BYE, a compound a leaving receiver sends', bytes: concat(rr, sdes, bye), kinds: ['receiver-report', 'source-description', 'goodbye'] },
    { name: 'RFC 4585 §6.3.1 RR(rc=0) + PLI + XR RRTR, as Chromium sends a PLI', bytes: concat(rr, pli, rrtr), kinds: ['receiver-report', 'picture-loss-indication', 'extended-report'] },
    { name: 'RFC 5506 §2 a reduced-size PLI on its own', bytes: pli, kinds: ['picture-loss-indication'] },
    { name: 'RFC 5104 §4.3.1 FIR and REMB after an RR', bytes: concat(rr, fir, remb), kinds: ['receiver-report', 'full-intra-request', 'receiver-estimated-maximum-bitrate'] },
    { name: 'RFC 3550 §6.7 APP inside a compound', bytes: concat(rr, app), kinds: ['receiver-report', 'application-defined'] },
  ])('$name', ({ bytes, kinds }) => {
    const packets = parseRtcp(bytes);
    expect(packets.map((p) => p.kind)).toEqual(kinds);
    expect(toHex(serializeRtcp(packets))).toBe(toHex(bytes));
  });

  it.each([
    { name: 'RFC 3550 §6.1 an unknown packet type (RFC 5450 IJ, PT 195)', bytes: hex`80 c3 00 01  00 00 00 05`, packetType: 195 },
    { name: 'RFC 5104 §4.2.1 TMMBR (RTPFB FMT 3), not interpreted here', bytes: hex`83 cd 00 04  00 00 00 01  00 00 00 00  00 00 00 02  04 00 00 28`, packetType: 205 },
    { name: 'RFC 4585 §6.4 an AFB that is not REMB', bytes: hex`8f ce 00 03  00 00 00 01  00 00 00 00  47 4f 4f 47`, packetType: 206 },
    { name: 'RFC 4585 §6.3.2 SLI (PSFB FMT 2)', bytes: hex`82 ce 00 03  00 00 00 01  00 00 00 02  00 00 00 00`, packetType: 206 },
    { name: 'RFC 3550 §6.4.1 an unknown packet with padding, kept whole', bytes: hex`a0 d0 00 02  00 00 00 01  00 00 00 04`, packetType: 208 },
  ])('keeps $name as a raw packet, byte for byte', ({ bytes, packetType }) => {
    const packets = parseRtcp(concat(rr, bytes));
    expect(packets[1]).toEqual({ kind: 'raw', packetType, count: bytes[0]! & 0x1f, bytes });
    expect(toHex(serializeRtcp(packets))).toBe(toHex(concat(rr, bytes)));
  });

  it('serializes a list into a caller buffer at an offset', () => {
    const packets = parseRtcp(concat(rr, sdes));
    const buf = new Uint8Array(serializedRtcpSize(packets) + 5);
    expect(serializeRtcpInto(packets, buf, 5)).toBe(20);
    expect(toHex(buf.subarray(5))).toBe(toHex(concat(rr, sdes)));
    expect(() => serializeRtcpInto(packets, new Uint8Array(19), 0)).toThrow(RangeError);
  });

  itRejects(parseRtcp, [
    { name: 'RFC 3550 A.2 a bad packet after a good one drops the datagram', bytes: concat(rr, hex`81 ce 00 01  00 00 00 01`), code: 'PACKET_TOO_SHORT' },
    { name: 'RFC 3550 A.2 a length that overruns the datagram', bytes: concat(rr, hex`81 ca 00 09  00 00 00 01`), code: 'BAD_LENGTH' },
    { name: 'RFC 3550 A.2 a packet with version 1', bytes: concat(rr, hex`40 c9 00 01  00 00 00 01`), code: 'BAD_VERSION' },
    { name: 'an empty datagram', bytes: new Uint8Array(), code: 'PACKET_TOO_SHORT' },
  ]);

  it('refuses to serialize a raw packet whose bytes are not one packet of its type', () => {
    const raw: RtcpPacket = { kind: 'raw', packetType: 195, count: 0, bytes: hex`80 c3 00 02  00 00 00 05` };
    expect(() => serializeRtcp([raw])).toThrow(RtcpParseError);
  });

  it('copies what it keeps: reusing the datagram buffer does not change parsed packets', () => {
    const datagram = Buffer.from(concat(rr, hex`80 c3 00 01  00 00 00 05`));
    const [, raw] = parseRtcp(datagram);
    datagram.fill(0);
    expect(raw).toMatchObject({ bytes: hex`80 c3 00 01  00 00 00 05` });
  });
});
