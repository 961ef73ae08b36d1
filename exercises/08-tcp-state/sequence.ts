/**
 * Exercise 08-tcp-state, part 1: sequence-number arithmetic.
 *
 * TCP numbers every octet it sends, and the SYN and FIN each take one number too. The numbers
 * are 32 bits and wrap: 4294967295 is followed by 0. So "a before b" cannot be a < b; it means
 * "going forward from a reaches b in less than half the circle" (RFC 9293 §3.4: all arithmetic
 * is modulo 2^32; RFC 1982 calls this serial number arithmetic). A handy way: the difference
 * a - b, read as a signed 32-bit number, is negative.
 *
 * seqAdd(a, n): (a + n) modulo 2^32, as an unsigned number. seqAdd(4294967295, 2) === 1.
 * seqLt(a, b): a comes before b. seqLt(4294967295, 0) is true, seqLt(0, 4294967295) false.
 * seqLeq(a, b): a === b or seqLt(a, b).
 * segmentLength(segment): SEG.LEN, the data octets (segment.length, 0 when absent) plus 1 for
 *   SYN plus 1 for FIN.
 * isAcceptable(segment, rcvNxt, rcvWnd): RFC 9293 §3.10.7.4, Table 6. With L = SEG.LEN:
 *     L = 0, RCV.WND = 0:  SEG.SEQ = RCV.NXT
 *     L = 0, RCV.WND > 0:  RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND
 *     L > 0, RCV.WND = 0:  not acceptable
 *     L > 0, RCV.WND > 0:  RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND
 *                       or RCV.NXT =< SEG.SEQ + L - 1 < RCV.NXT + RCV.WND
 *   every comparison and sum in sequence space (wrap-around included).
 */
import type { TcpSegment } from './tcp-connection.ts';

export function seqAdd(a: number, n: number): number {
  // TODO: add and wrap to 32 unsigned bits.
  throw new Error(`TODO: ${a} + ${n} in sequence space`);
}

export function seqLt(a: number, b: number): boolean {
  // TODO: the sign of the 32-bit difference.
  throw new Error(`TODO: is ${a} before ${b}?`);
}

export function seqLeq(a: number, b: number): boolean {
  // TODO: equal, or before.
  throw new Error(`TODO: is ${a} at or before ${b}?`);
}

export function segmentLength(segment: TcpSegment): number {
  // TODO: data octets, plus SYN and FIN.
  throw new Error(`TODO: the length of the segment at ${segment.seq}`);
}

export function isAcceptable(segment: TcpSegment, rcvNxt: number, rcvWnd: number): boolean {
  // TODO: the four cases of Table 6.
  throw new Error(`TODO: is the segment at ${segment.seq} in the window ${rcvNxt} + ${rcvWnd}?`);
}
