/**
 * Test-only: a call through the public SFU API on the real media plane, on
 * loopback. Worker → Router → two WebRtcTransports; a publisher and a
 * subscriber (TestWebRtcPeer) each check, connect and finish DTLS as a
 * browser would; the publisher produces Opus and VP8+RTX with the
 * parameters of Chromium's clear-capture offer (sdp/clear-offer.sdp), whose
 * SSRCs, payload types and extension ids the real packets in rtp-clear/ and
 * pcap/clear-rtp-rtcp.pcapng carry; the subscriber consumes both with the
 * capabilities of that same Chromium offer.
 */
import { readFixture } from '#fixtures/index.ts';
import { classifyDatagram } from '../demux/index.ts';
import { readCapture, udpDatagramsOf } from '../pcap/index.ts';
import type { Consumer, Producer, Router, WebRtcTransport, Worker } from '../sfu/index.ts';
import { createWorker } from '../sfu/index.ts';
import { capabilitiesFromSdp, chromiumOfferSections, producerParametersFromSdp } from '../sfu/test-support.ts';
import { MediaWorker, type MediaWorkerOptions } from './media-worker.ts';
import { TestWebRtcPeer } from './test-webrtc-peer.ts';

export const CLEAR_OFFER = 'sdp/clear-offer.sdp';
/** The publisher's side of the clear capture (PC A's port). */
const PUBLISHER_PORT = 55665;

export interface Call {
  readonly mediaWorker: MediaWorker;
  readonly worker: Worker;
  readonly router: Router;
  readonly send: WebRtcTransport;
  readonly recv: WebRtcTransport;
  readonly publisher: TestWebRtcPeer;
  readonly subscriber: TestWebRtcPeer;
  readonly errors: unknown[];
  close(): Promise<void>;
}

export interface CallOptions extends MediaWorkerOptions {
  /** Leave the subscriber's transport unconnected. */
  readonly subscriber?: boolean;
  /** Seconds; both transports. Default 30. */
  readonly iceConsentTimeout?: number;
}

/** Every error the media plane reported to onError (none expected). */
export async function openCall(options: CallOptions = {}): Promise<Call> {
  const errors: unknown[] = [];
  const { subscriber: connectSubscriber = true, iceConsentTimeout, ...workerOptions } = options;
  const mediaWorker = await MediaWorker.create({ rtcpIntervals: { videoIntervalMs: 100, audioIntervalMs: 100 }, onError: (error) => errors.push(error), ...workerOptions });
  const worker = await createWorker({ mediaWorker });
  const peers: TestWebRtcPeer[] = [];
  const close = async (): Promise<void> => {
    worker.close();
    await mediaWorker.whenClosed();
    await Promise.all(peers.map((peer) => peer.close()));
  };
  try {
    const router = await worker.createRouter();
    const send = await router.createWebRtcTransport(iceConsentTimeout === undefined ? {} : { iceConsentTimeout });
    const recv = await router.createWebRtcTransport(iceConsentTimeout === undefined ? {} : { iceConsentTimeout });
    const publisher = await TestWebRtcPeer.open();
    peers.push(publisher);
    const subscriber = await TestWebRtcPeer.open();
    peers.push(subscriber);
    await connectPeer(publisher, send);
    if (connectSubscriber) await connectPeer(subscriber, recv);
    return { mediaWorker, worker, router, send, recv, publisher, subscriber, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** What a browser does after the answer: a check (no USE-CANDIDATE, as Chromium's first), transport.connect, DTLS as the client. */
export async function connectPeer(peer: TestWebRtcPeer, transport: WebRtcTransport): Promise<void> {
  peer.target(transport);
  const connected = untilDtlsState(transport, 'connected');
  const verdict = await peer.check();
  if (verdict !== 'success') throw new Error(`test call: the check got ${verdict}`);
  await transport.connect({ dtlsParameters: peer.dtlsParameters('auto') });
  await peer.handshake('client');
  await connected;
}

export function untilDtlsState(transport: WebRtcTransport, state: WebRtcTransport['dtlsState'], timeoutMs = 3000): Promise<void> {
  if (transport.dtlsState === state) return Promise.resolve();
  return untilEvent(transport, 'dtlsstatechange', (value) => value === state, timeoutMs).then(() => undefined);
}

/** Anything with on/off, typed events or not. */
type Listenable = { on(event: never, listener: never): unknown; off(event: never, listener: never): unknown };

/** Resolves on the first `event` whose argument `accept` takes. */
export function untilEvent<T = unknown>(emitter: Listenable, event: string, accept: (value: T) => boolean = () => true, timeoutMs = 3000): Promise<T> {
  const target = emitter as unknown as { on(event: string, listener: (value: T) => void): unknown; off(event: string, listener: (value: T) => void): unknown };
  return new Promise((resolve, reject) => {
    const listener = (value: T): void => {
      if (!accept(value)) return;
      clearTimeout(timer);
      target.off(event, listener);
      resolve(value);
    };
    const timer = setTimeout(() => {
      target.off(event, listener);
      reject(new Error(`no '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    target.on(event, listener);
  });
}

export async function produceChromium(call: Call): Promise<{ audio: Producer; video: Producer }> {
  const sections = chromiumOfferSections(CLEAR_OFFER);
  const audio = await call.send.produce({ kind: 'audio', rtpParameters: producerParametersFromSdp(sections.audio, ['audio/opus']) });
  const video = await call.send.produce({ kind: 'video', rtpParameters: producerParametersFromSdp(sections.video, ['video/vp8']) });
  return { audio, video };
}

/** What a Chromium receiver can take: the capabilities of its own offer. */
export function chromiumReceiverCapabilities(): ReturnType<typeof capabilitiesFromSdp> {
  const sections = chromiumOfferSections(CLEAR_OFFER);
  return capabilitiesFromSdp(sections.audio, sections.video);
}

export async function consumeBoth(call: Call, producers: { audio: Producer; video: Producer }, paused = false): Promise<{ audio: Consumer; video: Consumer }> {
  const rtpCapabilities = chromiumReceiverCapabilities();
  const audio = await call.recv.consume({ producerId: producers.audio.id, rtpCapabilities, paused });
  const video = await call.recv.consume({ producerId: producers.video.id, rtpCapabilities, paused });
  return { audio, video };
}

/** One real packet of rtp-clear/ (Chromium 156, as captured). */
export function clearRtp(name: string): Uint8Array {
  return new Uint8Array(readFixture(`rtp-clear/${name}`));
}

/** PC A's RTP of the clear capture, in capture order: the publisher's real stream. */
export function capturedPublisherRtp(): Uint8Array[] {
  return udpDatagramsOf(readCapture(readFixture('pcap/clear-rtp-rtcp.pcapng')))
    .filter((datagram) => datagram.source.port === PUBLISHER_PORT && classifyDatagram(datagram.payload) === 'rtp')
    .map((datagram) => datagram.payload);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
