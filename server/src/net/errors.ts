import { ProtocolError } from '../common/protocol-error.ts';

export type NetErrorCode =
  /** Fewer bytes than the header (or the length it states) needs. */
  | 'TOO_SHORT'
  /** The IP version nibble is not the one this parser reads. */
  | 'BAD_VERSION'
  /** IPv4 IHL under 5, TCP data offset under 5. */
  | 'BAD_HEADER_LENGTH'
  /** IPv4 total length or UDP length smaller than its own header. */
  | 'BAD_LENGTH'
  /** A TCP option whose length byte is impossible or runs past the header. */
  | 'BAD_OPTION'
  /** An IPv6 extension header that runs past the packet. */
  | 'BAD_EXTENSION_HEADER';

/** An Ethernet, IP, TCP or UDP header that cannot be read. */
export class NetParseError extends ProtocolError<NetErrorCode> {}

/** A DataView over `bytes` once they hold at least `minimum`; NetParseError TOO_SHORT naming `what` otherwise. */
export function viewOfAtLeast(bytes: Uint8Array, minimum: number, what: string): DataView {
  if (bytes.length < minimum) throw new NetParseError('TOO_SHORT', `${what} too short (size ${bytes.length} < ${minimum})`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
