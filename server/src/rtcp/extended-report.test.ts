import { describe, expect, it } from 'vitest';
import { type ExtendedReport, extendedReportCodec, parseExtendedReport, serializeExtendedReport } from './extended-report.ts';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';

const rows: { name: string; bytes: Uint8Array; want: ExtendedReport }[] = [
  {
    name: 'RFC 3611 §4.4 XR with a Receiver Reference Time block',
    bytes: hex`
      80 cf 00 04   // V=2 P=0 reserved, PT=XR=207, length=4
      fa 17 fa 17   // SSRC
      04 00 00 02   // BT=4, reserved, block length=2
      ee af d7 fc 85 37 3a ff   // NTP timestamp
    `,
    want: { kind: 'extended-report', ssrc: 0xfa17fa17, blocks: [{ type: 'receiver-reference-time', ntpTimestamp: 0xeeafd7fc85373affn }] },
  },
  {
    name: 'RFC 3611 §4.5 XR with a DLRR block of two sub-blocks',
    bytes: hex`
      80 cf 00 08
      33 55 b7 47
      05 00 00 06   // BT=5, reserved, block length=6 (2 sub-blocks)
      00 00 00 01  d7 fb 39 38  00 00 3b ce   // SSRC_1, LRR, DLRR
      00 00 00 02  00 00 00 00  00 00 00 00
    `,
    want: {
      kind: 'extended-report',
      ssrc: 0x3355b747,
      blocks: [
        {
          type: 'dlrr',
          reports: [
            { ssrc: 1, lastReceiverReport: 0xd7fb3938, delaySinceLastReceiverReport: 0x3bce },
            { ssrc: 2, lastReceiverReport: 0, delaySinceLastReceiverReport: 0 },
          ],
        },
      ],
    },
  },
  {
    name: 'RFC 3611 §3 an unknown block type (VoIP metrics, BT=7) is kept raw beside an RRTR',
    bytes: hex`
      80 cf 00 06
      00 00 00 01
      07 5a 00 01  01 02 03 04   // BT=7, type-specific 0x5a, one word
      04 00 00 02  00 00 00 00 00 00 00 01
    `,
    want: {
      kind: 'extended-report',
      ssrc: 1,
      blocks: [
        { type: 'unknown', blockType: 7, typeSpecific: 0x5a, body: hex`01020304` },
        { type: 'receiver-reference-time', ntpTimestamp: 1n },
      ],
    },
  },
  {
    name: 'RFC 3611 §2 XR with no blocks',
    bytes: hex`80 cf 00 01  00 00 00 01`,
    want: { kind: 'extended-report', ssrc: 1, blocks: [] },
  },
];

describe('extended report (RFC 3611)', () => {
  itParsesAndWrites(extendedReportCodec, rows);

  itRejects(parseExtendedReport, [
    { name: 'RFC 3611 §4.4 an RRTR block of the wrong length', bytes: hex`80 cf 00 03  00 00 00 01  04 00 00 01  00 00 00 00`, code: 'BAD_XR_BLOCK' },
    { name: 'RFC 3611 §4.5 a DLRR block that is not whole sub-blocks', bytes: hex`80 cf 00 03  00 00 00 01  05 00 00 01  00 00 00 00`, code: 'BAD_XR_BLOCK' },
    { name: 'RFC 3611 §3 a block length past the packet', bytes: hex`80 cf 00 02  00 00 00 01  04 00 00 02`, code: 'BAD_LENGTH' },
    { name: 'a block header cut short by padding', bytes: hex`a0 cf 00 02  00 00 00 01  07 00 00 02`, code: 'PACKET_TOO_SHORT' },
    { name: 'no SSRC', bytes: hex`80 cf 00 00`, code: 'PACKET_TOO_SHORT' },
  ]);

  it('refuses to serialize an unknown block whose body is not whole words', () => {
    const packet: ExtendedReport = { kind: 'extended-report', ssrc: 1, blocks: [{ type: 'unknown', blockType: 9, typeSpecific: 0, body: new Uint8Array(3) }] };
    expect(() => serializeExtendedReport(packet)).toThrow(RangeError);
  });
});
