/**
 * SDES: Source Description (RFC 3550 §6.5).
 *
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *
 * Each item (RFC 3550 §6.5.1), PRIV (§6.5.8) with a prefix inside its text:
 *
 *     |   type (1-8)  |     length    | text (length octets)        ...
 *     |    PRIV=8     |     length    | prefix length |prefix string...
 *
 * Items end with one or more null octets, padding the chunk to 32 bits.
 */
import { HEADER_SIZE, PacketType, type PacketCodec, serializeWith, startPacket, viewPacket } from './header.ts';
import { RtcpParseError, requireBytes } from './errors.ts';
import { decodeText, textLength, writeLengthPrefixedText } from './text.ts';
import { padTo32, readU32, writeU32 } from './wire.ts';

/** SDES item types (RFC 3550 §6.5, §12.2). */
export const SdesItemType = {
  End: 0,
  Cname: 1,
  Name: 2,
  Email: 3,
  Phone: 4,
  Location: 5,
  Tool: 6,
  Note: 7,
  Priv: 8,
} as const;

export interface SdesItem {
  /** 1..255; types this code does not know are kept as text (RFC 3550 §6.5: ignore, don't reject). */
  readonly type: number;
  readonly text: string;
  /** PRIV only (RFC 3550 §6.5.8): the prefix naming the private extension. */
  readonly prefix?: string;
}

export interface SdesChunk {
  readonly source: number;
  readonly items: readonly SdesItem[];
}

export interface SourceDescription {
  readonly kind: 'source-description';
  readonly chunks: readonly SdesChunk[];
}

const SSRC_SIZE = 4;
const ITEM_HEADER_SIZE = 2;

function parseItem(type: number, value: Uint8Array): SdesItem {
  if (type !== SdesItemType.Priv) return { type, text: decodeText(value, 'SDES item') };
  const prefixLength = value[0];
  if (prefixLength === undefined || 1 + prefixLength > value.length) {
    throw new RtcpParseError('BAD_SDES', `rtcp: PRIV prefix length ${prefixLength ?? 'missing'} exceeds item of ${value.length}`);
  }
  return {
    type,
    prefix: decodeText(value.subarray(1, 1 + prefixLength), 'PRIV prefix'),
    text: decodeText(value.subarray(1 + prefixLength), 'PRIV value'),
  };
}

/** Reads one chunk at `offset` (32-bit aligned); returns it and the next chunk's offset. */
function parseChunk(body: Uint8Array, offset: number): { chunk: SdesChunk; next: number } {
  requireBytes(body.length - offset, SSRC_SIZE, 'SDES chunk');
  const items: SdesItem[] = [];
  let at = offset + SSRC_SIZE;
  for (;;) {
    const type = body[at];
    if (type === undefined) throw new RtcpParseError('BAD_SDES', `rtcp: SDES chunk at ${offset} has no null terminator`);
    if (type === SdesItemType.End) break;
    const length = body[at + 1];
    if (length === undefined || at + ITEM_HEADER_SIZE + length > body.length) {
      throw new RtcpParseError('BAD_SDES', `rtcp: SDES item at ${at} overruns the packet`);
    }
    items.push(parseItem(type, body.subarray(at + ITEM_HEADER_SIZE, at + ITEM_HEADER_SIZE + length)));
    at += ITEM_HEADER_SIZE + length;
  }
  // The terminator plus its padding reach the next word; padding removed by
  // the P bit may have cut that short, which is harmless.
  return { chunk: { source: readU32(body, offset), items }, next: Math.min(padTo32(at + 1), body.length) };
}

export function parseSourceDescription(bytes: Uint8Array): SourceDescription {
  const { header, body } = viewPacket(bytes, PacketType.SourceDescription);
  const chunks: SdesChunk[] = [];
  let offset = 0;
  for (let i = 0; i < header.count; i++) {
    const { chunk, next } = parseChunk(body, offset);
    chunks.push(chunk);
    offset = next;
  }
  if (offset !== body.length) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: SDES has ${body.length - offset} bytes after its ${header.count} chunks`);
  }
  return { kind: 'source-description', chunks };
}

function itemValueSize(item: SdesItem): number {
  const size = textLength(item.text, 'SDES item');
  return item.type === SdesItemType.Priv ? 1 + textLength(item.prefix ?? '', 'PRIV prefix') + size : size;
}

function chunkSize(chunk: SdesChunk): number {
  const items = chunk.items.reduce((sum, item) => sum + ITEM_HEADER_SIZE + itemValueSize(item), 0);
  // RFC 3550 §6.5: at least one null octet, then pad to the next 32-bit boundary.
  return padTo32(SSRC_SIZE + items + 1);
}

function serializedSize(packet: SourceDescription): number {
  return packet.chunks.reduce((sum, chunk) => sum + chunkSize(chunk), HEADER_SIZE);
}

function writeItem(buf: Uint8Array, at: number, item: SdesItem): number {
  if (!Number.isInteger(item.type) || item.type < 1 || item.type > 255) {
    throw new RangeError(`rtcp: SDES item type must be 1..255, got ${item.type}`);
  }
  buf[at] = item.type;
  if (item.type !== SdesItemType.Priv) return 1 + writeLengthPrefixedText(buf, at + 1, item.text, 'SDES item');
  const valueSize = itemValueSize(item);
  if (valueSize > 255) throw new RangeError(`rtcp: PRIV item of ${valueSize} bytes > 255`);
  buf[at + 1] = valueSize;
  const prefixSize = writeLengthPrefixedText(buf, at + 2, item.prefix ?? '', 'PRIV prefix');
  buf.set(Buffer.from(item.text, 'utf8'), at + 2 + prefixSize);
  return ITEM_HEADER_SIZE + valueSize;
}

function serializeInto(packet: SourceDescription, buf: Uint8Array, offset: number): number {
  const size = serializedSize(packet);
  let at = startPacket(buf, offset, { count: packet.chunks.length, packetType: PacketType.SourceDescription }, size);
  for (const chunk of packet.chunks) {
    const end = at + chunkSize(chunk);
    writeU32(buf, at, chunk.source, 'SDES chunk source');
    let itemAt = at + SSRC_SIZE;
    for (const item of chunk.items) itemAt += writeItem(buf, itemAt, item);
    buf.fill(0, itemAt, end);
    at = end;
  }
  return size;
}

export const sourceDescriptionCodec = {
  parse: parseSourceDescription,
  serializedSize,
  serializeInto,
} satisfies PacketCodec<SourceDescription>;

export function serializeSourceDescription(packet: SourceDescription): Uint8Array {
  return serializeWith(sourceDescriptionCodec, packet);
}

/** The CNAME of `source`, which RFC 3550 §6.5.1 requires in every compound packet; undefined if absent. */
export function findCname(packet: SourceDescription, source: number): string | undefined {
  const chunk = packet.chunks.find((c) => c.source === source);
  return chunk?.items.find((item) => item.type === SdesItemType.Cname)?.text;
}
