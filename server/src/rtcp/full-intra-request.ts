/**
 * PSFB Full Intra Request (RFC 5104 §4.3.1): the common feedback header
 * (feedback.ts) with FMT=4, PT=206, then one FCI entry per sender asked for a
 * decoder refresh point.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                              SSRC                             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    | Seq nr.       |    Reserved                                   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { FEEDBACK_HEADER_SIZE, type FeedbackSsrcs, PayloadFeedbackFormat, readFciEntries, serializeFciEntriesInto, viewFeedback } from './feedback.ts';
import { PacketType, type PacketCodec, serializeWith } from './header.ts';
import { readU32, writeU32, writeU8 } from './wire.ts';

const ENTRY_SIZE = 8;

export interface FirEntry {
  /** The media sender that should send a decoder refresh point. */
  readonly ssrc: number;
  /**
   * RFC 5104 §4.3.1.1: incremented by 1 (mod 256) for each new request to this
   * SSRC; a repeated number is a retransmission, not a new request.
   */
  readonly sequenceNumber: number;
}

/** RFC 5104 §4.3.1.2: the media source SSRC SHALL be 0 (the targets are in the FCI); kept as received. */
export interface FullIntraRequest extends FeedbackSsrcs {
  readonly kind: 'full-intra-request';
  readonly entries: readonly FirEntry[];
}

export function parseFullIntraRequest(bytes: Uint8Array): FullIntraRequest {
  const { senderSsrc, mediaSsrc, fci } = viewFeedback(bytes, PacketType.PayloadFeedback, PayloadFeedbackFormat.Fir);
  // RFC 5104 §4.3.1: one or more FIR entries; the reserved 24 bits are ignored on receipt (§4.3.1.1).
  const entries = readFciEntries(fci, ENTRY_SIZE, 'FIR', (at) => ({ ssrc: readU32(fci, at), sequenceNumber: fci[at + 4]! }));
  return { kind: 'full-intra-request', senderSsrc, mediaSsrc, entries };
}

function serializeInto(packet: FullIntraRequest, buf: Uint8Array, offset: number): number {
  const fields = { ...packet, packetType: PacketType.PayloadFeedback, format: PayloadFeedbackFormat.Fir };
  return serializeFciEntriesInto(buf, offset, fields, { list: packet.entries, size: ENTRY_SIZE, what: 'FIR' }, (entry, at) => {
    writeU32(buf, at, entry.ssrc, 'FIR ssrc');
    writeU8(buf, at + 4, entry.sequenceNumber, 'FIR sequence number');
    buf.fill(0, at + 5, at + ENTRY_SIZE);
  });
}

export const fullIntraRequestCodec = {
  parse: parseFullIntraRequest,
  serializedSize: (packet: FullIntraRequest) => FEEDBACK_HEADER_SIZE + packet.entries.length * ENTRY_SIZE,
  serializeInto,
} satisfies PacketCodec<FullIntraRequest>;

export function serializeFullIntraRequest(packet: FullIntraRequest): Uint8Array {
  return serializeWith(fullIntraRequestCodec, packet);
}
