/**
 * The SFU's side of one subscriber connection (a receive transport): the
 * ordered m= sections it has offered and the offer to send whenever its
 * consumers change, renegotiating without disturbing the tracks already
 * flowing (Unified Plan, as mediasoup-client's RemoteSdp does it):
 *
 *   const session = new SubscriberSession({ transport: recvTransport });
 *   session.addConsumer({ consumerId: consumer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters, streamId: publisherId });
 *   const { sdp } = session.createOffer();          // → browser: setRemoteDescription(offer), createAnswer()
 *   const answer = session.applyAnswer(answerSdp);  // ← its answer
 *   await recvTransport.connect({ dtlsParameters: answer.dtlsParameters });   // the first time
 *   session.removeConsumer(consumer.id);            // producer closed: renegotiate
 *
 * Rules (RFC 8829 §5.2.2 for subsequent offers, RFC 3264 §8):
 * - one section per consumer, in the order they came; a section keeps its
 *   place and mid for as long as its consumer lives;
 * - a closed consumer's section goes to port 0 in the next offer; once an
 *   answer has confirmed that, the next new consumer of the same kind
 *   recycles the section: same place, the new consumer's (new) mid;
 * - except the section that tags the BUNDLE group (the first one offered):
 *   it turns a=inactive instead and stays (consumer-sections.ts);
 * - the BUNDLE group lists every section not at port 0, the tagged one first;
 * - o= keeps its session id and goes up by one version per offer;
 * - a=setup:actpass until an answer fixes the DTLS roles, then the SFU's
 *   role (RFC 8842 §5.5), so a later answer cannot swap them.
 * The transport is read at each offer: after `transport.restartIce()` the
 * next offer carries the new ICE credentials.
 */
import { type SessionDescription, createSessionDescription, serializeSessionDescription, setBundleGroup } from '../../sdp/index.ts';
import { kindOfParameters } from '../rtp-mapping.ts';
import type { MediaKind, RtpCodecParameters } from '../rtp-parameters.ts';
import { validateRtpParameters } from '../rtp-validation.ts';
import { readDescription } from './description-input.ts';
import { type NegotiatedDtlsRole, setupForDtlsRole } from './dtls-setup.ts';
import { type ConsumerTrack, addActiveSection, addClosedSection, addDisabledSection } from './consumer-sections.ts';
import { SdpNegotiationError } from './errors.ts';
import { type OfferedConsumerSection, type SubscriberAnswer, readSubscriberAnswer } from './subscriber-answer.ts';
import type { LocalTransportParameters } from './transport-attributes.ts';

export interface SubscriberSessionOptions {
  /** The receive transport (a WebRtcTransport is one); read again at each offer. */
  transport: LocalTransportParameters;
  /** o= session id; default random (RFC 8829 §5.2.1). */
  sessionId?: bigint;
}

export interface SubscriberOffer {
  /** For the browser: `setRemoteDescription({ type: 'offer', sdp })`. */
  sdp: string;
  description: SessionDescription;
  /** The consumers this offer carries, in section order. */
  consumers: { consumerId: string; mid: string; kind: MediaKind }[];
}

interface Slot {
  mid: string;
  kind: MediaKind;
  track: ConsumerTrack | undefined;
  /** What the section offers once its consumer is gone (a closed section still lists formats). */
  codecs: RtpCodecParameters[];
  /** This place has been in an offer. */
  placed: boolean;
  /** Port 0 at this place is in the current description: a new section may take it (RFC 8829 §5.2.2). */
  recyclable: boolean;
  /** The browser rejected it: closed even at the first place. */
  rejected: boolean;
}

export class SubscriberSession {
  readonly #transport: LocalTransportParameters;
  readonly #slots: Slot[] = [];
  /** Every mid ever used here: a recycled section must get a new one (RFC 8829 §5.2.2). */
  readonly #usedMids = new Set<string>();
  #sessionId: bigint | undefined;
  #version = 0n;
  /** The mid of the section that tags the BUNDLE group (RFC 8843 §7.2.1), once offered. */
  #bundleTag: string | undefined;
  #pending: OfferedConsumerSection[] | undefined;
  #dtlsRole: NegotiatedDtlsRole | undefined;

  constructor(options: SubscriberSessionOptions) {
    this.#transport = options.transport;
    this.#sessionId = options.sessionId;
  }

  /** The consumers of the current sections, in order. */
  get consumers(): { consumerId: string; mid: string; kind: MediaKind }[] {
    return this.#slots.flatMap((slot) => (slot.track === undefined ? [] : [{ consumerId: slot.track.consumerId, mid: slot.mid, kind: slot.kind }]));
  }

  /** The SFU's DTLS role, once an answer has fixed it. */
  get dtlsRole(): NegotiatedDtlsRole | undefined {
    return this.#dtlsRole;
  }

  /** An offer is out and its answer has not been applied. */
  get awaitingAnswer(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * Gives the consumer a section in the next offer: a recyclable closed one of
   * its kind, else a new one at the end. Returns its mid. TypeError for
   * parameters without a mid or SSRC, a mid used before, or a consumer already here.
   */
  addConsumer(track: ConsumerTrack): string {
    const rtpParameters = validateRtpParameters(track.rtpParameters, 'rtpParameters');
    const { mid } = rtpParameters;
    if (typeof track.consumerId !== 'string' || track.consumerId === '') throw new TypeError('consumerId must be a non-empty string');
    if (this.#slots.some((slot) => slot.track?.consumerId === track.consumerId)) throw new TypeError(`consumer ${track.consumerId} already has a section`);
    if (mid === undefined) throw new TypeError('rtpParameters.mid is required: it names the section');
    if (this.#usedMids.has(mid)) throw new TypeError(`rtpParameters.mid '${mid}' was already used in this session (RFC 8829 §5.2.2: a section gets a new mid)`);
    if (rtpParameters.encodings[0]?.ssrc === undefined) throw new TypeError('rtpParameters.encodings[0].ssrc is required: the browser learns the stream from a=ssrc');
    if (track.kind !== kindOfParameters(rtpParameters)) throw new TypeError(`kind '${track.kind}' does not match rtpParameters.codecs`);
    this.#usedMids.add(mid);
    const entry: ConsumerTrack = { ...track, rtpParameters };
    const recycled = this.#slots.find((slot) => slot.track === undefined && slot.recyclable && slot.kind === track.kind);
    if (recycled !== undefined) {
      Object.assign(recycled, { mid, track: entry, codecs: rtpParameters.codecs, rejected: false } satisfies Partial<Slot>);
    } else {
      this.#slots.push({ mid, kind: track.kind, track: entry, codecs: rtpParameters.codecs, placed: false, recyclable: false, rejected: false });
    }
    return mid;
  }

  /** Closes the consumer's section in the next offer; false if it has none. */
  removeConsumer(consumerId: string): boolean {
    const at = this.#slots.findIndex((slot) => slot.track?.consumerId === consumerId);
    const slot = this.#slots[at];
    if (slot === undefined) return false;
    // A place no offer has shown yet can go: only places after it move, and they were never offered either.
    if (!slot.placed) this.#slots.splice(at, 1);
    else slot.track = undefined;
    return true;
  }

  /**
   * The offer for the current consumers. One at a time: a new offer replaces
   * one still waiting for its answer (which could then no longer be applied).
   */
  createOffer(): SubscriberOffer {
    this.#version += 1n;
    const offer = createSessionDescription({
      attributes: [{ name: 'ice-lite' }],
      sessionVersion: this.#version,
      ...(this.#sessionId === undefined ? {} : { sessionId: this.#sessionId }),
    });
    this.#sessionId = offer.origin.sessionId;
    const setup = this.#dtlsRole === undefined ? 'actpass' : setupForDtlsRole(this.#dtlsRole);
    // The tagged section stays while the browser has not rejected it; the first live one takes over otherwise.
    const tagHolds = this.#slots.some((slot) => slot.mid === this.#bundleTag && !slot.rejected);
    const tag = tagHolds ? this.#bundleTag : this.#slots.find((slot) => slot.track !== undefined)?.mid;
    const sent: OfferedConsumerSection[] = [];
    const bundled: string[] = [];
    this.#slots.forEach((slot, index) => {
      if (slot.track !== undefined) addActiveSection(offer, slot.track, this.#transport, setup);
      else if (slot.mid === tag) addDisabledSection(offer, slot.kind, slot.mid, slot.codecs, this.#transport, setup);
      else addClosedSection(offer, slot.kind, slot.mid, slot.codecs);
      const closed = offer.media[index]!.port === 0;
      if (!closed && slot.mid !== tag) bundled.push(slot.mid);
      sent.push(slot.track === undefined ? { mid: slot.mid, closed } : { mid: slot.mid, consumerId: slot.track.consumerId, closed });
      slot.placed = true;
    });
    this.#bundleTag = tag;
    if (tag !== undefined) setBundleGroup(offer, [tag, ...bundled]);
    this.#pending = sent;
    return { sdp: serializeSessionDescription(offer), description: offer, consumers: this.consumers };
  }

  /**
   * Applies the browser's answer to the last offer. Sections it rejected lose
   * their consumer (listed in `rejectedConsumerIds`: close those consumers).
   * Throws SdpParseError/SdpAttributeError, or SdpNegotiationError (nothing
   * applied): 'NO_OFFER_PENDING', 'BAD_SETUP' when the DTLS role changes, and
   * those of readSubscriberAnswer.
   */
  applyAnswer(answer: string | SessionDescription): SubscriberAnswer {
    const sent = this.#pending;
    if (sent === undefined) throw new SdpNegotiationError('NO_OFFER_PENDING', 'an answer came, but no offer is waiting for one');
    const result = readSubscriberAnswer(readDescription(answer), sent);
    const browserRole = result.dtlsParameters?.role;
    const sfuRole = browserRole === undefined ? undefined : browserRole === 'client' ? 'server' : 'client';
    if (sfuRole !== undefined && this.#dtlsRole !== undefined && sfuRole !== this.#dtlsRole) {
      throw new SdpNegotiationError('BAD_SETUP', `the answer makes the SFU the DTLS ${sfuRole}, but it already is the ${this.#dtlsRole} (RFC 8842 §5.5)`);
    }
    this.#pending = undefined;
    this.#dtlsRole ??= sfuRole;
    for (const section of result.sections) {
      const slot = this.#slots.find((candidate) => candidate.mid === section.mid);
      if (slot === undefined) continue;
      if (!section.accepted && section.consumerId !== undefined && slot.track?.consumerId === section.consumerId) {
        slot.track = undefined;
        slot.rejected = true;
      }
      // The place is at port 0 in the description both sides now hold, unless a new consumer took it meanwhile.
      slot.recyclable = !section.accepted && slot.track === undefined;
    }
    return result;
  }
}
