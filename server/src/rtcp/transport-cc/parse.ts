/** Reading transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1); layout in types.ts. */
import { RtcpParseError, requireBytes } from '../errors.ts';
import { TransportFeedbackFormat, viewFeedback } from '../feedback.ts';
import { PacketType } from '../header.ts';
import { wrapSequenceNumber } from '../../rtp/sequence.ts';
import { readS16, readS24, readU16 } from '../wire.ts';
import { decodeChunk } from './chunk.ts';
import { CHUNK_SIZE, DELTA_UNIT_US, FIXED_FCI_SIZE, REFERENCE_TIME_UNIT_US, StatusSymbol, chunkCapacity, expandSymbols } from './types.ts';
import type { PacketChunk, TransportLayerCc } from './types.ts';

/** Most bytes after the last delta that are taken as the draft's zero padding (P bit unset). */
const MAX_ZERO_PADDING = 3;

export function parseTransportCc(bytes: Uint8Array): TransportLayerCc {
  const { senderSsrc, mediaSsrc, fci } = viewFeedback(bytes, PacketType.TransportFeedback, TransportFeedbackFormat.TransportCc);
  requireBytes(fci.length, FIXED_FCI_SIZE, 'transport-cc');
  const packetStatusCount = readU16(fci, 2);
  let at = FIXED_FCI_SIZE;
  const chunks: PacketChunk[] = [];
  // Chunks follow until they cover the status count; deltas follow the last one.
  for (let covered = 0; covered < packetStatusCount; at += CHUNK_SIZE) {
    if (at + CHUNK_SIZE > fci.length) {
      throw new RtcpParseError('BAD_LENGTH', `rtcp: transport-cc ends after ${covered} of ${packetStatusCount} statuses`);
    }
    const chunk = decodeChunk(readU16(fci, at));
    chunks.push(chunk);
    covered += chunkCapacity(chunk);
  }
  const receiveDeltas: number[] = [];
  for (const symbol of expandSymbols(chunks, packetStatusCount)) {
    if (symbol === StatusSymbol.NotReceived) continue;
    const size = symbol === StatusSymbol.SmallDelta ? 1 : 2;
    if (at + size > fci.length) throw new RtcpParseError('BAD_LENGTH', `rtcp: transport-cc ends inside receive delta ${receiveDeltas.length}`);
    receiveDeltas.push(size === 1 ? fci[at]! : readS16(fci, at));
    at += size;
  }
  if (fci.length - at > MAX_ZERO_PADDING) {
    throw new RtcpParseError('BAD_LENGTH', `rtcp: transport-cc has ${fci.length - at} bytes after its last receive delta`);
  }
  return {
    kind: 'transport-cc',
    senderSsrc,
    mediaSsrc,
    baseSequenceNumber: readU16(fci, 0),
    packetStatusCount,
    referenceTime: readS24(fci, 4),
    feedbackPacketCount: fci[7]!,
    chunks,
    receiveDeltas,
  };
}

export interface PacketResult {
  readonly sequenceNumber: number;
  readonly received: boolean;
  /**
   * Arrival in µs in the receiver's time base: reference time × 64 ms plus the
   * deltas so far. Only differences between arrivals mean anything, and the
   * 24-bit reference time wraps every 2^24 × 64 ms (about 12.4 days).
   */
  readonly arrivalTimeUs?: number;
}

/** One result per reported packet, from the base sequence number on (wrapping past 65535). */
export function packetResults(feedback: TransportLayerCc): PacketResult[] {
  let arrivalUs = feedback.referenceTime * REFERENCE_TIME_UNIT_US;
  let delta = 0;
  return expandSymbols(feedback.chunks, feedback.packetStatusCount).map((symbol, i) => {
    const sequenceNumber = wrapSequenceNumber(feedback.baseSequenceNumber + i);
    if (symbol === StatusSymbol.NotReceived) return { sequenceNumber, received: false };
    arrivalUs += (feedback.receiveDeltas[delta++] ?? 0) * DELTA_UNIT_US;
    return { sequenceNumber, received: true, arrivalTimeUs: arrivalUs };
  });
}
