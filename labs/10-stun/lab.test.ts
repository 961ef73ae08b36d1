/**
 * The lab's server and client as real processes on loopback (ports chosen by the kernel), a UDP
 * socket of the test's own sending what a server on a public port receives, and the pieces
 * they are made of.
 */
import dgram from 'node:dgram';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import {
  type StunMessage,
  type TransportAddress,
  bindingSuccessResponse,
  findAttribute,
  newTransactionId,
  parseStunMessage,
  serializeStunMessage,
  verifyFingerprint,
} from '#server/stun/index.ts';
import { waitsAfterEachTransmission } from './retransmit.ts';
import { handleDatagram } from './server.ts';

const MAIN = path.join(labsDir, '10-stun', 'main.ts');
const START_MS = 20_000;

/** A loopback UDP socket that queues what it receives. */
interface Probe {
  readonly socket: dgram.Socket;
  readonly address: TransportAddress;
  readonly received: Array<{ bytes: Uint8Array; from: TransportAddress }>;
  next(timeoutMs?: number): Promise<{ bytes: Uint8Array; from: TransportAddress }>;
}

const processes: RunningProcess[] = [];
const sockets: dgram.Socket[] = [];

afterEach(() => {
  processes.splice(0).forEach((child) => child.kill());
  sockets.splice(0).forEach((socket) => socket.close());
});

function lab(...args: string[]): RunningProcess {
  const child = runTypeScript(MAIN, args);
  processes.push(child);
  return child;
}

async function probe(): Promise<Probe> {
  const socket = dgram.createSocket('udp4');
  sockets.push(socket);
  const received: Probe['received'] = [];
  let wake: (() => void) | undefined;
  socket.on('message', (datagram, rinfo) => {
    received.push({ bytes: new Uint8Array(datagram), from: { family: 'IPv4', address: rinfo.address, port: rinfo.port } });
    wake?.();
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    socket,
    address: { family: 'IPv4', address: '127.0.0.1', port: socket.address().port },
    received,
    next(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing received within ${timeoutMs} ms`)), timeoutMs);
        const take = (): void => {
          const first = received.shift();
          if (first === undefined) return;
          clearTimeout(timer);
          wake = undefined;
          resolve(first);
        };
        wake = take;
        take();
      });
    },
  };
}

async function startServer(): Promise<{ server: RunningProcess; port: number }> {
  const server = lab('server', '--port', '0', '--stats', '0');
  const [, port] = await server.waitForLine(/^STUN server on 127\.0\.0\.1:(\d+) /, START_MS);
  return { server, port: Number(port) };
}

function bindingRequest(attributes: StunMessage['attributes'] = [], messageClass: StunMessage['messageClass'] = 'request'): { bytes: Uint8Array; id: string } {
  const transactionId = newTransactionId();
  const bytes = serializeStunMessage({ method: 0x001, messageClass, transactionId, attributes }, { fingerprint: true });
  return { bytes, id: Buffer.from(transactionId).toString('hex') };
}

const idOf = (message: StunMessage): string => Buffer.from(message.transactionId).toString('hex');

describe('10-stun lab: server and client processes', () => {
  it('the client learns its own address from the server: XOR-MAPPED-ADDRESS, SOFTWARE, a checked FINGERPRINT and an RTT', async () => {
    const { server, port } = await startServer();
    const client = lab('client', '--port', String(port));
    const [, local] = await client.waitForLine(/^local address (\S+)$/, START_MS);
    const [, mapped] = await client.waitForLine(/^mapped address (\S+)$/);
    expect(mapped).toBe(local);
    await client.waitForLine(/^RTT \d+\.\d\d ms$/);
    expect(client.stdout()).toMatch(/^ +XOR-MAPPED-ADDRESS +127\.0\.0\.1:\d+$/m);
    expect(client.stdout()).toMatch(/^ +SOFTWARE +"webrtc-sfu-course 10-stun"$/m);
    expect(client.stdout()).toMatch(/^ +FINGERPRINT +0x[0-9a-f]{8} \(checked\)$/m);
    expect((await client.waitForExit(10_000)).code).toBe(0);
    await server.waitForLine(new RegExp(`^${local!.replace(/\./g, '\\.')} +Binding request, \\d+ bytes -> success response, XOR-MAPPED-ADDRESS ${local}$`));
  });

  it('the server drops malformed datagrams without a word, counts them by reason, and keeps answering', async () => {
    const { server, port } = await startServer();
    const sender = await probe();
    const send = (bytes: Uint8Array): void => sender.socket.send(bytes, port, '127.0.0.1');

    const wrongFingerprint = bindingRequest().bytes;
    wrongFingerprint[wrongFingerprint.length - 1]! ^= 0x01;
    send(Buffer.from('hello')); // MESSAGE_TOO_SHORT
    send(Buffer.from('80ef1234000003c00000002a' + '00'.repeat(12), 'hex')); // an RTP packet: NOT_STUN
    send(Buffer.from('00010000' + '00'.repeat(16), 'hex')); // BAD_MAGIC_COOKIE
    send(wrongFingerprint); // BAD_FINGERPRINT
    send(bindingRequest([], 'success-response').bytes); // NOT_A_REQUEST
    send(bindingRequest([], 'indication').bytes); // a keepalive: counted, not answered
    const unknown = bindingRequest([{ kind: 'RAW', type: 0x7fff, value: Uint8Array.of(1, 2, 3, 4) }]);
    send(unknown.bytes);
    const good = bindingRequest([{ kind: 'SOFTWARE', value: 'lab.test.ts' }]);
    send(good.bytes);

    // The server handles datagrams in order: had it answered any of the garbage, that would come first.
    const rejection = await sender.next(10_000);
    const rejected = parseStunMessage(rejection.bytes);
    expect([idOf(rejected), rejected.messageClass]).toEqual([unknown.id, 'error-response']);
    expect(findAttribute(rejected, 'ERROR-CODE')?.code).toBe(420);
    expect(findAttribute(rejected, 'UNKNOWN-ATTRIBUTES')?.types).toEqual([0x7fff]);

    const answer = await sender.next();
    const response = parseStunMessage(answer.bytes);
    expect([idOf(response), response.messageClass]).toEqual([good.id, 'success-response']);
    expect(response.attributes.map((attribute) => attribute.kind)).toEqual(['XOR-MAPPED-ADDRESS', 'SOFTWARE', 'FINGERPRINT']);
    expect(findAttribute(response, 'XOR-MAPPED-ADDRESS')?.address).toEqual(sender.address);
    expect(verifyFingerprint(answer.bytes)).toBe(true);

    server.child.kill('SIGUSR2');
    const [, dropped] = await server.waitForLine(/^stats: answered 1, rejected 1, indications 1, dropped 5 \((.*)\)$/);
    expect(dropped!.split(', ').sort()).toEqual(
      ['BAD_FINGERPRINT 1', 'BAD_MAGIC_COOKIE 1', 'MESSAGE_TOO_SHORT 1', 'NOT_A_REQUEST 1', 'NOT_STUN 1'],
    );
    expect(sender.received).toEqual([]);

    server.child.kill('SIGINT');
    expect((await server.waitForExit(10_000)).code).toBe(0);
    expect(server.stdout()).toMatch(/stats: answered 1, rejected 1, indications 1, dropped 5 [^\n]*\nSIGINT: closing/);
  });

  it('the client retransmits the same request after RTO, then 2 RTO, and takes the answer to the third', async () => {
    const fakeServer = await probe();
    const client = lab('client', '--port', String(fakeServer.address.port), '--rto', '100', '--transmissions', '4');
    const copies = [await fakeServer.next(START_MS), await fakeServer.next(), await fakeServer.next()];
    const last = copies[2]!;
    const request = parseStunMessage(last.bytes);
    fakeServer.socket.send(serializeStunMessage(bindingSuccessResponse({ request, mappedAddress: last.from }), { fingerprint: true }), last.from.port, last.from.address);

    const [, mapped] = await client.waitForLine(/^mapped address (\S+)$/);
    expect(mapped).toBe(`127.0.0.1:${last.from.port}`);
    expect((await client.waitForExit(10_000)).code).toBe(0);
    const hex = copies.map(({ bytes }) => Buffer.from(bytes).toString('hex'));
    expect(new Set(hex).size).toBe(1);
    // The client's own clock: timers never fire early, so these are lower bounds whatever the load.
    const sent = [...client.stdout().matchAll(/^-> transmission (\d) at (\d+) ms, \d+ bytes \(retransmit in (\d+) ms\)$/gm)];
    expect(sent.map((m) => [Number(m[1]), Number(m[3])])).toEqual([[1, 100], [2, 200], [3, 400]]);
    const [first, second, third] = sent.map((m) => Number(m[2]));
    expect(second! - first!).toBeGreaterThanOrEqual(99);
    expect(third! - second!).toBeGreaterThanOrEqual(199);
    expect(client.stdout()).toMatch(/^RTT \d+\.\d\d ms \(after 3 transmissions/m);
  });

  it('the client gives up after --transmissions sends and a last wait of 16 RTO, exit code 1', async () => {
    const silent = await probe();
    const client = lab('client', '--port', String(silent.address.port), '--rto', '20', '--transmissions', '3');
    await client.waitForLine(/^no response after 3 transmissions/, START_MS);
    expect((await client.waitForExit(10_000)).code).toBe(1);
    expect(client.stdout()).toMatch(/^-> transmission 3 at \d+ ms, \d+ bytes \(last one: give up in 320 ms\)$/m);
    expect(silent.received).toHaveLength(3);
  });

  it('prints its usage without arguments', async () => {
    const usage = lab();
    expect((await usage.waitForExit(START_MS)).code).toBe(0);
    expect(usage.stdout()).toMatch(/10-stun server \[--port 3478\]/);
    expect(usage.stdout()).toMatch(/10-stun client \[--port 3478\]/);
  });
});

describe('10-stun lab: the pieces', () => {
  it('RFC 8489 §6.2.1: with RTO 500 ms and Rc 7, sends at 0, 500, 1500, 3500, 7500, 15500, 31500 ms and fails at 39500', () => {
    const waits = waitsAfterEachTransmission(500, 7);
    const times = waits.reduce<number[]>((sum, wait) => [...sum, sum.at(-1)! + wait], [0]);
    expect(times).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500, 39500]);
  });

  const from: TransportAddress = { family: 'IPv4', address: '192.0.2.7', port: 40000 };

  it('answers a Binding request without FINGERPRINT too (not every client sends one)', () => {
    const bytes = serializeStunMessage({ method: 0x001, messageClass: 'request', transactionId: newTransactionId(), attributes: [] });
    const outcome = handleDatagram(bytes, from, 'test');
    expect(outcome.kind).toBe('answered');
    if (outcome.kind === 'answered') expect(outcome.mapped).toEqual(from);
  });

  it('maps an IPv4-mapped IPv6 source (a dual-stack socket) back to IPv4', () => {
    const outcome = handleDatagram(bindingRequest().bytes, { family: 'IPv6', address: '::ffff:192.0.2.7', port: 40000 }, 'test');
    expect(outcome.kind === 'answered' && outcome.mapped).toEqual(from);
  });

  it('answers an IPv6 client with an IPv6 XOR-MAPPED-ADDRESS', () => {
    const v6: TransportAddress = { family: 'IPv6', address: '2001:db8::7', port: 40000 };
    const outcome = handleDatagram(bindingRequest().bytes, v6, 'test');
    expect(outcome.kind === 'answered' && findAttribute(parseStunMessage(outcome.response), 'XOR-MAPPED-ADDRESS')?.address).toEqual(v6);
  });

  it('drops a request for another method (a TURN Allocate)', () => {
    const allocate = serializeStunMessage({ method: 0x003, messageClass: 'request', transactionId: newTransactionId(), attributes: [] });
    expect(handleDatagram(allocate, from, 'test')).toEqual({ kind: 'dropped', reason: 'UNSUPPORTED_METHOD' });
  });
});
