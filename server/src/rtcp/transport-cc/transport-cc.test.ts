import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { hex, itParsesAndWrites, itRefusesToSerialize } from '../test-support.ts';
import { packetResults, parseTransportCc } from './parse.ts';
import { serializeTransportCc, transportCcCodec } from './serialize.ts';
import { StatusSymbol, type TransportLayerCc } from './types.ts';

const header = { kind: 'transport-cc' as const, senderSsrc: 0xfa17fa17, mediaSsrc: 0x0586e8e5 };

const rows: { name: string; bytes: Uint8Array; want: TransportLayerCc }[] = [
  {
    name: '§3.1.3 a run-length chunk of four small deltas, padded with P set (the Chromium fixture)',
    bytes: readFixture('rtcp-clear/05-transport-cc.rtcp.bin'),
    want: {
      ...header,
      baseSequenceNumber: 1,
      packetStatusCount: 4,
      referenceTime: 0x00b11f,
      feedbackPacketCount: 0,
      chunks: [{ type: 'run-length', symbol: StatusSymbol.SmallDelta, runLength: 4 }],
      receiveDeltas: [0x5e, 0x50, 0x50, 0x50],
    },
  },
  {
    name: '§3.1.4 a 1-bit status vector with losses; its padding symbols past the count carry no delta',
    bytes: hex`
      af cd 00 06   // V=2 P=1 FMT=15, PT=205, length=6
      fa 17 fa 17   // SSRC of packet sender
      05 86 e8 e5   // SSRC of media source
      ff fe 00 05   // base seq 65534, status count 5 (wraps to 2)
      00 00 01 07   // reference time 1 (64 ms), fb pkt count 7
      b4 00         // 1 0 | 1 1 0 1 0 0 ...: received, received, lost, received, lost; 9 padding symbols
      04 08 0c      // deltas: 1 ms, 2 ms, 3 ms
      00 00 03      // padding, count 3
    `,
    want: {
      ...header,
      baseSequenceNumber: 65534,
      packetStatusCount: 5,
      referenceTime: 1,
      feedbackPacketCount: 7,
      chunks: [{ type: 'status-vector', symbolSize: 1, symbols: [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }],
      receiveDeltas: [4, 8, 12],
    },
  },
  {
    name: '§3.1.4 a 2-bit status vector with a large and a negative delta, no padding needed',
    bytes: hex`
      af cd 00 06   // P=1, length=6
      fa 17 fa 17
      05 86 e8 e5
      00 10 00 04   // base 16, count 4
      ff ff ff 02   // reference time −1 (24-bit signed), fb pkt count 2
      e4 80         // 1 1 | 10 01 00 10 00 00 00: large, small, lost, large, padding
      04 00         // large delta +1024 (256 ms)
      ff            // small delta 255
      ff 38         // large delta −200 (−50 ms)
      01            // padding, count 1
    `,
    want: {
      ...header,
      baseSequenceNumber: 16,
      packetStatusCount: 4,
      referenceTime: -1,
      feedbackPacketCount: 2,
      chunks: [{ type: 'status-vector', symbolSize: 2, symbols: [2, 1, 0, 2, 0, 0, 0] }],
      receiveDeltas: [1024, 255, -200],
    },
  },
  {
    name: '§3.1.3 a long run of losses then received packets; no deltas for the losses',
    bytes: hex`
      af cd 00 06
      fa 17 fa 17
      05 86 e8 e5
      00 64 1f 41   // base 100, count 8001
      00 00 10 00
      1f 3f         // run: not received × 7999
      20 02         // run: small delta × 2
      01 02         // deltas
      00 02         // padding, count 2
    `,
    want: {
      ...header,
      baseSequenceNumber: 100,
      packetStatusCount: 8001,
      referenceTime: 16,
      feedbackPacketCount: 0,
      chunks: [
        { type: 'run-length', symbol: StatusSymbol.NotReceived, runLength: 7999 },
        { type: 'run-length', symbol: StatusSymbol.SmallDelta, runLength: 2 },
      ],
      receiveDeltas: [1, 2],
    },
  },
];

describe('transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1)', () => {
  itParsesAndWrites(transportCcCodec, rows);

  it('§3.1 accepts the draft\'s zero padding without the P bit', () => {
    const bytes = hex`8f cd 00 05  00 00 00 01  00 00 00 02  00 00 00 01  00 00 00 00  20 01 05 00`;
    expect(parseTransportCc(bytes).receiveDeltas).toEqual([5]);
  });

  it.each([
    { name: '§3.1.1 the reserved symbol in a run-length chunk', fci: '0000 0001 000000 00  6001 0000', code: 'BAD_STATUS_SYMBOL' },
    { name: '§3.1.1 the reserved symbol in a 2-bit vector', fci: '0000 0001 000000 00  f000 0000', code: 'BAD_STATUS_SYMBOL' },
    { name: 'chunks that stop short of the status count', fci: '0000 0010 000000 00  2008 0000', code: 'BAD_LENGTH' },
    { name: 'a receive delta cut off', fci: '0000 0002 000000 00  4002 0000', code: 'BAD_LENGTH' },
    { name: 'a whole word after the last delta', fci: '0000 0001 000000 00  2001 05 00  00000000', code: 'BAD_LENGTH' },
    { name: 'no room for the fixed fields', fci: '0000 0001', code: 'PACKET_TOO_SHORT' },
  ])('rejects $name with $code', ({ fci, code }) => {
    const body = hex`${fci}`;
    const bytes = hex`8f cd 00 ${(2 + body.length / 4).toString(16).padStart(2, '0')}  00 00 00 01  00 00 00 02  ${fci}`;
    expect(() => parseTransportCc(bytes)).toThrow(expect.objectContaining({ code }));
  });

  it('packetResults lists every reported packet across the 16-bit wrap with arrival times', () => {
    expect(packetResults(rows[1]!.want)).toEqual([
      { sequenceNumber: 65534, received: true, arrivalTimeUs: 65_000 },
      { sequenceNumber: 65535, received: true, arrivalTimeUs: 67_000 },
      { sequenceNumber: 0, received: false },
      { sequenceNumber: 1, received: true, arrivalTimeUs: 70_000 },
      { sequenceNumber: 2, received: false },
    ]);
  });

  it('packetResults applies negative deltas to a negative reference time', () => {
    expect(packetResults(rows[2]!.want).map((r) => r.arrivalTimeUs)).toEqual([192_000, 255_750, undefined, 205_750]);
  });

  it('decoding the fixture gives one delta per received symbol and steady 20 ms audio spacing', () => {
    const feedback = parseTransportCc(readFixture('rtcp-clear/05-transport-cc.rtcp.bin'));
    const results = packetResults(feedback);
    expect(results.filter((r) => r.received)).toHaveLength(feedback.receiveDeltas.length);
    expect(feedback.receiveDeltas.slice(1)).toEqual([80, 80, 80]); // 80 × 250 µs
  });

  const base = rows[0]!.want;
  itRefusesToSerialize(serializeTransportCc, [
    { name: 'chunks that do not reach the status count', packet: { ...base, packetStatusCount: 5 } },
    { name: 'a spare chunk after the count is covered', packet: { ...base, chunks: [...base.chunks, ...base.chunks] } },
    { name: 'fewer deltas than received packets', packet: { ...base, receiveDeltas: [1, 2, 3] } },
    { name: 'a small delta over 255', packet: { ...base, receiveDeltas: [256, 1, 1, 1] } },
    { name: 'a negative small delta', packet: { ...base, receiveDeltas: [-1, 1, 1, 1] } },
    { name: 'a run longer than 13 bits', packet: { ...base, packetStatusCount: 8192, chunks: [{ type: 'run-length' as const, symbol: StatusSymbol.NotReceived, runLength: 8192 }], receiveDeltas: [] } },
    {
      name: 'a large delta in a 1-bit vector',
      packet: { ...base, packetStatusCount: 1, chunks: [{ type: 'status-vector' as const, symbolSize: 1 as const, symbols: [2, ...Array<StatusSymbol>(13).fill(0)] as StatusSymbol[] }], receiveDeltas: [1] },
    },
    { name: 'a 2-bit vector of 14 symbols', packet: { ...base, chunks: [{ type: 'status-vector' as const, symbolSize: 2 as const, symbols: Array<StatusSymbol>(14).fill(1) }] } },
    { name: 'a reference time outside 24-bit signed', packet: { ...base, referenceTime: 0x800000 } },
  ]);
});
