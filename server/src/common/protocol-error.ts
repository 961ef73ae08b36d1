/**
 * The base of every wire-protocol parse error.
 *
 * Each protocol subclasses it with its own union of stable codes, so tests
 * and callers branch on `error.code`, never on message text:
 *
 *   class RtpParseError extends ProtocolError<'PACKET_TOO_SHORT' | 'BAD_VERSION'> {}
 *   throw new RtpParseError('PACKET_TOO_SHORT', 'rtp: packet too short (size 11 < 12)');
 *
 * On the media path a ProtocolError means "count it and drop the packet";
 * anything else escaping a parser is a bug (the fuzz tests check exactly that).
 */
export abstract class ProtocolError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
