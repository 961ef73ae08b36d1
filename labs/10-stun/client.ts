/**
 * A STUN client: one Binding request (RFC 8489 §6.2), retransmitted on the schedule of
 * retransmit.ts until a response with the same transaction id arrives, then what it says: the
 * address the server saw us at (XOR-MAPPED-ADDRESS), the round-trip time, every attribute.
 *
 * The socket is connected (04-udp, step 4): datagrams from anyone but the server are filtered
 * by the kernel, and an ICMP "port unreachable" comes back as ECONNREFUSED.
 */
import { lookup } from 'node:dns/promises';
import dgram from 'node:dgram';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  StunMethod,
  StunParseError,
  type StunMessage,
  type TransportAddress,
  findAttribute,
  newTransactionId,
  parseStunMessage,
  serializeStunMessage,
  verifyFingerprint,
} from '#server/stun/index.ts';
import { describeAttribute, explainType, formatAddress } from './describe.ts';
import { dumpMessage } from './dump.ts';
import { waitsAfterEachTransmission } from './retransmit.ts';

export interface ClientOptions {
  readonly host: string;
  readonly port: number;
  readonly rtoMs: number;
  readonly transmissions: number;
  readonly software: string;
  /** Print both messages byte by byte. */
  readonly hex: boolean;
}

interface Answer {
  readonly bytes: Uint8Array;
  readonly message: StunMessage;
  /** The transmission it arrived after, and the time since that one was sent. */
  readonly transmissions: number;
  readonly rttMs: number;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const familyOf = (family: string): TransportAddress['family'] => (family === 'IPv6' ? 'IPv6' : 'IPv4');

async function resolve(host: string): Promise<{ address: string; family: TransportAddress['family'] }> {
  if (isIP(host) !== 0) return { address: host, family: isIP(host) === 6 ? 'IPv6' : 'IPv4' };
  const { address, family } = await lookup(host);
  return { address, family: family === 6 ? 'IPv6' : 'IPv4' };
}

/** Why a datagram on our socket is not the answer, or undefined if it is. */
function notTheAnswer(bytes: Uint8Array, transactionId: Uint8Array): string | undefined {
  let message: StunMessage;
  try {
    message = parseStunMessage(bytes);
  } catch (error) {
    if (error instanceof StunParseError) return `not a STUN message (${error.code})`;
    throw error;
  }
  if (hex(message.transactionId) !== hex(transactionId)) return 'a response to another transaction';
  if (message.messageClass !== 'success-response' && message.messageClass !== 'error-response') return `a ${message.messageClass}`;
  if (findAttribute(message, 'FINGERPRINT') && !verifyFingerprint(bytes)) return 'a wrong FINGERPRINT';
  return undefined;
}

/** Sends `request` on the RFC 8489 §6.2.1 schedule until the answer arrives; undefined on timeout. */
function transact(socket: dgram.Socket, request: Uint8Array, transactionId: Uint8Array, options: ClientOptions): Promise<Answer | undefined> {
  const waits = waitsAfterEachTransmission(options.rtoMs, options.transmissions);
  const start = performance.now();
  let sentAt = start;
  let transmissions = 0;
  let timer: NodeJS.Timeout | undefined;

  return new Promise((resolveAnswer, reject) => {
    const finish = (answer: Answer | undefined): void => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('error', onError);
      resolveAnswer(answer);
    };
    const transmit = (): void => {
      if (transmissions === options.transmissions) {
        finish(undefined);
        return;
      }
      sentAt = performance.now();
      socket.send(request);
      const wait = waits[transmissions]!;
      transmissions += 1;
      const next = transmissions < options.transmissions ? `retransmit in ${wait} ms` : `last one: give up in ${wait} ms`;
      console.log(`-> transmission ${transmissions} at ${(sentAt - start).toFixed(0)} ms, ${request.length} bytes (${next})`);
      timer = setTimeout(transmit, wait);
    };
    const onMessage = (datagram: Buffer): void => {
      const bytes = new Uint8Array(datagram);
      const why = notTheAnswer(bytes, transactionId);
      if (why !== undefined) {
        console.log(`   ignored a ${bytes.length}-byte datagram: ${why}`);
        return;
      }
      finish({ bytes, message: parseStunMessage(bytes), transmissions, rttMs: performance.now() - sentAt });
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      reject(error);
    };
    socket.on('message', onMessage);
    socket.on('error', onError);
    transmit();
  });
}

function printAnswer(answer: Answer, server: string, options: ClientOptions): void {
  const { message, bytes } = answer;
  console.log(`<- ${message.messageClass} from ${server}, ${bytes.length} bytes`);
  console.log(`   type ${explainType((bytes[0]! << 8) | bytes[1]!)}`);
  const rows = message.attributes.map(describeAttribute);
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`   ${name.padEnd(width)}  ${value}${name === 'FINGERPRINT' ? ' (checked)' : ''}`);
  if (options.hex) for (const line of dumpMessage(bytes, '   ')) console.log(line);
}

/** Runs one Binding transaction and prints it; resolves with the exit code. */
export async function runClient(options: ClientOptions): Promise<number> {
  const target = await resolve(options.host);
  const socket = dgram.createSocket(target.family === 'IPv6' ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((done, fail) => {
      socket.once('error', fail);
      socket.connect(options.port, target.address, () => {
        socket.off('error', fail);
        done();
      });
    });
    const local = socket.address();
    const server = formatAddress({ ...target, port: options.port });
    console.log(`local address ${formatAddress({ family: familyOf(local.family), address: local.address, port: local.port })}`);
    console.log(`server ${server}, RTO ${options.rtoMs} ms, up to ${options.transmissions} transmissions`);

    const transactionId = newTransactionId();
    const request = serializeStunMessage(
      { method: StunMethod.Binding, messageClass: 'request', transactionId, attributes: [{ kind: 'SOFTWARE', value: options.software }] },
      { fingerprint: true },
    );
    console.log(`Binding request, transaction id ${hex(transactionId)}: SOFTWARE, FINGERPRINT`);
    if (options.hex) for (const line of dumpMessage(request, '   ')) console.log(line);

    let answer: Answer | undefined;
    try {
      answer = await transact(socket, request, transactionId, options);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      if (code === 'ECONNREFUSED') console.log(`ECONNREFUSED: ${server}'s host answered "port unreachable" (ICMP): nothing listens there`);
      else console.log(`${code ?? 'error'}: ${message}`);
      return 1;
    }
    if (answer === undefined) {
      console.log(`no response after ${options.transmissions} transmissions: timed out (RFC 8489 §6.2.1)`);
      return 1;
    }
    printAnswer(answer, server, options);
    const errorCode = findAttribute(answer.message, 'ERROR-CODE');
    if (errorCode) {
      console.log(`error ${errorCode.code} ${errorCode.reason}`);
      return 1;
    }
    const mapped = findAttribute(answer.message, 'XOR-MAPPED-ADDRESS') ?? findAttribute(answer.message, 'MAPPED-ADDRESS');
    console.log(mapped ? `mapped address ${formatAddress(mapped.address)}` : 'no XOR-MAPPED-ADDRESS in the response');
    const ambiguous = answer.transmissions > 1 ? ` (after ${answer.transmissions} transmissions it may answer an earlier one: Karn's algorithm would not use this sample)` : '';
    console.log(`RTT ${answer.rttMs.toFixed(2)} ms${ambiguous}`);
    return mapped ? 0 : 1;
  } finally {
    socket.close();
  }
}
