/**
 * The common layout of RTPFB and PSFB feedback messages (RFC 4585 §6.1).
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|   FMT   |       PT      |          length               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    :            Feedback Control Information (FCI)                 :
 */
import { HEADER_SIZE, type RtcpHeader, startPacket, viewPacket } from './header.ts';
import { RtcpParseError, requireBytes } from './errors.ts';
import { readU32, writeU32 } from './wire.ts';

/** RTPFB FMT values (RFC 4585 §6.2, draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). */
export const TransportFeedbackFormat = { Nack: 1, TransportCc: 15 } as const;
/** PSFB FMT values (RFC 4585 §6.3, RFC 5104 §4.3). */
export const PayloadFeedbackFormat = { Pli: 1, Fir: 4, ApplicationLayer: 15 } as const;

/** The two SSRCs that open every feedback message's payload (RFC 4585 §6.1). */
export interface FeedbackSsrcs {
  readonly senderSsrc: number;
  /** The source the feedback is about; 0 where the FCI names the sources (FIR, REMB). */
  readonly mediaSsrc: number;
}

/** Header plus the two SSRCs. */
export const FEEDBACK_HEADER_SIZE = HEADER_SIZE + 8;

export interface FeedbackView extends FeedbackSsrcs {
  readonly header: RtcpHeader;
  readonly fci: Uint8Array;
}

export function viewFeedback(bytes: Uint8Array, packetType: number, format: number): FeedbackView {
  const { header, body } = viewPacket(bytes, packetType, format);
  requireBytes(body.length, FEEDBACK_HEADER_SIZE - HEADER_SIZE, 'feedback message');
  return { header, senderSsrc: readU32(body, 0), mediaSsrc: readU32(body, 4), fci: body.subarray(8) };
}

/** What the common feedback header carries; the packet objects have the SSRCs. */
export interface FeedbackFields extends FeedbackSsrcs {
  readonly packetType: number;
  readonly format: number;
  readonly padding?: boolean;
}

/**
 * Writes a feedback packet of `size` bytes at `offset`: the header and both
 * SSRCs, then `writeFci(at)` fills the FCI from `at`. Returns `size`.
 */
export function serializeFeedbackInto(
  buf: Uint8Array,
  offset: number,
  fields: FeedbackFields,
  size: number,
  writeFci: (at: number) => void,
): number {
  const at = startPacket(buf, offset, { count: fields.format, packetType: fields.packetType, padding: fields.padding ?? false }, size);
  writeU32(buf, at, fields.senderSsrc, 'sender ssrc');
  writeU32(buf, at + 4, fields.mediaSsrc, 'media ssrc');
  writeFci(at + 8);
  return size;
}

/**
 * An FCI of one or more fixed-size entries, as generic NACK (RFC 4585 §6.2.1)
 * and FIR (RFC 5104 §4.3.1) both require.
 */
export function readFciEntries<T>(fci: Uint8Array, entrySize: number, what: string, read: (at: number) => T): T[] {
  if (fci.length === 0 || fci.length % entrySize !== 0) {
    throw new RtcpParseError('BAD_FCI', `rtcp: ${what} FCI of ${fci.length} bytes is not one or more ${entrySize}-byte entries`);
  }
  const entries: T[] = [];
  for (let at = 0; at < fci.length; at += entrySize) entries.push(read(at));
  return entries;
}

/** Writes a feedback packet whose FCI is `entries`, each `entrySize` bytes. */
export function serializeFciEntriesInto<T>(
  buf: Uint8Array,
  offset: number,
  fields: FeedbackFields,
  entries: { readonly list: readonly T[]; readonly size: number; readonly what: string },
  write: (entry: T, at: number) => void,
): number {
  if (entries.list.length === 0) throw new RangeError(`rtcp: a ${entries.what} needs at least one FCI entry`);
  const size = FEEDBACK_HEADER_SIZE + entries.list.length * entries.size;
  return serializeFeedbackInto(buf, offset, fields, size, (at) => {
    entries.list.forEach((entry, i) => write(entry, at + i * entries.size));
  });
}
