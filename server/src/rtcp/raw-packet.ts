/**
 * A packet this package does not interpret: an unknown packet type, or an
 * RTPFB/PSFB FMT it has no parser for (TMMBR, SLI, RPSI, non-REMB AFB ...).
 * RFC 3550 §6.1 has receivers ignore packet types they do not know, and an
 * SFU that forwards feedback must not lose it, so the bytes are kept whole.
 */
import { type PacketCodec, parseHeader, requireRoom, serializeWith, viewPacket } from './header.ts';
import { copyBytes } from './wire.ts';

export interface RawPacket {
  readonly kind: 'raw';
  readonly packetType: number;
  /** The 5-bit count/FMT field. */
  readonly count: number;
  /** The whole packet, header and any padding included. */
  readonly bytes: Uint8Array;
}

export function parseRawPacket(bytes: Uint8Array): RawPacket {
  const { header } = viewPacket(bytes, parseHeader(bytes).packetType);
  return { kind: 'raw', packetType: header.packetType, count: header.count, bytes: copyBytes(bytes) };
}

function serializeInto(packet: RawPacket, buf: Uint8Array, offset: number): number {
  // A hand-built raw packet must still be exactly one RTCP packet of its stated type.
  viewPacket(packet.bytes, packet.packetType, packet.count);
  requireRoom(buf, offset, packet.bytes.length);
  buf.set(packet.bytes, offset);
  return packet.bytes.length;
}

export const rawPacketCodec = {
  parse: parseRawPacket,
  serializedSize: (packet: RawPacket) => packet.bytes.length,
  serializeInto,
} satisfies PacketCodec<RawPacket>;

export function serializeRawPacket(packet: RawPacket): Uint8Array {
  return serializeWith(rawPacketCodec, packet);
}
