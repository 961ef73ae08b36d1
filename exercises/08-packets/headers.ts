/**
 * Exercise 08-packets, part 1: the IPv4, TCP and UDP headers, field by field. All fields are
 * big-endian ("network byte order"); read them with a DataView or with shifts.
 *
 * IPv4 (RFC 791 §3.1)                                   TCP (RFC 9293 §3.1)
 *  0               1               2               3     0               1               2               3
 * |Ver=4|  IHL  | DSCP:6 |ECN:2|   Total Length    |   |      Source Port      |   Destination Port    |
 * |   Identification   |0|DF|MF| Fragment Offset:13|   |                Sequence Number                |
 * |  TTL  | Protocol |       Header Checksum        |   |             Acknowledgment Number             |
 * |                 Source Address                  |   |Offset:4|Rsrvd:4|CWR ECE URG ACK PSH RST SYN FIN| Window |
 * |              Destination Address                |   |       Checksum        |    Urgent Pointer     |
 * |   Options (IHL > 5) ...                         |   |   Options (Offset > 5) ...                    |
 *
 * UDP (RFC 768): | Source Port | Destination Port | Length (header + data) | Checksum |
 *
 * parseIpv4Header(bytes), bytes = an IPv4 packet, returns Ipv4Header:
 *   version 4; headerLength = IHL × 4; dscp (top 6 bits of byte 1), ecn (low 2); totalLength;
 *   identification; dontFragment, moreFragments: the DF and MF bits; fragmentOffset in 8-byte
 *   units as on the wire (13 bits); ttl; protocol (6 TCP, 17 UDP); headerChecksum: the field as
 *   is; source and destination as dotted quads ("127.0.0.1"); options: the bytes from 20 to
 *   headerLength (a view or a copy; empty for IHL 5).
 *   HeaderError codes, checked in this order: TOO_SHORT under 20 bytes; BAD_VERSION when the
 *   version is not 4; BAD_HEADER_LENGTH when IHL < 5; TOO_SHORT when fewer than headerLength bytes
 *   are there; BAD_LENGTH when totalLength is not 0 and smaller than headerLength (0 is allowed:
 *   captures taken before TCP segmentation offload show it).
 *
 * parseTcpHeader(bytes), bytes = a TCP segment (the IPv4 payload), returns TcpHeader:
 *   sourcePort, destinationPort; sequenceNumber and acknowledgmentNumber as unsigned 32-bit
 *   numbers; headerLength = data offset × 4; reserved: the 4 bits after the offset; flags: one
 *   boolean per control bit; window; checksum; urgentPointer; options, in order:
 *     kind 0 End of Option List: { kind: 'end' }, and stop (the rest is padding)
 *     kind 1 No-Operation:       { kind: 'nop' } (one byte)
 *     every other kind is | kind | length (of the whole option, ≥ 2) | length - 2 data bytes |:
 *     2  length 4   { kind: 'mss', value }                      (16 bits)
 *     3  length 3   { kind: 'window-scale', shift }              (8 bits)
 *     4  length 2   { kind: 'sack-permitted' }
 *     5  length 2+8n, n ≥ 1  { kind: 'sack', blocks: [{ left, right }, ...] }  (32 bits each)
 *     8  length 10  { kind: 'timestamps', value, echoReply }     (32 bits each)
 *     any other     { kind: 'unknown', type: kind, data: the data bytes }
 *   HeaderError codes, checked in this order: TOO_SHORT under 20 bytes; BAD_HEADER_LENGTH when
 *   the data offset is under 5; TOO_SHORT when fewer than headerLength bytes are there;
 *   BAD_OPTION for an option with no length byte, a length under 2, a length that runs past
 *   headerLength, or a known kind with a length other than the above.
 *
 * parseUdpHeader(bytes), bytes = a UDP datagram (the IPv4 payload), returns UdpHeader:
 *   sourcePort, destinationPort, length, checksum.
 *   HeaderError codes: TOO_SHORT under 8 bytes or when length > bytes.length; BAD_LENGTH when
 *   length < 8.
 *
 *   parseUdpHeader(Uint8Array.of(0x8c, 0x6d, 0x9f, 0x68, 0x00, 0x0e, 0xfe, 0x21, ...6 bytes))
 *     -> { sourcePort: 35949, destinationPort: 40808, length: 14, checksum: 0xfe21 }
 */
import { ProtocolError } from '#server/common/protocol-error.ts';
import type { Ipv4Header, TcpHeader, UdpHeader } from '#server/net/index.ts';

export type HeaderErrorCode = 'TOO_SHORT' | 'BAD_VERSION' | 'BAD_HEADER_LENGTH' | 'BAD_LENGTH' | 'BAD_OPTION';

/** Throw as: new HeaderError('TOO_SHORT', 'ipv4: 19 bytes, a header needs 20') */
export class HeaderError extends ProtocolError<HeaderErrorCode> {}

/**
 * The shapes you return are the SFU's own (server/src/net): every field is listed in the comment
 * above, and your parsers can be compared with its decoders field for field.
 */
export type { Ipv4Header, TcpFlags, TcpHeader, TcpOption, UdpHeader } from '#server/net/index.ts';

export function parseIpv4Header(bytes: Uint8Array): Ipv4Header {
  // TODO: check the length, version and IHL, read every field, format the two addresses.
  throw new Error(`TODO: parse the IPv4 header of a ${bytes.length}-byte packet`);
}

export function parseTcpHeader(bytes: Uint8Array): TcpHeader {
  // TODO: read the fixed 20 bytes and the flags, then walk the options up to the data offset.
  throw new Error(`TODO: parse the TCP header of a ${bytes.length}-byte segment`);
}

export function parseUdpHeader(bytes: Uint8Array): UdpHeader {
  // TODO: read the four 16-bit fields and check the length against the bytes there.
  throw new Error(`TODO: parse the UDP header of a ${bytes.length}-byte datagram`);
}
