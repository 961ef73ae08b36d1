/**
 * DTLS 1.2 for WebRTC: the connection (both roles, the RFC 6347 §4.2.4 flight
 * state machine) and the building blocks it is made of.
 *
 * - RFC 6347 (DTLS 1.2): records and epochs (§4.1), anti-replay (§4.1.2.6), the
 *   handshake header, fragmentation and reassembly (§4.2.2, §4.2.3), the cookie
 *   exchange (§4.2.1), retransmission timers (§4.2.4), the transcript rule (§4.2.6).
 * - RFC 5246 (TLS 1.2): the PRF (§5), key block (§6.3), alerts (§7.2), handshake
 *   messages (§7.4), Finished (§7.4.9), master secret (§8.1).
 * - RFC 8422 (ECDHE, ECDSA), RFC 5288 / RFC 5289 (AES-GCM), RFC 7905 (ChaCha20-Poly1305),
 *   RFC 7627 (extended master secret), RFC 5746 (renegotiation_info),
 *   RFC 5705 / RFC 5764 (exporter, use_srtp, SRTP keys), RFC 5763 / RFC 8122 (fingerprints).
 * - Checked against Chromium 156's real handshakes and openssl keylogs
 *   (chromium-156.test.ts, keylog.test.ts), and live against openssl s_client and
 *   s_server (openssl-interop.test.ts).
 *
 * The connection (connection.ts; README.md explains the state machine):
 *
 *   import { DtlsConnection } from '#server/dtls/index.ts';
 *
 *   const dtls = new DtlsConnection({
 *     role: 'server',                                    // a=setup:passive
 *     certificate: generateCertificate(),                // #server/x509, once per worker
 *     remoteFingerprint: 'sha-256 AB:CD:…',              // the peer's a=fingerprint
 *     peerAddress: '192.0.2.1:50000',                    // bound into the HelloVerifyRequest cookie
 *     send: (datagram) => socket.send(datagram, port, host),
 *   });
 *   dtls.on('connected', (info) => {
 *     const { profile, local, remote } = dtls.srtpKeyingMaterial();   // RFC 5764 §4.2, split for our role
 *     outbound = createSrtpSession({ profile, ...local });
 *     inbound = createSrtpSession({ profile, ...remote });
 *   });
 *   dtls.on('data', (sctpPacket) => sctp.handle(sctpPacket));
 *   dtls.on('failed', (error) => log.warn(error.code));   // DtlsError: FINGERPRINT_MISMATCH, RETRANSMISSION_LIMIT, …
 *   dtls.on('closed', () => cleanUp());
 *   dtls.start();
 *   socket.on('message', (datagram) => dtls.handleDatagram(datagram));   // never throws
 *   …
 *   dtls.send(sctpPacket);
 *   dtls.close();                                          // close_notify
 *
 * Bad records are dropped and counted in `dtls.stats.dropped`; a bad handshake
 * message fails the connection with the alert its DtlsError names
 * (`error.alertDescription`).
 *
 * The building blocks, receiving:
 *
 *   for (const record of parseRecords(datagram)) {              // throws DtlsError
 *     if (!replayWindow.isFresh(record.sequenceNumber)) continue;
 *     const plaintext = record.epoch === 0 ? record.fragment : readProtection.open(record);
 *     replayWindow.accept(record.sequenceNumber);
 *     if (record.contentType === ContentType.Handshake)
 *       for (const fragment of parseHandshakeFragments(plaintext)) reassembler.push(fragment);
 *   }
 *   for (let message; (message = reassembler.pop()); ) {
 *     const body = parseHandshakeBody(message.msgType, message.body);
 *     transcript.add(message);
 *   }
 *
 * Sending:
 *
 *   const message = toHandshakeMessage(serverHello, messageSeq++);
 *   transcript.add(message);
 *   const records = fragmentHandshakeMessage(message, maxFragmentLength({ maxDatagramSize: 1200 }))
 *     .map((fragment) => serializeRecord({ contentType: ContentType.Handshake, version: ProtocolVersion.DTLS_1_2,
 *                                          epoch: 0, sequenceNumber: nextSeq++, fragment: serializeHandshakeFragment(fragment) }));
 *   for (const datagram of packDatagrams(records)) socket.send(datagram);
 *
 * Malformed input throws DtlsError with a stable `code`; `error.alertDescription`
 * is the alert to send if the state machine decides to send one.
 */
export { type DtlsConnectedInfo, DtlsConnection, type DtlsConnectionEvents, type DtlsConnectionState } from './connection.ts';
export {
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_SRTP_PROFILES,
  type DtlsConnectionOptions,
  FALLBACK_MTU,
} from './connection-options.ts';
export { DEFAULT_RETRANSMISSION_POLICY, type FlightState, type RetransmissionPolicy } from './fsm.ts';
export type { LocalIdentity } from './flights/handshake-io.ts';
export { DROP_REASONS, type DropReason, type DtlsStats } from './stats.ts';
export { AEAD_TAG_LENGTH, aeadOpen, aeadSeal } from './crypto/aead.ts';
export {
  type AeadAlgorithm,
  type CipherSuite,
  CipherSuiteId,
  type PrfHash,
  SUPPORTED_CIPHER_SUITES,
  TLS_EMPTY_RENEGOTIATION_INFO_SCSV,
  findCipherSuite,
  requireCipherSuite,
} from './crypto/cipher-suite.ts';
export { COOKIE_LENGTH, computeHelloCookie, verifyHelloCookie } from './crypto/cookie.ts';
export { type EcdheKeyPair, NamedGroup, SUPPORTED_GROUPS, type SupportedGroup, generateEcdheKeyPair, isSupportedGroup } from './crypto/ecdhe.ts';
export { exportKeyingMaterial } from './crypto/exporter.ts';
export {
  MASTER_SECRET_LENGTH,
  type Role,
  type TrafficKeys,
  checkVerifyData,
  computeVerifyData,
  expandTrafficKeys,
  extendedMasterSecret,
  masterSecret,
} from './crypto/key-schedule.ts';
export { prf } from './crypto/prf.ts';
export { SUPPORTED_SIGNATURE_SCHEMES, SignatureScheme, serverKeyExchangeSignedData, signWithScheme, verifyWithScheme } from './crypto/signature.ts';
export { HandshakeTranscript } from './crypto/transcript.ts';
export { DTLS_ERROR_CODES, DtlsError, type DtlsErrorCode } from './errors.ts';
export { type Alert, AlertLevel, fatalAlert, parseAlert, serializeAlert } from './messages/alert.ts';
export { AlertDescription, type AlertDescriptionName, alertDescriptionName } from './messages/alert-description.ts';
export { type Certificate, parseCertificate, serializeCertificate } from './messages/certificate.ts';
export { type CertificateRequest, ClientCertificateType, parseCertificateRequest, serializeCertificateRequest } from './messages/certificate-request.ts';
export { type CertificateVerify, parseCertificateVerify, serializeCertificateVerify } from './messages/certificate-verify.ts';
export { type ChangeCipherSpec, parseChangeCipherSpec, serializeChangeCipherSpec } from './messages/change-cipher-spec.ts';
export { type ClientHello, MAX_COOKIE_LENGTH, RANDOM_LENGTH, parseClientHello, serializeClientHello } from './messages/client-hello.ts';
export { type ClientKeyExchange, parseClientKeyExchange, serializeClientKeyExchange } from './messages/client-key-exchange.ts';
export type { DigitallySigned } from './messages/digitally-signed.ts';
export type { EcPointFormatsExtension } from './messages/extensions/ec-point-formats.ts';
export type { ExtendedMasterSecretExtension } from './messages/extensions/extended-master-secret.ts';
export { type Extension, ExtensionType, type RawExtension, extensionType, findExtension, findRawExtension } from './messages/extensions/extension.ts';
export type { RenegotiationInfoExtension } from './messages/extensions/renegotiation-info.ts';
export type { SignatureAlgorithmsExtension } from './messages/extensions/signature-algorithms.ts';
export type { SupportedGroupsExtension } from './messages/extensions/supported-groups.ts';
export type { UseSrtpExtension } from './messages/extensions/use-srtp.ts';
export { type Finished, parseFinished, serializeFinished } from './messages/finished.ts';
export { fragmentHandshakeMessage, maxFragmentLength } from './messages/fragmentation.ts';
export { type HandshakeBody, parseHandshakeBody, parseHandshakeMessageBody, serializeHandshakeBody, toHandshakeMessage } from './messages/handshake-body.ts';
export {
  HANDSHAKE_HEADER_SIZE,
  type HandshakeFragment,
  type HandshakeMessage,
  completeMessage,
  parseHandshakeFragments,
  serializeHandshakeFragment,
  serializeHandshakeMessage,
  wholeMessageFragment,
} from './messages/handshake-header.ts';
export { HandshakeType, type HandshakeTypeName, handshakeTypeName } from './messages/handshake-type.ts';
export { type HelloRequest, parseHelloRequest, serializeHelloRequest } from './messages/hello-request.ts';
export { type HelloVerifyRequest, parseHelloVerifyRequest, serializeHelloVerifyRequest } from './messages/hello-verify-request.ts';
export { HandshakeReassembler, type PushResult, type ReassemblerOptions } from './messages/reassembler.ts';
export { type ServerHello, parseServerHello, serializeServerHello } from './messages/server-hello.ts';
export { type ServerHelloDone, parseServerHelloDone, serializeServerHelloDone } from './messages/server-hello-done.ts';
export { type EcdheParams, type ServerKeyExchange, parseServerKeyExchange, serializeEcdheParams, serializeServerKeyExchange } from './messages/server-key-exchange.ts';
export { COMPRESSION_NULL, type Negotiated, type ServerPolicy, negotiate, offeredVersions, serverHelloExtensions } from './negotiation.ts';
export { ProtocolVersion, isDtlsVersion } from './protocol-version.ts';
export { ContentType, isDtls13UnifiedHeader } from './record/content-type.ts';
export { DEFAULT_MAX_DATAGRAM_SIZE, packDatagrams } from './record/datagram.ts';
export { RecordProtection, type RecordHeader, additionalData } from './record/protection.ts';
export {
  type DtlsRecord,
  MAX_PLAINTEXT_LENGTH,
  MAX_RECORD_LENGTH,
  MAX_SEQUENCE_NUMBER,
  RECORD_HEADER_SIZE,
  parseRecord,
  parseRecords,
  recordSize,
  serializeRecord,
  serializeRecordInto,
  serializeRecords,
} from './record/record.ts';
export { DEFAULT_REPLAY_WINDOW_SIZE, ReplayWindow } from './record/replay-window.ts';
