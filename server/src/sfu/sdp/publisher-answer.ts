/**
 * The SFU's answer to a publisher: the browser offers what it sends (its send
 * transceivers, plus whatever else it has, e.g. a data channel), the SFU
 * answers as an ICE-lite endpoint that receives (RFC 8829 §5.3.1, RFC 3264 §6):
 *
 *   const answer = createPublisherAnswer(offerSdp, { transport, routerRtpCapabilities: router.rtpCapabilities });
 *   await transport.connect({ dtlsParameters: answer.remoteDtlsParameters });   // first negotiation only
 *   for (const { mid, receiving } of answer.sections) if (receiving) {
 *     const rtpParameters = producerParametersFromOffer(offerSdp, mid, router.rtpCapabilities);
 *     await transport.produce({ kind: ..., rtpParameters });
 *   }
 *   // → the browser: setRemoteDescription({ type: 'answer', sdp: answer.sdp })
 *
 * Every offered section is answered in its place (RFC 3264 §6). Accepted:
 * audio and video over UDP/TLS/RTP/SAVPF in the offer's BUNDLE group with
 * a=rtcp-mux (the SFU runs one transport per peer connection), with at least
 * one codec of the router. The answer then has, per section:
 * - the router's codecs the offer has, at the offer's payload types, each with
 *   its RTX, RTCP feedback limited to the router's (offered-sections.ts); no
 *   RED or ULPFEC, so Chromium sends plain media;
 * - the offered header extensions the router reads, at the offer's ids;
 * - a=recvonly (a=inactive if the browser does not send there: the SFU sends
 *   nothing on a publisher's connection), a=rtcp-mux, a=rtcp-rsize if offered;
 * - a=rid recv and a=simulcast:recv mirroring offered simulcast (RFC 8853 §5.3);
 * - the transport lines: ICE-lite credentials, candidates, a=end-of-candidates,
 *   fingerprint and a=setup (dtls-setup.ts: the SFU is the DTLS server unless
 *   `dtlsRole: 'client'`; a role already taken in the offer is kept, §5.5).
 * Everything else (m=application, a section outside BUNDLE, without rtcp-mux
 * or without a common codec) gets port 0 and is left out of the BUNDLE group.
 * No a=extmap-allow-mixed: the ids Chromium offers fit the one-byte header.
 */
import {
  type Origin,
  type SessionDescription,
  addCodec,
  addMediaSection,
  appendAttribute,
  createSessionDescription,
  extmapAttribute,
  hasAttribute,
  ridAttribute,
  serializeSessionDescription,
  setBundleGroup,
  simulcastAttribute,
} from '../../sdp/index.ts';
import type { RtpCapabilities } from '../rtp-parameters.ts';
import type { DtlsParameters } from '../webrtc-transport-parameters.ts';
import { readDescription } from './description-input.ts';
import { type NegotiatedDtlsRole, answerSetup, setupForDtlsRole } from './dtls-setup.ts';
import { SdpNegotiationError } from './errors.ts';
import { type OfferedSection, readOfferedSections } from './offered-sections.ts';
import { sdpCodecFromRtp } from './sdp-codecs.ts';
import { type LocalTransportParameters, type RemoteTransportParameters, defaultDestination, readRemoteTransport, writeTransportAttributes } from './transport-attributes.ts';

export interface PublisherAnswerOptions {
  /** The transport the browser publishes on (a WebRtcTransport is one). */
  transport: LocalTransportParameters;
  /** `router.rtpCapabilities`: which codecs and header extensions the answer may keep. */
  routerRtpCapabilities: RtpCapabilities;
  /** The SFU's DTLS role when the offer leaves it open (a=setup:actpass). Default 'server'. */
  dtlsRole?: NegotiatedDtlsRole;
  /** The o= of the previous answer on this connection: the new one keeps its session id, one version up (RFC 3264 §8). */
  previousOrigin?: Pick<Origin, 'sessionId' | 'sessionVersion'>;
}

export interface AnsweredSection {
  mid: string;
  /** As offered: 'audio', 'video', 'application', ... */
  kind: string;
  accepted: boolean;
  /** Accepted, and the browser sends on it: one producer (`producerParametersFromOffer`). */
  receiving: boolean;
  /** Why it got port 0. */
  rejection?: string;
}

export interface PublisherAnswer {
  /** For the browser: `setRemoteDescription({ type: 'answer', sdp })`. */
  sdp: string;
  description: SessionDescription;
  /** One per offered section, in order. */
  sections: AnsweredSection[];
  /** For `transport.connect()`: the browser's fingerprints and the DTLS role it now has. Absent when nothing was accepted. */
  remoteDtlsParameters?: DtlsParameters;
  /** The browser's ICE credentials. Absent when nothing was accepted. */
  remoteIceParameters?: RemoteTransportParameters['iceParameters'];
}

/** Throws SdpParseError/SdpAttributeError (malformed offer) or SdpNegotiationError (see errors.ts). */
export function createPublisherAnswer(offer: string | SessionDescription, options: PublisherAnswerOptions): PublisherAnswer {
  const description = readDescription(offer);
  const sections = readOfferedSections(description, options.routerRtpCapabilities);
  const first = sections.find((section) => section.rejection === undefined);
  const previous = options.previousOrigin;
  const answer = createSessionDescription({
    attributes: [{ name: 'ice-lite' }],
    ...(previous === undefined ? {} : { sessionId: previous.sessionId, sessionVersion: previous.sessionVersion + 1n }),
  });
  const result: PublisherAnswer = { sdp: '', description: answer, sections: sections.map(answeredSection) };
  let setup: 'active' | 'passive' = 'passive';
  if (first !== undefined) {
    // With BUNDLE every accepted section shares one transport; Chromium repeats its lines in each.
    const remote = readRemoteTransport(description, first.media, first.mid);
    if (remote.setup === undefined || remote.setup === 'holdconn') {
      throw new SdpNegotiationError('BAD_SETUP', `mid ${first.mid}: the offer must say a=setup:actpass, active or passive (RFC 8842 §5.2)`);
    }
    setup = answerSetup(remote.setup, setupForDtlsRole(options.dtlsRole ?? 'server'));
    // The browser takes the other role (RFC 8842 §5.3): it is the client when the SFU answers passive.
    result.remoteDtlsParameters = { role: setup === 'passive' ? 'client' : 'server', fingerprints: remote.fingerprints };
    result.remoteIceParameters = remote.iceParameters;
  }
  for (const section of sections) {
    if (section.rejection === undefined) addAcceptedSection(answer, section, options.transport, setup);
    else addMediaSection(answer, { kind: section.media.kind, port: 0, protocol: section.media.protocol, formats: section.media.formats, mid: section.mid });
  }
  const accepted = sections.filter((section) => section.rejection === undefined).map((section) => section.mid);
  if (accepted.length > 0) setBundleGroup(answer, accepted);
  result.sdp = serializeSessionDescription(answer);
  return result;
}

function answeredSection(section: OfferedSection): AnsweredSection {
  const answered: AnsweredSection = { mid: section.mid, kind: section.media.kind, accepted: section.rejection === undefined, receiving: section.receiving };
  if (section.rejection !== undefined) answered.rejection = section.rejection;
  return answered;
}

function addAcceptedSection(answer: SessionDescription, section: OfferedSection, transport: LocalTransportParameters, setup: 'active' | 'passive'): void {
  const { port, connection } = defaultDestination(transport.iceCandidates);
  const media = addMediaSection(answer, { kind: section.media.kind, port, protocol: section.media.protocol, connection, mid: section.mid });
  writeTransportAttributes(media, transport, setup);
  for (const { id, uri } of section.headerExtensions) appendAttribute(media, extmapAttribute, { id, uri });
  media.attributes.push({ name: section.receiving ? 'recvonly' : 'inactive' }, { name: 'rtcp-mux' });
  // RFC 5506 §5: reduced-size RTCP only when the offer proposed it.
  if (hasAttribute(section.media, 'rtcp-rsize')) media.attributes.push({ name: 'rtcp-rsize' });
  if (section.simulcast !== undefined) {
    for (const { rid } of section.simulcast.flat()) appendAttribute(media, ridAttribute, { id: rid, direction: 'recv', restrictions: [] });
    appendAttribute(media, simulcastAttribute, { recv: section.simulcast });
  }
  for (const codec of section.codecs) addCodec(media, sdpCodecFromRtp(codec));
}
