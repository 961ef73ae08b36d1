/**
 * Random and mutated datagrams through the shared port's routing decision:
 * it never throws, agrees with the RFC 7983 classifier, routes STUN only
 * when USERNAME starts with a registered ufrag, and anything else only from
 * the validated tuple. Seeds are real Chromium STUN, DTLS, SRTP and SRTCP.
 * `FUZZ_CASES` raises the count (npm run fuzz).
 */
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { SeededRandom, fuzz } from '../common/fuzz.ts';
import { classifyDatagram } from '../demux/index.ts';
import type { TransportTuple } from '../ice/index.ts';
import { tupleOf } from '../ice/test-support.ts';
import { findAttribute, parseStunMessage } from '../stun/index.ts';
import type { MuxedTransport } from './muxed-transport.ts';
import { routeDatagram } from './route-datagram.ts';
import { RoutingTable } from './routing-table.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);
const TIMEOUT_MS = 15_000 + CASES / 20;
/** The lite run's ufrag: Chromium's checks in the fixtures name it. */
const UFRAG = 'sfuL';
const VALIDATED = tupleOf(35403, '127.0.0.1');
const STRANGER = tupleOf(35404, '127.0.0.1');

const SEEDS: readonly Uint8Array[] = ['stun', 'dtls12-chromium-client', 'srtp-dtls12-decryptable', 'rtcp-clear']
  .flatMap((folder) => listFixtures(folder).filter((file) => file.endsWith('.bin')))
  .map((file) => new Uint8Array(readFixture(file)));

const ignore = (): void => {};
const transport: MuxedTransport = { handleStun: ignore, handleDtls: ignore, handleRtp: ignore, handleRtcp: ignore };

function ourUfragNamed(input: Uint8Array): boolean {
  try {
    const username = findAttribute(parseStunMessage(input), 'USERNAME')?.value;
    return username !== undefined && (username === UFRAG || username.startsWith(`${UFRAG}:`));
  } catch {
    return false;
  }
}

describe('routeDatagram fuzz', () => {
  it(`${CASES} random and mutated datagrams: never throws, routes only what ICE allows`, () => {
    const routes = new RoutingTable();
    const registration = routes.register(transport, UFRAG, ignore);
    registration.addTuple(VALIDATED);
    const random = new SeededRandom(0x7983);
    const seen = new Map<string, number>();

    fuzz({
      seed: 0x7983,
      cases: CASES,
      seeds: SEEDS,
      maxRandomLength: 64,
      check: (input) => {
        const tuple: TransportTuple = random.below(2) === 0 ? VALIDATED : STRANGER;
        const route = routeDatagram(input, tuple, routes);
        const key = route.kind === 'drop' ? route.reason : route.kind;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        const kind = classifyDatagram(input);
        if (route.kind === 'drop') {
          if (route.reason === 'unknown-source' && tuple === VALIDATED) throw new Error('dropped traffic from the validated tuple');
          return;
        }
        if (route.transport !== transport) throw new Error('routed to a transport nobody registered');
        if (route.kind !== kind) throw new Error(`routed as ${route.kind}, classified as ${kind}`);
        if (kind === 'stun' && !ourUfragNamed(input)) throw new Error('routed STUN that does not name our ufrag');
        if (kind !== 'stun' && tuple !== VALIDATED) throw new Error(`routed ${kind} from a tuple ICE did not validate`);
      },
    });

    // Every branch was reached, so the properties above were tested on each.
    expect([...seen.keys()].sort()).toEqual(
      ['dtls', 'malformed-stun', 'rtcp', 'rtp', 'stun', 'stun-without-username', 'unclassified', 'unknown-source', 'unknown-ufrag'].sort(),
    );
  }, TIMEOUT_MS);
});
