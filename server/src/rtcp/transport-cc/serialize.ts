/** Writing transport-cc feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1); layout in types.ts. */
import { FEEDBACK_HEADER_SIZE, TransportFeedbackFormat, serializeFeedbackInto } from '../feedback.ts';
import { PacketType, type PacketCodec, serializeWith } from '../header.ts';
import { checkInt, checkUint, padTo32, writeS16, writeS24, writeU16, writeU8 } from '../wire.ts';
import { encodeChunk } from './chunk.ts';
import { parseTransportCc } from './parse.ts';
import { CHUNK_SIZE, FIXED_FCI_SIZE, StatusSymbol, type TransportLayerCc, chunkCapacity, expandSymbols } from './types.ts';

/**
 * The symbols of the received packets, once the chunks and deltas are known to
 * agree with the status count the way a receiver reads them.
 */
function receivedSymbols(feedback: TransportLayerCc): StatusSymbol[] {
  const { chunks, packetStatusCount, receiveDeltas } = feedback;
  const capacities = chunks.map(chunkCapacity);
  const covered = capacities.reduce((sum, n) => sum + n, 0);
  const coveredBeforeLast = covered - (capacities[capacities.length - 1] ?? 0);
  // A receiver stops reading chunks once the count is covered, so a spare chunk would be read as deltas.
  if (covered < packetStatusCount || (chunks.length > 0 && coveredBeforeLast >= packetStatusCount)) {
    throw new RangeError(`rtcp: ${chunks.length} chunks covering ${covered} do not just reach status count ${packetStatusCount}`);
  }
  const received = expandSymbols(chunks, packetStatusCount).filter((symbol) => symbol !== StatusSymbol.NotReceived);
  if (received.length !== receiveDeltas.length) {
    throw new RangeError(`rtcp: ${received.length} received packets but ${receiveDeltas.length} receive deltas`);
  }
  received.forEach((symbol, i) => {
    if (symbol === StatusSymbol.SmallDelta) checkUint('small receive delta', receiveDeltas[i]!, 8);
    else checkInt('large receive delta', receiveDeltas[i]!, 16);
  });
  return received;
}

function unpaddedSize(feedback: TransportLayerCc, received: readonly StatusSymbol[]): number {
  const deltaBytes = received.reduce<number>((sum, symbol) => sum + (symbol === StatusSymbol.SmallDelta ? 1 : 2), 0);
  return FEEDBACK_HEADER_SIZE + FIXED_FCI_SIZE + feedback.chunks.length * CHUNK_SIZE + deltaBytes;
}

function serializedSize(feedback: TransportLayerCc): number {
  return padTo32(unpaddedSize(feedback, receivedSymbols(feedback)));
}

function serializeInto(feedback: TransportLayerCc, buf: Uint8Array, offset: number): number {
  const received = receivedSymbols(feedback);
  const unpadded = unpaddedSize(feedback, received);
  const size = padTo32(unpadded);
  // Padding per RFC 3550 §6.4.1 (P set, last byte counts it), as Chromium sends it.
  const padding = size - unpadded;
  const fields = { ...feedback, packetType: PacketType.TransportFeedback, format: TransportFeedbackFormat.TransportCc, padding: padding > 0 };
  return serializeFeedbackInto(buf, offset, fields, size, (fci) => {
    writeU16(buf, fci, feedback.baseSequenceNumber, 'base sequence number');
    writeU16(buf, fci + 2, feedback.packetStatusCount, 'packet status count');
    writeS24(buf, fci + 4, feedback.referenceTime, 'reference time');
    writeU8(buf, fci + 7, feedback.feedbackPacketCount, 'feedback packet count');
    let at = fci + FIXED_FCI_SIZE;
    for (const chunk of feedback.chunks) {
      writeU16(buf, at, encodeChunk(chunk), 'packet chunk');
      at += CHUNK_SIZE;
    }
    received.forEach((symbol, i) => {
      const delta = feedback.receiveDeltas[i]!;
      if (symbol === StatusSymbol.SmallDelta) {
        buf[at++] = delta;
      } else {
        writeS16(buf, at, delta, 'large receive delta');
        at += 2;
      }
    });
    if (padding > 0) {
      buf.fill(0, at, offset + size - 1);
      buf[offset + size - 1] = padding;
    }
  });
}

export const transportCcCodec = { parse: parseTransportCc, serializedSize, serializeInto } satisfies PacketCodec<TransportLayerCc>;

export function serializeTransportCc(feedback: TransportLayerCc): Uint8Array {
  return serializeWith(transportCcCodec, feedback);
}
