/**
 * Random and mutated datagrams through the classifier: it never throws, and
 * its answer follows from the first two bytes exactly as RFC 7983 §7 and
 * RFC 5761 §4 say, checked against a lookup table built independently.
 * Every message the STUN parser accepts with a first byte of 0..3 is 'stun'.
 */
import { describe, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { fuzz } from '../common/fuzz.ts';
import { StunParseError } from '../stun/errors.ts';
import { parseStunMessage } from '../stun/message.ts';
import { type DatagramKind, classifyDatagram } from './classify.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);
const TIMEOUT_MS = 15_000 + CASES / 100;

/** RFC 7983 §7 as a table: first byte → kind, with 'rtp-or-rtcp' left to the second byte. */
const BY_FIRST_BYTE: readonly (DatagramKind | 'rtp-or-rtcp')[] = Array.from({ length: 256 }, (_, byte) => {
  const ranges: readonly [number, number, DatagramKind | 'rtp-or-rtcp'][] = [
    [0, 3, 'stun'],
    [16, 19, 'zrtp'],
    [20, 63, 'dtls'],
    [64, 79, 'turn-channel'],
    [128, 191, 'rtp-or-rtcp'],
  ];
  return ranges.find(([low, high]) => byte >= low && byte <= high)?.[2] ?? 'unknown';
});

function expected(input: Uint8Array): DatagramKind {
  if (input.length === 0) return 'unknown';
  const byFirst = BY_FIRST_BYTE[input[0]!]!;
  if (byFirst !== 'rtp-or-rtcp') return byFirst;
  if (input.length < 2) return 'unknown';
  return input[1]! >= 192 && input[1]! <= 223 ? 'rtcp' : 'rtp';
}

function parsesAsStun(input: Uint8Array): boolean {
  try {
    parseStunMessage(input);
    return true;
  } catch (error) {
    if (error instanceof StunParseError) return false;
    throw error;
  }
}

const SEEDS = ['stun', 'dtls12-chromium-client', 'dtls13-chromium-to-chromium', 'rtp-clear', 'rtcp-clear']
  .flatMap((folder) => listFixtures(folder))
  .filter((file) => file.endsWith('.bin') && !file.includes('decrypted'))
  .map((file) => new Uint8Array(readFixture(file)));

describe('demux fuzz', () => {
  it(`classifyDatagram: ${CASES} random and mutated datagrams classify as RFC 7983 §7 / RFC 5761 §4 say`, () => {
    fuzz({
      seed: 0x7983,
      cases: CASES,
      seeds: SEEDS,
      maxRandomLength: 64,
      check: (input) => {
        const kind = classifyDatagram(input);
        if (kind !== expected(input)) throw new Error(`classified as ${kind}, want ${expected(input)}`);
        if (input[0]! <= 3 && kind !== 'stun' && parsesAsStun(input)) throw new Error(`a STUN message classified as ${kind}`);
      },
    });
  }, TIMEOUT_MS);
});
