/**
 * Alert descriptions (RFC 5246 §7.2), shared by the Alert message and by DtlsError,
 * which names the alert each error calls for.
 */
/** RFC 5246 §7.2 AlertDescription, plus RFC 7507's inappropriate_fallback. */
export const AlertDescription = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  /** RFC 5246 §7.2: "MUST NOT be sent by compliant implementations". */
  decryption_failed_RESERVED: 21,
  record_overflow: 22,
  decompression_failure: 30,
  handshake_failure: 40,
  no_certificate_RESERVED: 41,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_revoked: 44,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  access_denied: 49,
  decode_error: 50,
  decrypt_error: 51,
  export_restriction_RESERVED: 60,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  /** RFC 7507 §2 (TLS_FALLBACK_SCSV). */
  inappropriate_fallback: 86,
  user_canceled: 90,
  no_renegotiation: 100,
  unsupported_extension: 110,
} as const;
export type AlertDescriptionName = keyof typeof AlertDescription;

const NAMES = new Map<number, AlertDescriptionName>(
  Object.entries(AlertDescription).map(([name, value]) => [value, name as AlertDescriptionName]),
);

/** The RFC name of a description, or `unknown(<n>)`. */
export function alertDescriptionName(description: number): string {
  return NAMES.get(description) ?? `unknown(${description})`;
}
