/**
 * Flight retransmission (RFC 6347 §4.2.4) on a lossy in-memory wire with a
 * hand-driven clock: the first copy of every flight lost, including the
 * server's last one (which only the FINISHED state's "resend when the peer
 * repeats its last flight" can recover), then random loss, duplication and
 * reordering over many seeds. Each handshake must complete, agree on its keys,
 * and finish within a bounded simulated time.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { FlightTransmitter } from './fsm.ts';
import type { Flight } from './flights/flight.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { ContentType } from './record/content-type.ts';
import { parseRecords } from './record/record.ts';
import { parseHandshakeFragments } from './messages/handshake-header.ts';
import { type Side, connectionPair, runHandshake } from './test-connection.ts';

/** What a datagram starts with: enough to tell the flights apart. */
function flightKey(from: Side, datagram: Buffer): string {
  const [record] = parseRecords(datagram);
  if (record === undefined) return `${from}:empty`;
  if (record.epoch > 0 || record.contentType !== ContentType.Handshake) return `${from}:${record.contentType}:${record.epoch}`;
  const [fragment] = parseHandshakeFragments(record.fragment);
  return `${from}:${fragment?.msgType}:${fragment?.messageSeq}`;
}

describe('DtlsConnection retransmission', () => {
  it('recovers when the first copy of every flight is lost (flights 1-6)', () => {
    const pair = connectionPair();
    const seen = new Set<string>();
    const lost: string[] = [];
    pair.wire.filter = (from, datagram) => {
      const key = flightKey(from, datagram);
      if (seen.has(key)) return 'deliver';
      seen.add(key);
      lost.push(key);
      return 'drop';
    };
    runHandshake(pair, { maxSteps: 400, stepMs: 100 });
    expect([pair.client.state, pair.server.state]).toEqual(['connected', 'connected']);
    // ClientHello 1, HelloVerifyRequest, ClientHello 2, flight 4, flight 5, flight 6 (it starts with the CCS). A flight
    // resent in smaller datagrams (§4.1.1.1) may lose a first datagram of a new shape too.
    const flights = ['client:1:0', 'server:3:0', 'client:1:1', 'server:2:1', 'client:11:2', `server:${ContentType.ChangeCipherSpec}:0`];
    expect(lost.filter((key) => flights.includes(key))).toEqual(flights);
    expect(pair.client.stats.retransmissions).toBeGreaterThanOrEqual(3);
    // The server resent its last flight because the client repeated flight 5 (§4.2.4, FINISHED state).
    expect(pair.server.stats.retransmissions).toBeGreaterThanOrEqual(2);
    expect(pair.client.srtpKeyingMaterial().local).toEqual(pair.server.srtpKeyingMaterial().remote);
    // The client's timer backs off over its lossy flights (1, 2, 4, 8 s: the backed-off value is kept
    // until a flight goes through without loss, §4.2.4.1), so the handshake ends within their sum and a bit.
    expect(pair.clock.now()).toBeLessThanOrEqual(20_000);
  });

  it('a duplicated and reordered flight is not answered twice', () => {
    const pair = connectionPair();
    pair.wire.filter = () => 'duplicate';
    runHandshake(pair);
    expect([pair.client.state, pair.server.state]).toEqual(['connected', 'connected']);
    // The copies are dropped by the replay window; no flight is sent again.
    expect([pair.client.stats.retransmissions, pair.server.stats.retransmissions]).toEqual([0, 0]);
    expect(pair.client.stats.dropped.replayed).toBeGreaterThan(0);
  });

  it.each(Array.from({ length: 12 }, (_, seed) => seed + 1))('seed %i: 30% loss, 10% duplicates, reordering: completes and agrees on keys', (seed) => {
    const random = new SeededRandom(seed);
    const pair = connectionPair();
    const held: { from: Side; datagram: Buffer }[] = [];
    pair.wire.filter = (from, datagram) => {
      const roll = random.next();
      if (roll < 0.3) return 'drop';
      if (roll < 0.4) return 'duplicate';
      if (roll < 0.55) {
        // Deliver later, after whatever comes next.
        held.push({ from, datagram: Buffer.from(datagram) });
        return 'drop';
      }
      return 'deliver';
    };
    pair.server.start();
    pair.client.start();
    for (let step = 0; step < 2000 && (pair.client.state === 'connecting' || pair.server.state === 'connecting'); step++) {
      pair.wire.flush();
      for (const { from, datagram } of held.splice(0)) (from === 'client' ? pair.server : pair.client).handleDatagram(datagram);
      pair.wire.flush();
      pair.clock.advance(50);
    }
    expect([pair.client.state, pair.server.state]).toEqual(['connected', 'connected']);
    expect(pair.client.exportKeyingMaterial('EXTRACTOR-dtls_srtp', 56)).toEqual(pair.server.exportKeyingMaterial('EXTRACTOR-dtls_srtp', 56));
    expect(pair.clock.now()).toBeLessThan(60_000);
  });
});

describe('FlightTransmitter (the RFC 6347 §4.2.4 state machine)', () => {
  function transmitter(policy = { initialTimeoutMs: 1000, maxTimeoutMs: 60_000, maxRetransmissions: 3 }) {
    const clock = new ManualClock();
    const sent: { at: number; flight: Flight; timeouts: number }[] = [];
    let gaveUp = 0;
    const fsm = new FlightTransmitter({
      clock,
      timers: new TimerQueue({ clock }),
      policy,
      transmit: (flight, timeouts) => sent.push({ at: clock.now(), flight, timeouts }),
      giveUp: () => gaveUp++,
    });
    return { clock, sent, fsm, gaveUp: () => gaveUp };
  }
  const flightA: Flight = [{ kind: 'change_cipher_spec', epoch: 0 }];
  const flightB: Flight = [{ kind: 'change_cipher_spec', epoch: 1 }];

  it('SENDING → WAITING; each expiry resends and doubles; after the bound it gives up', () => {
    const { clock, sent, fsm, gaveUp } = transmitter();
    fsm.send(flightA, { last: false });
    expect(fsm.state).toBe('waiting');
    clock.advance(20_000);
    expect(sent.map((entry) => [entry.at, entry.timeouts])).toEqual([[0, 0], [1000, 1], [3000, 2], [7000, 3]]);
    expect(gaveUp()).toBe(1);
    expect(fsm.state).toBe('finished');
  });

  it('a new flight after a lossless one starts from the initial timer; after a loss it keeps the backed-off value', () => {
    const { clock, sent, fsm } = transmitter();
    fsm.send(flightA, { last: false });
    clock.advance(500);
    fsm.send(flightB, { last: false });
    expect(fsm.timeoutMs).toBe(1000);
    clock.advance(1000);
    expect(sent.at(-1)).toMatchObject({ at: 1500, flight: flightB });
    expect(fsm.timeoutMs).toBe(2000);
    fsm.send(flightA, { last: false });
    expect(fsm.timeoutMs).toBe(2000);
    clock.advance(1999);
    expect(sent).toHaveLength(4);
    clock.advance(1);
    expect(sent.at(-1)).toMatchObject({ at: 3500, flight: flightA });
  });

  it('FINISHED keeps the last flight for the peer’s repeats, at most one resend per quarter timer', () => {
    const { clock, sent, fsm } = transmitter();
    fsm.send(flightA, { last: true });
    expect(fsm.state).toBe('finished');
    fsm.peerRetransmitted();
    expect(sent).toHaveLength(1);
    clock.advance(250);
    fsm.peerRetransmitted();
    fsm.peerRetransmitted();
    expect(sent).toHaveLength(2);
    clock.advance(100_000);
    expect(sent).toHaveLength(2);
    fsm.finish();
    clock.advance(1000);
    fsm.peerRetransmitted();
    expect(sent).toHaveLength(2);
  });

  it('in WAITING a peer repeat resends and restarts the timer', () => {
    const { clock, sent, fsm } = transmitter();
    fsm.send(flightA, { last: false });
    clock.advance(600);
    fsm.peerRetransmitted();
    expect(sent.map((entry) => entry.at)).toEqual([0, 600]);
    clock.advance(999);
    expect(sent).toHaveLength(2);
    clock.advance(1);
    expect(sent.map((entry) => entry.at)).toEqual([0, 600, 1600]);
  });
});
