/**
 * Random and mutated datagrams through IceLiteAgent.handleStun, which faces
 * the network: it must never throw, never send a success response to a
 * datagram that does not authenticate, and keep its own invariants (selected
 * tuple validated, tuples bounded, every datagram counted once). Mutations
 * break FINGERPRINT almost always, so each mutated message that still parses
 * is also re-signed with the right password, to reach the checks that come
 * after authentication. `FUZZ_CASES` raises the count (npm run fuzz).
 */
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { SeededRandom, fuzz } from '../common/fuzz.ts';
import {
  type StunMessage,
  StunParseError,
  isStunMessage,
  parseStunMessage,
  serializeStunMessage,
  shortTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
  verifyMessageIntegritySha256,
} from '../stun/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { IceLiteAgent } from './lite-agent.ts';
import { check, tupleOf } from './test-support.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);
const TIMEOUT_MS = 20_000 + CASES / 10;
/** The lite run's credentials (sdp/lite-dtls12-*.sdp), so Chromium's checks authenticate. */
const LOCAL = { usernameFragment: 'sfuL', password: 'sfuLitePwd0123456789abcd' };
const REMOTE_UFRAG = 'YiTU';
const KEY = shortTermKey(LOCAL.password);
const MAX_TUPLES = 4;
const TUPLES = Array.from({ length: 6 }, (_, i) => tupleOf(50000 + i, `192.0.2.${i + 1}`));

const mine = { local: LOCAL, remoteUfrag: REMOTE_UFRAG } as const;
const SEEDS: readonly Uint8Array[] = [
  ...listFixtures('stun').map((file) => new Uint8Array(readFixture(file))),
  check(mine),
  check({ ...mine, useCandidate: true }),
  check({ ...mine, sha256: true }),
  check({ ...mine, role: 'controlled' }),
  check({ ...mine, role: 'none', priority: null }),
  check({ ...mine, extra: [{ kind: 'RAW', type: 0x0099, value: new Uint8Array([7]) }] }),
  check({ ...mine, fingerprint: false }),
];

function resigned(input: Uint8Array): Uint8Array | undefined {
  let message: StunMessage;
  try {
    message = parseStunMessage(input);
  } catch (error) {
    if (error instanceof StunParseError) return undefined;
    throw error;
  }
  const closing = new Set(['MESSAGE-INTEGRITY', 'MESSAGE-INTEGRITY-SHA256', 'FINGERPRINT']);
  const attributes = message.attributes.filter((attribute) => !closing.has(attribute.kind));
  try {
    return serializeStunMessage({ ...message, attributes }, { integrityKey: KEY, fingerprint: true });
  } catch {
    // A parsed value the serializer refuses (e.g. a long reason phrase) is not this test's concern.
    return undefined;
  }
}

function authenticates(input: Uint8Array): boolean {
  if (!isStunMessage(input) || !verifyFingerprint(input)) return false;
  try {
    return verifyMessageIntegrity(input, KEY) || verifyMessageIntegritySha256(input, KEY);
  } catch {
    return false;
  }
}

describe('IceLiteAgent fuzz', () => {
  it(`handleStun: ${CASES} random, mutated and re-signed datagrams never throw nor succeed without the password`, () => {
    const clock = new ManualClock();
    const timers = new TimerQueue({ clock });
    let agent = new IceLiteAgent({ timers, clock, localParameters: LOCAL, remoteParameters: { usernameFragment: REMOTE_UFRAG }, maxTuples: MAX_TUPLES });
    const random = new SeededRandom(0x1ce117e);
    let handled = 0;
    const outcomes = { accepted: 0, rejected: 0, indication: 0, dropped: 0 };

    const feed = (input: Uint8Array): void => {
      const tuple = random.pick(TUPLES);
      const result = agent.handleStun(input, tuple);
      handled += 1;
      outcomes[result.outcome] += 1;
      if (result.outcome === 'accepted' && !authenticates(input)) throw new Error('success response to a datagram that does not authenticate');
      if (result.response !== undefined) {
        const response = parseStunMessage(result.response);
        if (!verifyFingerprint(result.response)) throw new Error('response without a valid FINGERPRINT');
        if (!Buffer.from(response.transactionId).equals(Buffer.from(parseStunMessage(input).transactionId))) throw new Error('response to another transaction');
      }
      const selected = agent.selectedTuple;
      if (selected !== undefined && !agent.isValidTuple(selected)) throw new Error('selected tuple is not validated');
      if (agent.validatedTuples.length > MAX_TUPLES) throw new Error('tuples beyond maxTuples');
    };

    fuzz({
      seed: 0x1ce,
      cases: CASES,
      seeds: SEEDS,
      maxRandomLength: 160,
      check: (input) => {
        feed(input);
        const again = resigned(input);
        if (again !== undefined) feed(again);
        // Now and then let time pass (consent expiry, closing) and start over once closed.
        if (random.below(500) === 0) clock.advance(random.below(40_000));
        if (agent.state === 'closed') {
          agent = new IceLiteAgent({ timers, clock, localParameters: LOCAL, remoteParameters: { usernameFragment: REMOTE_UFRAG }, maxTuples: MAX_TUPLES });
        }
      },
    });

    expect(handled).toBeGreaterThan(CASES);
    // The run must have reached every outcome, or it tested less than it claims.
    expect(outcomes.accepted).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(100);
    expect(outcomes.dropped).toBeGreaterThan(100);
    const stats = agent.stats;
    const rejected = Object.values(stats.rejected).reduce((sum, n) => sum + n, 0);
    const dropped = Object.values(stats.dropped).reduce((sum, n) => sum + n, 0);
    expect(stats.successResponses + rejected + stats.indications + dropped).toBe(stats.stunReceived);
    agent.close();
    timers.close();
  }, TIMEOUT_MS);
});
