import { ProtocolError } from '../common/protocol-error.ts';

export type PcapErrorCode =
  | 'UNKNOWN_FORMAT'
  | 'FILE_TOO_SHORT'
  | 'RECORD_TRUNCATED'
  | 'BAD_BLOCK_LENGTH'
  | 'BAD_BYTE_ORDER'
  | 'UNKNOWN_INTERFACE'
  | 'PACKET_TOO_SHORT'
  /** A packet's IP or UDP header is broken in a way other than being cut short (its NetParseError is the cause). */
  | 'MALFORMED_PACKET'
  | 'NOT_UDP';

/** A capture file, or a packet inside one, that cannot be read. */
export class PcapParseError extends ProtocolError<PcapErrorCode> {}
