/**
 * Segments written the way RFC 9293 draws them: <SEQ=100><ACK=301><CTL=SYN,ACK><DATA=10>.
 * With `relative`, numbers are shown as offsets from each side's initial sequence number, as
 * the RFC's small numbers and tcpdump's relative numbers are.
 */
import type { TcpSegment } from '#solutions/08-tcp-state/tcp-connection.ts';

export interface NumberBase {
  /** Subtracted from SEQ: the sender's ISS. */
  readonly seq?: number;
  /** Subtracted from ACK: the receiver's ISS. */
  readonly ack?: number;
}

const relative = (value: number, base: number | undefined): number => (base === undefined ? value : (value - base) >>> 0);

export function formatSegment(segment: TcpSegment, base: NumberBase = {}): string {
  const controls = [segment.syn && 'SYN', segment.fin && 'FIN', segment.rst && 'RST', segment.ack !== undefined && 'ACK'].filter(Boolean);
  const ack = segment.ack === undefined ? '' : `<ACK=${relative(segment.ack, base.ack)}>`;
  const data = segment.length ? `<DATA=${segment.length}>` : '';
  return `<SEQ=${relative(segment.seq, base.seq)}>${ack}<CTL=${controls.join(',')}>${data}`;
}

export function sameSegment(a: TcpSegment, b: TcpSegment): boolean {
  return a.seq === b.seq && a.ack === b.ack && !a.syn === !b.syn && !a.fin === !b.fin && !a.rst === !b.rst && (a.length ?? 0) === (b.length ?? 0);
}
