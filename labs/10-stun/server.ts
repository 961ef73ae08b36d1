/**
 * A STUN server for the Binding method only (RFC 8489 §6.3), on one UDP socket, built from the
 * SFU's own STUN package (server/src/stun). For each datagram, in this order:
 *
 *   1. parse it: anything malformed is dropped and counted by its StunParseError code;
 *   2. if it carries FINGERPRINT, check it (§7): a wrong one means "not STUN", dropped;
 *   3. a Binding indication is a keepalive: counted, never answered (§6.3.2);
 *      responses, and requests for other methods, are dropped;
 *   4. a comprehension-required attribute it does not know: 420 with UNKNOWN-ATTRIBUTES (§6.3.1.1);
 *   5. otherwise a success response: XOR-MAPPED-ADDRESS = where the request came from (§14.2),
 *      SOFTWARE (§14.14), FINGERPRINT (§14.7), sent back to that same address.
 *
 * No credentials: a public STUN server answers anyone, and a browser's iceServers entry
 * for stun: carries none (MESSAGE-INTEGRITY in a request is therefore not checked).
 */
import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import {
  type StunMessage,
  type TransportAddress,
  answerBindingRequest,
  serializeStunMessage,
} from '#server/stun/index.ts';
import { type DropReason, ServerStats } from './stats.ts';

/** What became of one datagram. */
export type Outcome =
  | { readonly kind: 'answered'; readonly response: Uint8Array; readonly mapped: TransportAddress }
  | { readonly kind: 'rejected'; readonly response: Uint8Array; readonly unknown: readonly number[] }
  | { readonly kind: 'indication' }
  | { readonly kind: 'dropped'; readonly reason: DropReason };

/** What the log hears about: an outcome, or a datagram the simulated loss threw away unread. */
export type DatagramEvent = Outcome | { readonly kind: 'lost' };

/**
 * Steps 1 to 5 above for one datagram from `from`; never throws for what arrives. The
 * decision is the SFU's own (answerBindingRequest in server/src/stun); this server only
 * signs the response off with SOFTWARE and FINGERPRINT.
 */
export function handleDatagram(datagram: Uint8Array, from: TransportAddress, software: string): Outcome {
  const signOff = (message: StunMessage): Uint8Array =>
    serializeStunMessage({ ...message, attributes: [...message.attributes, { kind: 'SOFTWARE', value: software }] }, { fingerprint: true });
  const outcome = answerBindingRequest(datagram, from);
  switch (outcome.kind) {
    case 'answered':
      return { kind: 'answered', response: signOff(outcome.response), mapped: outcome.mapped };
    case 'rejected':
      return { kind: 'rejected', response: signOff(outcome.response), unknown: outcome.unknownAttributes };
    default:
      return outcome;
  }
}

export interface StunServerOptions {
  readonly port: number;
  readonly host: string;
  /** The SOFTWARE attribute of every response. */
  readonly software: string;
  /** The fraction of datagrams to throw away unread (0 to 1), as a lossy network would. */
  readonly loss?: number;
  /** Told about every datagram after it was handled (and any response sent). */
  readonly onDatagram?: (from: TransportAddress, size: number, event: DatagramEvent) => void;
}

export interface StunServer {
  readonly socket: dgram.Socket;
  readonly stats: ServerStats;
  readonly address: TransportAddress;
  close(): Promise<void>;
}

export function startStunServer(options: StunServerOptions): Promise<StunServer> {
  const socket = dgram.createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
  const stats = new ServerStats();

  socket.on('message', (datagram, rinfo) => {
    const from: TransportAddress = { family: rinfo.family === 'IPv6' ? 'IPv6' : 'IPv4', address: rinfo.address, port: rinfo.port };
    if (Math.random() < (options.loss ?? 0)) {
      stats.lost += 1;
      options.onDatagram?.(from, datagram.length, { kind: 'lost' });
      return;
    }
    const outcome = handleDatagram(datagram, from, options.software);
    if (outcome.kind === 'answered') stats.answered += 1;
    else if (outcome.kind === 'rejected') stats.rejected += 1;
    else if (outcome.kind === 'indication') stats.indications += 1;
    else stats.drop(outcome.reason);
    if ('response' in outcome) socket.send(outcome.response, rinfo.port, rinfo.address);
    options.onDatagram?.(from, datagram.length, outcome);
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      // A send that fails (say, to an address this host cannot route to) must not stop the server.
      socket.on('error', (error) => console.error(`10-stun server: ${error.message}`));
      const { address, port, family } = socket.address();
      resolve({
        socket,
        stats,
        address: { family: family === 'IPv6' ? 'IPv6' : 'IPv4', address, port },
        close: () => new Promise((done) => socket.close(() => done())),
      });
    });
  });
}
