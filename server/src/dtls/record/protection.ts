/**
 * Record protection for the AEAD suites (RFC 5246 §6.2.3.3 as changed by RFC 6347 §4.1.2.1).
 *
 *   additional_data = epoch ‖ sequence_number ‖ type ‖ version ‖ length   (13 bytes;
 *                     length is the plaintext length; epoch‖seq replaces TLS's seq_num)
 *
 * AES-GCM (RFC 5288 §3):
 *   nonce = client/server_write_IV (4-byte salt) ‖ nonce_explicit (8 bytes)
 *   fragment = nonce_explicit ‖ ciphertext ‖ tag
 *   We send epoch‖sequence_number as nonce_explicit (unique per key, as §3 requires);
 *   when opening, the nonce_explicit is taken from the record as sent.
 *
 * ChaCha20-Poly1305 (RFC 7905 §2):
 *   nonce = client/server_write_IV (12 bytes) XOR (0x00000000 ‖ epoch ‖ sequence_number)
 *   fragment = ciphertext ‖ tag
 *
 * One RecordProtection holds one direction's key for one epoch: the state machine
 * makes a writer from the keys of its own role and a reader from the peer's.
 */
import type { AeadAlgorithm, CipherSuite } from '../crypto/cipher-suite.ts';
import { AEAD_NONCE_LENGTH, AEAD_TAG_LENGTH, aeadOpen, aeadSeal } from '../crypto/aead.ts';
import type { Role, TrafficKeys } from '../crypto/key-schedule.ts';
import { DtlsError } from '../errors.ts';
import { checkLength, writeU16 } from '../wire.ts';
import { type DtlsRecord, MAX_PLAINTEXT_LENGTH, writeRecordNumber } from './record.ts';

const RECORD_NUMBER_LENGTH = 8;
const ADDITIONAL_DATA_LENGTH = 13;

/** The header fields of a record about to be sealed. */
export type RecordHeader = Omit<DtlsRecord, 'fragment'>;

export class RecordProtection {
  readonly suite: CipherSuite;
  readonly #aead: AeadAlgorithm;
  readonly #key: Uint8Array;
  readonly #iv: Uint8Array;

  constructor(suite: CipherSuite, key: Uint8Array, iv: Uint8Array) {
    checkLength(`${suite.name} key`, key, suite.keyLength);
    checkLength(`${suite.name} IV`, iv, suite.fixedIvLength);
    this.suite = suite;
    this.#aead = suite.aead;
    this.#key = Uint8Array.from(key);
    this.#iv = Uint8Array.from(iv);
  }

  /** The protection for what `sender` writes: its write key and IV from the key block. */
  static forSender(suite: CipherSuite, keys: TrafficKeys, sender: Role): RecordProtection {
    return sender === 'client'
      ? new RecordProtection(suite, keys.clientWriteKey, keys.clientWriteIv)
      : new RecordProtection(suite, keys.serverWriteKey, keys.serverWriteIv);
  }

  /** Bytes a protected record adds to its plaintext: explicit nonce plus tag. */
  get overhead(): number {
    return this.suite.explicitNonceLength + AEAD_TAG_LENGTH;
  }

  /** Encrypts `plaintext` into a record with the given header fields. */
  seal(header: RecordHeader, plaintext: Uint8Array): DtlsRecord {
    if (plaintext.length > MAX_PLAINTEXT_LENGTH) {
      throw new RangeError(`dtls: plaintext of ${plaintext.length} bytes > ${MAX_PLAINTEXT_LENGTH}`);
    }
    const explicitNonce = new Uint8Array(this.suite.explicitNonceLength);
    if (explicitNonce.length > 0) writeRecordNumber(explicitNonce, 0, header.epoch, header.sequenceNumber);
    const nonce = this.#nonce(header, explicitNonce);
    const sealed = aeadSeal(this.#aead, this.#key, nonce, additionalData(header, plaintext.length), plaintext);
    const fragment = new Uint8Array(explicitNonce.length + sealed.length);
    fragment.set(explicitNonce, 0);
    fragment.set(sealed, explicitNonce.length);
    return { ...header, fragment };
  }

  /**
   * Decrypts and authenticates `record`; throws BAD_RECORD_MAC (too short or
   * forged) or RECORD_OVERFLOW (plaintext over 2^14, RFC 5246 §6.2.3).
   */
  open(record: DtlsRecord): Uint8Array {
    const explicitLength = this.suite.explicitNonceLength;
    if (record.fragment.length < explicitLength + AEAD_TAG_LENGTH) {
      throw new DtlsError('BAD_RECORD_MAC', `dtls: protected record of ${record.fragment.length} bytes is too short`);
    }
    const explicitNonce = record.fragment.subarray(0, explicitLength);
    const sealed = record.fragment.subarray(explicitLength);
    const plaintextLength = sealed.length - AEAD_TAG_LENGTH;
    if (plaintextLength > MAX_PLAINTEXT_LENGTH) {
      throw new DtlsError('RECORD_OVERFLOW', `dtls: plaintext of ${plaintextLength} bytes > ${MAX_PLAINTEXT_LENGTH}`);
    }
    const nonce = this.#nonce(record, explicitNonce);
    return aeadOpen(this.#aead, this.#key, nonce, additionalData(record, plaintextLength), sealed);
  }

  #nonce(header: RecordHeader, explicitNonce: Uint8Array): Uint8Array {
    const nonce = new Uint8Array(AEAD_NONCE_LENGTH);
    if (this.suite.explicitNonceLength > 0) {
      nonce.set(this.#iv, 0);
      nonce.set(explicitNonce, this.#iv.length);
      return nonce;
    }
    writeRecordNumber(nonce, AEAD_NONCE_LENGTH - RECORD_NUMBER_LENGTH, header.epoch, header.sequenceNumber);
    for (let i = 0; i < AEAD_NONCE_LENGTH; i++) nonce[i]! ^= this.#iv[i]!;
    return nonce;
  }
}

/** RFC 5246 §6.2.3.3 additional_data with DTLS's epoch‖sequence_number (RFC 6347 §4.1.2.1). */
export function additionalData(header: RecordHeader, plaintextLength: number): Uint8Array {
  const out = new Uint8Array(ADDITIONAL_DATA_LENGTH);
  writeRecordNumber(out, 0, header.epoch, header.sequenceNumber);
  out[8] = header.contentType;
  writeU16(out, 9, header.version);
  writeU16(out, 11, plaintextLength);
  return out;
}
