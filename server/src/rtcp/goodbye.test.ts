import { describe, expect, it } from 'vitest';
import { type Goodbye, goodbyeCodec, parseGoodbye, serializeGoodbye } from './goodbye.ts';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';

const rows: { name: string; bytes: Uint8Array; want: Goodbye }[] = [
  {
    name: 'RFC 3550 §6.6 BYE for one source, no reason',
    bytes: hex`
      81 cb 00 01   // V=2 P=0 SC=1, PT=BYE=203, length=1
      12 34 56 78   // SSRC
    `,
    want: { kind: 'goodbye', sources: [0x12345678] },
  },
  {
    name: 'RFC 3550 §6.6 BYE for two sources with a reason, padded to 32 bits',
    bytes: hex`
      82 cb 00 04
      00 00 00 01
      00 00 00 02
      06 63 6c 6f 73 65 64 00   // length 6, "closed", padding
    `,
    want: { kind: 'goodbye', sources: [1, 2], reason: 'closed' },
  },
  {
    name: 'RFC 3550 §6.6 a reason filling its words exactly',
    bytes: hex`81 cb 00 02  00 00 00 01  03 62 79 65`,
    want: { kind: 'goodbye', sources: [1], reason: 'bye' },
  },
  {
    name: 'RFC 3550 §6.6 SC=0 is legal',
    bytes: hex`80 cb 00 00`,
    want: { kind: 'goodbye', sources: [] },
  },
];

describe('goodbye (RFC 3550 §6.6)', () => {
  itParsesAndWrites(goodbyeCodec, rows);

  itRejects(parseGoodbye, [
    { name: 'SC=2 with one SSRC', bytes: hex`82 cb 00 01  00 00 00 01`, code: 'PACKET_TOO_SHORT' },
    { name: 'a reason length past the packet', bytes: hex`81 cb 00 02  00 00 00 01  09 61 62 63`, code: 'BAD_LENGTH' },
    { name: 'a whole word after the padded reason', bytes: hex`81 cb 00 03  00 00 00 01  01 61 00 00  00 00 00 00`, code: 'BAD_LENGTH' },
    { name: 'a reason that is not UTF-8', bytes: hex`81 cb 00 02  00 00 00 01  01 c3 00 00`, code: 'BAD_TEXT' },
  ]);

  it('refuses to serialize a reason over 255 bytes', () => {
    expect(() => serializeGoodbye({ kind: 'goodbye', sources: [1], reason: 'x'.repeat(256) })).toThrow(RangeError);
  });
});
