/**
 * What the two handshake roles (client-handshake.ts, server-handshake.ts) need
 * from the connection, and what they give back. The roles hold the protocol
 * decisions and the transcript; the connection owns the record layer, the
 * reassembler, the timers and the events.
 */
import type { KeyObject } from 'node:crypto';
import type { CipherSuite } from '../crypto/cipher-suite.ts';
import type { HandshakeMessage } from '../messages/handshake-header.ts';
import type { RecordProtection } from '../record/protection.ts';
import type { DropReason } from '../stats.ts';
import type { CookieSecrets } from './cookie-secrets.ts';
import type { Flight } from './flight.ts';
import type { ExpectedFingerprint } from './peer-certificate.ts';

export interface HandshakeIo {
  /** Sends a new flight; unless it is the handshake's last, waits for the answer with the retransmission timer. */
  sendFlight(flight: Flight, options: { last: boolean }): void;
  /** The stateless HelloVerifyRequest: sent once, never retransmitted, in the ClientHello's record sequence number (RFC 6347 §4.2.1). */
  sendHelloVerifyRequest(message: HandshakeMessage, recordSequenceNumber: number): void;
  /** Arms the peer's write keys: its next ChangeCipherSpec switches the read epoch to them. */
  expectChangeCipherSpec(peerWriteKeys: RecordProtection): void;
  /** Starts our next write epoch (after our ChangeCipherSpec); returns its number. */
  startWriteEpoch(ourWriteKeys: RecordProtection): number;
  /** The epoch records are read in now: a Finished must arrive in epoch 1, after the CCS. */
  readonly readEpoch: number;
  /** The master secret is known (for the NSS key log). */
  masterSecretReady(clientRandom: Uint8Array, masterSecret: Uint8Array): void;
  /** A message the role ignores without failing (the server before a valid cookie keeps no state). */
  drop(reason: DropReason): void;
  /** Both Finished messages verified. */
  complete(result: HandshakeResult): void;
}

/** Our identity: the certificate's DER and its private key (a LocalCertificate from #server/x509 fits). */
export interface LocalIdentity {
  readonly der: Uint8Array;
  readonly privateKey: KeyObject;
}

export interface HandshakeConfig {
  readonly certificate: LocalIdentity;
  /** From the SDP a=fingerprint: the peer's certificate must match it. */
  readonly remoteFingerprint: ExpectedFingerprint | undefined;
  /** SRTP protection profile ids in preference order; empty for no use_srtp at all. */
  readonly srtpProfileIds: readonly number[];
  /** Cipher suite ids in preference order. */
  readonly cipherSuites: readonly number[];
}

export interface ServerConfig extends HandshakeConfig {
  /** Bound into the cookie (RFC 6347 §4.2.1: "Cookie = HMAC(Secret, Client-IP, Client-Parameters)"). */
  readonly peerAddress: string;
  readonly cookies: CookieSecrets;
}

/** What a completed handshake agreed on. */
export interface HandshakeResult {
  readonly suite: CipherSuite;
  readonly group: number;
  readonly extendedMasterSecret: boolean;
  readonly masterSecret: Uint8Array;
  readonly clientRandom: Uint8Array;
  readonly serverRandom: Uint8Array;
  /** The use_srtp profile id, or undefined when none was negotiated. */
  readonly srtpProfileId: number | undefined;
  /** The peer's end-entity certificate (DER). */
  readonly peerCertificate: Uint8Array;
}
