/**
 * Fuzzing the RTCP parsers with the shared seeded fuzzer (server/src/common/fuzz.ts):
 * random buffers and mutations of real Chromium RTCP plus one of every packet
 * type this package writes. Each input must either fail with RtcpParseError
 * or parse into packets that serialize and parse back to the same value.
 *
 * `FUZZ_CASES` sets the count per target (default 100,000); `npm run fuzz` runs millions.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { fuzz } from '../common/fuzz.ts';
import { type RtcpPacket, parseRtcp, serializeRtcp } from './compound.ts';
import { RtcpParseError } from './errors.ts';
import { clearCaptureRtcpDatagrams } from './test-capture.ts';
import { buildTransportCc } from './transport-cc/builder.ts';
import { parseTransportCc } from './transport-cc/parse.ts';
import { serializeTransportCc } from './transport-cc/serialize.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);
/** Room for `npm run fuzz` (millions of cases) beyond the default 15 s test timeout. */
const TIMEOUT_MS = Math.max(15_000, CASES / 20);

const handMade: RtcpPacket[] = [
  { kind: 'source-description', chunks: [{ source: 1, items: [{ type: 8, prefix: 'p', text: 'v' }, { type: 2, text: 'né' }] }] },
  { kind: 'goodbye', sources: [1, 2], reason: 'closing' },
  { kind: 'application-defined', subtype: 1, ssrc: 3, name: 'TEST', data: new Uint8Array(8) },
  { kind: 'full-intra-request', senderSsrc: 1, mediaSsrc: 0, entries: [{ ssrc: 2, sequenceNumber: 9 }] },
  { kind: 'receiver-estimated-maximum-bitrate', senderSsrc: 1, mediaSsrc: 0, bitrate: 1_234_567, ssrcs: [2, 3] },
  { kind: 'picture-loss-indication', senderSsrc: 1, mediaSsrc: 2 },
  { kind: 'extended-report', ssrc: 1, blocks: [{ type: 'unknown', blockType: 7, typeSpecific: 1, body: new Uint8Array(4) }] },
  { kind: 'raw', packetType: 195, count: 1, bytes: new Uint8Array([0x81, 0xc3, 0x00, 0x01, 0, 0, 0, 5]) },
];

const mixedFeedback = buildTransportCc({
  senderSsrc: 1,
  mediaSsrc: 2,
  feedbackPacketCount: 3,
  packets: [0, 1, 2, 5, 9, 30, 31, 65535].map((seq, i) => ({ sequenceNumber: (65530 + seq) % 65536, arrivalTimeUs: 1e6 + ((i * 7919) % 13) * 40_000 })),
});

const captured = clearCaptureRtcpDatagrams();
const fixtures = listFixtures('rtcp-clear').map((file) => new Uint8Array(readFixture(file)));
const compoundSeeds = [...fixtures, ...captured.slice(0, 40), ...handMade.map((p) => serializeRtcp([p])), serializeRtcp([...handMade.slice(0, 3)])];
const transportCcSeeds = [...captured.filter((d) => d[1] === 205 && (d[0]! & 0x1f) === 15), ...mixedFeedback.map(serializeTransportCc)];

/** The fuzz property: a typed error, or a value that survives serialize → parse unchanged. */
function checkRoundTrip<T>(input: Uint8Array, parse: (bytes: Uint8Array) => T, serialize: (value: T) => Uint8Array): void {
  let parsed: T;
  try {
    parsed = parse(input);
  } catch (error) {
    if (error instanceof RtcpParseError) return;
    throw error;
  }
  const again = parse(serialize(parsed));
  if (!isDeepStrictEqual(again, parsed)) throw new Error('re-parsed value differs from the first parse');
}

describe('RTCP fuzzing', () => {
  // Most inputs end in an expected RtcpParseError, and capturing its stack
  // costs more than the parse; failures still carry the input hex.
  let stackTraceLimit = Error.stackTraceLimit;
  beforeAll(() => {
    stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
  });
  afterAll(() => {
    Error.stackTraceLimit = stackTraceLimit;
  });

  it(`parseRtcp: ${CASES} inputs give RtcpParseError or packets that round-trip`, () => {
    expect(compoundSeeds.length).toBeGreaterThan(40);
    fuzz({ seed: 0x5eed_c0de, cases: CASES, seeds: compoundSeeds, check: (input) => checkRoundTrip(input, parseRtcp, serializeRtcp) });
  }, TIMEOUT_MS);

  it(`parseTransportCc: ${CASES} inputs give RtcpParseError or feedback that round-trips`, () => {
    expect(transportCcSeeds.length).toBeGreaterThan(100);
    fuzz({ seed: 0x7cc, cases: CASES, seeds: transportCcSeeds, check: (input) => checkRoundTrip(input, parseTransportCc, serializeTransportCc) });
  }, TIMEOUT_MS);
});
