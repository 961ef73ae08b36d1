/**
 * Text for what the lab prints: transport addresses, the message type split into its bits, and
 * one line per attribute of a message parsed by server/src/stun.
 */
import { type StunAttribute, type TransportAddress, StunMethod, decodeMessageType } from '#server/stun/index.ts';

/** 127.0.0.1:3478, or [::1]:3478 as in a URL. */
export function formatAddress({ family, address, port }: TransportAddress): string {
  return family === 'IPv6' ? `[${address}]:${port}` : `${address}:${port}`;
}

const METHOD_NAMES = new Map<number, string>(Object.entries(StunMethod).map(([name, method]) => [method, name]));

/**
 * The 14-bit type field with its bits grouped as RFC 8489 §5 draws them:
 *   0x0101 = M11-M7 00000 | C1 1 | M6-M4 000 | C0 0 | M3-M0 0001 -> Binding success-response
 */
export function explainType(type: number): string {
  const bits = (value: number, width: number): string => value.toString(2).padStart(width, '0');
  const { method, messageClass } = decodeMessageType(type);
  const name = METHOD_NAMES.get(method) ?? `method 0x${method.toString(16).padStart(3, '0')}`;
  const groups = [
    `M11-M7 ${bits((type >> 9) & 0x1f, 5)}`,
    `C1 ${(type >> 8) & 1}`,
    `M6-M4 ${bits((type >> 5) & 0x7, 3)}`,
    `C0 ${(type >> 4) & 1}`,
    `M3-M0 ${bits(type & 0xf, 4)}`,
  ];
  return `0x${type.toString(16).padStart(4, '0')} = ${groups.join(' | ')} -> ${name} ${messageClass}`;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** The attribute's RFC name and its value as text. */
export function describeAttribute(attribute: StunAttribute): [name: string, value: string] {
  switch (attribute.kind) {
    case 'MAPPED-ADDRESS':
    case 'XOR-MAPPED-ADDRESS':
      return [attribute.kind, formatAddress(attribute.address)];
    case 'USERNAME':
    case 'REALM':
    case 'NONCE':
    case 'SOFTWARE':
      return [attribute.kind, JSON.stringify(attribute.value)];
    case 'MESSAGE-INTEGRITY':
    case 'MESSAGE-INTEGRITY-SHA256':
      return [attribute.kind, `HMAC ${hex(attribute.hmac)}`];
    case 'FINGERPRINT':
    case 'PRIORITY':
      return [attribute.kind, `0x${attribute.value.toString(16).padStart(8, '0')}`];
    case 'ERROR-CODE':
      return [attribute.kind, `${attribute.code} ${attribute.reason}`];
    case 'UNKNOWN-ATTRIBUTES':
      return [attribute.kind, attribute.types.map((type) => `0x${type.toString(16).padStart(4, '0')}`).join(' ')];
    case 'ICE-CONTROLLING':
    case 'ICE-CONTROLLED':
      return [attribute.kind, `tie-breaker 0x${attribute.tieBreaker.toString(16).padStart(16, '0')}`];
    case 'USE-CANDIDATE':
      return [attribute.kind, '(no value)'];
    case 'RAW':
      return [`0x${attribute.type.toString(16).padStart(4, '0')}`, `${attribute.value.length} bytes ${hex(attribute.value)}`];
  }
}
