/**
 * Which producer stream an incoming RTP packet belongs to (mediasoup's
 * RtpListener). One listener per transport: with BUNDLE every m-line's
 * packets share the 5-tuple (RFC 8843), so the packet itself must say.
 *
 * 1. By SSRC, once bound. Chromium sends the MID (and, for simulcast, RID /
 *    repaired-RID) header extensions only until it receives RTCP reports for
 *    the stream (fixtures/chromium-156/README.md: audio carried mid in its
 *    first 124 packets), so the SSRC is the only lasting key.
 * 2. Else by the MID extension (RFC 8843 §15.2) → the producer, then the RID
 *    (RFC 8852 §3.1) → its encoding, or the repaired-RID (RFC 8852 §3.2) → the
 *    encoding that RTX stream repairs; the SSRC is then bound for step 1. A
 *    producer with a single encoding needs no RID: its RTX is told apart by
 *    payload type (RFC 4588 §8.1, the apt-paired RTX payload types).
 * 3. SSRCs signalled in SDP (a=ssrc, a=ssrc-group:FID) are bound up front.
 *
 * Padding-only packets (no payload) are never media: Chromium sends them on
 * the RTX SSRC as bandwidth probes at call start (255 bytes of padding, before
 * any NACK). They are dropped and counted here, after any binding they allow.
 * On the media SSRC (RTX not negotiated) they still use up a sequence number,
 * so they come back as a 'padding' route: the stream counts them and
 * consumers close the gap (SequenceMapper.drop), nobody forwards them.
 *
 * Feed transport-wide-cc feedback BEFORE routing: probes must be acknowledged
 * for the publisher's bandwidth estimate to ramp up (transport-cc-feedback.ts).
 */
import { ProtocolError } from '../common/protocol-error.ts';
import { RtpParseError, getHeaderExtension, parseRtpPacket, type RtpPacket } from '../rtp/index.ts';

/** The ids, from the producer's a=extmap, of the extensions that identify its streams. */
export interface ListenerHeaderExtensionIds {
  readonly mid?: number;
  readonly rid?: number;
  readonly repairedRid?: number;
}

/** One RTP stream of a producer (one simulcast layer, or the only one). */
export interface ListenerEncoding<T> {
  /** The media SSRC if signalled; otherwise learnt from the MID/RID of the first packets. */
  readonly ssrc?: number;
  readonly rid?: string;
  /** The RTX SSRC if signalled (a=ssrc-group:FID). */
  readonly rtxSsrc?: number;
  /** What packets of this encoding are routed to (a producer stream). */
  readonly target: T;
}

export interface ListenerProducer<T> {
  readonly id: string;
  readonly mid?: string;
  readonly headerExtensionIds: ListenerHeaderExtensionIds;
  /** The producer's RTX payload types; a packet without repaired-RID is RTX if its PT is one of them. */
  readonly rtxPayloadTypes: readonly number[];
  readonly encodings: readonly ListenerEncoding<T>[];
}

export type RtpDropReason =
  /** Not an RTP packet the parser accepts (only from receive()). */
  | 'malformed'
  /** Padding only, on an RTX or unknown SSRC: a bandwidth probe. */
  | 'padding-probe'
  /** An SSRC nobody bound, without a MID (or RID) that binds it. */
  | 'unknown';

export type RtpRoute<T> =
  /** A media packet of `target`'s stream. */
  | { readonly kind: 'media'; readonly producerId: string; readonly target: T; readonly packet: RtpPacket }
  /** An RTX packet repairing `target`'s stream; unwrap it there (RFC 4588 §4). */
  | { readonly kind: 'rtx'; readonly producerId: string; readonly target: T; readonly packet: RtpPacket }
  /** Padding only on `target`'s media SSRC: count it, skip its sequence number, never forward it. */
  | { readonly kind: 'padding'; readonly producerId: string; readonly target: T; readonly packet: RtpPacket }
  | { readonly kind: 'dropped'; readonly reason: RtpDropReason };

export type RtpListenerStats = Readonly<Record<'media' | 'rtx' | 'padding' | RtpDropReason, number>>;

export type RtpListenerErrorCode = 'DUPLICATE_PRODUCER' | 'MID_IN_USE' | 'SSRC_IN_USE';

/** A producer that conflicts with one already listened for: a control-plane bug, not bad input. */
export class RtpListenerError extends ProtocolError<RtpListenerErrorCode> {}

interface Binding<T> {
  readonly producer: ListenerProducer<T>;
  readonly encoding: ListenerEncoding<T>;
  readonly rtx: boolean;
}

const midDecoder = new TextDecoder();

export class RtpListener<T> {
  readonly #producers = new Map<string, ListenerProducer<T>>();
  readonly #byMid = new Map<string, ListenerProducer<T>>();
  readonly #bySsrc = new Map<number, Binding<T>>();
  /** The MID extension ids in use: usually one, as Chromium gives a URI the same id in every bundled m-line (the fixtures' offers). */
  #midIds: number[] = [];
  readonly #stats: Record<keyof RtpListenerStats, number> = { media: 0, rtx: 0, padding: 0, malformed: 0, 'padding-probe': 0, unknown: 0 };

  get stats(): RtpListenerStats {
    return { ...this.#stats };
  }

  /** The SSRCs bound so far (signalled or learnt), for dump() and tests. */
  get boundSsrcs(): number[] {
    return [...this.#bySsrc.keys()];
  }

  addProducer(producer: ListenerProducer<T>): void {
    if (this.#producers.has(producer.id)) throw new RtpListenerError('DUPLICATE_PRODUCER', `media: producer ${producer.id} is already listened for`);
    if (producer.mid !== undefined && this.#byMid.has(producer.mid)) {
      throw new RtpListenerError('MID_IN_USE', `media: MID ${producer.mid} already belongs to producer ${this.#byMid.get(producer.mid)!.id}`);
    }
    const signalled: [number, Binding<T>][] = [];
    for (const encoding of producer.encodings) {
      if (encoding.ssrc !== undefined) signalled.push([encoding.ssrc, { producer, encoding, rtx: false }]);
      if (encoding.rtxSsrc !== undefined) signalled.push([encoding.rtxSsrc, { producer, encoding, rtx: true }]);
    }
    for (const [ssrc] of signalled) {
      const owner = this.#bySsrc.get(ssrc);
      if (owner !== undefined) throw new RtpListenerError('SSRC_IN_USE', `media: SSRC ${ssrc} already belongs to producer ${owner.producer.id}`);
    }
    this.#producers.set(producer.id, producer);
    if (producer.mid !== undefined) this.#byMid.set(producer.mid, producer);
    for (const [ssrc, binding] of signalled) this.#bySsrc.set(ssrc, binding);
    this.#updateMidIds();
  }

  removeProducer(id: string): void {
    const producer = this.#producers.get(id);
    if (producer === undefined) return;
    this.#producers.delete(id);
    if (producer.mid !== undefined) this.#byMid.delete(producer.mid);
    for (const [ssrc, binding] of this.#bySsrc) if (binding.producer === producer) this.#bySsrc.delete(ssrc);
    this.#updateMidIds();
  }

  /** Parses and routes one decrypted datagram; a malformed one is dropped and counted, never thrown. */
  receive(bytes: Uint8Array): RtpRoute<T> {
    let packet: RtpPacket;
    try {
      packet = parseRtpPacket(bytes);
    } catch (error) {
      if (!(error instanceof RtpParseError)) throw error;
      return this.#drop('malformed');
    }
    return this.route(packet);
  }

  route(packet: RtpPacket): RtpRoute<T> {
    const binding = this.#bySsrc.get(packet.ssrc) ?? this.#bindByExtensions(packet);
    const paddingOnly = packet.payload.length === 0;
    if (binding === undefined) return this.#drop(paddingOnly ? 'padding-probe' : 'unknown');
    if (paddingOnly && binding.rtx) return this.#drop('padding-probe');
    const kind = paddingOnly ? 'padding' : binding.rtx ? 'rtx' : 'media';
    this.#stats[kind] += 1;
    return { kind, producerId: binding.producer.id, target: binding.encoding.target, packet };
  }

  #drop(reason: RtpDropReason): RtpRoute<T> {
    this.#stats[reason] += 1;
    return { kind: 'dropped', reason };
  }

  #updateMidIds(): void {
    const ids = new Set<number>();
    for (const producer of this.#producers.values()) {
      if (producer.mid !== undefined && producer.headerExtensionIds.mid !== undefined) ids.add(producer.headerExtensionIds.mid);
    }
    this.#midIds = [...ids];
  }

  /** Step 2: MID → producer, RID / repaired-RID → encoding; binds the SSRC on success. */
  #bindByExtensions(packet: RtpPacket): Binding<T> | undefined {
    const producer = this.#producerByMid(packet);
    if (producer === undefined) return undefined;
    const ids = producer.headerExtensionIds;
    const repairedRid = readText(packet, ids.repairedRid);
    const rid = readText(packet, ids.rid);
    let encoding: ListenerEncoding<T> | undefined;
    let rtx: boolean;
    if (repairedRid !== undefined) {
      encoding = producer.encodings.find((candidate) => candidate.rid === repairedRid);
      rtx = true;
    } else {
      if (rid !== undefined) encoding = producer.encodings.find((candidate) => candidate.rid === rid);
      else if (producer.encodings.length === 1) encoding = producer.encodings[0];
      rtx = producer.rtxPayloadTypes.includes(packet.payloadType);
    }
    if (encoding === undefined) return undefined;
    const binding: Binding<T> = { producer, encoding, rtx };
    // A stream that changed SSRC (a restarted sender) keeps one binding, not a trail of them.
    for (const [ssrc, old] of this.#bySsrc) if (old.encoding === encoding && old.rtx === rtx) this.#bySsrc.delete(ssrc);
    this.#bySsrc.set(packet.ssrc, binding);
    return binding;
  }

  #producerByMid(packet: RtpPacket): ListenerProducer<T> | undefined {
    for (const id of this.#midIds) {
      const mid = readText(packet, id);
      if (mid === undefined) continue;
      const producer = this.#byMid.get(mid);
      if (producer !== undefined && producer.headerExtensionIds.mid === id) return producer;
    }
    return undefined;
  }
}

/** An extension carrying a token (MID, RID): its text, or undefined when absent or empty. */
function readText(packet: RtpPacket, id: number | undefined): string | undefined {
  if (id === undefined) return undefined;
  const data = getHeaderExtension(packet, id);
  return data === undefined || data.length === 0 ? undefined : midDecoder.decode(data);
}
