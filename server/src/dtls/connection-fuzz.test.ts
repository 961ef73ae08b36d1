/**
 * DtlsConnection.handleDatagram with random and mutated datagrams, in both roles
 * and at every stage of the handshake: it never throws, the state stays one of
 * the five, and a connection that fails does so with a DtlsError whose code is in
 * the table. Seeds: every datagram of a real handshake between our two roles
 * (with application data and a close_notify) and the Chromium 156 DTLS
 * captures. `FUZZ_CASES` scales the count (npm run fuzz).
 */
import { describe, expect, it } from 'vitest';
import { fuzz } from '../common/fuzz.ts';
import type { DtlsConnection } from './connection.ts';
import { DTLS_ERROR_CODES, DtlsError } from './errors.ts';
import { datagramFixtures, fixtureBytes } from './test-support.ts';
import { type Pair, connectionPair, runHandshake } from './test-connection.ts';

const CASES = Math.max(200, Math.floor(Number(process.env['FUZZ_CASES'] ?? 100_000) / 10));
const TIMEOUT_MS = 30_000 + CASES * 5;
const STATES = ['new', 'connecting', 'connected', 'closed', 'failed'];

/** Every datagram of one complete handshake, some data and a close, both directions. */
function handshakeDatagrams(): Uint8Array[] {
  const pair = connectionPair();
  runHandshake(pair);
  pair.client.send(Buffer.from('data from the client'));
  pair.server.send(Buffer.from('data from the server'));
  pair.client.close();
  pair.wire.flush();
  return [...pair.wire.sent.client, ...pair.wire.sent.server].map((datagram) => new Uint8Array(datagram));
}

const SEEDS = [
  ...handshakeDatagrams(),
  ...['dtls12-chromium-client', 'dtls12-chromium-server', 'dtls13-chromium-to-chromium'].flatMap(datagramFixtures).map(fixtureBytes),
];

/** How to get a connection at some stage, fresh each time the previous one ended. */
const TARGETS: readonly { name: string; make: () => DtlsConnection }[] = [
  { name: 'a client waiting for the HelloVerifyRequest', make: () => started(connectionPair()).client },
  { name: 'a server waiting for a ClientHello', make: () => started(connectionPair()).server },
  {
    name: 'a server waiting for flight 5',
    make: () => {
      const pair = connectionPair();
      pair.wire.filter = (from, _datagram, index) => (from === 'client' && index >= 2 ? 'drop' : 'deliver');
      started(pair).wire.flush();
      return pair.server;
    },
  },
  {
    name: 'a client waiting for flight 6',
    make: () => {
      const pair = connectionPair();
      pair.wire.filter = (from, _datagram, index) => (from === 'server' && index >= 2 ? 'drop' : 'deliver');
      started(pair).wire.flush();
      return pair.client;
    },
  },
  { name: 'a connected client', make: () => connected().client },
  { name: 'a connected server', make: () => connected().server },
];

function started(pair: Pair): Pair {
  pair.server.start();
  pair.client.start();
  return pair;
}

function connected(): Pair {
  const pair = connectionPair();
  runHandshake(pair);
  return pair;
}

describe('DtlsConnection fuzz', () => {
  it('has seeds from our own handshake and from Chromium', () => {
    expect(SEEDS.length).toBeGreaterThan(30);
  });

  it.each(TARGETS.map((target, i) => ({ ...target, seed: 0x64746c00 + i })))(
    `$name: ${CASES} datagrams never throw, and failures are DtlsErrors`,
    ({ make, seed }) => {
      let connection = make();
      let failure: unknown;
      const watch = (target: DtlsConnection) => target.on('failed', (error) => (failure = error));
      watch(connection);
      let restarts = 0;
      fuzz({
        seed,
        cases: CASES,
        seeds: SEEDS,
        maxRandomLength: 256,
        check: (input) => {
          connection.handleDatagram(Buffer.from(input));
          if (!STATES.includes(connection.state)) throw new Error(`state ${connection.state}`);
          if (connection.state === 'failed') {
            if (!(failure instanceof DtlsError) || !DTLS_ERROR_CODES.includes(failure.code)) throw new Error(`failed with ${String(failure)}`);
            if (failure.code === 'INTERNAL_ERROR') throw new Error(`internal error: ${String(failure.cause)}`);
          }
          if (connection.state === 'failed' || connection.state === 'closed') {
            restarts++;
            connection = make();
            failure = undefined;
            watch(connection);
          }
        },
      });
      // Most inputs are dropped and counted; only some end the connection.
      expect(restarts).toBeLessThan(CASES / 2);
    },
    TIMEOUT_MS,
  );
});
