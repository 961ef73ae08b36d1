/**
 * Test-only: RTP capabilities and parameters read from real Chromium SDP with
 * the sdp package, the way the SDP layer will (it owns the production
 * translation; this is just enough to feed the matching tests with what a
 * browser actually offers), and a worker on a FakeMediaWorker.
 */
import { readFixtureText } from '#fixtures/index.ts';
import {
  type MediaDescription,
  extmapAttribute,
  getCodecs,
  getMid,
  parseSessionDescription,
  readAttributes,
  ssrcAttribute,
  ssrcGroupAttribute,
} from '../sdp/index.ts';
import { FakeMediaWorker } from './fake-media-worker.ts';
import type { MediaKind, RtpCapabilities, RtpCodecParametersMap, RtpParameters } from './rtp-parameters.ts';
import { type Worker, createWorker } from './worker.ts';

export function chromiumOfferSections(name = 'sdp/plain-offer.sdp'): { audio: MediaDescription; video: MediaDescription } {
  const offer = parseSessionDescription(readFixtureText(name));
  const audio = offer.media.find((media) => media.kind === 'audio');
  const video = offer.media.find((media) => media.kind === 'video');
  if (audio === undefined || video === undefined) throw new Error(`${name} lacks an audio or video section`);
  return { audio, video };
}

/** What the browser can receive, as offered in these sections (payload types and ext ids are the browser's). */
export function capabilitiesFromSdp(...sections: MediaDescription[]): RtpCapabilities {
  return {
    codecs: sections.flatMap((media) =>
      getCodecs(media).map((codec) => ({
        kind: media.kind as MediaKind,
        mimeType: `${media.kind}/${codec.name}`,
        preferredPayloadType: codec.payloadType,
        clockRate: codec.clockRate,
        ...(codec.channels === undefined ? {} : { channels: codec.channels }),
        parameters: parametersOf(codec.parameters),
        rtcpFeedback: codec.feedback.map(({ type, parameter }) => (parameter === undefined ? { type } : { type, parameter })),
      })),
    ),
    headerExtensions: sections.flatMap((media) =>
      readAttributes(media, extmapAttribute).map(({ id, uri }) => ({ kind: media.kind as MediaKind, uri, preferredId: id })),
    ),
  };
}

/**
 * What the browser would send with this section if the answer kept the
 * codecs named by `mimeTypes` (in offer order, with their RTX): one encoding
 * with the section's SSRC and FID RTX SSRC, its mid and cname.
 */
export function producerParametersFromSdp(media: MediaDescription, mimeTypes: readonly string[]): RtpParameters {
  const all = getCodecs(media);
  const chosen = all.filter((codec) => mimeTypes.includes(`${media.kind}/${codec.name}`.toLowerCase()));
  const kept = new Set(chosen.map((codec) => codec.payloadType));
  const rtx = all.filter((codec) => codec.name.toLowerCase() === 'rtx' && kept.has(Number(codec.parameters.get('apt'))));
  const ssrcLines = readAttributes(media, ssrcAttribute);
  const fid = readAttributes(media, ssrcGroupAttribute).find((group) => group.semantics === 'FID');
  const ssrc = fid?.ssrcs[0] ?? ssrcLines[0]?.ssrc;
  const cname = ssrcLines.find((line) => line.attribute === 'cname')?.value;
  const params: RtpParameters = {
    codecs: [...chosen, ...rtx].map((codec) => ({
      mimeType: `${media.kind}/${codec.name}`,
      payloadType: codec.payloadType,
      clockRate: codec.clockRate,
      ...(codec.channels === undefined ? {} : { channels: codec.channels }),
      parameters: parametersOf(codec.parameters),
      rtcpFeedback: codec.feedback.map(({ type, parameter }) => (parameter === undefined ? { type } : { type, parameter })),
    })),
    headerExtensions: readAttributes(media, extmapAttribute).map(({ id, uri }) => ({ uri, id })),
    encodings: [{ ...(ssrc === undefined ? {} : { ssrc }), ...(fid?.ssrcs[1] === undefined ? {} : { rtx: { ssrc: fid.ssrcs[1] } }) }],
    rtcp: { ...(cname === undefined ? {} : { cname }), reducedSize: true },
  };
  const mid = getMid(media);
  if (mid !== undefined) params.mid = mid;
  return params;
}

/** fmtp values as SDP has them: strings (the API accepts '1' where it compares numbers). */
function parametersOf(parameters: ReadonlyMap<string, string>): RtpCodecParametersMap {
  return Object.fromEntries(parameters);
}

export async function fakeWorker(): Promise<{ media: FakeMediaWorker; worker: Worker }> {
  const media = new FakeMediaWorker();
  const worker = await createWorker({ mediaWorker: media });
  return { media, worker };
}

export const OPUS_PARAMETERS: RtpParameters = {
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { minptime: 10, useinbandfec: 1 } }],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4 }],
  encodings: [{ ssrc: 1111 }],
  rtcp: { cname: 'publisher' },
};

export const VP8_PARAMETERS: RtpParameters = {
  mid: '1',
  codecs: [
    { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'transport-cc' }] },
    { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
  ],
  headerExtensions: [
    { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4 },
    { uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 3 },
  ],
  encodings: [{ ssrc: 2222, rtx: { ssrc: 2223 } }],
  rtcp: { cname: 'publisher' },
};

type AnyEmitter = { on(event: string, listener: (...args: unknown[]) => void): unknown };

/** Appends `<label> <event>` (and `<label> observer:<event>`) to `log` for each listed event. */
export function recordEvents(log: string[], label: string, object: { observer: unknown }, events: readonly string[], observerEvents: readonly string[] = ['close']): void {
  for (const event of events) (object as unknown as AnyEmitter).on(event, () => log.push(`${label} ${event}`));
  for (const event of observerEvents) (object.observer as AnyEmitter).on(event, () => log.push(`${label} observer:${event}`));
}

export const PRODUCER_EVENTS = ['transportclose', 'score', 'videoorientationchange'] as const;
export const CONSUMER_EVENTS = ['transportclose', 'producerclose', 'producerpause', 'producerresume', 'score'] as const;
export const TRANSPORT_EVENTS = ['routerclose', 'icestatechange', 'iceselectedtuplechange', 'dtlsstatechange'] as const;
