import { describe, expect, it } from 'vitest';
import { RtcpParseError } from './errors.ts';
import { PacketType, parseHeader, splitPackets, writeHeader } from './header.ts';
import { hex } from './test-support.ts';

describe('parseHeader', () => {
  it.each([
    {
      name: 'RFC 3550 §6.4.1 RR with RC=1, length 7 words + 1',
      bytes: hex`81 c9 00 07`,
      want: { padding: false, count: 1, packetType: PacketType.ReceiverReport, size: 32 },
    },
    {
      name: 'RFC 4585 §6.1 feedback: the count field is the FMT (15 = transport-cc)',
      bytes: hex`af cd 00 06`,
      want: { padding: true, count: 15, packetType: PacketType.TransportFeedback, size: 28 },
    },
    {
      name: 'RFC 3550 §6.4.1 the largest length field, 65536 words',
      bytes: hex`80 c8 ff ff`,
      want: { padding: false, count: 0, packetType: PacketType.SenderReport, size: 262144 },
    },
  ])('$name', ({ bytes, want }) => {
    expect(parseHeader(bytes)).toEqual(want);
  });

  it.each([
    { name: 'fewer than 4 bytes', bytes: hex`80 c9 00`, code: 'PACKET_TOO_SHORT' },
    { name: 'RFC 3550 A.2 version 1', bytes: hex`41 c9 00 07`, code: 'BAD_VERSION' },
    { name: 'RFC 3550 A.2 version 0 (a STUN message on the RTCP port)', bytes: hex`00 01 00 00`, code: 'BAD_VERSION' },
  ])('rejects $name with $code', ({ bytes, code }) => {
    expect(() => parseHeader(bytes)).toThrow(expect.objectContaining({ code }));
    expect(() => parseHeader(bytes)).toThrow(RtcpParseError);
  });
});

describe('writeHeader', () => {
  it('writes V=2, the padding bit, count, type and the length in words minus one', () => {
    const buf = new Uint8Array(4);
    writeHeader(buf, 0, { count: 15, packetType: 205, padding: true }, 28);
    expect([...buf]).toEqual([0xaf, 0xcd, 0x00, 0x06]);
  });

  it.each([
    { name: 'a size that is not whole words', fields: { count: 0, packetType: 200 }, size: 30 },
    { name: 'a count over 5 bits', fields: { count: 32, packetType: 200 }, size: 8 },
    { name: 'a packet type over 8 bits', fields: { count: 0, packetType: 256 }, size: 8 },
  ])('refuses $name', ({ fields, size }) => {
    expect(() => writeHeader(new Uint8Array(8), 0, fields, size)).toThrow(RangeError);
  });
});

describe('splitPackets', () => {
  it('RFC 3550 §6.1: walks a compound packet by its length fields', () => {
    const datagram = hex`
      80 c9 00 01  00 00 00 01               // RR, no blocks
      81 ca 00 02  00 00 00 01  00 00 00 00  // SDES, one empty chunk
    `;
    const views = [...splitPackets(datagram)];
    expect(views.map((v) => [v.header.packetType, v.packet.length, v.body.length])).toEqual([
      [201, 8, 4],
      [202, 12, 8],
    ]);
  });

  it('RFC 3550 §6.4.1: strips padding counted by the last byte when P is set', () => {
    const [view] = [...splitPackets(hex`a0 cc 00 03  00 00 00 01  41 42 43 44  00 00 00 04`)];
    expect(view?.body.length).toBe(8);
    expect(view?.packet.length).toBe(16);
  });

  it.each([
    { name: 'RFC 3550 A.2 a length past the end of the datagram', bytes: hex`80 c9 00 02  00 00 00 01`, code: 'BAD_LENGTH' },
    { name: 'RFC 3550 A.2 trailing bytes that are not a header', bytes: hex`80 c9 00 01  00 00 00 01  80`, code: 'PACKET_TOO_SHORT' },
    { name: 'an empty datagram', bytes: hex``, code: 'PACKET_TOO_SHORT' },
    { name: 'RFC 3550 §6.4.1 a padding count of zero', bytes: hex`a0 c9 00 01  00 00 00 00`, code: 'BAD_PADDING' },
    { name: 'RFC 3550 §6.4.1 padding longer than the payload', bytes: hex`a0 c9 00 01  00 00 00 09`, code: 'BAD_PADDING' },
    { name: 'a second packet with a bad version', bytes: hex`80 c9 00 01  00 00 00 01  40 c9 00 01  00 00 00 01`, code: 'BAD_VERSION' },
  ])('rejects $name with $code', ({ bytes, code }) => {
    expect(() => [...splitPackets(bytes)]).toThrow(expect.objectContaining({ code }));
  });
});
