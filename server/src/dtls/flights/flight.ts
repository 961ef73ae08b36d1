/**
 * A flight (RFC 6347 §4.2.4): the messages one side sends in a row before it
 * waits for the other, retransmitted as a unit.
 *
 *   Client                                          Server
 *   ------                                          ------
 *   ClientHello             -------->                           Flight 1
 *                           <-------    HelloVerifyRequest      Flight 2
 *   ClientHello (cookie)    -------->                           Flight 3
 *                                              ServerHello     \
 *                                              Certificate      \
 *                                        ServerKeyExchange       Flight 4
 *                                       CertificateRequest      /
 *                           <--------      ServerHelloDone     /
 *   Certificate                                                \
 *   ClientKeyExchange                                           \
 *   CertificateVerify                                            Flight 5
 *   [ChangeCipherSpec]                                          /
 *   Finished                -------->                          /
 *                                       [ChangeCipherSpec]     \ Flight 6
 *                           <--------             Finished     /
 *
 * A flight keeps its messages, not its records: every transmission fragments
 * them again for the current datagram size and takes new sequence numbers
 * (§4.1: a retransmitted record gets a new one), each entry in its own epoch.
 */
import { serializeChangeCipherSpec } from '../messages/change-cipher-spec.ts';
import { fragmentHandshakeMessage, maxFragmentLength } from '../messages/fragmentation.ts';
import { type HandshakeMessage, serializeHandshakeFragment } from '../messages/handshake-header.ts';
import { HandshakeType } from '../messages/handshake-type.ts';
import { ProtocolVersion } from '../protocol-version.ts';
import type { RecordLayer } from '../record-layer.ts';
import { ContentType } from '../record/content-type.ts';
import { packDatagrams } from '../record/datagram.ts';

export type FlightEntry =
  | { readonly kind: 'handshake'; readonly epoch: number; readonly message: HandshakeMessage }
  | { readonly kind: 'change_cipher_spec'; readonly epoch: number };

export type Flight = readonly FlightEntry[];

/**
 * The record version for a handshake message: DTLS 1.0 (0xfeff) for the
 * ClientHello and HelloVerifyRequest, which go out before a version is agreed
 * (RFC 6347 §4.2.1), and the negotiated DTLS 1.2 for everything else (openssl
 * drops epoch-0 records that still say 0xfeff after its ServerHello).
 */
export function recordVersionFor(msgType: number): number {
  return msgType === HandshakeType.client_hello || msgType === HandshakeType.hello_verify_request ? ProtocolVersion.DTLS_1_0 : ProtocolVersion.DTLS_1_2;
}

/** Serializes `flight` into datagrams of at most `maxDatagramSize` bytes, with fresh sequence numbers. */
export function flightDatagrams(flight: Flight, records: RecordLayer, maxDatagramSize: number): Uint8Array[] {
  const serialized: Uint8Array[] = [];
  for (const entry of flight) {
    if (entry.kind === 'change_cipher_spec') {
      serialized.push(records.seal(entry.epoch, ContentType.ChangeCipherSpec, ProtocolVersion.DTLS_1_2, serializeChangeCipherSpec()));
      continue;
    }
    const maxLength = maxFragmentLength({ maxDatagramSize, protectionOverhead: records.overhead(entry.epoch) });
    const version = recordVersionFor(entry.message.msgType);
    for (const fragment of fragmentHandshakeMessage(entry.message, maxLength)) {
      serialized.push(records.seal(entry.epoch, ContentType.Handshake, version, serializeHandshakeFragment(fragment)));
    }
  }
  return packDatagrams(serialized, maxDatagramSize);
}
