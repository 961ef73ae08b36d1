/**
 * Exercise 08-packets, part 1: the IPv4, TCP and UDP headers (reference solution).
 * See exercises/08-packets/headers.ts for the contract.
 *
 * The SFU's capture reader already decodes these headers: this wraps server/src/net
 * (ipv4.ts, tcp.ts, tcp-options.ts, udp.ts), whose types the exercise uses, and renames its
 * NetParseError as this exercise's HeaderError. Read those files as the worked reference.
 */
import { ProtocolError } from '#server/common/protocol-error.ts';
import { NetParseError, parseIpv4Packet, parseTcpSegment, parseUdpPacket, type Ipv4Header, type TcpHeader, type UdpHeader } from '#server/net/index.ts';

export type HeaderErrorCode = 'TOO_SHORT' | 'BAD_VERSION' | 'BAD_HEADER_LENGTH' | 'BAD_LENGTH' | 'BAD_OPTION';

export class HeaderError extends ProtocolError<HeaderErrorCode> {}

export type { Ipv4Header, TcpFlags, TcpHeader, TcpOption, UdpHeader } from '#server/net/index.ts';

/** Runs a server/src/net parser, turning its NetParseError into a HeaderError with the same code. */
function asHeaderError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // BAD_EXTENSION_HEADER is IPv6-only: nothing here can raise it.
    if (!(error instanceof NetParseError) || error.code === 'BAD_EXTENSION_HEADER') throw error;
    throw new HeaderError(error.code, error.message, { cause: error });
  }
}

export function parseIpv4Header(bytes: Uint8Array): Ipv4Header {
  return asHeaderError(() => parseIpv4Packet(bytes).header);
}

export function parseTcpHeader(bytes: Uint8Array): TcpHeader {
  return asHeaderError(() => parseTcpSegment(bytes).header);
}

export function parseUdpHeader(bytes: Uint8Array): UdpHeader {
  return asHeaderError(() => parseUdpPacket(bytes).header);
}
