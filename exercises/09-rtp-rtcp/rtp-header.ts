/**
 * Exercise 09-rtp-rtcp, part 1: the RTP header (RFC 3550 §5.1) and the RFC 8285 header
 * extension elements WebRTC carries in it.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           timestamp                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           synchronization source (SSRC) identifier            |
 *   +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *   |            CC contributing source (CSRC) identifiers          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  profile (if X)               |  length: 32-bit words after   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  length × 4 bytes of extension elements, zero-padded          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  payload ...                  |  padding (if P) ...   | count |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   All fields are big-endian. The padding count (last byte) includes itself.
 *
 * parseRtpHeader(bytes) returns RtpHeaderFields:
 *   version 2 (always: anything else is an error); padding, extension, marker: the P, X, M bits;
 *   payloadType 0-127; sequenceNumber 0-65535; timestamp and ssrc as unsigned 32-bit numbers;
 *   csrcs: the CC CSRCs in order;
 *   extensionProfile: the 16-bit profile when X is set, else undefined;
 *   extensions: the RFC 8285 elements in order when the profile is 0xBEDE (one-byte form) or
 *     0x1000-0x100F (two-byte form), else [] (also for any other profile: its bytes are skipped);
 *   headerLength: bytes before the payload, 12 + 4 × CC + (X ? 4 + 4 × length : 0);
 *   payloadLength: bytes.length - headerLength - (P ? the padding count : 0).
 *
 *   One-byte form:  | ID:4 | L:4 | then L+1 data bytes      (IDs 1-14, 1 to 16 data bytes)
 *   Two-byte form:  | ID:8 | L:8 | then L data bytes        (IDs 1-255, 0 to 255 data bytes)
 *   In both forms a 0x00 byte where an element would start is padding: skip it. In the one-byte
 *   form, ID 15, or ID 0 with L ≠ 0, ends the block: the elements before it are the result.
 *   Each element's data is a view of (or a copy of) its bytes.
 *
 *   Errors are RtpHeaderError with a code (checked from the start of the packet; the first found wins):
 *     TOO_SHORT      under 12 bytes, or not enough bytes for the CSRC list or the extension's 4-byte header
 *     BAD_VERSION    V is not 2
 *     BAD_EXTENSION  the extension block runs past the packet, or an element (or a two-byte element's
 *                    length byte) runs past the block
 *     BAD_PADDING    P is set but no byte follows the header, or the count is 0 or more than the bytes
 *                    after the header (equal is fine: a padding-only packet)
 *
 * serializeRtpHeader(fields) returns the header bytes only (headerLength of them), V = 2:
 *   P is fields.padding (the padding bytes belong after the payload, not here); X is set when
 *   fields.extensions has elements. They are written in order in the one-byte form (profile 0xBEDE)
 *   when every element has ID 1-14 and 1-16 bytes of data, else in the two-byte form (profile
 *   0x1000), then zero bytes up to the next 32-bit boundary.
 *   RangeError for a value that does not fit: payloadType not an integer 0-127, sequenceNumber not
 *   0-65535, timestamp, ssrc or a CSRC not 0-4294967295, more than 15 CSRCs, an element ID not 1-255
 *   or more than 255 bytes of element data.
 *
 *   parseRtpHeader(Uint8Array.of(0x80, 0xef, 0x12, 0x34, 0, 0, 0x03, 0xc0, 0, 0, 0, 42, ...20 more))
 *     -> { version: 2, marker: true, payloadType: 111, sequenceNumber: 0x1234, timestamp: 960,
 *          ssrc: 42, csrcs: [], headerLength: 12, payloadLength: 20, ... }
 */
import { ProtocolError } from '#server/common/protocol-error.ts';

export type RtpHeaderErrorCode = 'TOO_SHORT' | 'BAD_VERSION' | 'BAD_EXTENSION' | 'BAD_PADDING';

/** Throw as: new RtpHeaderError('TOO_SHORT', 'rtp: 11 bytes, a header needs 12') */
export class RtpHeaderError extends ProtocolError<RtpHeaderErrorCode> {}

/** One RFC 8285 element: the ID that a=extmap gave a meaning, and its data. */
export interface ExtensionElement {
  readonly id: number;
  readonly data: Uint8Array;
}

export interface RtpHeaderFields {
  readonly version: number;
  readonly padding: boolean;
  readonly extension: boolean;
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly csrcs: readonly number[];
  readonly extensionProfile: number | undefined;
  readonly extensions: readonly ExtensionElement[];
  readonly headerLength: number;
  readonly payloadLength: number;
}

/** What serializeRtpHeader writes; RtpHeaderFields fits it, so a parsed header can be written back. */
export interface RtpHeaderInput {
  readonly marker?: boolean;
  readonly padding?: boolean;
  readonly payloadType: number;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly csrcs?: readonly number[];
  readonly extensions?: readonly ExtensionElement[];
}

export function parseRtpHeader(bytes: Uint8Array): RtpHeaderFields {
  // TODO: check the length and version, read the fixed fields, the CSRCs, the extension block
  // and its elements, then the padding count.
  throw new Error(`TODO: parse the RTP header of a ${bytes.length}-byte packet`);
}

export function serializeRtpHeader(fields: RtpHeaderInput): Uint8Array {
  // TODO: check every field's range, size the buffer, write the fixed header, the CSRCs and the
  // extension block (pick the one-byte or the two-byte form).
  throw new Error(`TODO: serialize the RTP header of SSRC ${fields.ssrc}, sequence number ${fields.sequenceNumber}`);
}
