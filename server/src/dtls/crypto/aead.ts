/**
 * AEAD seal and open over node:crypto for the suites' algorithms (RFC 5116 interface):
 * AES-GCM (RFC 5288) and ChaCha20-Poly1305 (RFC 8439), both with a 12-byte nonce
 * and a 16-byte tag appended to the ciphertext.
 */
import { type CipherGCMTypes, createCipheriv, createDecipheriv } from 'node:crypto';
import { DtlsError } from '../errors.ts';
import type { AeadAlgorithm } from './cipher-suite.ts';

export const AEAD_NONCE_LENGTH = 12;
export const AEAD_TAG_LENGTH = 16;

/** Returns ciphertext ‖ tag. */
export function aeadSeal(algorithm: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, additionalData: Uint8Array, plaintext: Uint8Array): Uint8Array {
  // Node's overloads key the options type on the literal algorithm; the three share it at runtime.
  const cipher = createCipheriv(algorithm as CipherGCMTypes, key, nonce, { authTagLength: AEAD_TAG_LENGTH });
  cipher.setAAD(additionalData, { plaintextLength: plaintext.length });
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  const tag = cipher.getAuthTag();
  const out = new Uint8Array(head.length + tail.length + tag.length);
  out.set(head, 0);
  out.set(tail, head.length);
  out.set(tag, head.length + tail.length);
  return out;
}

/** Takes ciphertext ‖ tag; throws BAD_RECORD_MAC if it is shorter than a tag or does not authenticate. */
export function aeadOpen(algorithm: AeadAlgorithm, key: Uint8Array, nonce: Uint8Array, additionalData: Uint8Array, sealed: Uint8Array): Uint8Array {
  if (sealed.length < AEAD_TAG_LENGTH) {
    throw new DtlsError('BAD_RECORD_MAC', `dtls: ciphertext of ${sealed.length} bytes is shorter than the ${AEAD_TAG_LENGTH}-byte tag`);
  }
  const ciphertextLength = sealed.length - AEAD_TAG_LENGTH;
  const decipher = createDecipheriv(algorithm as CipherGCMTypes, key, nonce, { authTagLength: AEAD_TAG_LENGTH });
  decipher.setAAD(additionalData, { plaintextLength: ciphertextLength });
  decipher.setAuthTag(sealed.subarray(ciphertextLength));
  const head = decipher.update(sealed.subarray(0, ciphertextLength));
  let tail: Uint8Array;
  try {
    tail = decipher.final();
  } catch (error) {
    throw new DtlsError('BAD_RECORD_MAC', 'dtls: record failed AEAD authentication', { cause: error });
  }
  const out = new Uint8Array(head.length + tail.length);
  out.set(head, 0);
  out.set(tail, head.length);
  return out;
}
