/**
 * The key schedule as both roles run it (RFC 5246 §8.1, RFC 7627 §4, RFC 5246 §6.3):
 * the master secret from the premaster secret, then the traffic keys. The
 * extended master secret hashes the transcript up to and including the
 * ClientKeyExchange, so this is called right after that message is added.
 */
import type { CipherSuite } from '../crypto/cipher-suite.ts';
import { type Role, type TrafficKeys, checkVerifyData, computeVerifyData, expandTrafficKeys, extendedMasterSecret, masterSecret } from '../crypto/key-schedule.ts';
import type { HandshakeTranscript } from '../crypto/transcript.ts';
import { DtlsError } from '../errors.ts';
import type { HandshakeMessage } from '../messages/handshake-header.ts';
import { RecordProtection } from '../record/protection.ts';

export interface SessionKeys {
  readonly masterSecret: Uint8Array;
  readonly keys: TrafficKeys;
}

export function deriveSessionKeys(options: {
  suite: CipherSuite;
  preMasterSecret: Uint8Array;
  extendedMasterSecret: boolean;
  transcript: HandshakeTranscript;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
}): SessionKeys {
  const { suite, preMasterSecret, clientRandom, serverRandom } = options;
  const master = options.extendedMasterSecret
    ? extendedMasterSecret({ hash: suite.prfHash, preMasterSecret, sessionHash: options.transcript.hash(suite.prfHash) })
    : masterSecret({ hash: suite.prfHash, preMasterSecret, clientRandom, serverRandom });
  return { masterSecret: master, keys: expandTrafficKeys({ suite, masterSecret: master, clientRandom, serverRandom }) };
}

/** RFC 5246 §7.4.9: verify_data over every handshake message so far. */
export function finishedVerifyData(suite: CipherSuite, session: SessionKeys, sender: Role, transcript: HandshakeTranscript): Uint8Array {
  return computeVerifyData({ suite, masterSecret: session.masterSecret, sender, handshakeHash: transcript.hash(suite.prfHash) });
}

/** The record protection for what `sender` writes. */
export function protectionFor(suite: CipherSuite, session: SessionKeys, sender: Role): RecordProtection {
  return RecordProtection.forSender(suite, session.keys, sender);
}

/**
 * The peer's Finished: it must come after the peer's ChangeCipherSpec (read epoch > 0)
 * and carry the verify_data of every message before it (RFC 5246 §7.4.9); then it
 * joins the transcript, since our own Finished, if still to come, covers it.
 */
export function acceptPeerFinished(options: {
  readEpoch: number;
  suite: CipherSuite;
  session: SessionKeys;
  peer: Role;
  transcript: HandshakeTranscript;
  verifyData: Uint8Array;
  message: HandshakeMessage;
}): void {
  if (options.readEpoch === 0) throw new DtlsError('UNEXPECTED_MESSAGE', 'dtls: a Finished before the ChangeCipherSpec');
  checkVerifyData(options.verifyData, finishedVerifyData(options.suite, options.session, options.peer, options.transcript));
  options.transcript.add(options.message);
}
