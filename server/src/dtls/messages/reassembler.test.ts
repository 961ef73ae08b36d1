/** Fragmentation and reassembly of handshake messages (RFC 6347 §4.2.3). */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../common/fuzz.ts';
import { fragmentHandshakeMessage, maxFragmentLength } from './fragmentation.ts';
import type { HandshakeFragment, HandshakeMessage } from './handshake-header.ts';
import { HandshakeReassembler, MAX_RANGES_PER_MESSAGE, type PushResult } from './reassembler.ts';

const body = (length: number, seed = 0): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 7 + seed) & 0xff);
const MESSAGE: HandshakeMessage = { msgType: 1, messageSeq: 0, body: body(100) };

function piece(message: HandshakeMessage, start: number, end: number): HandshakeFragment {
  return { msgType: message.msgType, length: message.body.length, messageSeq: message.messageSeq, fragmentOffset: start, fragment: message.body.slice(start, end) };
}

function drain(reassembler: HandshakeReassembler): HandshakeMessage[] {
  const out: HandshakeMessage[] = [];
  for (let message = reassembler.pop(); message !== undefined; message = reassembler.pop()) out.push(message);
  return out;
}

describe('fragmentHandshakeMessage', () => {
  it('splits into consecutive fragments of at most the given length', () => {
    const fragments = fragmentHandshakeMessage(MESSAGE, 30);
    expect(fragments.map((f) => [f.fragmentOffset, f.fragment.length])).toEqual([[0, 30], [30, 30], [60, 30], [90, 10]]);
    expect(fragments.every((f) => f.length === 100 && f.messageSeq === 0 && f.msgType === 1)).toBe(true);
  });

  it('sends an empty message (ServerHelloDone) as one empty fragment', () => {
    expect(fragmentHandshakeMessage({ msgType: 14, messageSeq: 5, body: new Uint8Array(0) }, 100)).toEqual([
      { msgType: 14, length: 0, messageSeq: 5, fragmentOffset: 0, fragment: new Uint8Array(0) },
    ]);
  });

  it('maxFragmentLength: 1200-byte datagram → 1175 in epoch 0 (Chromium), 1151 under AES-GCM', () => {
    expect(maxFragmentLength({ maxDatagramSize: 1200 })).toBe(1175);
    expect(maxFragmentLength({ maxDatagramSize: 1200, protectionOverhead: 24 })).toBe(1151);
    expect(() => maxFragmentLength({ maxDatagramSize: 25 })).toThrow(RangeError);
  });
});

describe('HandshakeReassembler', () => {
  const ORDERS: readonly { name: string; pieces: [number, number][]; results: PushResult[] }[] = [
    { name: 'in order', pieces: [[0, 40], [40, 80], [80, 100]], results: ['buffered', 'buffered', 'buffered'] },
    { name: 'reversed', pieces: [[80, 100], [40, 80], [0, 40]], results: ['buffered', 'buffered', 'buffered'] },
    { name: 'overlapping', pieces: [[0, 60], [30, 90], [50, 100]], results: ['buffered', 'buffered', 'buffered'] },
    { name: 'with a duplicate', pieces: [[0, 50], [0, 50], [50, 100]], results: ['buffered', 'duplicate', 'buffered'] },
    { name: 'with a piece inside a received one', pieces: [[0, 70], [10, 20], [70, 100]], results: ['buffered', 'duplicate', 'buffered'] },
    { name: 'with a gap filled last', pieces: [[0, 10], [90, 100], [20, 30], [10, 20], [30, 90]], results: ['buffered', 'buffered', 'buffered', 'buffered', 'buffered'] },
    { name: 'as one whole fragment', pieces: [[0, 100]], results: ['buffered'] },
  ];

  it.each(ORDERS)('reassembles fragments $name', ({ pieces, results }) => {
    const reassembler = new HandshakeReassembler();
    const got = pieces.map(([start, end], i) => {
      if (i < pieces.length - 1) expect(reassembler.pop()).toBeUndefined();
      return reassembler.push(piece(MESSAGE, start, end));
    });
    expect(got).toEqual(results);
    expect(reassembler.pop()).toEqual(MESSAGE);
    expect(reassembler.nextMessageSeq).toBe(1);
    expect(reassembler.bufferedBytes).toBe(0);
  });

  it('delivers messages in message_seq order, holding later ones until earlier ones complete', () => {
    const messages = [0, 1, 2].map((seq) => ({ msgType: 11 + seq, messageSeq: seq, body: body(50 + seq, seq) }));
    const reassembler = new HandshakeReassembler();
    reassembler.push(piece(messages[2]!, 0, 52));
    reassembler.push(piece(messages[1]!, 0, 51));
    expect(drain(reassembler)).toEqual([]);
    reassembler.push(piece(messages[0]!, 25, 50));
    reassembler.push(piece(messages[0]!, 0, 25));
    expect(drain(reassembler)).toEqual(messages);
  });

  it('reports fragments of delivered messages as old (the peer is retransmitting, RFC 6347 §4.2.4)', () => {
    const reassembler = new HandshakeReassembler();
    reassembler.push(piece(MESSAGE, 0, 100));
    reassembler.pop();
    expect(reassembler.push(piece(MESSAGE, 0, 50))).toBe('old');
  });

  it('completes a zero-length message on its one empty fragment, and calls a repeat a duplicate', () => {
    const done: HandshakeMessage = { msgType: 14, messageSeq: 0, body: new Uint8Array(0) };
    const reassembler = new HandshakeReassembler();
    expect(reassembler.push(piece(done, 0, 0))).toBe('buffered');
    expect(reassembler.push(piece(done, 0, 0))).toBe('duplicate');
    expect(reassembler.pop()).toEqual(done);
  });

  it('does not complete a non-empty message from empty fragments', () => {
    const reassembler = new HandshakeReassembler();
    expect(reassembler.push({ ...piece(MESSAGE, 0, 0), fragmentOffset: 0 })).toBe('duplicate');
    expect(reassembler.push({ ...piece(MESSAGE, 100, 100) })).toBe('duplicate');
    expect(reassembler.pop()).toBeUndefined();
  });

  it('starts at the given message_seq (after a HelloVerifyRequest the next ClientHello has seq 1)', () => {
    const reassembler = new HandshakeReassembler({ nextMessageSeq: 1 });
    expect(reassembler.push(piece(MESSAGE, 0, 100))).toBe('old');
    const second = { ...MESSAGE, messageSeq: 1 };
    reassembler.push(piece(second, 0, 100));
    expect(reassembler.pop()).toEqual(second);
  });

  it('bounds memory: drops messages too far ahead or over the byte budget, and throws for oversized ones', () => {
    const reassembler = new HandshakeReassembler({ maxMessagesAhead: 4, maxBufferedBytes: 250, maxMessageLength: 200 });
    const at = (seq: number, length: number): HandshakeFragment => ({ msgType: 1, length, messageSeq: seq, fragmentOffset: 0, fragment: new Uint8Array(1) });
    expect(reassembler.push(at(4, 10))).toBe('dropped');
    expect(reassembler.push(at(3, 200))).toBe('buffered');
    expect(reassembler.push(at(2, 100))).toBe('dropped');
    expect(reassembler.push(at(1, 50))).toBe('buffered');
    expect(reassembler.bufferedBytes).toBe(250);
    expect(() => reassembler.push(at(0, 201))).toThrow(expect.objectContaining({ code: 'MESSAGE_TOO_LARGE' }));
    reassembler.reset();
    expect(reassembler.bufferedBytes).toBe(0);
  });

  it('drops a fragment that would leave more than MAX_RANGES_PER_MESSAGE disjoint pieces, and still completes', () => {
    const big: HandshakeMessage = { msgType: 11, messageSeq: 0, body: body(4000) };
    const reassembler = new HandshakeReassembler();
    for (let i = 0; i < MAX_RANGES_PER_MESSAGE; i++) expect(reassembler.push(piece(big, i * 10, i * 10 + 1))).toBe('buffered');
    expect(reassembler.push(piece(big, 3000, 3001))).toBe('dropped');
    expect(reassembler.push(piece(big, 0, 4000))).toBe('buffered');
    expect(reassembler.pop()).toEqual(big);
  });

  it.each([
    { name: 'a different msg_type', change: { msgType: 2 }, code: 'FRAGMENT_MISMATCH' },
    { name: 'a different length', change: { length: 101 }, code: 'FRAGMENT_MISMATCH' },
    { name: 'a fragment past its message length', change: { fragmentOffset: 90 }, code: 'BAD_FRAGMENT' },
  ])('rejects a later fragment with $name ($code)', ({ change, code }) => {
    const reassembler = new HandshakeReassembler();
    reassembler.push(piece(MESSAGE, 0, 50));
    expect(() => reassembler.push({ ...piece(MESSAGE, 50, 100), ...change })).toThrow(expect.objectContaining({ code }));
  });

  it('reassembles randomly fragmented, shuffled and duplicated flights back to the original messages', () => {
    const random = new SeededRandom(0xd7150);
    for (let round = 0; round < 200; round++) {
      const messages = Array.from({ length: 1 + random.below(5) }, (_, seq) => ({ msgType: 11, messageSeq: seq, body: random.bytes(random.below(3000)) }));
      const fragments = messages.flatMap((m) => fragmentHandshakeMessage(m, 16 + random.below(1200)));
      const wire = [...fragments, ...fragments.filter(() => random.below(3) === 0)];
      for (let i = wire.length - 1; i > 0; i--) {
        const j = random.below(i + 1);
        [wire[i], wire[j]] = [wire[j]!, wire[i]!];
      }
      const reassembler = new HandshakeReassembler();
      const delivered: HandshakeMessage[] = [];
      for (const fragment of wire) {
        reassembler.push(fragment);
        delivered.push(...drain(reassembler));
      }
      // isDeepStrictEqual first: expect().toEqual on kilobytes of bytes is slow, and this runs 200 times.
      if (!isDeepStrictEqual(delivered, messages)) expect(delivered).toEqual(messages);
      expect(reassembler.bufferedBytes).toBe(0);
    }
  });
});
