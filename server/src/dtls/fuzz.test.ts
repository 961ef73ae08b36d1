/**
 * Random and mutated input through the record parser, the handshake parsers and
 * the reassembler. Allowed outcomes: a DtlsError, or success that re-serializes to
 * the same bytes (records, fragments) or parses back to an equal value (bodies).
 * The reassembler must also stay within its memory budget and deliver messages
 * strictly in message_seq order. Seeds: every Chromium 156 DTLS datagram plus one
 * body of each handshake type. `FUZZ_CASES` sets the count per target (npm run fuzz).
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fuzz } from '../common/fuzz.ts';
import { DtlsError } from './errors.ts';
import { parseAlert, serializeAlert } from './messages/alert.ts';
import { parseChangeCipherSpec } from './messages/change-cipher-spec.ts';
import { fragmentHandshakeMessage } from './messages/fragmentation.ts';
import { type HandshakeBody, parseHandshakeBody, serializeHandshakeBody, toHandshakeMessage } from './messages/handshake-body.ts';
import { completeMessage, parseHandshakeFragments, serializeHandshakeFragment } from './messages/handshake-header.ts';
import { HandshakeType } from './messages/handshake-type.ts';
import { HandshakeReassembler } from './messages/reassembler.ts';
import { ContentType } from './record/content-type.ts';
import { parseRecords, serializeRecords } from './record/record.ts';
import { datagramFixtures, fixtureBytes } from './test-support.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);
const TIMEOUT_MS = 15_000 + CASES / 10;

const DATAGRAMS = ['dtls12-chromium-client', 'dtls12-chromium-server', 'dtls13-chromium-to-chromium'].flatMap(datagramFixtures).map(fixtureBytes);

/** The epoch-0 handshake plaintexts of the seed datagrams (the DTLS 1.3 ciphertext ones do not parse). */
const HANDSHAKE_PLAINTEXTS = DATAGRAMS.flatMap((datagram) => attempt(() => parseRecords(datagram)) ?? [])
  .filter((record) => record.contentType === ContentType.Handshake && record.epoch === 0)
  .map((record) => record.fragment);

/** Complete message bodies, prefixed with their msg_type so a mutation can change the type too. */
const TYPED_BODIES: Uint8Array[] = HANDSHAKE_PLAINTEXTS.flatMap(parseHandshakeFragments)
  .map(completeMessage)
  .filter((message) => message !== undefined)
  .map((message) => Uint8Array.of(message.msgType, ...message.body));

const EXTRA_BODIES: readonly HandshakeBody[] = [
  { kind: 'hello_request' },
  { kind: 'certificate_verify', signed: { scheme: 0x0403, signature: new Uint8Array(8).fill(1) } },
  { kind: 'finished', verifyData: new Uint8Array(12).fill(2) },
  { kind: 'certificate', certificates: [new Uint8Array(3).fill(3), new Uint8Array(2).fill(4)] },
];
for (const body of EXTRA_BODIES) {
  const message = toHandshakeMessage(body, 0);
  TYPED_BODIES.push(Uint8Array.of(message.msgType, ...message.body));
}

/** Both ClientHello fragments in one plaintext, a whole server flight, and a shuffled small flight. */
const REASSEMBLY_SEEDS: readonly Uint8Array[] = [
  ...HANDSHAKE_PLAINTEXTS,
  Buffer.concat(HANDSHAKE_PLAINTEXTS.slice(0, 2)),
  Buffer.concat(HANDSHAKE_PLAINTEXTS.filter((p) => p.length < 500)),
  Buffer.concat(
    [0, 1, 2]
      .flatMap((seq) => fragmentHandshakeMessage({ msgType: 11, messageSeq: seq, body: new Uint8Array(40 + seq).fill(seq) }, 16))
      .reverse()
      .map(serializeHandshakeFragment),
  ),
];

/** The result, or undefined for a DtlsError (an allowed outcome); any other exception fails the case. */
function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof DtlsError) return undefined;
    throw error;
  }
}

function checkBody(msgType: number, body: Uint8Array): void {
  const parsed = attempt(() => parseHandshakeBody(msgType, body));
  if (parsed === undefined) return;
  const reparsed = parseHandshakeBody(msgType, serializeHandshakeBody(parsed));
  if (!isDeepStrictEqual(reparsed, parsed)) expect(reparsed).toEqual(parsed);
}

function checkDatagram(input: Uint8Array): void {
  const records = attempt(() => parseRecords(input));
  if (records === undefined) return;
  if (!Buffer.from(serializeRecords(records)).equals(input)) throw new Error('records do not re-serialize to the datagram');
  for (const record of records) {
    if (record.contentType === ContentType.Alert) attempt(() => serializeAlert(parseAlert(record.fragment)));
    if (record.contentType === ContentType.ChangeCipherSpec) attempt(() => parseChangeCipherSpec(record.fragment));
    if (record.contentType === ContentType.Handshake) checkHandshakePlaintext(record.fragment);
  }
}

function checkHandshakePlaintext(plaintext: Uint8Array): void {
  const fragments = attempt(() => parseHandshakeFragments(plaintext));
  if (fragments === undefined) return;
  if (!Buffer.concat(fragments.map(serializeHandshakeFragment)).equals(plaintext)) throw new Error('fragments do not re-serialize');
  for (const fragment of fragments) {
    const message = completeMessage(fragment);
    if (message !== undefined) checkBody(message.msgType, message.body);
  }
}

const BUDGET = { maxMessageLength: 2048, maxMessagesAhead: 4, maxBufferedBytes: 4096 };

function checkReassembly(input: Uint8Array): void {
  const fragments = attempt(() => parseHandshakeFragments(input));
  if (fragments === undefined) return;
  const reassembler = new HandshakeReassembler(BUDGET);
  const declared = new Map<number, number>();
  let expectedSeq = 0;
  for (const fragment of fragments) {
    const result = attempt(() => reassembler.push(fragment));
    if (result === 'buffered' && !declared.has(fragment.messageSeq)) declared.set(fragment.messageSeq, fragment.length);
    if (reassembler.bufferedBytes > BUDGET.maxBufferedBytes) throw new Error(`buffered ${reassembler.bufferedBytes} bytes over the budget`);
    for (let message = reassembler.pop(); message !== undefined; message = reassembler.pop()) {
      if (message.messageSeq !== expectedSeq++) throw new Error(`delivered message_seq ${message.messageSeq}, want ${expectedSeq - 1}`);
      if (message.body.length !== declared.get(message.messageSeq)) throw new Error('delivered a body of the wrong length');
    }
  }
}

describe('DTLS fuzz', () => {
  it('has seeds for every layer', () => {
    expect(DATAGRAMS.length).toBe(24);
    expect(new Set(TYPED_BODIES.map((b) => b[0]))).toEqual(new Set(Object.values(HandshakeType)));
  });

  it(`parseRecords → handshake fragments → bodies: ${CASES} datagrams give a DtlsError or round-trip`, () => {
    fuzz({ seed: 0x64746c73, cases: CASES, seeds: DATAGRAMS, maxRandomLength: 96, check: checkDatagram });
  }, TIMEOUT_MS);

  it(`parseHandshakeBody: ${CASES} bodies of every type give a DtlsError or round-trip`, () => {
    fuzz({ seed: 0x68732121, cases: CASES, seeds: TYPED_BODIES, maxRandomLength: 128, check: (input) => checkBody(input[0] ?? 0, input.subarray(1)) });
  }, TIMEOUT_MS);

  it(`HandshakeReassembler: ${CASES} fragment sequences stay in budget and deliver in order`, () => {
    fuzz({ seed: 0x72617373, cases: CASES, seeds: REASSEMBLY_SEEDS, maxRandomLength: 160, check: checkReassembly });
  }, TIMEOUT_MS);
});
