/**
 * Random and mutated datagrams through the parser. Allowed outcomes: a
 * StunParseError, or a message that serializes and parses back to an equal
 * message. The integrity and fingerprint checks must answer a boolean or
 * throw StunParseError, and isStunMessage must agree with the header checks.
 * `FUZZ_CASES` raises the count (npm run fuzz).
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { fuzz } from '../common/fuzz.ts';
import { AttributeType } from './attribute-type.ts';
import { type StunErrorCode, StunParseError } from './errors.ts';
import { verifyFingerprint } from './fingerprint.ts';
import { isStunMessage } from './header.ts';
import { shortTermKey, verifyMessageIntegrity, verifyMessageIntegritySha256 } from './integrity.ts';
import { type StunMessage, parseStunMessage, serializeStunMessage } from './message.ts';
import { RFC5769_VECTORS } from './rfc5769-vectors.ts';
import { TEST_TRANSACTION_ID } from './test-support.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);
/** 25–35 µs a case here; leave room for slow machines when FUZZ_CASES is large. */
const TIMEOUT_MS = 15_000 + CASES / 10;
const KEY = shortTermKey('njosRyqauPjL0dFmddQFxdrB');
const HEADER_CODES: ReadonlySet<StunErrorCode> = new Set(['MESSAGE_TOO_SHORT', 'NOT_STUN', 'BAD_MAGIC_COOKIE', 'BAD_LENGTH']);

/** One message with every attribute kind, so mutations reach every codec. */
const EVERY_ATTRIBUTE: StunMessage = {
  method: 0x001,
  messageClass: 'error-response',
  transactionId: TEST_TRANSACTION_ID,
  attributes: [
    { kind: 'MAPPED-ADDRESS', address: { family: 'IPv4', address: '192.0.2.1', port: 3478 } },
    { kind: 'MAPPED-ADDRESS', address: { family: 'IPv6', address: '2001:db8::1', port: 3478 } },
    { kind: 'XOR-MAPPED-ADDRESS', address: { family: 'IPv6', address: '::ffff:127.0.0.1', port: 9 } },
    { kind: 'USERNAME', value: 'sfuL:YiTU' },
    { kind: 'REALM', value: 'example.org' },
    { kind: 'NONCE', value: 'f//499k954d6OL34oL9FSTvy64sA' },
    { kind: 'SOFTWARE', value: 'sfu' },
    { kind: 'ERROR-CODE', code: 420, reason: 'Unknown Attribute' },
    { kind: 'UNKNOWN-ATTRIBUTES', types: [0x0099, 0x001a, 0x0013] },
    { kind: 'PRIORITY', value: 1853824767 },
    { kind: 'USE-CANDIDATE' },
    { kind: 'ICE-CONTROLLING', tieBreaker: 0x734f38655f4a5b92n },
    { kind: 'ICE-CONTROLLED', tieBreaker: 1n },
    { kind: 'RAW', type: AttributeType.GoogNetworkInfo, value: new Uint8Array([0, 1, 0, 0x32]) },
    { kind: 'RAW', type: 0x0099, value: new Uint8Array([1, 2, 3]) },
  ],
};

const SEEDS: readonly Uint8Array[] = [
  ...listFixtures('stun').map((file) => new Uint8Array(readFixture(file))),
  ...RFC5769_VECTORS.map((vector) => vector.bytes),
  serializeStunMessage(EVERY_ATTRIBUTE, { integrityKey: KEY, integritySha256: { key: KEY, length: 16 }, fingerprint: true }),
];

function expectBooleanOrParseError(name: string, check: () => boolean): void {
  try {
    if (typeof check() !== 'boolean') throw new Error(`${name} returned a non-boolean`);
  } catch (error) {
    if (!(error instanceof StunParseError)) throw error;
  }
}

const VERIFIERS: readonly (readonly [string, (input: Uint8Array) => boolean])[] = [
  ['verifyFingerprint', verifyFingerprint],
  ['verifyMessageIntegrity', (input) => verifyMessageIntegrity(input, KEY)],
  ['verifyMessageIntegritySha256', (input) => verifyMessageIntegritySha256(input, KEY)],
];
let framed = 0;

function checkOne(input: Uint8Array): void {
  // The verifiers start with the same header check as the parser; past it they walk
  // the attributes on their own, so that is where they need fuzzing. One verifier
  // per framed input, in turn, keeps the default run within its time budget.
  if (isStunMessage(input)) {
    const [name, verify] = VERIFIERS[framed++ % VERIFIERS.length]!;
    expectBooleanOrParseError(name, () => verify(input));
  }
  let message: StunMessage;
  try {
    message = parseStunMessage(input);
  } catch (error) {
    if (!(error instanceof StunParseError)) throw error;
    if (isStunMessage(input) === HEADER_CODES.has(error.code)) throw new Error(`isStunMessage disagrees with ${error.code}`);
    return;
  }
  if (!isStunMessage(input)) throw new Error('parsed, but isStunMessage says no');
  const reparsed = parseStunMessage(serializeStunMessage(message));
  if (!isDeepStrictEqual(reparsed, message)) {
    expect(reparsed).toEqual(message); // for the diff
  }
}

describe('STUN fuzz', () => {
  it('has a seed that reaches every attribute codec', () => {
    expect(parseStunMessage(SEEDS.at(-1)!).attributes).toHaveLength(EVERY_ATTRIBUTE.attributes.length + 3);
  });

  it(`parseStunMessage: ${CASES} random and mutated datagrams give a StunParseError or a message that round-trips`, () => {
    fuzz({ seed: 0x5354554e, cases: CASES, seeds: SEEDS, maxRandomLength: 128, check: checkOne });
  }, TIMEOUT_MS);
});
