/**
 * Exercise 08-tcp-state, part 1: sequence-number arithmetic (reference solution).
 * See exercises/08-tcp-state/sequence.ts for the contract.
 *
 * Sequence numbers live on a circle of 2^32 (RFC 9293 §3.4: "all arithmetic ... is modulo
 * 2^32"); a comparison asks which way round is shorter, as in RFC 1982 serial numbers and
 * Linux's before()/after(): the sign of the 32-bit difference.
 */
import type { TcpSegment } from './tcp-connection.ts';

/** a + n, wrapped to 32 bits. */
export function seqAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

/** a comes before b: (a - b), as a signed 32-bit number, is negative. */
export function seqLt(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

export function seqLeq(a: number, b: number): boolean {
  return a === b || seqLt(a, b);
}

/** SEG.LEN: the data octets plus one for SYN and one for FIN (RFC 9293 §3.4). */
export function segmentLength(segment: TcpSegment): number {
  return (segment.length ?? 0) + (segment.syn ? 1 : 0) + (segment.fin ? 1 : 0);
}

/** RFC 9293 §3.10.7.4, Table 6: does the segment occupy some of the receive window? */
export function isAcceptable(segment: TcpSegment, rcvNxt: number, rcvWnd: number): boolean {
  const length = segmentLength(segment);
  const inWindow = (seq: number): boolean => seqLeq(rcvNxt, seq) && seqLt(seq, seqAdd(rcvNxt, rcvWnd));
  if (length === 0) return rcvWnd === 0 ? segment.seq === rcvNxt : inWindow(segment.seq);
  if (rcvWnd === 0) return false;
  return inWindow(segment.seq) || inWindow(seqAdd(segment.seq, length - 1));
}
