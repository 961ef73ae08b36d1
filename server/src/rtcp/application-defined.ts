/**
 * APP: Application-Defined (RFC 3550 §6.7).
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P| subtype |   PT=APP=204  |             length            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                           SSRC/CSRC                           |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                          name (ASCII)                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                   application-dependent data                ...
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { HEADER_SIZE, PacketType, type PacketCodec, serializeWith, startPacket, viewPacket } from './header.ts';
import { RtcpParseError, requireBytes } from './errors.ts';
import { copyBytes, readU32, writeU32 } from './wire.ts';

const FIXED_BODY_SIZE = 8;
const NAME_SIZE = 4;

export interface ApplicationDefined {
  readonly kind: 'application-defined';
  /** 5 bits in the count field. */
  readonly subtype: number;
  readonly ssrc: number;
  /** Four characters; RFC 3550 §6.7 says ASCII, read as Latin-1 so any bytes round-trip. */
  readonly name: string;
  /** Whole words (RFC 3550 §6.7). */
  readonly data: Uint8Array;
}

export function parseApplicationDefined(bytes: Uint8Array): ApplicationDefined {
  const { header, body } = viewPacket(bytes, PacketType.ApplicationDefined);
  requireBytes(body.length, FIXED_BODY_SIZE, 'APP');
  if (body.length % 4 !== 0) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: APP data of ${body.length - FIXED_BODY_SIZE} bytes is not whole words`);
  }
  return {
    kind: 'application-defined',
    subtype: header.count,
    ssrc: readU32(body, 0),
    name: String.fromCharCode(...body.subarray(4, 4 + NAME_SIZE)),
    data: copyBytes(body.subarray(FIXED_BODY_SIZE)),
  };
}

function serializedSize(packet: ApplicationDefined): number {
  return HEADER_SIZE + FIXED_BODY_SIZE + packet.data.length;
}

function serializeInto(packet: ApplicationDefined, buf: Uint8Array, offset: number): number {
  if (!/^[\x00-\xff]{4}$/.test(packet.name)) throw new RangeError(`rtcp: APP name must be 4 Latin-1 characters, got ${JSON.stringify(packet.name)}`);
  if (packet.data.length % 4 !== 0) throw new RangeError(`rtcp: APP data of ${packet.data.length} bytes is not whole words`);
  const size = serializedSize(packet);
  const at = startPacket(buf, offset, { count: packet.subtype, packetType: PacketType.ApplicationDefined }, size);
  writeU32(buf, at, packet.ssrc, 'APP ssrc');
  for (let i = 0; i < NAME_SIZE; i++) buf[at + 4 + i] = packet.name.charCodeAt(i);
  buf.set(packet.data, at + FIXED_BODY_SIZE);
  return size;
}

export const applicationDefinedCodec = {
  parse: parseApplicationDefined,
  serializedSize,
  serializeInto,
} satisfies PacketCodec<ApplicationDefined>;

export function serializeApplicationDefined(packet: ApplicationDefined): Uint8Array {
  return serializeWith(applicationDefinedCodec, packet);
}
