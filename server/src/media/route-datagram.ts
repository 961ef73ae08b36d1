/**
 * Where one datagram on the shared port goes: the per-datagram decision of
 * udp-mux.ts, pure so it can be tested and fuzzed without sockets.
 *
 *   1. RFC 7983 §7 by the first byte: STUN, DTLS, RTP/RTCP (RFC 5761 §4 by
 *      the second), or nothing we serve (`unclassified`).
 *   2. STUN by the local ufrag that starts its USERNAME, from any source:
 *      checks are how a source gets validated.
 *   3. DTLS, RTP and RTCP by the 5-tuple, only to the transport whose ICE
 *      agent validated it.
 */
import { classifyDatagram } from '../demux/index.ts';
import type { TransportTuple } from '../ice/index.ts';
import { StunParseError, findAttribute, isStunMessage, parseStunMessage } from '../stun/index.ts';
import type { MuxedTransport } from './muxed-transport.ts';
import type { RoutedKind, UdpMuxDropReason } from './udp-mux-stats.ts';

/** The two lookups routing needs (routing-table.ts). */
export interface RouteLookup {
  byUsername(username: string): MuxedTransport | undefined;
  byTuple(tuple: TransportTuple): MuxedTransport | undefined;
}

export type Route =
  | { readonly kind: RoutedKind; readonly transport: MuxedTransport }
  | { readonly kind: 'drop'; readonly reason: UdpMuxDropReason };

const drop = (reason: UdpMuxDropReason): Route => ({ kind: 'drop', reason });

function usernameOf(datagram: Uint8Array): { readonly username: string } | Route {
  if (!isStunMessage(datagram)) return drop('malformed-stun');
  try {
    const username = findAttribute(parseStunMessage(datagram), 'USERNAME')?.value;
    return username === undefined ? drop('stun-without-username') : { username };
  } catch (error) {
    if (error instanceof StunParseError) return drop('malformed-stun');
    throw error;
  }
}

/** Never throws for what the datagram holds. */
export function routeDatagram(datagram: Uint8Array, tuple: TransportTuple, routes: RouteLookup): Route {
  const kind = classifyDatagram(datagram);
  switch (kind) {
    case 'stun': {
      // USERNAME is "<receiver's ufrag>:<sender's ufrag>" (RFC 8445 §7.2.2); only the first part is ours.
      const found = usernameOf(datagram);
      if (!('username' in found)) return found;
      const transport = routes.byUsername(found.username);
      return transport === undefined ? drop('unknown-ufrag') : { kind, transport };
    }
    case 'dtls':
    case 'rtp':
    case 'rtcp': {
      const transport = routes.byTuple(tuple);
      return transport === undefined ? drop('unknown-source') : { kind, transport };
    }
    default:
      return drop('unclassified');
  }
}
