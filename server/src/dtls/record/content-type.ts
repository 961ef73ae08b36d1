/** RFC 5246 §6.2.1 ContentType, the first byte of every DTLS 1.2 record (RFC 6347 §4.1). */
export const ContentType = {
  ChangeCipherSpec: 20,
  Alert: 21,
  Handshake: 22,
  ApplicationData: 23,
} as const;
export type ContentType = (typeof ContentType)[keyof typeof ContentType];

export function isContentType(value: number): value is ContentType {
  return value >= ContentType.ChangeCipherSpec && value <= ContentType.ApplicationData;
}

/**
 * RFC 9147 §4: a DTLS 1.3 ciphertext record starts with the unified header, whose
 * first byte is 0b001xxxxx (0x20–0x3f). A DTLS 1.2 endpoint never accepts one, but
 * naming it makes the error say what arrived.
 */
export function isDtls13UnifiedHeader(firstByte: number): boolean {
  return (firstByte & 0xe0) === 0x20;
}
