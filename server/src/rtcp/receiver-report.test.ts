import { describe, expect, it } from 'vitest';
import { parseReceiverReport, receiverReportCodec, serializeReceiverReport } from './receiver-report.ts';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';

describe('receiver report (RFC 3550 §6.4.2)', () => {
  itParsesAndWrites(receiverReportCodec, [
    {
      name: 'RFC 3550 §6.4.2 empty RR (RC=0), the head of a compound with nothing to report',
      bytes: hex`
        80 c9 00 01   // V=2 P=0 RC=0, PT=RR=201, length=1
        00 00 00 01   // SSRC of packet sender
      `,
      want: { kind: 'receiver-report' as const, ssrc: 1, reports: [], profileExtensions: new Uint8Array() },
    },
    {
      name: 'RFC 3550 §6.4.2 RR with two report blocks, no SR heard yet (LSR = DLSR = 0)',
      bytes: hex`
        82 c9 00 0d   // RC=2, length=13
        00 00 00 01
        cc fc 0d e6  00 00 00 00  00 00 7a 8b  00 00 01 27  00 00 00 00  00 00 00 00
        33 55 b7 47  05 00 00 02  00 00 76 a7  00 00 00 79  00 00 00 00  00 00 00 00
      `,
      want: {
        kind: 'receiver-report' as const,
        ssrc: 1,
        reports: [
          { ssrc: 0xccfc0de6, fractionLost: 0, cumulativeLost: 0, extendedHighestSequence: 0x7a8b, jitter: 0x127, lastSenderReport: 0, delaySinceLastSenderReport: 0 },
          { ssrc: 0x3355b747, fractionLost: 5, cumulativeLost: 2, extendedHighestSequence: 0x76a7, jitter: 0x79, lastSenderReport: 0, delaySinceLastSenderReport: 0 },
        ],
        profileExtensions: new Uint8Array(),
      },
    },
  ]);

  itRejects(parseReceiverReport, [
    { name: 'no SSRC', bytes: hex`80 c9 00 00`, code: 'PACKET_TOO_SHORT' },
    { name: 'RC=2 with one block', bytes: hex`82 c9 00 07  00 00 00 01  ${'00'.repeat(24)}`, code: 'BAD_LENGTH' },
    { name: 'an SR handed to the RR parser', bytes: hex`80 c8 00 01  00 00 00 01`, code: 'WRONG_PACKET_TYPE' },
  ]);

  it('refuses to serialize a fraction lost over 8 bits', () => {
    const report = { ssrc: 1, fractionLost: 256, cumulativeLost: 0, extendedHighestSequence: 0, jitter: 0, lastSenderReport: 0, delaySinceLastSenderReport: 0 };
    expect(() => serializeReceiverReport({ kind: 'receiver-report', ssrc: 1, reports: [report], profileExtensions: new Uint8Array() })).toThrow(RangeError);
  });
});
