/**
 * Generic NACK entries (RFC 4585 §6.2.1) to and from lists of sequence numbers.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |            PID                |             BLP               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * PID is a lost packet; bit i of BLP (least significant first) reports PID + i + 1
 * lost as well. Sequence numbers are 16-bit, so PID + i + 1 wraps past 65535.
 */
import { SEQUENCE_NUMBER_MODULUS, sequenceNumberDistance, wrapSequenceNumber } from '../rtp/sequence.ts';

export interface NackPair {
  /** PID: the sequence number of a lost packet. */
  readonly packetId: number;
  /** BLP: bitmask of the 16 packets after PID that are lost too. */
  readonly lostPackets: number;
}

const BLP_BITS = 16;

/** Every sequence number the pairs report lost, pair by pair, in wire order. */
export function sequenceNumbersFromNackPairs(pairs: readonly NackPair[]): number[] {
  const out: number[] = [];
  for (const { packetId, lostPackets } of pairs) {
    out.push(packetId);
    for (let bit = 0; bit < BLP_BITS; bit++) {
      if ((lostPackets >> bit) & 1) out.push((packetId + bit + 1) % SEQUENCE_NUMBER_MODULUS);
    }
  }
  return out;
}

/**
 * The fewest PID/BLP pairs covering `sequenceNumbers` (any order, duplicates
 * allowed). The numbers are put in order relative to the first one, taking the
 * nearer way round the 16-bit circle, so a run like 65534, 65535, 0, 1 packs
 * into one pair with PID 65534. Lists spanning more than half the circle are
 * ambiguous and come out in that relative order.
 */
export function nackPairsFromSequenceNumbers(sequenceNumbers: readonly number[]): NackPair[] {
  for (const seq of sequenceNumbers) {
    if (!Number.isInteger(seq) || seq < 0 || seq >= SEQUENCE_NUMBER_MODULUS) throw new RangeError(`rtcp: sequence number ${seq} is not 0..65535`);
  }
  const first = sequenceNumbers[0];
  if (first === undefined) return [];
  const unwrapped = [...new Set(sequenceNumbers.map((seq) => first + sequenceNumberDistance(first, seq)))].sort((a, b) => a - b);
  const pairs: NackPair[] = [];
  let pid = unwrapped[0]!;
  let blp = 0;
  for (const seq of unwrapped.slice(1)) {
    const bit = seq - pid - 1;
    if (bit < BLP_BITS) {
      blp |= 1 << bit;
      continue;
    }
    pairs.push({ packetId: wrapSequenceNumber(pid), lostPackets: blp });
    pid = seq;
    blp = 0;
  }
  pairs.push({ packetId: wrapSequenceNumber(pid), lostPackets: blp });
  return pairs;
}
