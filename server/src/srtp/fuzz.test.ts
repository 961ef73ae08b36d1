/**
 * Seeded fuzzing of unprotectRtp and unprotectRtcp for every profile: random
 * datagrams and mutations of valid SRTP/SRTCP packets (the Chromium capture
 * for AES-CM-80, the same plaintexts protected under the other profiles).
 * Allowed outcomes: SrtpError, or success on an input that is byte for byte a
 * valid seed, returning that seed's plaintext. Anything else escaping is a bug.
 * A smaller run fuzzes protect*: a success must unprotect to its input.
 * `npm run fuzz` raises the count through FUZZ_CASES.
 */
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { fuzz } from '#server/common/fuzz.ts';
import { describe, expect, it } from 'vitest';
import { SrtpError } from './errors.ts';
import { deriveSrtpSessionKeys } from './key-derivation.ts';
import { SRTP_PROFILES, type SrtpProfileName } from './profiles.ts';
import { createSrtpSession, createSrtpSessionFromKeys, type SrtpSession } from './srtp-session.ts';
import { CHROMIUM_SRTP_DIR, chromiumKeys, rtcpPacket, rtpPacket, toHex } from './test-helpers.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const PROFILES = Object.keys(SRTP_PROFILES) as SrtpProfileName[];
/** Each unprotect function gets CASES in total, shared by the profiles. */
const CASES_PER_PROFILE = Math.ceil(CASES / PROFILES.length);
const PROTECT_CASES = Math.ceil(CASES / 20);
const TIMEOUT_MS = Math.max(15_000, CASES / 5);

/** The result of `action`, or undefined when it threw SrtpError; anything else propagates and fails the case. */
function resultOrRejected(action: () => Buffer): Buffer | undefined {
  try {
    return action();
  } catch (error) {
    if (error instanceof SrtpError) return undefined;
    throw error;
  }
}

const keys = chromiumKeys();
const plainFiles = (suffix: string): Buffer[] =>
  listFixtures(CHROMIUM_SRTP_DIR)
    .filter((file) => file.endsWith(suffix))
    .map((file) => readFixture(file));
const rtpPlaintexts = plainFiles('.rtp.bin');
const rtcpPlaintexts = [...plainFiles('.rtcp.bin'), rtcpPacket()];

/** Valid protected packets for `profile`, and what each must unprotect to. */
function seedsFor(profile: SrtpProfileName, protect: (sender: SrtpSession, plain: Buffer) => Buffer, plaintexts: Buffer[]): Map<string, string> {
  const masterKey = profile === 'SRTP_AEAD_AES_256_GCM' ? Buffer.concat([keys.chromium.masterKey, keys.chromium.masterKey]) : keys.chromium.masterKey;
  const sender = createSrtpSession({ profile, masterKey, masterSalt: keys.chromium.masterSalt.subarray(0, SRTP_PROFILES[profile].saltLength) });
  return new Map(plaintexts.map((plain) => [toHex(protect(sender, plain)), toHex(plain)]));
}

function receiverFor(profile: SrtpProfileName): SrtpSession {
  const masterKey = profile === 'SRTP_AEAD_AES_256_GCM' ? Buffer.concat([keys.chromium.masterKey, keys.chromium.masterKey]) : keys.chromium.masterKey;
  return createSrtpSession({ profile, masterKey, masterSalt: keys.chromium.masterSalt.subarray(0, SRTP_PROFILES[profile].saltLength) });
}

/** Fuzzes one unprotect function; a success must be a seed and give the seed's plaintext. */
function fuzzUnprotect(seed: number, valid: Map<string, string>, unprotect: (input: Uint8Array) => Buffer): number {
  let successes = 0;
  fuzz({
    seed,
    cases: CASES_PER_PROFILE,
    seeds: [...valid.keys()].map((text) => Buffer.from(text, 'hex')),
    maxRandomLength: 96,
    check: (input) => {
      const plain = resultOrRejected(() => unprotect(input));
      if (plain === undefined) return;
      const expected = valid.get(toHex(input));
      if (expected === undefined) throw new Error('a packet that is not a valid seed authenticated');
      if (toHex(plain) !== expected) throw new Error('a valid seed unprotected to the wrong plaintext');
      successes++;
    },
  });
  return successes;
}

describe(`fuzz (${CASES_PER_PROFILE} cases per profile for each unprotect, ${PROTECT_CASES} per protect)`, () => {
  describe.each(PROFILES)('%s', (profile) => {
    const seed = 3711 + SRTP_PROFILES[profile].id;

    it('unprotectRtp: SrtpError, or a valid seed and its plaintext', { timeout: TIMEOUT_MS }, () => {
      const valid = seedsFor(profile, (sender, plain) => sender.protectRtp(plain), rtpPlaintexts);
      const receiver = receiverFor(profile);
      // Each seed is accepted once; the replay window refuses its repeats.
      expect(fuzzUnprotect(seed, valid, (input) => receiver.unprotectRtp(input))).toBeLessThanOrEqual(valid.size);
    });

    it('unprotectRtcp: SrtpError, or a valid seed and its plaintext', { timeout: TIMEOUT_MS }, () => {
      const valid = seedsFor(profile, (sender, plain) => sender.protectRtcp(plain), rtcpPlaintexts);
      const receiver = receiverFor(profile);
      expect(fuzzUnprotect(seed + 1, valid, (input) => receiver.unprotectRtcp(input))).toBeLessThanOrEqual(valid.size);
    });

    it('protectRtp and protectRtcp: SrtpError, or a packet that unprotects to the input', { timeout: TIMEOUT_MS }, () => {
      const sessionKeys = deriveSrtpSessionKeys(SRTP_PROFILES[profile], new Uint8Array(SRTP_PROFILES[profile].keyLength), new Uint8Array(SRTP_PROFILES[profile].saltLength));
      const seeds = [rtpPacket({ sequenceNumber: 1, csrcs: [1], extension: true }), rtcpPacket()];
      fuzz({
        seed: seed + 2,
        cases: PROTECT_CASES,
        seeds,
        maxRandomLength: 64,
        check: (input) => {
          // Fresh sessions per case, so both ends start at ROC 0 whatever SEQ earlier cases used.
          const sender = createSrtpSessionFromKeys(profile, sessionKeys);
          const receiver = createSrtpSessionFromKeys(profile, sessionKeys);
          const rtp = resultOrRejected(() => sender.protectRtp(input));
          if (rtp !== undefined && toHex(receiver.unprotectRtp(rtp)) !== toHex(input)) throw new Error('protectRtp did not round-trip');
          const rtcp = resultOrRejected(() => sender.protectRtcp(input));
          if (rtcp !== undefined && toHex(receiver.unprotectRtcp(rtcp)) !== toHex(input)) throw new Error('protectRtcp did not round-trip');
        },
      });
    });
  });
});
