/**
 * FINGERPRINT (0x8028, RFC 8489 §14.7): CRC-32 of the message up to this
 * attribute, XORed with 0x5354554e ("STUN"), as a 32-bit value. It tells STUN
 * apart from other protocols on the same port (RFC 8489 §7); ICE requires it on
 * every check (RFC 8445 §7.2.4).
 *
 * This module only frames the value; computing and checking it is ../fingerprint.ts.
 */
import { AttributeType } from '../attribute-type.ts';
import { type Uint32Attribute, uint32Codec } from './uint32.ts';

export const FINGERPRINT_SIZE = 4;

export type FingerprintAttribute = Uint32Attribute<'FINGERPRINT'>;

export const fingerprintCodec = uint32Codec('FINGERPRINT', AttributeType.Fingerprint);
