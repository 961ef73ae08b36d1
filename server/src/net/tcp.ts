/**
 * The TCP header (RFC 9293 §3.1; CWR and ECE from RFC 3168).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                        Sequence Number                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Acknowledgment Number                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Data |       |C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *   |       |       |R|E|G|K|H|T|N|N|                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |         Urgent Pointer        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options (data offset > 5)                  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Data Offset counts 32-bit words (5-15). The segment has no length field: its data runs to
 * the end of the IP payload. The checksum covers the pseudo-header, header and data.
 */
import { internetChecksum } from './checksum.ts';
import { NetParseError, viewOfAtLeast } from './errors.ts';
import { checkField } from './field.ts';
import { IpProtocol } from './ip-protocol.ts';
import { pseudoHeaderSum, type ChecksumAddresses } from './pseudo-header.ts';
import { parseTcpOptions, serializeTcpOptions, type TcpOption } from './tcp-options.ts';

export const TCP_MIN_HEADER_LENGTH = 20;
const TCP_MAX_HEADER_LENGTH = 60;
const TCP_CHECKSUM_OFFSET = 16;

export interface TcpFlags {
  readonly cwr: boolean;
  readonly ece: boolean;
  readonly urg: boolean;
  readonly ack: boolean;
  readonly psh: boolean;
  readonly rst: boolean;
  readonly syn: boolean;
  readonly fin: boolean;
}

/** Bit of each flag in the 13th header byte, CWR the highest. */
const FLAG_BITS: Readonly<Record<keyof TcpFlags, number>> = { cwr: 0x80, ece: 0x40, urg: 0x20, ack: 0x10, psh: 0x08, rst: 0x04, syn: 0x02, fin: 0x01 };

export interface TcpHeader {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly sequenceNumber: number;
  readonly acknowledgmentNumber: number;
  /** Data offset × 4: 20 to 60 bytes. */
  readonly headerLength: number;
  /** The 4 reserved bits (zero when sent, RFC 9293 §3.1). */
  readonly reserved: number;
  readonly flags: TcpFlags;
  /** Unscaled, as on the wire: multiply by 2^(window scale) after the SYN (RFC 7323 §2.3). */
  readonly window: number;
  readonly checksum: number;
  readonly urgentPointer: number;
  readonly options: readonly TcpOption[];
}

export interface TcpSegment {
  readonly header: TcpHeader;
  /** The data: a view into the input. */
  readonly payload: Uint8Array;
}

/** What serializeTcpSegment needs; a parsed TcpHeader fits it. */
export interface TcpHeaderInput {
  readonly sourcePort: number;
  readonly destinationPort: number;
  readonly sequenceNumber: number;
  readonly acknowledgmentNumber?: number;
  readonly reserved?: number;
  /** Flags not given are clear. */
  readonly flags?: Partial<TcpFlags>;
  readonly window: number;
  /** Written as is unless `pseudoHeader` is given to compute it. */
  readonly checksum?: number;
  readonly urgentPointer?: number;
  readonly options?: readonly TcpOption[];
}

export function tcpFlagsOf(byte: number): TcpFlags {
  const entries = Object.entries(FLAG_BITS).map(([name, bit]) => [name, (byte & bit) !== 0]);
  return Object.fromEntries(entries) as unknown as TcpFlags;
}

export function tcpFlagsByte(flags: Partial<TcpFlags>): number {
  let byte = 0;
  for (const [name, bit] of Object.entries(FLAG_BITS) as [keyof TcpFlags, number][]) if (flags[name]) byte |= bit;
  return byte;
}

/** `bytes` is the whole IP payload: the header, then data to its end. */
export function parseTcpSegment(bytes: Uint8Array): TcpSegment {
  const view = viewOfAtLeast(bytes, TCP_MIN_HEADER_LENGTH, 'tcp: segment');
  const headerLength = (bytes[12]! >> 4) * 4;
  if (headerLength < TCP_MIN_HEADER_LENGTH) {
    throw new NetParseError('BAD_HEADER_LENGTH', `tcp: data offset ${headerLength / 4} is under the minimum of 5`);
  }
  if (headerLength > bytes.length) throw new NetParseError('TOO_SHORT', `tcp: ${headerLength}-byte header cut off (size ${bytes.length})`);
  return {
    header: {
      sourcePort: view.getUint16(0),
      destinationPort: view.getUint16(2),
      sequenceNumber: view.getUint32(4),
      acknowledgmentNumber: view.getUint32(8),
      headerLength,
      reserved: bytes[12]! & 0x0f,
      flags: tcpFlagsOf(bytes[13]!),
      window: view.getUint16(14),
      checksum: view.getUint16(TCP_CHECKSUM_OFFSET),
      urgentPointer: view.getUint16(18),
      options: parseTcpOptions(bytes.subarray(TCP_MIN_HEADER_LENGTH, headerLength)),
    },
    payload: bytes.subarray(headerLength),
  };
}

export function serializeTcpSegment(header: TcpHeaderInput, payload: Uint8Array, pseudoHeader?: ChecksumAddresses): Uint8Array {
  const options = serializeTcpOptions(header.options ?? []);
  const headerLength = TCP_MIN_HEADER_LENGTH + options.length;
  if (headerLength > TCP_MAX_HEADER_LENGTH) throw new RangeError(`tcp: options take ${options.length} bytes, at most 40 fit`);
  const out = new Uint8Array(headerLength + payload.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, checkField('tcp', 'source port', header.sourcePort, 16));
  view.setUint16(2, checkField('tcp', 'destination port', header.destinationPort, 16));
  view.setUint32(4, checkField('tcp', 'sequence number', header.sequenceNumber, 32));
  view.setUint32(8, checkField('tcp', 'acknowledgment number', header.acknowledgmentNumber ?? 0, 32));
  out[12] = ((headerLength / 4) << 4) | checkField('tcp', 'reserved bits', header.reserved ?? 0, 4);
  out[13] = tcpFlagsByte(header.flags ?? {});
  view.setUint16(14, checkField('tcp', 'window', header.window, 16));
  view.setUint16(18, checkField('tcp', 'urgent pointer', header.urgentPointer ?? 0, 16));
  out.set(options, TCP_MIN_HEADER_LENGTH);
  out.set(payload, headerLength);
  const checksum = pseudoHeader
    ? internetChecksum(out, pseudoHeaderSum(pseudoHeader.source, pseudoHeader.destination, IpProtocol.TCP, out.length))
    : checkField('tcp', 'checksum', header.checksum ?? 0, 16);
  view.setUint16(TCP_CHECKSUM_OFFSET, checksum);
  return out;
}
