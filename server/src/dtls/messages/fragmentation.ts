/**
 * Splitting handshake messages to fit the path MTU (RFC 6347 §4.2.3): "each DTLS
 * record MUST fit within a single datagram", and a message too large for one is
 * sent as fragments, each carrying the full message length and its own
 * fragment_offset/fragment_length.
 *
 * Chromium sends its 1413-byte ClientHello in 1200-byte datagrams:
 * 1200 - 13 (record header) - 12 (handshake header) = 1175 bytes per fragment.
 */
import { RECORD_HEADER_SIZE } from '../record/record.ts';
import { copyBytes } from '../wire.ts';
import { HANDSHAKE_HEADER_SIZE, type HandshakeFragment, type HandshakeMessage } from './handshake-header.ts';

/**
 * The largest fragment body that fits one record in `maxDatagramSize` bytes of UDP
 * payload. `protectionOverhead` is 0 in epoch 0 and `RecordProtection.overhead`
 * after ChangeCipherSpec (24 for AES-GCM, 16 for ChaCha20-Poly1305).
 */
export function maxFragmentLength(options: { maxDatagramSize: number; protectionOverhead?: number }): number {
  const length = options.maxDatagramSize - RECORD_HEADER_SIZE - (options.protectionOverhead ?? 0) - HANDSHAKE_HEADER_SIZE;
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`dtls: a ${options.maxDatagramSize}-byte datagram leaves no room for a handshake fragment`);
  }
  return length;
}

/**
 * Splits `message` into fragments of at most `maxLength` body bytes, in order.
 * An empty message (ServerHelloDone) is one empty fragment.
 */
export function fragmentHandshakeMessage(message: HandshakeMessage, maxLength: number): HandshakeFragment[] {
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`dtls: fragment length must be a positive integer, got ${maxLength}`);
  const { msgType, messageSeq, body } = message;
  const fragments: HandshakeFragment[] = [];
  let offset = 0;
  do {
    const end = Math.min(offset + maxLength, body.length);
    fragments.push({ msgType, length: body.length, messageSeq, fragmentOffset: offset, fragment: copyBytes(body, offset, end) });
    offset = end;
  } while (offset < body.length);
  return fragments;
}
