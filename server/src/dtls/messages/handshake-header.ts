/**
 * The DTLS handshake header (RFC 6347 §4.2.2), in front of every handshake
 * message fragment. Several fragments may share one record.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   msg_type    |                 length (24)                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         message_seq           |   fragment_offset (24) ...    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |    ...        |             fragment_length (24)              |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                 fragment (fragment_length bytes) ...
 *
 * A complete message is a fragment with offset 0 and fragment_length = length;
 * that unfragmented form is also what the Finished and CertificateVerify hashes
 * cover (RFC 6347 §4.2.6), so `serializeHandshakeMessage` gives transcript bytes.
 */
import { DtlsError } from '../errors.ts';
import { Reader, Writer, checkUint } from '../wire.ts';

export const HANDSHAKE_HEADER_SIZE = 12;

/** One fragment as carried in a record. */
export interface HandshakeFragment {
  readonly msgType: number;
  /** The length of the whole message body. */
  readonly length: number;
  readonly messageSeq: number;
  readonly fragmentOffset: number;
  /** fragment_length bytes of the body, starting at fragmentOffset. */
  readonly fragment: Uint8Array;
}

/** A complete (reassembled) handshake message. */
export interface HandshakeMessage {
  readonly msgType: number;
  readonly messageSeq: number;
  readonly body: Uint8Array;
}

/**
 * All fragments in a handshake record's plaintext. Throws MESSAGE_TRUNCATED for a
 * header or fragment past the end and BAD_FRAGMENT when offset + fragment_length
 * exceeds length (RFC 6347 §4.2.3).
 */
export function parseHandshakeFragments(recordPlaintext: Uint8Array): HandshakeFragment[] {
  const reader = new Reader(recordPlaintext, 'handshake record');
  const fragments: HandshakeFragment[] = [];
  while (reader.remaining > 0) {
    const msgType = reader.u8('msg_type');
    const length = reader.u24('length');
    const messageSeq = reader.u16('message_seq');
    const fragmentOffset = reader.u24('fragment_offset');
    const fragmentLength = reader.u24('fragment_length');
    if (fragmentOffset + fragmentLength > length) {
      throw new DtlsError(
        'BAD_FRAGMENT',
        `dtls: handshake fragment ${fragmentOffset}+${fragmentLength} exceeds message length ${length} (message_seq ${messageSeq})`,
      );
    }
    fragments.push({ msgType, length, messageSeq, fragmentOffset, fragment: reader.bytes(fragmentLength, 'fragment') });
  }
  return fragments;
}

export function serializeHandshakeFragment(fragment: HandshakeFragment): Uint8Array {
  checkUint('fragment.length', fragment.length, 24);
  if (fragment.fragmentOffset + fragment.fragment.length > fragment.length) {
    throw new RangeError(`dtls: fragment ${fragment.fragmentOffset}+${fragment.fragment.length} exceeds message length ${fragment.length}`);
  }
  return new Writer(HANDSHAKE_HEADER_SIZE + fragment.fragment.length)
    .u8('msg_type', fragment.msgType)
    .u24('length', fragment.length)
    .u16('message_seq', fragment.messageSeq)
    .u24('fragment_offset', fragment.fragmentOffset)
    .u24('fragment_length', fragment.fragment.length)
    .bytes(fragment.fragment)
    .finish();
}

/** The message as one fragment: the record payload for an unfragmented send, and the transcript bytes. */
export function serializeHandshakeMessage(message: HandshakeMessage): Uint8Array {
  return serializeHandshakeFragment(wholeMessageFragment(message));
}

export function wholeMessageFragment(message: HandshakeMessage): HandshakeFragment {
  return { msgType: message.msgType, length: message.body.length, messageSeq: message.messageSeq, fragmentOffset: 0, fragment: message.body };
}

/** A fragment that holds its whole message, as a message; undefined for a partial fragment. */
export function completeMessage(fragment: HandshakeFragment): HandshakeMessage | undefined {
  if (fragment.fragmentOffset !== 0 || fragment.fragment.length !== fragment.length) return undefined;
  return { msgType: fragment.msgType, messageSeq: fragment.messageSeq, body: fragment.fragment };
}
