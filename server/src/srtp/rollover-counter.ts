/**
 * The SRTP packet index and rollover counter (RFC 3711 §3.3.1, Appendix A).
 *
 *   i = 2^16 * ROC + SEQ
 *
 * Only SEQ travels in the packet; ROC counts how often SEQ wrapped. A receiver
 * guesses the index of each packet from the highest index it has authenticated
 * (s_l and ROC together), taking whichever of ROC-1, ROC, ROC+1 puts the packet
 * nearest to s_l, so reordering across the 65535 -> 0 wrap lands in the right
 * epoch. The sender uses the same guess against the highest index it has sent,
 * so a retransmitted old SEQ keeps its original index.
 *
 * Indices are plain numbers: 48 bits fit a double exactly.
 */

const SEQ_MODULUS = 0x10000;
const HALF = 0x8000;

/** RFC 3711 §3.3.1: the packet index is 48 bits, so a key protects at most 2^48 packets per SSRC. */
export const MAX_PACKET_INDEX = 2 ** 48 - 1;

/**
 * RFC 3711 Appendix A: the index v of a packet carrying `sequenceNumber`, given
 * the highest index authenticated so far. It can be negative when the packet
 * would come from before ROC 0, which no sender produces (the ROC starts at 0,
 * §3.3.1), and above `MAX_PACKET_INDEX` when the ROC overflows.
 */
export function estimatePacketIndex(highestIndex: number, sequenceNumber: number): number {
  const roc = Math.floor(highestIndex / SEQ_MODULUS);
  const highestSeq = highestIndex % SEQ_MODULUS; // s_l
  let guessedRoc = roc;
  if (highestSeq < HALF) {
    if (sequenceNumber - highestSeq > HALF) guessedRoc = roc - 1;
  } else if (highestSeq - HALF > sequenceNumber) {
    guessedRoc = roc + 1;
  }
  return guessedRoc * SEQ_MODULUS + sequenceNumber;
}

/** The ROC part of a packet index, as the AEAD IV (RFC 7714 §8.1) and the HMAC input (RFC 3711 §4.2) carry it. */
export function rolloverCounterOf(index: number): number {
  return Math.floor(index / SEQ_MODULUS);
}
