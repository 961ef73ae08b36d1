/**
 * The decryptable Chromium 156 DTLS 1.2 handshake (server/fixtures/chromium-156, README "ICE-lite
 * runs"): Chromium was the DTLS client, `openssl s_server -dtls1_2 -use_srtp
 * SRTP_AES128_CM_SHA1_80` the server, and openssl's keylog gives the master secret. Everything
 * here is parsed with the SFU's DTLS and SRTP packages, so the tests grade only the exercise.
 */
import { readFixtureText } from '#fixtures/index.ts';
import {
  ContentType,
  type DtlsRecord,
  HandshakeTranscript,
  parseClientHello,
  parseServerHello,
  requireCipherSuite,
} from '#server/dtls/index.ts';
import { fixtureBytes, fixtureRecords, readKeylog, sentMessages, toHex } from '#server/dtls/test-support.ts';

const CLIENT = 'dtls12-chromium-client';

/** srtp-keys.json: the randoms, the master secret and the SRTP master keys the probe derived. */
export interface ChromiumSrtpKeys {
  readonly client_random: string;
  readonly server_random: string;
  readonly master_secret: string;
  readonly client_write_master_key: string;
  readonly server_write_master_key: string;
  readonly client_write_master_salt: string;
  readonly server_write_master_salt: string;
}

export const CHROMIUM_SRTP_DIR = 'srtp-dtls12-decryptable';

export function chromiumSrtpKeys(): ChromiumSrtpKeys {
  return JSON.parse(readFixtureText(`${CHROMIUM_SRTP_DIR}/srtp-keys.json`)) as ChromiumSrtpKeys;
}

/** The handshake as the PRF needs it: randoms, master secret, the suite, the Finished inputs. */
export function chromiumHandshake() {
  // The transcript starts at the ClientHello with the cookie (message_seq 1, RFC 6347 §4.2.6).
  const [clientHello] = sentMessages([`${CLIENT}/04-c2s-clienthello2-frag1.bin`, `${CLIENT}/05-c2s-clienthello2-frag2.bin`], 1);
  const serverFlight = sentMessages([`${CLIENT}/06-s2c-serverhello-certificate-serverkeyexchange-certificaterequest-serverhellodone.bin`], 1);
  const clientFlight = `${CLIENT}/07-c2s-certificate-clientkeyexchange-certificateverify-changecipherspec-finished.bin`;
  const clientMessages = sentMessages([clientFlight], 2);
  const clientRandom = parseClientHello(clientHello!.body).random;
  const serverHello = parseServerHello(serverFlight[0]!.body);
  const masterSecret = readKeylog('keylog/lite-dtls12-chromium-client.keylog').get(toHex(clientRandom));
  if (masterSecret === undefined) throw new Error('the keylog has no line for the capture');
  const transcript = new HandshakeTranscript();
  for (const message of [clientHello!, ...serverFlight, ...clientMessages]) transcript.add(message);
  const finishedRecord: DtlsRecord | undefined = fixtureRecords(clientFlight).find((r) => r.epoch === 1 && r.contentType === ContentType.Handshake);
  if (finishedRecord === undefined) throw new Error('no encrypted Finished in the client flight');
  return {
    clientRandom,
    serverRandom: serverHello.random,
    masterSecret,
    suite: requireCipherSuite(serverHello.cipherSuite),
    /** SHA-256 of ClientHello (with cookie) … CertificateVerify: what the client's Finished covers. */
    handshakeHash: transcript.hash('sha256'),
    /** The client's Finished as sent: epoch 1, AES-128-GCM. */
    finishedRecord,
    /** The same record decrypted with the keylog (a 12-byte handshake header, then verify_data). */
    finishedPlaintext: fixtureBytes(`${CLIENT}/07-c2s-finished.decrypted.bin`),
  };
}
