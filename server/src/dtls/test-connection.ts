/**
 * Test helpers for DtlsConnection: two connections wired back to back in
 * memory, with a hand-driven clock and a filter that can drop, duplicate or
 * reorder datagrams; and an event recorder. Used only by *.test.ts.
 */
import { type LocalCertificate, generateCertificate } from '../x509/index.ts';
import { ManualClock } from '../timers/index.ts';
import { type DtlsConnectedInfo, DtlsConnection } from './connection.ts';
import type { DtlsConnectionOptions } from './connection-options.ts';
import type { DtlsError } from './errors.ts';
import { expandTrafficKeys } from './crypto/key-schedule.ts';
import { requireCipherSuite } from './crypto/cipher-suite.ts';
import { parseServerHello } from './messages/server-hello.ts';
import { HandshakeType } from './messages/handshake-type.ts';
import { RecordProtection } from './record/protection.ts';
import { parseHandshakeFragments } from './messages/handshake-header.ts';
import { HandshakeReassembler } from './messages/reassembler.ts';
import { ContentType } from './record/content-type.ts';
import { parseRecords } from './record/record.ts';

export type Side = 'client' | 'server';

/** What a connection emitted, in order. */
export class Recorder {
  readonly events: string[] = [];
  connected: DtlsConnectedInfo | undefined;
  failed: DtlsError | undefined;
  closed = 0;
  readonly data: Buffer[] = [];

  constructor(connection: DtlsConnection) {
    connection.on('connected', (info) => {
      this.connected = info;
      this.events.push('connected');
    });
    connection.on('failed', (error) => {
      this.failed = error;
      this.events.push(`failed:${error.code}`);
    });
    connection.on('closed', () => {
      this.closed++;
      this.events.push('closed');
    });
    connection.on('data', (data) => {
      this.data.push(data);
      this.events.push('data');
    });
  }
}

/** Decides the fate of each datagram in flight: deliver it, drop it, or deliver it twice. */
export type WireFilter = (from: Side, datagram: Buffer, index: number) => 'deliver' | 'drop' | 'duplicate';

/**
 * A synchronous in-memory wire: sends queue up, `flush()` delivers them (and
 * whatever the deliveries cause) until nothing is left. `sent[side]` keeps
 * every datagram each side sent, dropped or not.
 */
export class Wire {
  readonly sent: Record<Side, Buffer[]> = { client: [], server: [] };
  readonly #queue: { from: Side; datagram: Buffer }[] = [];
  readonly #ends: Partial<Record<Side, DtlsConnection>> = {};
  filter: WireFilter = () => 'deliver';

  sender(from: Side): (datagram: Buffer) => void {
    return (datagram) => {
      const index = this.sent[from].push(Buffer.from(datagram)) - 1;
      const fate = this.filter(from, datagram, index);
      if (fate === 'drop') return;
      this.#queue.push({ from, datagram: Buffer.from(datagram) });
      if (fate === 'duplicate') this.#queue.push({ from, datagram: Buffer.from(datagram) });
    };
  }

  attach(side: Side, connection: DtlsConnection): void {
    this.#ends[side] = connection;
  }

  /** Delivers queued datagrams in order until the queue is empty (bounded, in case two ends ping-pong). */
  flush(maxDatagrams = 10_000): void {
    for (let delivered = 0; this.#queue.length > 0 && delivered < maxDatagrams; delivered++) {
      const { from, datagram } = this.#queue.shift()!;
      this.#ends[from === 'client' ? 'server' : 'client']?.handleDatagram(datagram);
    }
  }

  /** Drops whatever is queued. */
  clear(): void {
    this.#queue.length = 0;
  }
}

let certificates: { client: LocalCertificate; server: LocalCertificate; stranger: LocalCertificate } | undefined;

/** Three certificates made once per test file. */
export function testCertificates(): { client: LocalCertificate; server: LocalCertificate; stranger: LocalCertificate } {
  certificates ??= {
    client: generateCertificate({ commonName: 'dtls-test-client' }),
    server: generateCertificate({ commonName: 'dtls-test-server' }),
    stranger: generateCertificate({ commonName: 'dtls-test-stranger' }),
  };
  return certificates;
}

export interface Pair {
  readonly client: DtlsConnection;
  readonly server: DtlsConnection;
  readonly wire: Wire;
  readonly clock: ManualClock;
  readonly clientEvents: Recorder;
  readonly serverEvents: Recorder;
  readonly keyLog: string[];
}

type SideOptions = Partial<Omit<DtlsConnectionOptions, 'role' | 'send'>>;

/** A client and a server that know each other's fingerprints, on a Wire and a ManualClock. Not started. */
export function connectionPair(options: { client?: SideOptions; server?: SideOptions } = {}): Pair {
  const { client: clientCertificate, server: serverCertificate } = testCertificates();
  const clock = new ManualClock();
  const wire = new Wire();
  const keyLog: string[] = [];
  const common = { clock, keyLog: (line: string) => keyLog.push(line), handshakeTimeoutMs: 600_000 };
  const client = new DtlsConnection({
    role: 'client',
    certificate: clientCertificate,
    remoteFingerprint: `sha-256 ${serverCertificate.fingerprint()}`,
    send: wire.sender('client'),
    ...common,
    ...options.client,
  });
  const server = new DtlsConnection({
    role: 'server',
    certificate: serverCertificate,
    remoteFingerprint: `sha-256 ${clientCertificate.fingerprint()}`,
    peerAddress: '192.0.2.1:50000',
    send: wire.sender('server'),
    ...common,
    ...options.server,
  });
  wire.attach('client', client);
  wire.attach('server', server);
  return { client, server, wire, clock, clientEvents: new Recorder(client), serverEvents: new Recorder(server), keyLog };
}

/** Starts both and delivers until quiet, moving the clock `stepMs` at a time for up to `maxSteps` steps. */
export function runHandshake(pair: Pair, options: { stepMs?: number; maxSteps?: number } = {}): void {
  pair.server.start();
  pair.client.start();
  for (let step = 0; step < (options.maxSteps ?? 1); step++) {
    pair.wire.flush();
    if (!isPending(pair.client) && !isPending(pair.server)) return;
    pair.clock.advance(options.stepMs ?? 100);
  }
  pair.wire.flush();
}

function isPending(connection: DtlsConnection): boolean {
  return connection.state === 'connecting' || connection.state === 'new';
}

/**
 * The traffic keys of a finished handshake, from the key log and the ServerHello
 * on the wire: what a test needs to forge records a peer would accept.
 */
export function trafficKeysOf(pair: Pair): { client: RecordProtection; server: RecordProtection } {
  const [, clientRandomHex, masterHex] = pair.keyLog[0]!.split(' ');
  const reassembler = new HandshakeReassembler();
  let serverHello: ReturnType<typeof parseServerHello> | undefined;
  for (const datagram of pair.wire.sent.server) {
    for (const record of parseRecords(datagram)) {
      if (record.epoch !== 0 || record.contentType !== ContentType.Handshake) continue;
      for (const fragment of parseHandshakeFragments(record.fragment)) {
        if (fragment.msgType === HandshakeType.server_hello && fragment.fragmentOffset === 0) {
          reassembler.reset(fragment.messageSeq);
          reassembler.push(fragment);
          const message = reassembler.pop();
          if (message !== undefined) serverHello = parseServerHello(message.body);
        }
      }
    }
  }
  if (serverHello === undefined) throw new Error('no ServerHello on the wire');
  const suite = requireCipherSuite(serverHello.cipherSuite);
  const keys = expandTrafficKeys({
    suite,
    masterSecret: Buffer.from(masterHex!, 'hex'),
    clientRandom: Buffer.from(clientRandomHex!, 'hex'),
    serverRandom: serverHello.random,
  });
  return { client: RecordProtection.forSender(suite, keys, 'client'), server: RecordProtection.forSender(suite, keys, 'server') };
}
