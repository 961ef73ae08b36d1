import { describe, expect, it } from 'vitest';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';
import { type TransportLayerNack, parseTransportLayerNack, serializeTransportLayerNack, transportLayerNackCodec } from './transport-layer-nack.ts';

const rows: { name: string; bytes: Uint8Array; want: TransportLayerNack }[] = [
  {
    name: 'RFC 4585 §6.2.1 one generic NACK, reduced-size as Chromium sends it',
    bytes: hex`
      81 cd 00 03   // V=2 P=0 FMT=1, PT=RTPFB=205, length=3
      00 00 00 01   // SSRC of packet sender
      33 55 b7 47   // SSRC of media source
      77 90 00 00   // PID=30608, BLP=0
    `,
    want: { kind: 'transport-layer-nack', senderSsrc: 1, mediaSsrc: 0x3355b747, nacks: [{ packetId: 30608, lostPackets: 0 }] },
  },
  {
    name: 'RFC 4585 §6.2.1 two FCI entries, the second across the wrap',
    bytes: hex`
      81 cd 00 04
      00 00 00 01
      00 00 00 02
      ff fe 00 03   // PID=65534, BLP: 65535 and 0 lost
      00 20 80 00   // PID=32, BLP: 48 lost
    `,
    want: {
      kind: 'transport-layer-nack',
      senderSsrc: 1,
      mediaSsrc: 2,
      nacks: [
        { packetId: 65534, lostPackets: 3 },
        { packetId: 32, lostPackets: 0x8000 },
      ],
    },
  },
];

describe('transport layer NACK (RFC 4585 §6.2.1)', () => {
  itParsesAndWrites(transportLayerNackCodec, rows);

  itRejects(parseTransportLayerNack, [
    { name: 'RFC 4585 §6.2.1 no FCI: at least one NACK is required', bytes: hex`81 cd 00 02  00 00 00 01  00 00 00 02`, code: 'BAD_FCI' },
    { name: 'RFC 4585 §6.1 no media SSRC', bytes: hex`81 cd 00 01  00 00 00 01`, code: 'PACKET_TOO_SHORT' },
    { name: 'a PLI handed to the NACK parser', bytes: hex`81 ce 00 02  00 00 00 01  00 00 00 02`, code: 'WRONG_PACKET_TYPE' },
    { name: 'transport-cc (FMT 15) handed to the NACK parser', bytes: hex`8f cd 00 02  00 00 00 01  00 00 00 02`, code: 'WRONG_PACKET_TYPE' },
  ]);

  it('refuses to serialize a NACK without pairs', () => {
    expect(() => serializeTransportLayerNack({ kind: 'transport-layer-nack', senderSsrc: 1, mediaSsrc: 2, nacks: [] })).toThrow(RangeError);
  });
});
