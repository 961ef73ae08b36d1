/**
 * Random and mutated client messages. The envelope parser may only throw
 * SignalingError; a session must answer every text message with exactly one
 * well-formed response and never throw, whatever the message, while other
 * sessions in the same rooms keep their state. `FUZZ_CASES` raises the count.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { SeededRandom, fuzz } from '../common/fuzz.ts';
import type { WebSocketConnection, WebSocketMessage } from '../websocket/index.ts';
import { parseRequest } from './envelope.ts';
import { SignalingError } from './errors.ts';
import { SIGNALING_ERROR_CODES } from './messages.ts';
import { RoomRegistry } from './rooms.ts';
import { type SessionContext, SignalingSession } from './session.ts';
import { mintTokenFor } from './token.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 30_000);
const TIMEOUT_MS = 15_000 + CASES / 5;
const SECRET = 'fuzz-secret-0123456789abcdef';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const SEEDS = [
  encode({ v: 1, type: 'request', id: 1, method: 'join', data: { room: 'fuzz', name: 'f' } }),
  encode({ v: 1, type: 'request', id: 2, method: 'join', data: { room: 'fuzz', token: mintTokenFor('fuzz', 'id', 3600, SECRET) } }),
  encode({ v: 1, type: 'request', id: 3, method: 'relay', data: { to: 'abcdefghijkl', payload: { kind: 'candidate', candidate: null } } }),
  encode({ v: 1, type: 'request', id: 4, method: 'leave', data: {} }),
  encode({ v: 1, type: 'request', id: 5, method: 'relay', data: { to: 'x', payload: { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } } }),
];

/** The connection surface a session uses, recording what it sends. */
class FakeConnection extends EventEmitter {
  sent: string[] = [];
  closedWith: number | undefined;
  send(data: string): boolean {
    this.sent.push(data);
    return true;
  }
  close(code: number): void {
    this.closedWith = code;
  }
  deliver(message: WebSocketMessage): void {
    this.emit('message', message);
  }
}

function context(): SessionContext {
  return {
    rooms: new RoomRegistry({ peersPerRoom: 4, hooks: { peerJoined() {}, peerLeft() {}, roomClosed() {} } }),
    limits: { peersPerRoom: 4, messagesPerSecond: 1e9, maxMessageBytes: 4096 },
    tokenSecret: SECRET,
    requireToken: false,
    now: Date.now,
    onInternalError: (error) => {
      throw error;
    },
  };
}

const CODES: ReadonlySet<string> = new Set(SIGNALING_ERROR_CODES);

/**
 * Requests built from the protocol's own vocabulary with random values in
 * every field, so that the methods run and not only the JSON parser: byte
 * mutations of JSON are mostly invalid JSON.
 */
function randomRequest(random: SeededRandom, peerIds: readonly string[]): string {
  const anyValue = (): unknown =>
    random.pick<() => unknown>([
      () => random.pick(['fuzz', 'other', '', 'a b', 'x'.repeat(70)]),
      () => random.pick(peerIds.length > 0 ? peerIds : ['nobody']),
      () => random.below(1000) - 10,
      () => null,
      () => ({ kind: 'candidate', candidate: null }),
      () => [1, 2],
      () => mintTokenFor(random.pick(['fuzz', 'other']), 'who', random.pick([-10, 3600]), SECRET),
    ])();
  const data: Record<string, unknown> = {};
  for (const field of ['room', 'name', 'token', 'to', 'payload']) if (random.below(3) > 0) data[field] = anyValue();
  if (random.below(2) === 0) data['room'] = 'fuzz';
  if (random.below(2) === 0 && peerIds.length > 0) data['to'] = random.pick(peerIds);
  if (random.below(2) === 0) data['payload'] = { sdp: 'v=0' };
  const request: Record<string, unknown> = {
    v: random.below(10) === 0 ? 2 : 1,
    type: random.below(10) === 0 ? 'notification' : 'request',
    id: random.below(10) === 0 ? 'seven' : random.below(1000),
    method: random.pick(['join', 'join', 'leave', 'relay', 'relay', 'produce', 'toString', '__proto__', 'constructor']),
    data: random.below(20) === 0 ? 'text' : data,
  };
  return JSON.stringify(request);
}

describe('signaling fuzz', () => {
  it(`parseRequest: ${CASES} random and mutated messages only throw SignalingError`, { timeout: TIMEOUT_MS }, () => {
    fuzz({
      seed: 14,
      cases: CASES,
      seeds: SEEDS,
      check: (input) => {
        try {
          parseRequest(Buffer.from(input).toString('utf8'));
        } catch (error) {
          if (!(error instanceof SignalingError)) throw error;
        }
      },
    });
  });

  it(`sessions: ${CASES} messages, one well-formed response each, shared rooms stay consistent`, { timeout: TIMEOUT_MS }, () => {
    const shared = context();
    const connections = Array.from({ length: 3 }, () => new FakeConnection());
    for (const connection of connections) new SignalingSession(connection as unknown as WebSocketConnection, shared);
    const random = new SeededRandom(16);
    let turn = 0;
    let succeeded = 0;
    const seen = new Set<string>();
    const deliver = (text: string): void => {
      const connection = connections[turn++ % connections.length]!;
      const before = connection.sent.length;
      connection.deliver({ data: text, binary: false });
      const responses = connection.sent.slice(before).map((sent) => JSON.parse(sent) as Record<string, unknown>).filter((message) => message['type'] === 'response');
      if (responses.length !== 1) throw new Error(`${responses.length} responses`);
      const [response] = responses as [Record<string, unknown>];
      if (response['v'] !== 1) throw new Error('response without v: 1');
      if (response['ok'] === true) succeeded++;
      else {
        const { code } = response['error'] as { code: string };
        if (!CODES.has(code)) throw new Error(`unknown error code ${code}`);
        seen.add(code);
      }
      if (connection.closedWith !== undefined) throw new Error(`closed with ${connection.closedWith}`);
      for (const room of shared.rooms.states()) {
        if (room.peers.length === 0 || room.peers.length > 4) throw new Error(`room ${room.id} has ${room.peers.length} peers`);
      }
    };
    fuzz({ seed: 15, cases: CASES / 2, seeds: SEEDS, check: (input) => deliver(Buffer.from(input).toString('utf8')) });
    for (let i = 0; i < CASES / 2; i++) {
      const peerIds = shared.rooms.states().flatMap((room) => room.peers.map((peer) => peer.id));
      const text = randomRequest(random, peerIds);
      try {
        deliver(text);
      } catch (error) {
        throw new Error(`structured case ${i} failed on ${text}: ${String(error)}`, { cause: error });
      }
    }
    expect(shared.rooms.states().flatMap((room) => room.peers).length).toBeLessThanOrEqual(3);
    // The structured half must reach the methods, not only the parsers.
    expect(succeeded).toBeGreaterThan(CASES / 100);
    for (const code of ['BAD_REQUEST', 'UNSUPPORTED_VERSION', 'UNKNOWN_METHOD', 'NOT_JOINED', 'ALREADY_JOINED', 'PEER_NOT_FOUND', 'TOKEN_EXPIRED', 'TOKEN_WRONG_ROOM']) {
      expect(seen).toContain(code);
    }
  });
});
