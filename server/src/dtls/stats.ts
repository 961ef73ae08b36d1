/**
 * What a DtlsConnection counts. Bad input never throws out of handleDatagram
 * (RFC 6347 §4.1.2.7: invalid records SHOULD be silently discarded); it lands
 * in one of these counters instead, so an operator can see why a peer is not
 * getting through.
 */

/** Why a record (or the rest of a datagram) was dropped. */
export const DROP_REASONS = [
  /** A record header or length that does not parse; the rest of the datagram goes too. */
  'malformed',
  /** Already seen, or left of the anti-replay window (RFC 6347 §4.1.2.6). */
  'replayed',
  /** AEAD authentication failed (RFC 6347 §4.1.2.7: drop, do not alert). */
  'undecryptable',
  /** An epoch that is neither the current read epoch nor the next one. */
  'unexpectedEpoch',
  /** A next-epoch record arrived before its ChangeCipherSpec, and the buffer for those was full. */
  'earlyRecordsFull',
  /** A ChangeCipherSpec before the messages that must precede it; the peer's retransmission brings it again. */
  'earlyChangeCipherSpec',
  /** Handshake fragments that do not parse or do not fit the reassembler. */
  'malformedHandshake',
  /** A record or message that has no place in the current state (e.g. plaintext application data). */
  'unexpectedRecord',
  /** A handshake message of an older epoch that is not a retransmission of the peer's previous flight. */
  'staleHandshake',
  /** Input before start() or after the connection closed or failed. */
  'inactive',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface DtlsStats {
  readonly datagramsReceived: number;
  readonly datagramsSent: number;
  /** Records that parsed (whatever happened to them next). */
  readonly recordsReceived: number;
  /** Flights sent again: on a timer (RFC 6347 §4.2.4) or because the peer repeated its previous flight. */
  readonly retransmissions: number;
  readonly dropped: Readonly<Record<DropReason, number>>;
}

export function emptyDropCounters(): Record<DropReason, number> {
  return Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<DropReason, number>;
}
