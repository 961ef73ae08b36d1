/**
 * Random and mutated byte streams through the receiver, split at random
 * points, on both sides. Allowed outcomes: events, or a WebSocketError whose
 * close status may be sent; any other exception is a bug. Then the same for
 * the HTTP heads of the opening handshake. `FUZZ_CASES` raises the count (npm run fuzz).
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom, fuzz } from '../common/fuzz.ts';
import { isValidCloseCode } from './close-codes.ts';
import { ConnectError, HandshakeError, WebSocketError } from './errors.ts';
import { Opcode } from './frame.ts';
import { checkUpgradeRequest, checkUpgradeResponse, clientRequestHead } from './handshake.ts';
import { parseRequestHead, parseResponseHead } from './http-head.ts';
import { Receiver } from './receiver.ts';
import { FRAME_VECTORS, HANDSHAKE_EXAMPLE } from './rfc6455-vectors.ts';
import { clientFrame, closePayload, concat } from './test-support.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 50_000);
const TIMEOUT_MS = 15_000 + CASES / 5;

/** Streams of several frames, so mutations hit fragmentation state as well as single headers. */
const CLIENT_SEEDS: readonly Uint8Array[] = [
  FRAME_VECTORS[1]!.wire,
  concat(clientFrame(Opcode.Text, 'Hel', false), clientFrame(Opcode.Ping, 'p'), clientFrame(Opcode.Continuation, 'lo')),
  concat(clientFrame(Opcode.Binary, new Uint8Array(300), false), clientFrame(Opcode.Continuation, new Uint8Array(70000))),
  concat(clientFrame(Opcode.Text, '€uro'), clientFrame(Opcode.Close, closePayload(1000, 'bye'))),
];
const SERVER_SEEDS: readonly Uint8Array[] = [concat(...FRAME_VECTORS.slice(0, 5).map((vector) => vector.wire)), FRAME_VECTORS[6]!.wire];

function checkStream(input: Uint8Array, expectMasked: boolean, random: SeededRandom): void {
  const receiver = new Receiver({ expectMasked, maxMessageSize: 1 << 17, maxFrameSize: 1 << 17 });
  let at = 0;
  try {
    while (at < input.length) {
      const size = 1 + random.below(input.length - at);
      receiver.push(input.subarray(at, at + size));
      at += size;
      for (let event = receiver.next(); event !== undefined; event = receiver.next()) {
        if (event.kind === 'close' && event.code !== 1005 && !isValidCloseCode(event.code)) throw new Error(`close code ${event.code} let through`);
        if (event.kind === 'message' && event.message.binary !== Buffer.isBuffer(event.message.data)) throw new Error('message type mismatch');
      }
    }
  } catch (error) {
    if (!(error instanceof WebSocketError)) throw error;
    if (!isValidCloseCode(error.closeCode)) throw new Error(`error ${error.code} closes with ${error.closeCode}`);
  }
}

describe('websocket fuzz', () => {
  it(`server receiver: ${CASES} random and mutated client streams`, { timeout: TIMEOUT_MS }, () => {
    const random = new SeededRandom(17);
    fuzz({ seed: 6455, cases: CASES, seeds: CLIENT_SEEDS, check: (input) => checkStream(input, true, random) });
  });

  it(`client receiver: ${CASES / 5} random and mutated server streams`, { timeout: TIMEOUT_MS }, () => {
    const random = new SeededRandom(18);
    fuzz({ seed: 6456, cases: CASES / 5, seeds: SERVER_SEEDS, check: (input) => checkStream(input, false, random) });
  });

  it(`handshake heads: ${CASES / 5} mutated requests and responses`, { timeout: TIMEOUT_MS }, () => {
    const requestHead = clientRequestHead({ resource: '/ws', host: 'example.org', key: HANDSHAKE_EXAMPLE.key, protocols: ['chat'] });
    const responseHead = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${HANDSHAKE_EXAMPLE.accept}\r\n\r\n`;
    fuzz({
      seed: 1455,
      cases: CASES / 5,
      seeds: [Buffer.from(requestHead, 'latin1'), Buffer.from(responseHead, 'latin1')],
      check: (input) => {
        const text = Buffer.from(input).toString('latin1');
        try {
          checkUpgradeRequest(parseRequestHead(text), { selectProtocol: (offered) => offered[0] });
        } catch (error) {
          if (!(error instanceof HandshakeError)) throw error;
        }
        try {
          checkUpgradeResponse(parseResponseHead(text), HANDSHAKE_EXAMPLE.key, ['chat']);
        } catch (error) {
          if (!(error instanceof ConnectError)) throw error;
        }
      },
    });
  });

  it('the seeds themselves are valid', () => {
    for (const seed of CLIENT_SEEDS) expect(() => checkStream(seed, true, new SeededRandom(1))).not.toThrow();
  });
});
