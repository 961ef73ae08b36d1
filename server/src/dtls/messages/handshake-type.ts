/** RFC 5246 §7.4 HandshakeType, plus DTLS's hello_verify_request (RFC 6347 §4.3.2). */
export const HandshakeType = {
  hello_request: 0,
  client_hello: 1,
  server_hello: 2,
  hello_verify_request: 3,
  certificate: 11,
  server_key_exchange: 12,
  certificate_request: 13,
  server_hello_done: 14,
  certificate_verify: 15,
  client_key_exchange: 16,
  finished: 20,
} as const;
export type HandshakeTypeName = keyof typeof HandshakeType;
export type HandshakeType = (typeof HandshakeType)[HandshakeTypeName];

const NAMES = new Map<number, HandshakeTypeName>(
  Object.entries(HandshakeType).map(([name, value]) => [value, name as HandshakeTypeName]),
);

/** The RFC name of a msg_type, or undefined for one we have no body for. */
export function handshakeTypeName(msgType: number): HandshakeTypeName | undefined {
  return NAMES.get(msgType);
}
