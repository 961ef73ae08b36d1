/**
 * Handshake message bodies (RFC 5246 §7.4, RFC 6347 §4.2): one tagged union and
 * a dispatcher over msg_type, so the state machine can write
 *
 *   const body = parseHandshakeBody(message.msgType, message.body);
 *   if (body.kind !== 'client_hello') throw new DtlsError('UNEXPECTED_MESSAGE', …);
 *
 * and build outgoing messages with `toHandshakeMessage(body, messageSeq)`.
 */
import { DtlsError } from '../errors.ts';
import { type Certificate, parseCertificate, serializeCertificate } from './certificate.ts';
import { type CertificateRequest, parseCertificateRequest, serializeCertificateRequest } from './certificate-request.ts';
import { type CertificateVerify, parseCertificateVerify, serializeCertificateVerify } from './certificate-verify.ts';
import { type Codec, type CodecTable, kindByWireType } from './codec.ts';
import { type ClientHello, parseClientHello, serializeClientHello } from './client-hello.ts';
import { type ClientKeyExchange, parseClientKeyExchange, serializeClientKeyExchange } from './client-key-exchange.ts';
import { type Finished, parseFinished, serializeFinished } from './finished.ts';
import type { HandshakeMessage } from './handshake-header.ts';
import { HandshakeType } from './handshake-type.ts';
import { type HelloRequest, parseHelloRequest, serializeHelloRequest } from './hello-request.ts';
import { type HelloVerifyRequest, parseHelloVerifyRequest, serializeHelloVerifyRequest } from './hello-verify-request.ts';
import { type ServerHello, parseServerHello, serializeServerHello } from './server-hello.ts';
import { type ServerHelloDone, parseServerHelloDone, serializeServerHelloDone } from './server-hello-done.ts';
import { type ServerKeyExchange, parseServerKeyExchange, serializeServerKeyExchange } from './server-key-exchange.ts';

export type HandshakeBody =
  | HelloRequest
  | ClientHello
  | ServerHello
  | HelloVerifyRequest
  | Certificate
  | ServerKeyExchange
  | CertificateRequest
  | ServerHelloDone
  | CertificateVerify
  | ClientKeyExchange
  | Finished;

const CODECS: CodecTable<HandshakeBody> = {
  hello_request: { parse: parseHelloRequest, serialize: serializeHelloRequest },
  client_hello: { parse: parseClientHello, serialize: serializeClientHello },
  server_hello: { parse: parseServerHello, serialize: serializeServerHello },
  hello_verify_request: { parse: parseHelloVerifyRequest, serialize: serializeHelloVerifyRequest },
  certificate: { parse: parseCertificate, serialize: serializeCertificate },
  server_key_exchange: { parse: parseServerKeyExchange, serialize: serializeServerKeyExchange },
  certificate_request: { parse: parseCertificateRequest, serialize: serializeCertificateRequest },
  server_hello_done: { parse: parseServerHelloDone, serialize: serializeServerHelloDone },
  certificate_verify: { parse: parseCertificateVerify, serialize: serializeCertificateVerify },
  client_key_exchange: { parse: parseClientKeyExchange, serialize: serializeClientKeyExchange },
  finished: { parse: parseFinished, serialize: serializeFinished },
};

const KIND_BY_TYPE = kindByWireType(HandshakeType, Object.keys(CODECS) as HandshakeBody['kind'][]);

/** Parses a reassembled body by msg_type; throws UNKNOWN_HANDSHAKE_TYPE for a type with no body here. */
export function parseHandshakeBody(msgType: number, body: Uint8Array): HandshakeBody {
  const kind = KIND_BY_TYPE.get(msgType);
  if (kind === undefined) throw new DtlsError('UNKNOWN_HANDSHAKE_TYPE', `dtls: unknown handshake msg_type ${msgType}`);
  return CODECS[kind].parse(body);
}

/** Parses a complete message's body. */
export function parseHandshakeMessageBody(message: HandshakeMessage): HandshakeBody {
  return parseHandshakeBody(message.msgType, message.body);
}

export function serializeHandshakeBody(body: HandshakeBody): Uint8Array {
  return (CODECS[body.kind] as Codec<HandshakeBody>).serialize(body);
}

/** A complete message ready for fragmentation and the transcript. */
export function toHandshakeMessage(body: HandshakeBody, messageSeq: number): HandshakeMessage {
  return { msgType: HandshakeType[body.kind], messageSeq, body: serializeHandshakeBody(body) };
}
