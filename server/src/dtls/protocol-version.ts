/**
 * DTLS protocol versions (RFC 6347 §4.1): the one's complement of the TLS version,
 * so a newer version is numerically smaller. DTLS 1.0 = {254, 255}, DTLS 1.2 = {254, 253};
 * DTLS 1.3 (RFC 9147) appears only inside supported_versions.
 */
export const ProtocolVersion = {
  DTLS_1_0: 0xfeff,
  DTLS_1_2: 0xfefd,
  DTLS_1_3: 0xfefc,
} as const;

/** RFC 6347 §4.1: all DTLS versions have major byte 254. */
export const DTLS_MAJOR_VERSION = 0xfe;

export function isDtlsVersion(version: number): boolean {
  return version >>> 8 === DTLS_MAJOR_VERSION;
}

/** True when `a` is the same DTLS version as `b` or newer (the byte order is inverted). */
export function isAtLeastVersion(a: number, b: number): boolean {
  return isDtlsVersion(a) && a <= b;
}
