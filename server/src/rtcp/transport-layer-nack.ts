/**
 * RTPFB generic NACK (RFC 4585 §6.2.1): the common feedback header (feedback.ts)
 * followed by one or more PID/BLP entries (nack.ts).
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|  FMT=1  |    PT=205     |          length               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |            PID                |             BLP               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { FEEDBACK_HEADER_SIZE, type FeedbackSsrcs, TransportFeedbackFormat, readFciEntries, serializeFciEntriesInto, viewFeedback } from './feedback.ts';
import { PacketType, type PacketCodec, serializeWith } from './header.ts';
import type { NackPair } from './nack.ts';
import { readU16, writeU16 } from './wire.ts';

const ENTRY_SIZE = 4;

export interface TransportLayerNack extends FeedbackSsrcs {
  readonly kind: 'transport-layer-nack';
  /** Build from a list of sequence numbers with nackPairsFromSequenceNumbers (nack.ts). */
  readonly nacks: readonly NackPair[];
}

export function parseTransportLayerNack(bytes: Uint8Array): TransportLayerNack {
  const { senderSsrc, mediaSsrc, fci } = viewFeedback(bytes, PacketType.TransportFeedback, TransportFeedbackFormat.Nack);
  // RFC 4585 §6.2.1: the FCI MUST contain at least one Generic NACK.
  const nacks = readFciEntries(fci, ENTRY_SIZE, 'NACK', (at) => ({ packetId: readU16(fci, at), lostPackets: readU16(fci, at + 2) }));
  return { kind: 'transport-layer-nack', senderSsrc, mediaSsrc, nacks };
}

function serializeInto(packet: TransportLayerNack, buf: Uint8Array, offset: number): number {
  const fields = { ...packet, packetType: PacketType.TransportFeedback, format: TransportFeedbackFormat.Nack };
  return serializeFciEntriesInto(buf, offset, fields, { list: packet.nacks, size: ENTRY_SIZE, what: 'NACK' }, (nack, at) => {
    writeU16(buf, at, nack.packetId, 'NACK PID');
    writeU16(buf, at + 2, nack.lostPackets, 'NACK BLP');
  });
}

export const transportLayerNackCodec = {
  parse: parseTransportLayerNack,
  serializedSize: (packet: TransportLayerNack) => FEEDBACK_HEADER_SIZE + packet.nacks.length * ENTRY_SIZE,
  serializeInto,
} satisfies PacketCodec<TransportLayerNack>;

export function serializeTransportLayerNack(packet: TransportLayerNack): Uint8Array {
  return serializeWith(transportLayerNackCodec, packet);
}
