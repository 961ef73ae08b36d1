/**
 * BYE: Goodbye (RFC 3550 §6.6).
 *
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { HEADER_SIZE, PacketType, type PacketCodec, serializeWith, startPacket, viewPacket } from './header.ts';
import { RtcpParseError, requireBytes } from './errors.ts';
import { decodeText, textLength, writeLengthPrefixedText } from './text.ts';
import { padTo32, readU32, writeU32 } from './wire.ts';

export interface Goodbye {
  readonly kind: 'goodbye';
  /** The SSRC/CSRCs leaving (SC of them, at most 31). */
  readonly sources: readonly number[];
  /** Optional reason (RFC 3550 §6.6); undefined when the packet has none. */
  readonly reason?: string | undefined;
}

export function parseGoodbye(bytes: Uint8Array): Goodbye {
  const { header, body } = viewPacket(bytes, PacketType.Goodbye);
  const sourcesSize = header.count * 4;
  requireBytes(body.length, sourcesSize, 'BYE');
  const sources = Array.from({ length: header.count }, (_, i) => readU32(body, i * 4));
  const tail = body.subarray(sourcesSize);
  if (tail.length === 0) return { kind: 'goodbye', sources };
  const reasonLength = tail[0]!;
  // The reason is padded to a word boundary (RFC 3550 §6.6); anything beyond is not ours.
  if (1 + reasonLength > tail.length || tail.length > padTo32(1 + reasonLength)) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: BYE reason of ${reasonLength} bytes does not fit a tail of ${tail.length}`);
  }
  return { kind: 'goodbye', sources, reason: decodeText(tail.subarray(1, 1 + reasonLength), 'BYE reason') };
}

function serializedSize(packet: Goodbye): number {
  const reasonSize = packet.reason === undefined ? 0 : padTo32(1 + textLength(packet.reason, 'BYE reason'));
  return HEADER_SIZE + packet.sources.length * 4 + reasonSize;
}

function serializeInto(packet: Goodbye, buf: Uint8Array, offset: number): number {
  const size = serializedSize(packet);
  let at = startPacket(buf, offset, { count: packet.sources.length, packetType: PacketType.Goodbye }, size);
  for (const source of packet.sources) {
    writeU32(buf, at, source, 'BYE source');
    at += 4;
  }
  if (packet.reason !== undefined) {
    at += writeLengthPrefixedText(buf, at, packet.reason, 'BYE reason');
    buf.fill(0, at, offset + size);
  }
  return size;
}

export const goodbyeCodec = { parse: parseGoodbye, serializedSize, serializeInto } satisfies PacketCodec<Goodbye>;

export function serializeGoodbye(packet: Goodbye): Uint8Array {
  return serializeWith(goodbyeCodec, packet);
}
