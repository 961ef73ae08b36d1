/**
 * The lab's datagram: a 16-bit sequence number, then filler up to the size asked for.
 *
 *    0                   1
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-
 *   |  sequence (uint16, big-endian) | filler ...
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-
 *
 * One send() is one datagram and one 'message' at the receiver: no framing needed, unlike TCP.
 */
const SEQUENCE_BYTES = 2;

export function sequencedDatagram(sequence: number, size: number): Buffer {
  const datagram = Buffer.alloc(Math.max(SEQUENCE_BYTES, size), '.');
  datagram.writeUInt16BE(sequence % 0x1_0000, 0);
  return datagram;
}

/** The sequence number, or undefined for a datagram too short to hold one. */
export function readSequence(datagram: Buffer): number | undefined {
  return datagram.length < SEQUENCE_BYTES ? undefined : datagram.readUInt16BE(0);
}
