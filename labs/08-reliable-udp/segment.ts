/**
 * The lab's wire format: one segment per UDP datagram, 12 bytes of header.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  magic 0x52   |     type      |     flags     |   reserved 0  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |        DATA: sequence number    /    ACK: cumulative ack      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |        DATA: timestamp (TSval)  /    ACK: echo (TSecr)        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  DATA: payload ...                                            |
 *
 * Sequence numbers count segments, not bytes (TCP counts bytes, RFC 9293
 * §3.4), from 0, and do not wrap: 2^32 segments is far more than a lab sends.
 * An ACK carries the next sequence number the receiver expects: every segment
 * below it has arrived. The END flag marks the last DATA segment of a stream.
 *
 * The timestamp is TCP's (RFC 7323 §3): the sender stamps each transmission
 * with its clock (microseconds, modulo 2^32), and the receiver echoes the
 * stamp of the segment that made it send the ACK. The sender then knows which
 * copy of a retransmitted segment an ACK answers, and can time it.
 */
import { ProtocolError } from '#server/common/protocol-error.ts';

export const SEGMENT_HEADER_SIZE = 12;
const MAGIC = 0x52;
const DATA = 1;
const ACK = 2;
const END_FLAG = 0x01;

export type SegmentErrorCode = 'TOO_SHORT' | 'BAD_MAGIC' | 'UNKNOWN_TYPE' | 'BAD_FLAGS' | 'TRAILING_BYTES';

export class SegmentError extends ProtocolError<SegmentErrorCode> {}

export type Segment =
  | { readonly type: 'data'; readonly sequence: number; readonly timestamp: number; readonly end: boolean; readonly payload: Buffer }
  | { readonly type: 'ack'; readonly ack: number; readonly timestampEcho: number };

export function encodeData(sequence: number, timestamp: number, payload: Uint8Array, end = false): Buffer {
  const datagram = Buffer.allocUnsafe(SEGMENT_HEADER_SIZE + payload.length);
  writeHeader(datagram, DATA, end ? END_FLAG : 0, sequence, timestamp);
  datagram.set(payload, SEGMENT_HEADER_SIZE);
  return datagram;
}

export function encodeAck(ack: number, timestampEcho: number): Buffer {
  const datagram = Buffer.allocUnsafe(SEGMENT_HEADER_SIZE);
  writeHeader(datagram, ACK, 0, ack, timestampEcho);
  return datagram;
}

/** Throws SegmentError for anything that is not a well-formed segment; the payload is a view, not a copy. */
export function decodeSegment(datagram: Buffer): Segment {
  if (datagram.length < SEGMENT_HEADER_SIZE) {
    throw new SegmentError('TOO_SHORT', `segment: ${datagram.length} bytes is shorter than the ${SEGMENT_HEADER_SIZE}-byte header`);
  }
  if (datagram[0] !== MAGIC) throw new SegmentError('BAD_MAGIC', `segment: first byte 0x${datagram[0]!.toString(16)} is not 0x52`);
  const type = datagram[1]!;
  const flags = datagram[2]!;
  const number = datagram.readUInt32BE(4);
  const timestamp = datagram.readUInt32BE(8);
  if (type !== DATA && type !== ACK) throw new SegmentError('UNKNOWN_TYPE', `segment: unknown type ${type}`);
  const allowedFlags = type === DATA ? END_FLAG : 0;
  if ((flags & ~allowedFlags) !== 0 || datagram[3] !== 0) {
    throw new SegmentError('BAD_FLAGS', `segment: unknown flags 0x${flags.toString(16)}${datagram[3] !== 0 ? ' or a reserved byte set' : ''}`);
  }
  if (type === DATA) return { type: 'data', sequence: number, timestamp, end: flags === END_FLAG, payload: datagram.subarray(SEGMENT_HEADER_SIZE) };
  if (datagram.length !== SEGMENT_HEADER_SIZE) throw new SegmentError('TRAILING_BYTES', `segment: an ACK is ${SEGMENT_HEADER_SIZE} bytes, got ${datagram.length}`);
  return { type: 'ack', ack: number, timestampEcho: timestamp };
}

function writeHeader(datagram: Buffer, type: number, flags: number, number: number, timestamp: number): void {
  if (!Number.isInteger(number) || number < 0 || number > 0xffff_ffff) throw new RangeError(`segment: ${number} does not fit in 32 bits`);
  datagram[0] = MAGIC;
  datagram[1] = type;
  datagram[2] = flags;
  datagram[3] = 0;
  datagram.writeUInt32BE(number, 4);
  datagram.writeUInt32BE(timestamp >>> 0, 8);
}
