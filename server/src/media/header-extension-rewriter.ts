/**
 * A consumer's RTP header extensions (RFC 8285) from the producer's: each id
 * the subscriber negotiated is renumbered to its own a=extmap id, everything
 * else is left out, and the consumer's MID is written (RFC 8843 §15.2).
 *
 * Only end-to-end extensions belong in the id map (audio level, video
 * orientation, abs-send-time, dependency descriptor...). Per-hop ones do not:
 * - mid, rid, repaired-rid name the publisher's m-line and encodings; the
 *   subscriber gets its own MID and a single stream;
 * - transport-wide-cc numbers the packets of ONE transport (draft-holmer-
 *   rmcat-transport-wide-cc-extensions-01 §2); the publisher's numbers mean
 *   nothing to the subscriber, whose transport must stamp its own.
 *
 * The element data are views into the producer's packet, not copies; the list
 * is new, so the producer's packet (shared by every consumer) is untouched.
 */
import { setHeaderExtension, type RtpHeader, type RtpHeaderExtension } from '../rtp/index.ts';

export interface HeaderExtensionRewrite {
  /** Producer id → consumer id. Ids not in the map are dropped. */
  readonly ids: ReadonlyMap<number, number>;
  /** The consumer's MID element, written into every packet. */
  readonly mid?: { readonly id: number; readonly value: Uint8Array };
}

/** The MID element's data: the a=mid token's bytes (RFC 8843 §15.2: an RtpStreamId-like token, ASCII). */
export function midExtensionValue(mid: string): Uint8Array {
  return new TextEncoder().encode(mid);
}

/**
 * The consumer's extension block, or undefined when nothing is left. The
 * one-byte form while every element fits it, else the two-byte form (which a
 * subscriber accepts only with a=extmap-allow-mixed, RFC 8285 §6; Chromium
 * always offers it): setHeaderExtension picks. A non-RFC 8285 block is
 * dropped: its meaning is unknown.
 */
export function rewriteHeaderExtensions(
  extension: RtpHeaderExtension | undefined,
  rewrite: HeaderExtensionRewrite,
): RtpHeaderExtension | undefined {
  const out: Pick<RtpHeader, 'extension'> = { extension: undefined };
  if (extension !== undefined && extension.kind !== 'raw') {
    for (const element of extension.elements) {
      const id = rewrite.ids.get(element.id);
      if (id !== undefined) setHeaderExtension(out, id, element.data);
    }
  }
  if (rewrite.mid !== undefined) setHeaderExtension(out, rewrite.mid.id, rewrite.mid.value);
  return out.extension;
}
