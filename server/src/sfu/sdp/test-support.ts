/**
 * Test-only: the SFU transport and router the SDP tests negotiate with,
 * consumers made by the real mapping functions from Chromium's offers, a
 * subscriber's answer as Chromium writes one, and error matching.
 */
import { listFixtures, readFixtureText } from '#fixtures/index.ts';
import { expect } from 'vitest';
import {
  type SessionDescription,
  addCodec,
  addMediaSection,
  createSessionDescription,
  getCodecs,
  getDirection,
  getMid,
  parseSessionDescription,
  serializeSessionDescription,
  setBundleGroup,
} from '../../sdp/index.ts';
import { routerRtpCapabilities } from '../rtp-capabilities.ts';
import { consumableRtpParameters, consumerRtpParameters, producerRtpMapping } from '../rtp-mapping.ts';
import type { MediaKind, RtpParameters } from '../rtp-parameters.ts';
import { DEFAULT_MEDIA_CODECS } from '../supported-rtp-capabilities.ts';
import type { ConsumerTrack } from './consumer-sections.ts';
import { SdpNegotiationError, type SdpNegotiationErrorCode } from './errors.ts';
import { producerParametersFromOffer } from './producer-parameters.ts';
import { rtpCapabilitiesFromSdp } from './rtp-capabilities-from-sdp.ts';
import type { LocalTransportParameters } from './transport-attributes.ts';

export const ROUTER_CAPABILITIES = routerRtpCapabilities(DEFAULT_MEDIA_CODECS);

/** The SFU side, as a WebRtcTransport has it (the fingerprint of lite-dtls12-answer.sdp). */
export const SFU_TRANSPORT: LocalTransportParameters = {
  iceParameters: { usernameFragment: 'sfuL', password: 'sfuLitePwd0123456789abcd' },
  iceCandidates: [{ foundation: 'udpcandidate', priority: 2130706431, address: '127.0.0.1', protocol: 'udp', port: 50320, type: 'host' }],
  dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: '7F:A7:76:D0:F1:71:0C:DE:BB:B0:94:EB:47:D6:69:DA:8D:AB:63:69:39:43:6B:EF:C3:C7:4D:C2:12:ED:F1:86' }] },
};

/** Every `*offer*.sdp` Chromium 156 wrote, by file name. */
export const OFFER_FIXTURES: readonly string[] = listFixtures('sdp').filter((file) => file.includes('offer'));

export const plainOffer = readFixtureText('sdp/plain-offer.sdp');
export const simulcastOffer = readFixtureText('sdp/simulcast-offer.sdp');

/** plain-offer.sdp with `change` applied to its model. */
export function editOffer(change: (offer: SessionDescription) => void, text = plainOffer): string {
  const offer = parseSessionDescription(text);
  change(offer);
  return serializeSessionDescription(offer);
}

/** What the router offers its consumers for the section `mid` of a Chromium offer (publisher → router, as produce() does). */
export function consumableFromOffer(offer: string, mid: string, kind: MediaKind): RtpParameters {
  const producer = producerParametersFromOffer(offer, mid, ROUTER_CAPABILITIES);
  return consumableRtpParameters(kind, producer, ROUTER_CAPABILITIES, producerRtpMapping(producer, ROUTER_CAPABILITIES));
}

const CONSUMABLE = { audio: consumableFromOffer(plainOffer, '0', 'audio'), video: consumableFromOffer(plainOffer, '1', 'video') };
const SUBSCRIBER_CAPABILITIES = rtpCapabilitiesFromSdp(plainOffer);

/** A consumer of plain-offer.sdp's publisher, for a subscriber that is Chromium too (as transport.consume() makes it). */
export function consumerTrack(kind: MediaKind, mid: string, streamId = 'publisher-1'): ConsumerTrack {
  const rtpParameters = consumerRtpParameters(CONSUMABLE[kind], SUBSCRIBER_CAPABILITIES, { mid });
  return { consumerId: `consumer-${mid}`, kind, rtpParameters, streamId };
}

export const BROWSER_FINGERPRINT = 'F9:83:F2:BD:16:30:C5:69:8C:FF:39:A8:E7:53:72:62:AA:E1:B6:3D:EB:B7:54:B4:3B:D8:8A:40:38:10:D0:AA';

/**
 * The answer Chromium writes to an SFU offer (cf. plain-answer.sdp): every
 * open section accepted recvonly (or rejected if listed), a=setup:active, its
 * own ICE credentials and fingerprint, port 9 (it trickles its candidates).
 */
export function browserAnswer(offerSdp: string, options: { reject?: readonly string[]; setup?: string } = {}): string {
  const offer = parseSessionDescription(offerSdp);
  const answer = createSessionDescription({ sessionVersion: 2n });
  const accepted: string[] = [];
  for (const media of offer.media) {
    const mid = getMid(media)!;
    if (media.port === 0 || options.reject?.includes(mid)) {
      addMediaSection(answer, { kind: media.kind, port: 0, formats: media.formats, mid });
      continue;
    }
    const direction = getDirection(media, offer) === 'sendonly' ? 'recvonly' : 'inactive';
    const section = addMediaSection(answer, {
      kind: media.kind,
      mid,
      direction,
      attributes: [
        { name: 'ice-ufrag', value: '7vi9' },
        { name: 'ice-pwd', value: 'DOSIPSr1NpYnj+OMCi4OOXQI' },
        { name: 'fingerprint', value: `sha-256 ${BROWSER_FINGERPRINT}` },
        { name: 'setup', value: options.setup ?? 'active' },
        { name: 'rtcp-mux' },
      ],
    });
    for (const codec of getCodecs(media)) addCodec(section, codec);
    accepted.push(mid);
  }
  if (accepted.length > 0) setBundleGroup(answer, accepted);
  return serializeSessionDescription(answer);
}

export function expectNegotiationError(run: () => unknown, code: SdpNegotiationErrorCode): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected SdpNegotiationError ${code}`).toBeInstanceOf(SdpNegotiationError);
  expect((thrown as SdpNegotiationError).code).toBe(code);
}
