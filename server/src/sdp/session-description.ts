/**
 * The typed model of an SDP session description (RFC 8866 §5), kept close to
 * the text: every line has a place, and attributes stay an ordered list of
 * name/value pairs. That is what makes `serialize(parse(text)) === text` hold
 * for browser SDP, and what keeps attributes we do not understand (RFC 8866
 * §5.13: they MUST be ignored, not dropped when we answer).
 *
 *   Session description            Media description
 *     v=  o=  s=  i=? u=?            m=
 *     e=* p=* c=? b=*                i=?  c=*  b=*  k=?  a=*
 *     t= r=* z=?   (1 or more)
 *     k=? a=*
 *     m= ...       (0 or more)
 */

/** How lines end. RFC 8866 §5 says CRLF, and parsers SHOULD also accept LF; we answer in kind. */
export type LineEnding = '\r\n' | '\n';

/** RFC 8866 §5.13: `a=<attribute-name>[:<attribute-value>]`. `value` is absent for flags like `a=rtcp-mux`. */
export interface Attribute {
  name: string;
  value?: string;
}

/** Anything that carries attributes: the session level and each media section. */
export interface HasAttributes {
  attributes: Attribute[];
}

/**
 * RFC 8866 §5.2: `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>`.
 * The ids are bigints because browsers use 64-bit values (RFC 8829 §5.2.1 allows up to 2^63 - 1),
 * and RFC 3264 §8 has the version go up by one with every new offer or answer.
 */
export interface Origin {
  username: string;
  sessionId: bigint;
  sessionVersion: bigint;
  netType: string;
  addressType: string;
  address: string;
}

/** RFC 8866 §5.7: `c=<nettype> <addrtype> <connection-address>` (a multicast address keeps its `/ttl/count`). */
export interface Connection {
  netType: string;
  addressType: string;
  address: string;
}

/** RFC 8866 §5.8: `b=<bwtype>:<bandwidth>`, e.g. `AS` in kbit/s or `TIAS` in bit/s (RFC 3890). */
export interface Bandwidth {
  type: string;
  bandwidth: number;
}

/**
 * RFC 8866 §5.9–§5.11: `t=<start-time> <stop-time>`, then its `r=` repeat lines and an optional `z=`.
 * WebRTC always sends `t=0 0` (RFC 8829 §5.2.1), so repeats and zones stay as text.
 */
export interface TimeDescription {
  start: bigint;
  stop: bigint;
  repeats: string[];
  zoneAdjustments?: string;
}

/** RFC 8866 §5.14: a media section, from its `m=` line up to the next one. */
export interface MediaDescription {
  /** `<media>`: `audio`, `video`, `application`, … */
  kind: string;
  /** 0 means the section is rejected or disabled (RFC 3264 §6, RFC 8843 §7.3 for bundle-only). */
  port: number;
  numberOfPorts?: number;
  /** `<proto>`, e.g. `UDP/TLS/RTP/SAVPF` or `UDP/DTLS/SCTP`. */
  protocol: string;
  /** `<fmt>` list: RTP payload types in order of preference (RFC 3264 §5.1), or e.g. `webrtc-datachannel`. */
  formats: string[];
  information?: string;
  connections: Connection[];
  bandwidths: Bandwidth[];
  /** `k=` (obsolete, RFC 8866 §5.12): kept so it round-trips. */
  key?: string;
  attributes: Attribute[];
}

/** RFC 8866 §5: the whole description. */
export interface SessionDescription {
  version: 0;
  origin: Origin;
  sessionName: string;
  information?: string;
  uri?: string;
  emails: string[];
  phones: string[];
  connection?: Connection;
  bandwidths: Bandwidth[];
  times: TimeDescription[];
  key?: string;
  attributes: Attribute[];
  media: MediaDescription[];
  lineEnding: LineEnding;
}
