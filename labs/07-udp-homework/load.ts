/**
 * The client: a load generator for the echo service. From one socket it sends, round-robin over
 * the service's ports, a mix of STUN Binding requests (checked: same transaction id, and
 * XOR-MAPPED-ADDRESS must be this socket's own address and port), echo datagrams (checked: the
 * same bytes back) and malformed STUN (which must get no answer), then reports per port what came
 * back and how fast. Bounded in count and time, and loopback only.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SeededRandom } from '#server/common/fuzz.ts';
import { StunMethod, findAttribute, newTransactionId, parseStunMessage, serializeStunMessage } from '#server/stun/index.ts';

export interface LoadOptions {
  readonly host: string;
  readonly ports: readonly number[];
  /** Datagrams to send in all. */
  readonly count: number;
  /** Datagrams per second. */
  readonly rate: number;
  /** Stop sending after this long even if count is not reached. */
  readonly seconds: number;
  /** Share of STUN Binding requests; the rest are echo datagrams, except: */
  readonly stunShare: number;
  /** Share of malformed STUN. */
  readonly malformedShare: number;
  /** Size of an echo datagram. */
  readonly size: number;
}

interface PortTally {
  sent: number;
  malformedSent: number;
  answered: number;
  wrong: number;
  rttMs: number[];
}

export interface LoadReport {
  readonly perPort: ReadonlyMap<number, PortTally>;
  /** Replies to datagrams we did not send, or sent twice. */
  readonly unexpected: number;
}

/** 127.0.0.0/8 and ::1: the only places this client sends to. */
export function isLoopback(host: string): boolean {
  if (net.isIPv4(host)) return host.startsWith('127.');
  return host === '::1';
}

/** A Binding request with no credentials, as a STUN client discovering its address sends it. */
function bindingRequest(): { bytes: Uint8Array; key: string } {
  const transactionId = newTransactionId();
  const bytes = serializeStunMessage({ method: StunMethod.Binding, messageClass: 'request', transactionId, attributes: [] }, { fingerprint: true });
  return { bytes, key: Buffer.from(transactionId).toString('hex') };
}

/** A STUN header whose length field promises more than follows: the service must drop it. */
function malformedStun(): Uint8Array {
  const bytes = Buffer.from(bindingRequest().bytes.subarray(0, 20));
  bytes.writeUInt16BE(64, 2);
  return bytes;
}

function echoPayload(sequence: number, size: number): { bytes: Buffer; key: string } {
  // Starts with 'e' (0x65): not STUN, DTLS, RTP or RTCP by RFC 7983's first-byte rule.
  const key = `echo ${sequence} `;
  return { bytes: Buffer.from(key.padEnd(Math.max(size, key.length), '.')), key };
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  if (!isLoopback(options.host)) throw new RangeError(`the load generator only sends to loopback (127.0.0.0/8, ::1), not ${options.host}`);
  const socket = dgram.createSocket(net.isIPv6(options.host) ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, options.host, () => resolve());
  });
  socket.on('error', () => {}); // a failed send: the datagram shows up as unanswered in the tally
  const self = socket.address();
  const perPort = new Map<number, PortTally>(options.ports.map((port) => [port, { sent: 0, malformedSent: 0, answered: 0, wrong: 0, rttMs: [] }]));
  const outstanding = new Map<string, { port: number; sentAt: number; echo?: Buffer }>();
  let unexpected = 0;

  socket.on('message', (reply, from) => {
    const tally = perPort.get(from.port);
    let key: string;
    let correct: boolean;
    if (reply[0] === 0x65) {
      key = reply.subarray(0, reply.indexOf(' ', 5) + 1).toString();
      correct = outstanding.get(key)?.echo?.equals(reply) ?? false;
    } else {
      try {
        const response = parseStunMessage(reply);
        key = Buffer.from(response.transactionId).toString('hex');
        const mapped = findAttribute(response, 'XOR-MAPPED-ADDRESS')?.address;
        correct = response.messageClass === 'success-response' && mapped?.address === self.address && mapped.port === self.port;
      } catch {
        key = '';
        correct = false;
      }
    }
    const sent = outstanding.get(key);
    if (sent === undefined || tally === undefined || sent.port !== from.port) {
      unexpected += 1;
      return;
    }
    outstanding.delete(key);
    tally.answered += 1;
    if (!correct) tally.wrong += 1;
    tally.rttMs.push(performance.now() - sent.sentAt);
  });

  const random = new SeededRandom(1);
  let sequence = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const pace = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(options.count, Math.floor((elapsed * options.rate) / 1000));
      for (; sequence < due; sequence++) {
        const port = options.ports[sequence % options.ports.length]!;
        const tally = perPort.get(port)!;
        const draw = random.next();
        tally.sent += 1;
        if (draw < options.malformedShare) {
          tally.malformedSent += 1;
          socket.send(malformedStun(), port, options.host);
          continue;
        }
        if (draw < options.malformedShare + options.stunShare) {
          const { bytes, key } = bindingRequest();
          outstanding.set(key, { port, sentAt: performance.now() });
          socket.send(bytes, port, options.host);
        } else {
          const { bytes, key } = echoPayload(sequence, options.size);
          outstanding.set(key, { port, sentAt: performance.now(), echo: bytes });
          socket.send(bytes, port, options.host);
        }
      }
      if (sequence >= options.count || elapsed >= options.seconds * 1000) {
        clearInterval(pace);
        resolve();
      }
    }, 1);
  });
  await sleep(500); // the last replies
  socket.close();
  return { perPort, unexpected };
}

function percentile(values: readonly number[], p: number): string {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(3);
}

export function printLoadReport(report: LoadReport): void {
  const header = ['port', 'sent', 'malformed', 'answered', 'wrong', 'unanswered', 'rtt p50 ms', 'rtt p99 ms'];
  const rows = [...report.perPort].map(([port, t]) => [
    String(port),
    String(t.sent),
    String(t.malformedSent),
    String(t.answered),
    String(t.wrong),
    String(t.sent - t.malformedSent - t.answered),
    percentile(t.rttMs, 50),
    percentile(t.rttMs, 99),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padStart(widths[column]!)).join('  ');
  console.log(line(header));
  rows.forEach((row) => console.log(line(row)));
  if (report.unexpected > 0) console.log(`${report.unexpected} replies matched nothing we sent`);
  console.log('malformed datagrams should go unanswered: the service drops and counts them.');
}
