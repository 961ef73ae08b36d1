/**
 * The handshake transcript: the handshake messages so far, for the Finished MAC
 * (RFC 5246 §7.4.9), CertificateVerify (§7.4.8) and the extended master secret's
 * session_hash (RFC 7627 §3).
 *
 * DTLS rules (RFC 6347 §4.2.6):
 * - each message is hashed "as if each handshake message had been sent as a single
 *   fragment": its 12-byte DTLS header with the real message_seq, fragment_offset 0
 *   and fragment_length = length, then the body;
 * - "in cases where the cookie exchange is used, the initial ClientHello and
 *   HelloVerifyRequest MUST NOT be included": the state machine adds messages only
 *   from the ClientHello that carries the cookie (or `reset()`s after a HelloVerifyRequest);
 * - HelloRequest is never included (RFC 5246 §7.4.1.1), nor are ChangeCipherSpec and alerts,
 *   which are not handshake messages.
 *
 * The bytes are kept, not a running hash: CertificateVerify signs the messages
 * themselves with the signature scheme's hash, which may differ from the PRF hash.
 * A handshake is a few kilobytes, so this costs nothing worth saving.
 */
import { createHash } from 'node:crypto';
import { type HandshakeMessage, serializeHandshakeMessage } from '../messages/handshake-header.ts';
import { concatBytes } from '../wire.ts';

export class HandshakeTranscript {
  readonly #messages: Uint8Array[] = [];

  /** Appends a complete message in its unfragmented form. */
  add(message: HandshakeMessage): void {
    this.#messages.push(serializeHandshakeMessage(message));
  }

  /** Appends already-serialized unfragmented message bytes (12-byte header + body). */
  addSerialized(bytes: Uint8Array): void {
    this.#messages.push(Uint8Array.from(bytes));
  }

  /** Forgets everything (after a HelloVerifyRequest: the next ClientHello starts the transcript). */
  reset(): void {
    this.#messages.length = 0;
  }

  get messageCount(): number {
    return this.#messages.length;
  }

  /** The concatenated messages (what CertificateVerify signs). */
  bytes(): Uint8Array {
    return concatBytes(...this.#messages);
  }

  /** Hash of the messages so far: the Finished input and, after ClientKeyExchange, the EMS session_hash. */
  hash(algorithm: 'sha256' | 'sha384'): Uint8Array {
    const hash = createHash(algorithm);
    for (const message of this.#messages) hash.update(message);
    return new Uint8Array(hash.digest());
  }
}
