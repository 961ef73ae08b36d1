/**
 * The shared UDP port with real sockets on loopback: two transports behind
 * one port, checks routed by USERNAME, DTLS/RTP/RTCP routed by the tuple ICE
 * validated, everything else dropped and counted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IceLiteAgent, type IceParameters, type TransportTuple } from '../ice/index.ts';
import { REMOTE, check, responseCode } from '../ice/test-support.ts';
import { parseCandidate, serializeCandidate } from '../sdp/index.ts';
import { StunMethod, newTransactionId, serializeStunMessage, shortTermKey, verifyMessageIntegrity } from '../stun/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { UdpMuxError } from './udp-mux-errors.ts';
import { IceTransport } from './ice-transport.ts';
import { TestPeer, waitFor } from './test-peer.ts';
import { UdpMux } from './udp-mux.ts';

const FIRST: IceParameters = { usernameFragment: 'firstTransport01', password: 'firstTransportPassword0123456789' };
const SECOND: IceParameters = { usernameFragment: 'secondTransport2', password: 'secondTransportPassword012345678' };
const DTLS = new Uint8Array([22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const RTP = new Uint8Array([0x80, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7]);
const RTCP = new Uint8Array([0x80, 200, 0, 6, 0, 0, 0, 7, ...new Array<number>(20).fill(0)]);

interface Delivered {
  kind: 'dtls' | 'rtp' | 'rtcp';
  remotePort: number;
}

let mux: UdpMux;
let clock: ManualClock;
let timers: TimerQueue;
const peers: TestPeer[] = [];
const transports: IceTransport[] = [];

async function peer(address = '127.0.0.1'): Promise<TestPeer> {
  const opened = await TestPeer.open(address);
  peers.push(opened);
  return opened;
}

function transport(parameters: IceParameters, on: UdpMux = mux): { ice: IceTransport; delivered: Delivered[] } {
  const delivered: Delivered[] = [];
  const record = (kind: Delivered['kind']) => (_: Uint8Array, tuple: TransportTuple) => delivered.push({ kind, remotePort: tuple.remotePort });
  const agent = new IceLiteAgent({ timers, clock, localParameters: parameters, remoteParameters: REMOTE });
  const ice = new IceTransport(on, agent, { onDtls: record('dtls'), onRtp: record('rtp'), onRtcp: record('rtcp') });
  transports.push(ice);
  return { ice, delivered };
}

/** Sends a check from `from` and returns the response's code ('success', 401 ...). */
async function checkFrom(from: TestPeer, local: IceParameters, fields: Parameters<typeof check>[0] = {}): Promise<number | 'success' | undefined> {
  from.send(check({ local, ...fields }), mux.addresses[0]!);
  return responseCode(await from.next());
}

/** Sends and waits until the mux has taken it in (routed or dropped). */
async function sendAndSettle(from: TestPeer, datagram: Uint8Array): Promise<void> {
  const before = mux.stats.received;
  from.send(datagram, mux.addresses[0]!);
  await waitFor(() => mux.stats.received > before);
}

beforeEach(async () => {
  clock = new ManualClock();
  timers = new TimerQueue({ clock });
  mux = await UdpMux.create({ address: '127.0.0.1', port: 0, onError: () => {} });
});

afterEach(async () => {
  transports.splice(0).forEach((ice) => ice.close());
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await mux.close();
  timers.close();
});

describe('UdpMux: one port, many transports', () => {
  it('binds a free port on the address asked for', () => {
    expect(mux.addresses).toEqual([{ family: 'IPv4', address: '127.0.0.1', port: expect.any(Number), announcedAddress: '127.0.0.1' }]);
    expect(mux.addresses[0]!.port).toBeGreaterThan(0);
  });

  it('routes each check to the transport its USERNAME names, which answers with its own password', async () => {
    const first = transport(FIRST);
    const second = transport(SECOND);
    const [a, b] = [await peer(), await peer()];
    a.send(check({ local: FIRST }), mux.addresses[0]!);
    const responseA = await a.next();
    b.send(check({ local: SECOND, useCandidate: true }), mux.addresses[0]!);
    const responseB = await b.next();
    expect(verifyMessageIntegrity(responseA, shortTermKey(FIRST.password))).toBe(true);
    expect(verifyMessageIntegrity(responseB, shortTermKey(SECOND.password))).toBe(true);
    expect(first.ice.agent.state).toBe('connected');
    expect(first.ice.agent.selectedTuple?.remotePort).toBe(a.port);
    expect(second.ice.agent.state).toBe('completed');
    expect(second.ice.agent.selectedTuple?.remotePort).toBe(b.port);
    expect(mux.stats).toMatchObject({ routed: { stun: 2 }, transports: 2, usernameFragments: 2, tuples: 2, sent: 2 });
  });

  it('routes DTLS, RTP and RTCP by the tuple each transport validated', async () => {
    const first = transport(FIRST);
    const second = transport(SECOND);
    const [a, b] = [await peer(), await peer()];
    expect(await checkFrom(a, FIRST)).toBe('success');
    expect(await checkFrom(b, SECOND)).toBe('success');
    for (const datagram of [DTLS, RTP, RTCP]) await sendAndSettle(a, datagram);
    await sendAndSettle(b, RTP);
    expect(first.delivered).toEqual([
      { kind: 'dtls', remotePort: a.port },
      { kind: 'rtp', remotePort: a.port },
      { kind: 'rtcp', remotePort: a.port },
    ]);
    expect(second.delivered).toEqual([{ kind: 'rtp', remotePort: b.port }]);
    expect(mux.stats.routed).toEqual({ stun: 2, dtls: 1, rtp: 2, rtcp: 1 });
  });

  it('sends from the shared port to the selected tuple', async () => {
    const first = transport(FIRST);
    const a = await peer();
    expect(first.ice.send(RTP)).toBe(false);
    await checkFrom(a, FIRST);
    expect(first.ice.send(RTP)).toBe(true);
    expect(await a.next()).toEqual(RTP);
  });

  it('offers one host candidate per socket, at the announced address, that the SDP codec round-trips', async () => {
    const [candidate] = mux.candidates();
    expect(candidate).toMatchObject({ component: 1, transport: 'udp', priority: 2130706431, address: '127.0.0.1', port: mux.addresses[0]!.port, type: 'host' });
    expect(parseCandidate(serializeCandidate(candidate!))).toEqual(candidate);
  });
});

describe('UdpMux: what is dropped', () => {
  it('drops, and counts, DTLS/RTP/RTCP from a source that never completed ICE', async () => {
    const first = transport(FIRST);
    const stranger = await peer();
    for (const datagram of [DTLS, RTP, RTCP]) await sendAndSettle(stranger, datagram);
    expect(first.delivered).toEqual([]);
    expect(mux.stats.dropped).toEqual({ 'unknown-source': 3 });
  });

  it('gives a check with a wrong password a 401, and its sender still cannot inject DTLS or RTP', async () => {
    const first = transport(FIRST);
    const attacker = await peer();
    expect(await checkFrom(attacker, FIRST, { password: 'WrongPassword0123456789abc', useCandidate: true })).toBe(401);
    await sendAndSettle(attacker, DTLS);
    await sendAndSettle(attacker, RTP);
    expect(first.delivered).toEqual([]);
    expect(first.ice.agent.state).toBe('new');
    expect(mux.stats.dropped).toEqual({ 'unknown-source': 2 });
  });

  it('cannot take over a connected transport with a wrong password from another address', async () => {
    const first = transport(FIRST);
    const [a, attacker] = [await peer(), await peer()];
    await checkFrom(a, FIRST, { useCandidate: true });
    expect(await checkFrom(attacker, FIRST, { password: 'WrongPassword0123456789abc', useCandidate: true })).toBe(401);
    expect(first.ice.agent.selectedTuple?.remotePort).toBe(a.port);
  });

  it('drops STUN naming no transport, STUN without USERNAME, malformed STUN and unclassified bytes, answering none', async () => {
    transport(FIRST);
    const stranger = await peer();
    await sendAndSettle(stranger, check({ local: { usernameFragment: 'nobodyHere', password: FIRST.password } }));
    const indication = serializeStunMessage({ method: StunMethod.Binding, messageClass: 'indication', transactionId: newTransactionId(), attributes: [] }, { fingerprint: true });
    await sendAndSettle(stranger, indication);
    await sendAndSettle(stranger, new Uint8Array([0, 1, 0, 4, 0x21, 0x12]));
    await sendAndSettle(stranger, new Uint8Array([0xff, 1, 2, 3]));
    await sendAndSettle(stranger, new Uint8Array([17, 0, 0, 0]));
    expect(mux.stats.dropped).toEqual({ 'unknown-ufrag': 1, 'stun-without-username': 1, 'malformed-stun': 1, unclassified: 2 });
    expect(mux.stats.received).toBe(5);
    expect(stranger.queued).toBe(0);
  });

  it('counts a transport handler that throws, and goes on serving', async () => {
    const first = transport(FIRST);
    const a = await peer();
    await checkFrom(a, FIRST);
    first.ice.setHandlers({
      onRtp: () => {
        throw new Error('a bug in a layer above');
      },
    });
    await sendAndSettle(a, RTP);
    expect(mux.stats.transportErrors).toBe(1);
    expect(await checkFrom(a, FIRST)).toBe('success');
  });
});

describe('UdpMux: following the peer', () => {
  it('moves to a new address once a check from there authenticates with USE-CANDIDATE (network change)', async () => {
    const first = transport(FIRST);
    const [before, after] = [await peer(), await peer()];
    await checkFrom(before, FIRST, { useCandidate: true });
    // Validated, but not nominated: media is accepted from it, nothing is sent to it.
    expect(await checkFrom(after, FIRST)).toBe('success');
    await sendAndSettle(after, RTP);
    expect(first.ice.agent.selectedTuple?.remotePort).toBe(before.port);
    expect(await checkFrom(after, FIRST, { useCandidate: true })).toBe('success');
    expect(first.ice.agent.selectedTuple?.remotePort).toBe(after.port);
    first.ice.send(RTCP);
    expect(await after.next()).toEqual(RTCP);
    expect(first.delivered).toEqual([{ kind: 'rtp', remotePort: after.port }]);
  });

  it('stops routing a tuple once its consent expired (RFC 7675), and starts again after a new check', async () => {
    const first = transport(FIRST);
    const a = await peer();
    await checkFrom(a, FIRST, { useCandidate: true });
    clock.advance(30_000);
    expect(first.ice.agent.state).toBe('disconnected');
    expect(mux.stats.tuples).toBe(0);
    await sendAndSettle(a, RTP);
    expect(first.delivered).toEqual([]);
    expect(await checkFrom(a, FIRST, { useCandidate: true })).toBe('success');
    await sendAndSettle(a, RTP);
    expect(first.delivered).toEqual([{ kind: 'rtp', remotePort: a.port }]);
  });

  it('routes both ufrags during an ICE restart, then only the new one', async () => {
    const first = transport(FIRST);
    const a = await peer();
    await checkFrom(a, FIRST, { useCandidate: true });
    const next = first.ice.restart({ usernameFragment: 'restartedUfrag03', password: 'restartedPassword0123456789abcde' });
    expect(mux.stats.usernameFragments).toBe(2);
    expect(await checkFrom(a, FIRST, { useCandidate: true })).toBe('success');
    expect(await checkFrom(a, next, { useCandidate: true })).toBe('success');
    expect(mux.stats.usernameFragments).toBe(1);
    await sendAndSettle(a, check({ local: FIRST }));
    expect(mux.stats.dropped).toEqual({ 'unknown-ufrag': 1 });
  });

  it('forgets a closed transport: its ufrag and tuples route nowhere', async () => {
    const first = transport(FIRST);
    const a = await peer();
    await checkFrom(a, FIRST);
    first.ice.close();
    expect(mux.stats).toMatchObject({ transports: 0, usernameFragments: 0, tuples: 0 });
    await sendAndSettle(a, RTP);
    await sendAndSettle(a, check({ local: FIRST }));
    expect(mux.stats.dropped).toEqual({ 'unknown-source': 1, 'unknown-ufrag': 1 });
  });
});

describe('UdpMux: configuration', () => {
  it('serves an extra IPv6 socket, with its own candidate ranked below the main one', async () => {
    const dual = await UdpMux.create({ address: '127.0.0.1', extra: [{ address: '::1' }], onError: () => {} });
    try {
      const first = transport(FIRST, dual);
      const v6 = await peer('::1');
      const [main, extra] = dual.candidates();
      expect(extra).toMatchObject({ address: '::1', port: dual.addresses[1]!.port });
      expect(main!.priority).toBeGreaterThan(extra!.priority);
      v6.send(check({ local: FIRST, useCandidate: true }), dual.addresses[1]!);
      expect(responseCode(await v6.next())).toBe('success');
      expect(first.ice.agent.selectedTuple).toMatchObject({ family: 'IPv6', localAddress: '::1', remoteAddress: '::1', remotePort: v6.port });
      first.ice.send(RTP);
      expect(await v6.next()).toEqual(RTP);
    } finally {
      transports.splice(0).forEach((ice) => ice.close());
      await dual.close();
    }
  });

  it('writes the announced address in the candidates', async () => {
    const announced = await UdpMux.create({ address: '127.0.0.1', announcedAddress: '203.0.113.5' });
    try {
      expect(announced.candidates()[0]).toMatchObject({ address: '203.0.113.5', port: announced.addresses[0]!.port });
    } finally {
      await announced.close();
    }
  });

  it('refuses a wildcard without an announced address, and names that are not IP addresses', async () => {
    await expect(UdpMux.create({ address: '0.0.0.0' })).rejects.toThrow(TypeError);
    await expect(UdpMux.create({ address: 'localhost' })).rejects.toThrow(TypeError);
    await expect(UdpMux.create({ address: '127.0.0.1', announcedAddress: 'sfu.example' })).rejects.toThrow(TypeError);
  });

  it('rejects with the bind error when the port is taken, leaving no socket open', async () => {
    const taken = mux.addresses[0]!.port;
    await expect(UdpMux.create({ address: '127.0.0.1', extra: [{ address: '127.0.0.1', port: taken }] })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('refuses a ufrag another transport has, and registrations after close', async () => {
    transport(FIRST);
    expect(() => transport(FIRST)).toThrow(expect.objectContaining({ code: 'UFRAG_IN_USE' }));
    await mux.close();
    expect(() => transport(SECOND)).toThrow(UdpMuxError);
  });
});
