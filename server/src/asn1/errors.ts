import { ProtocolError } from '../common/protocol-error.ts';

/**
 * Stable codes for every way a DER input can be rejected. Tests assert the
 * code, never the message text. Sections are ITU-T X.690 (02/2021).
 *
 * - `TRUNCATED`: a header or content runs past the end of the input (§8.1.1).
 * - `BAD_TAG`: a high-tag-number identifier that is not minimal or is too large (§8.1.2.4).
 * - `BAD_LENGTH`: the reserved length octet 0xff, or a length beyond 2^32 - 1 (§8.1.3.5).
 * - `INDEFINITE_LENGTH`: the 0x80 length form, which DER forbids (§8.1.3.6, §10.1).
 * - `NON_MINIMAL_LENGTH`: a long-form length that the short form or fewer octets could hold (§10.1).
 * - `TRAILING_BYTES`: bytes after the one top-level value.
 * - `TOO_DEEP`: nesting beyond what any certificate needs; guards the stack.
 * - `UNEXPECTED_TAG`: a value of another type than the structure expects.
 * - `MISSING_ELEMENT`: a SEQUENCE that ends before a required component.
 * - `UNEXPECTED_ELEMENT`: a SEQUENCE with components after the last one expected.
 * - `BAD_INTEGER`: an INTEGER with no content octets (§8.3.1).
 * - `NON_MINIMAL_INTEGER`: an INTEGER whose first nine bits are all 0 or all 1 (§8.3.2).
 * - `BAD_BOOLEAN`: a BOOLEAN that is not exactly 0x00 or 0xff (§8.2.1, §11.1).
 * - `BAD_NULL`: a NULL with content octets (§8.8.2).
 * - `BAD_BIT_STRING`: a bad unused-bits octet, or unused bits that are not zero (§8.6.2, §11.2.1).
 * - `BAD_OID`: an empty OBJECT IDENTIFIER, a cut-off or non-minimal subidentifier (§8.19.2).
 * - `BAD_STRING`: invalid UTF-8, or a character outside PrintableString (X.680 §41.4).
 * - `BAD_TIME`: a UTCTime or GeneralizedTime not in the RFC 5280 §4.1.2.5 form, or not a real date.
 */
export type Asn1ErrorCode =
  | 'TRUNCATED'
  | 'BAD_TAG'
  | 'BAD_LENGTH'
  | 'INDEFINITE_LENGTH'
  | 'NON_MINIMAL_LENGTH'
  | 'TRAILING_BYTES'
  | 'TOO_DEEP'
  | 'UNEXPECTED_TAG'
  | 'MISSING_ELEMENT'
  | 'UNEXPECTED_ELEMENT'
  | 'BAD_INTEGER'
  | 'NON_MINIMAL_INTEGER'
  | 'BAD_BOOLEAN'
  | 'BAD_NULL'
  | 'BAD_BIT_STRING'
  | 'BAD_OID'
  | 'BAD_STRING'
  | 'BAD_TIME';

/** Thrown by every DER reader and decoder; anything else escaping one is a bug. */
export class Asn1ParseError extends ProtocolError<Asn1ErrorCode> {}
