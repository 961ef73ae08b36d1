/**
 * Reading a subscriber's answer to the SFU's offer: which sections the
 * browser took, and its side of the transport (for `transport.connect()`).
 * Pure: SubscriberSession applies the result once it is known to be valid.
 */
import { type Direction, type SessionDescription, getBundleGroups, getDirection, getMid, hasAttribute } from '../../sdp/index.ts';
import type { DtlsParameters } from '../webrtc-transport-parameters.ts';
import { type NegotiatedDtlsRole, dtlsRoleForSetup } from './dtls-setup.ts';
import { SdpNegotiationError } from './errors.ts';
import { type RemoteTransportParameters, readRemoteTransport } from './transport-attributes.ts';

/** One section of the offer, as the session sent it. */
export interface OfferedConsumerSection {
  mid: string;
  /** Set when the section carried a consumer (sendonly). */
  consumerId?: string;
  /** Sent with port 0. */
  closed: boolean;
}

export interface AnsweredConsumerSection {
  mid: string;
  consumerId?: string;
  /** Not port 0 in the answer. */
  accepted: boolean;
  /** The answer's direction: `recvonly` for a consumer the browser receives. */
  direction: Direction;
}

export interface SubscriberAnswer {
  /** One per offered section, in order. */
  sections: AnsweredConsumerSection[];
  /** Consumers whose section the browser rejected (port 0): close them; their slots are recycled. */
  rejectedConsumerIds: string[];
  /** For `transport.connect()`: the browser's fingerprints and DTLS role. Absent when it accepted nothing. */
  dtlsParameters?: DtlsParameters & { role: NegotiatedDtlsRole };
  /** The browser's ICE credentials. Absent when it accepted nothing. */
  iceParameters?: RemoteTransportParameters['iceParameters'];
}

/**
 * Throws SdpNegotiationError: 'ANSWER_MISMATCH' when the sections do not pair
 * with the offer's (RFC 3264 §6), 'NOT_BUNDLED' for an accepted section out of
 * the BUNDLE group or without a=rtcp-mux, 'BAD_SETUP' for a DTLS role that is
 * not active or passive (RFC 8842 §5.3), and the transport errors of
 * readRemoteTransport.
 */
export function readSubscriberAnswer(answer: SessionDescription, offered: readonly OfferedConsumerSection[]): SubscriberAnswer {
  if (answer.media.length !== offered.length) {
    throw new SdpNegotiationError('ANSWER_MISMATCH', `the answer has ${answer.media.length} m= sections, the offer ${offered.length} (RFC 3264 §6)`);
  }
  const bundle = new Set(getBundleGroups(answer)[0]?.mids ?? []);
  const result: SubscriberAnswer = { sections: [], rejectedConsumerIds: [] };
  let first: { media: SessionDescription['media'][number]; mid: string } | undefined;
  answer.media.forEach((media, index) => {
    const sent = offered[index]!;
    const mid = getMid(media);
    if (mid !== sent.mid) throw new SdpNegotiationError('ANSWER_MISMATCH', `answer section ${index + 1} has mid ${mid ?? '(none)'}, the offer's has ${sent.mid}`);
    const accepted = media.port !== 0;
    if (accepted && sent.closed) throw new SdpNegotiationError('ANSWER_MISMATCH', `mid ${mid} was offered with port 0 but accepted (RFC 3264 §6)`);
    if (accepted && (!bundle.has(mid) || !hasAttribute(media, 'rtcp-mux'))) {
      throw new SdpNegotiationError('NOT_BUNDLED', `mid ${mid} is accepted outside the BUNDLE group or without a=rtcp-mux`);
    }
    const section: AnsweredConsumerSection = { mid, accepted, direction: getDirection(media, answer) };
    if (sent.consumerId !== undefined) section.consumerId = sent.consumerId;
    result.sections.push(section);
    if (!accepted && sent.consumerId !== undefined) result.rejectedConsumerIds.push(sent.consumerId);
    if (accepted) first ??= { media, mid };
  });
  if (first === undefined) return result;
  const remote = readRemoteTransport(answer, first.media, first.mid);
  if (remote.setup !== 'active' && remote.setup !== 'passive') {
    throw new SdpNegotiationError('BAD_SETUP', `mid ${first.mid}: an answer must say a=setup:active or passive, not ${remote.setup ?? 'nothing'} (RFC 8842 §5.3)`);
  }
  result.dtlsParameters = { role: dtlsRoleForSetup(remote.setup), fingerprints: remote.fingerprints };
  result.iceParameters = remote.iceParameters;
  return result;
}
