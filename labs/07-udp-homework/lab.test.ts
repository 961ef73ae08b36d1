/**
 * The lab's pieces: what the service answers to each kind of datagram, the service on real
 * loopback sockets, and the lab as a process (signals, stats table, exit).
 */
import dgram from 'node:dgram';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { SeededRandom, mutate } from '#server/common/fuzz.ts';
import {
  StunMethod,
  findAttribute,
  newTransactionId,
  parseStunMessage,
  serializeStunMessage,
  verifyFingerprint,
  type StunAttribute,
  type StunClass,
} from '#server/stun/index.ts';
import { startEchoService, type EchoService } from './service.ts';
import { answerDatagram } from './stun-echo.ts';

const FROM: dgram.RemoteInfo = { address: '127.0.0.1', family: 'IPv4', port: 40_000, size: 0 };

function stun(messageClass: StunClass, attributes: StunAttribute[] = [], fingerprint = true): { bytes: Buffer; transactionId: Uint8Array } {
  const transactionId = newTransactionId();
  const bytes = serializeStunMessage({ method: StunMethod.Binding, messageClass, transactionId, attributes }, { fingerprint });
  return { bytes: Buffer.from(bytes), transactionId };
}

describe('07-udp-homework: answerDatagram', () => {
  it('answers a Binding request with the sender’s address in XOR-MAPPED-ADDRESS, and a FINGERPRINT', () => {
    const request = stun('request');
    const answer = answerDatagram(request.bytes, FROM);
    expect(answer.kind).toBe('binding-response');
    if (answer.kind === 'drop') return;
    const response = parseStunMessage(answer.reply);
    expect(response.messageClass).toBe('success-response');
    expect(Buffer.from(response.transactionId)).toEqual(Buffer.from(request.transactionId));
    expect(findAttribute(response, 'XOR-MAPPED-ADDRESS')?.address).toEqual({ family: 'IPv4', address: '127.0.0.1', port: 40_000 });
    expect(verifyFingerprint(answer.reply)).toBe(true);
  });

  it('answers 420 listing a comprehension-required attribute it does not know', () => {
    const answer = answerDatagram(stun('request', [{ kind: 'RAW', type: 0x7777, value: new Uint8Array(4) }]).bytes, FROM);
    expect(answer.kind).toBe('stun-error');
    if (answer.kind === 'drop') return;
    const response = parseStunMessage(answer.reply);
    expect(findAttribute(response, 'ERROR-CODE')?.code).toBe(420);
    expect(findAttribute(response, 'UNKNOWN-ATTRIBUTES')?.types).toEqual([0x7777]);
  });

  it('echoes what is not STUN, byte for byte', () => {
    for (const text of ['hello', '', '\u0080 looks like RTP']) {
      const datagram = Buffer.from(text);
      expect(answerDatagram(datagram, FROM)).toEqual({ kind: 'echo', reply: datagram });
    }
  });

  it('drops malformed STUN, a wrong FINGERPRINT, indications and responses', () => {
    const truncated = stun('request').bytes.subarray(0, 22);
    const badFingerprint = stun('request').bytes;
    badFingerprint[badFingerprint.length - 1]! ^= 1;
    expect(answerDatagram(truncated, FROM)).toEqual({ kind: 'drop', reason: 'malformed STUN' });
    expect(answerDatagram(badFingerprint, FROM)).toEqual({ kind: 'drop', reason: 'bad FINGERPRINT' });
    expect(answerDatagram(stun('indication').bytes, FROM)).toEqual({ kind: 'drop', reason: 'STUN that needs no answer' });
    expect(answerDatagram(stun('success-response').bytes, FROM)).toEqual({ kind: 'drop', reason: 'STUN that needs no answer' });
  });

  it('never throws on 20,000 mutated requests and random datagrams', () => {
    const random = new SeededRandom(21);
    const seed = stun('request', [{ kind: 'USERNAME', value: 'a:b' }]).bytes;
    for (let i = 0; i < 20_000; i++) {
      const datagram = Buffer.from(i % 2 === 0 ? mutate(seed, random) : random.bytes(random.below(64)));
      expect(() => answerDatagram(datagram, FROM)).not.toThrow();
    }
  });
});

const services: EchoService[] = [];
const sockets: dgram.Socket[] = [];
const processes: RunningProcess[] = [];

afterEach(async () => {
  processes.splice(0).forEach((child) => child.kill());
  sockets.splice(0).forEach((socket) => socket.close());
  await Promise.all(services.splice(0).map((service) => service.close()));
});

async function client(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return socket;
}

function replies(socket: dgram.Socket, count: number): Promise<Array<{ bytes: Buffer; port: number }>> {
  return new Promise((resolve, reject) => {
    const got: Array<{ bytes: Buffer; port: number }> = [];
    const timer = setTimeout(() => reject(new Error(`${got.length} of ${count} replies within 3 s`)), 3000);
    socket.on('message', (bytes, from) => {
      got.push({ bytes, port: from.port });
      if (got.length === count) {
        clearTimeout(timer);
        resolve(got);
      }
    });
  });
}

describe('07-udp-homework: the service on loopback', () => {
  it('answers on every socket and counts each one apart', async () => {
    const service = await startEchoService({ count: 2, host: '127.0.0.1' });
    services.push(service);
    const [first, second] = service.group.sockets;
    const socket = await client();
    const got = replies(socket, 2);
    socket.send(stun('request').bytes, first!.port, '127.0.0.1');
    socket.send(stun('request').bytes.subarray(0, 21), first!.port, '127.0.0.1'); // dropped
    socket.send('ping', second!.port, '127.0.0.1');
    const answers = await got;
    const fromSecond = answers.find((a) => a.port === second!.port)!;
    const fromFirst = answers.find((a) => a.port === first!.port)!;
    expect(fromSecond.bytes.toString()).toBe('ping');
    expect(findAttribute(parseStunMessage(fromFirst.bytes), 'XOR-MAPPED-ADDRESS')?.address.port).toBe(socket.address().port);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the send callbacks count 'sent'
    const { sockets: rows } = service.book.snapshot();
    expect(rows.map((row) => [row.socket, row.datagramsIn, row.datagramsOut, row.dropped])).toEqual([
      [first!.name, 2, 1, 1],
      [second!.name, 1, 1, 0],
    ]);
    expect(service.dropReasons.get('malformed STUN')).toBe(1);
  });
});

describe('07-udp-homework: the lab as a process', () => {
  it('serves, prints the table on SIGUSR2, and prints it again and exits 0 on SIGINT', async () => {
    const child = runTypeScript(path.join(labsDir, '07-udp-homework', 'main.ts'), ['serve', '--count', '2', '--interval', '0']);
    processes.push(child);
    const [, ports] = await child.waitForLine(/client --ports ([\d,]+)/, 20_000);
    const socket = await client();
    const got = replies(socket, 1);
    socket.send('hello', Number(ports!.split(',')[1]), '127.0.0.1');
    await got;
    await new Promise((resolve) => setTimeout(resolve, 50));
    child.child.kill('SIGUSR2');
    await child.waitForLine(/-- SIGUSR2/);
    await child.waitForLine(/^total\s+1\s+5\s+1\s+5\s+0\s+0/);
    child.child.kill('SIGINT');
    expect(await child.waitForExit()).toEqual({ code: 0, signal: null });
    expect(child.stdout()).toMatch(/-- SIGINT: final/);
  }, 30_000);
});
