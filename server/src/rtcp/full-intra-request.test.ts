import { describe, expect, it } from 'vitest';
import { type FullIntraRequest, fullIntraRequestCodec, parseFullIntraRequest, serializeFullIntraRequest } from './full-intra-request.ts';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';

const rows: { name: string; bytes: Uint8Array; want: FullIntraRequest }[] = [
  {
    name: 'RFC 5104 §4.3.1 FIR for one sender, media SSRC 0, seq nr 7',
    bytes: hex`
      84 ce 00 04   // V=2 P=0 FMT=4, PT=PSFB=206, length=4
      00 00 00 01   // SSRC of packet sender
      00 00 00 00   // SSRC of media source: SHALL be 0 (RFC 5104 §4.3.1.2)
      12 34 56 78   // FCI: SSRC
      07 00 00 00   // Seq nr. = 7, reserved
    `,
    want: { kind: 'full-intra-request', senderSsrc: 1, mediaSsrc: 0, entries: [{ ssrc: 0x12345678, sequenceNumber: 7 }] },
  },
  {
    name: 'RFC 5104 §4.3.1.1 two FCI entries, each with its own seq nr',
    bytes: hex`
      84 ce 00 06
      00 00 00 01
      00 00 00 00
      00 00 00 0a  ff 00 00 00
      00 00 00 0b  00 00 00 00
    `,
    want: {
      kind: 'full-intra-request',
      senderSsrc: 1,
      mediaSsrc: 0,
      entries: [
        { ssrc: 10, sequenceNumber: 255 },
        { ssrc: 11, sequenceNumber: 0 },
      ],
    },
  },
];

describe('full intra request (RFC 5104 §4.3.1)', () => {
  itParsesAndWrites(fullIntraRequestCodec, rows);

  itRejects(parseFullIntraRequest, [
    { name: 'RFC 5104 §4.3.1 no FCI entry', bytes: hex`84 ce 00 02  00 00 00 01  00 00 00 00`, code: 'BAD_FCI' },
    { name: 'RFC 5104 §4.3.1.1 half an entry', bytes: hex`84 ce 00 03  00 00 00 01  00 00 00 00  00 00 00 0a`, code: 'BAD_FCI' },
  ]);

  it('RFC 5104 §4.3.1.1 ignores the reserved bits on receipt', () => {
    const packet = parseFullIntraRequest(hex`84 ce 00 04  00 00 00 01  00 00 00 00  00 00 00 0a  03 ff ff ff`);
    expect(packet.entries).toEqual([{ ssrc: 10, sequenceNumber: 3 }]);
  });

  it.each([
    { name: 'no entries', entries: [] },
    { name: 'a seq nr over 8 bits', entries: [{ ssrc: 1, sequenceNumber: 256 }] },
  ])('refuses to serialize $name', ({ entries }) => {
    expect(() => serializeFullIntraRequest({ kind: 'full-intra-request', senderSsrc: 1, mediaSsrc: 0, entries })).toThrow(RangeError);
  });
});
