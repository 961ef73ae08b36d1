/**
 * Which conversation a packet belongs to: its transport protocol and the two (address, port)
 * endpoints, the same key whichever way the packet went (a "5-tuple", direction folded away).
 */
import type { DecodedPacket } from './decode.ts';

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

export interface PacketFlow {
  readonly protocol: 'tcp' | 'udp';
  /** Equal for both directions of one conversation. */
  readonly key: string;
  readonly source: Endpoint;
  readonly destination: Endpoint;
}

/** "127.0.0.1.40808", "::1.40808": tcpdump's way of writing an endpoint. */
export function formatEndpoint(endpoint: Endpoint): string {
  return `${endpoint.address}.${endpoint.port}`;
}

/** The flow of a decoded TCP or UDP packet; undefined for anything else. */
export function flowOf(decoded: DecodedPacket): PacketFlow | undefined {
  const { ip, transport } = decoded;
  if (ip === undefined || transport === undefined) return undefined;
  const header = transport.kind === 'tcp' ? transport.segment.header : transport.datagram.header;
  const source = { address: ip.source, port: header.sourcePort };
  const destination = { address: ip.destination, port: header.destinationPort };
  const [a, b] = [formatEndpoint(source), formatEndpoint(destination)].sort();
  return { protocol: transport.kind, key: `${transport.kind} ${a} ${b}`, source, destination };
}
