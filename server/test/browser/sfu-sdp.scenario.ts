/**
 * Browser scenario (run by sfu-sdp.test.ts, normally inside a loopback-only
 * network namespace): real Chromium negotiating with the SDP the SFU writes
 * (server/src/sfu/sdp), the SFU's objects running on a FakeMediaWorker. No
 * media is exchanged: this checks what Chromium accepts and what it makes of it.
 *
 * 1. Publisher: audio + video + a data channel → the SFU's answer; then a
 *    second video track (renegotiation) → the next answer.
 * 2. Publisher with simulcast (rids q, h, f) → the answer.
 * 3. Subscriber: the SFU offers 1, 2, 3 consumers; the middle one's producer
 *    closes; a new consumer recycles its section; the first one's producer
 *    closes. Chromium answers each offer and the SFU applies the answer.
 *
 * Prints one line, `RESULT <json>`, for the test to assert on; the log goes to stderr.
 */
import type { Page } from 'playwright-core';
import { type Consumer, type Producer, type Router, type WebRtcTransport, DEFAULT_MEDIA_CODECS } from '#server/sfu/index.ts';
import { fakeWorker } from '#server/sfu/test-support.ts';
import {
  type PublisherAnswer,
  type SubscriberAnswer,
  SubscriberSession,
  createPublisherAnswer,
  producerParametersFromOffer,
  rtpCapabilitiesFromSdp,
} from '#server/sfu/sdp/index.ts';
import type { MediaKind, RtpCapabilities, RtpEncodingParameters } from '#server/sfu/rtp-parameters.ts';
import { launchChromium } from './chromium.ts';

const started = Date.now();
const log = (message: string) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);

/** What the page reports about one RTCPeerConnection after a step. */
export interface PeerState {
  ok: boolean;
  error?: string;
  signalingState?: string;
  /** The description the page set locally (its offer or answer). */
  local?: string;
  transceivers?: {
    mid: string | null;
    kind: string;
    direction: string;
    currentDirection: string | null;
    receiverTrackId: string;
    receiverTrackState: string;
    sendCodecs: string[];
    sendRids: (string | null)[];
  }[];
  tracks?: { mid: string | null; kind: string; streams: string[]; trackId: string }[];
}

/**
 * The page side, as a string: the project compiles without the DOM library.
 * Tracks come from a canvas and an oscillator, so no camera permission is involved.
 */
const PAGE_SCRIPT = `(() => {
  const pcs = {};
  const tracks = {};
  function videoTrack(color) {
    const canvas = document.createElement('canvas');
    canvas.width = 320; canvas.height = 240;
    const context = canvas.getContext('2d');
    setInterval(() => { context.fillStyle = color; context.fillRect(0, 0, 320, 240); }, 100);
    return canvas.captureStream(10).getVideoTracks()[0];
  }
  function audioTrack() {
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    const destination = audio.createMediaStreamDestination();
    oscillator.connect(destination);
    oscillator.start();
    return destination.stream.getAudioTracks()[0];
  }
  function state(name) {
    const pc = pcs[name];
    return {
      ok: true,
      signalingState: pc.signalingState,
      local: pc.localDescription ? pc.localDescription.sdp : undefined,
      transceivers: pc.getTransceivers().map((t) => {
        const parameters = t.sender.getParameters();
        return {
          mid: t.mid, kind: t.receiver.track.kind, direction: t.direction, currentDirection: t.currentDirection,
          receiverTrackId: t.receiver.track.id, receiverTrackState: t.receiver.track.readyState,
          sendCodecs: (parameters.codecs || []).map((c) => c.payloadType + ' ' + c.mimeType),
          sendRids: (parameters.encodings || []).map((e) => e.rid === undefined ? null : e.rid),
        };
      }),
      tracks: tracks[name] || [],
    };
  }
  async function step(name, run) {
    try { await run(pcs[name]); return state(name); } catch (error) { return { ok: false, error: String(error) }; }
  }
  globalThis.sdpLab = {
    publish: (name, simulcast) => step(name, async () => {
      const pc = pcs[name] = new RTCPeerConnection();
      const stream = new MediaStream([audioTrack(), videoTrack('#36c')]);
      pc.addTrack(stream.getAudioTracks()[0], stream);
      if (simulcast) {
        pc.addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly', streams: [stream], sendEncodings: [
          { rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f' } ] });
      } else {
        pc.addTrack(stream.getVideoTracks()[0], stream);
        pc.createDataChannel('chat');
      }
      await pc.setLocalDescription(await pc.createOffer());
    }),
    addVideo: (name) => step(name, async (pc) => {
      const track = videoTrack('#c63');
      pc.addTrack(track, new MediaStream([track]));
      await pc.setLocalDescription(await pc.createOffer());
    }),
    answer: (name, sdp) => step(name, (pc) => pc.setRemoteDescription({ type: 'answer', sdp })),
    subscribe: (name, sdp) => step(name, async () => {
      let pc = pcs[name];
      if (!pc) {
        pc = pcs[name] = new RTCPeerConnection();
        tracks[name] = [];
        pc.ontrack = (event) => tracks[name].push({ mid: event.transceiver.mid, kind: event.track.kind, streams: event.streams.map((s) => s.id), trackId: event.track.id });
      }
      await pc.setRemoteDescription({ type: 'offer', sdp });
      await pc.setLocalDescription(await pc.createAnswer());
    }),
  };
})()`;

interface PublishStep {
  offer: PeerState;
  answer: { answer: PublisherAnswer; ssrcs: Record<string, number[]> };
  applied: PeerState;
}

/** What the scenario prints (bigints of o= lines become strings in the JSON). */
export interface SfuSdpResult {
  chromium: string;
  alice: PublishStep & { reoffer: PeerState; reanswer: PublishStep['answer']; reapplied: PeerState; transportRole: string | undefined };
  bob: PublishStep & { encodings: RtpEncodingParameters[] };
  carol: { rounds: SubscriberRound[]; transportRole: string | undefined };
}

export interface SubscriberRound {
  label: string;
  /** The SFU's offer. */
  offer: string;
  /** Chromium after setRemoteDescription(offer) and setLocalDescription(answer): `local` is its answer. */
  browser: PeerState;
  applied?: SubscriberAnswer;
  /** applyAnswer's error, if it refused the answer. */
  error?: string;
}

interface LabGlobals {
  sdpLab: Record<string, (...args: unknown[]) => Promise<PeerState>>;
}

function call(page: Page, method: string, ...args: unknown[]): Promise<PeerState> {
  return page.evaluate(([name, rest]) => (globalThis as unknown as LabGlobals).sdpLab[name]!(...rest), [method, args] as const);
}

/** The SFU's side of one publishing connection: answers each offer, produces each new sending section. */
class Publisher {
  readonly producers = new Map<string, Producer>();
  #previous: PublisherAnswer | undefined;

  constructor(
    readonly router: Router,
    readonly transport: WebRtcTransport,
  ) {}

  async answer(offer: string): Promise<{ answer: PublisherAnswer; ssrcs: Record<string, number[]> }> {
    const answer = createPublisherAnswer(offer, {
      transport: this.transport,
      routerRtpCapabilities: this.router.rtpCapabilities,
      ...(this.#previous === undefined ? {} : { previousOrigin: this.#previous.description.origin }),
    });
    if (this.#previous === undefined) await this.transport.connect({ dtlsParameters: answer.remoteDtlsParameters! });
    this.#previous = answer;
    const ssrcs: Record<string, number[]> = {};
    for (const { mid, kind, receiving } of answer.sections) {
      if (!receiving || this.producers.has(mid)) continue;
      const rtpParameters = producerParametersFromOffer(offer, mid, this.router.rtpCapabilities);
      this.producers.set(mid, await this.transport.produce({ kind: kind as MediaKind, rtpParameters }));
      ssrcs[mid] = (rtpParameters.encodings ?? []).flatMap((e) => [e.ssrc, e.rtx?.ssrc]).filter((ssrc): ssrc is number => ssrc !== undefined);
    }
    return { answer, ssrcs };
  }
}

async function main(): Promise<void> {
  const { worker } = await fakeWorker();
  const router = await worker.createRouter({ mediaCodecs: [...DEFAULT_MEDIA_CODECS] });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setContent('<title>sfu sdp</title>');
    await page.evaluate(PAGE_SCRIPT);
    const chromium = browser.context.browser()?.version() ?? 'unknown';

    // 1. Publisher: audio, video, data channel; then one more video track.
    const alice = new Publisher(router, await router.createWebRtcTransport());
    const aliceOffer = await call(page, 'publish', 'alice', false);
    const aliceAnswer = await alice.answer(aliceOffer.local!);
    const aliceApplied = await call(page, 'answer', 'alice', aliceAnswer.answer.sdp);
    log(`alice: ${aliceApplied.ok ? 'answer applied' : aliceApplied.error}`);
    const aliceReoffer = await call(page, 'addVideo', 'alice');
    const aliceReanswer = await alice.answer(aliceReoffer.local!);
    const aliceReapplied = await call(page, 'answer', 'alice', aliceReanswer.answer.sdp);
    log(`alice renegotiated: ${aliceReapplied.ok ? 'answer applied' : aliceReapplied.error}`);

    // 2. Publisher with simulcast.
    const bob = new Publisher(router, await router.createWebRtcTransport());
    const bobOffer = await call(page, 'publish', 'bob', true);
    const bobAnswer = await bob.answer(bobOffer.local!);
    const bobApplied = await call(page, 'answer', 'bob', bobAnswer.answer.sdp);
    log(`bob (simulcast): ${bobApplied.ok ? 'answer applied' : bobApplied.error}`);

    // 3. Subscriber carol receives alice's and bob's tracks as they come and go.
    const capabilities: RtpCapabilities = rtpCapabilitiesFromSdp(aliceOffer.local!);
    const recv = await router.createWebRtcTransport();
    const session = new SubscriberSession({ transport: recv });
    const rounds: SubscriberRound[] = [];
    const consumers = new Map<string, Consumer>();
    const consume = async (producer: Producer, streamId: string) => {
      const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: capabilities, paused: true });
      consumers.set(consumer.rtpParameters.mid!, consumer);
      consumer.on('producerclose', () => session.removeConsumer(consumer.id));
      session.addConsumer({ consumerId: consumer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters, streamId });
    };
    const round = async (label: string) => {
      const offer = session.createOffer();
      const state = await call(page, 'subscribe', 'carol', offer.sdp);
      const entry: SubscriberRound = { label, offer: offer.sdp, browser: state };
      if (state.ok) {
        try {
          const applied = session.applyAnswer(state.local!);
          entry.applied = applied;
          if (!recv.dtlsParameters.role || recv.dtlsParameters.role === 'auto') await recv.connect({ dtlsParameters: applied.dtlsParameters! });
        } catch (error) {
          entry.error = String(error);
        }
      }
      log(`carol ${label}: ${state.ok ? (entry.error ?? 'answer applied') : state.error}`);
      rounds.push(entry);
    };
    await consume(alice.producers.get('0')!, 'alice');
    await round('1 consumer');
    await consume(alice.producers.get('1')!, 'alice');
    await round('2 consumers');
    await consume(bob.producers.get('1')!, 'bob');
    await round('3 consumers');
    alice.producers.get('1')!.close();
    await round('middle closed');
    await consume(alice.producers.get('3')!, 'alice');
    await round('recycled');
    alice.producers.get('0')!.close();
    await round('first closed');

    const result: SfuSdpResult = {
      chromium,
      alice: {
        offer: aliceOffer, answer: aliceAnswer, applied: aliceApplied, reoffer: aliceReoffer, reanswer: aliceReanswer, reapplied: aliceReapplied,
        transportRole: alice.transport.dtlsParameters.role,
      },
      bob: { offer: bobOffer, answer: bobAnswer, applied: bobApplied, encodings: bob.producers.get('1')?.rtpParameters.encodings ?? [] },
      carol: { rounds, transportRole: recv.dtlsParameters.role },
    };
    process.stdout.write(`RESULT ${JSON.stringify(result, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))}\n`);
  } finally {
    await browser.close();
    worker.close();
  }
}

await main();
