/**
 * Test-only: a signaling server in SFU mode on loopback, over a
 * FakeMediaWorker (every media-plane request recorded), clients that speak
 * the protocol, and the browser's half of SDP: its publish offers are the real
 * Chromium offers of the fixtures, its answers to the SFU's offers are made
 * the way Chromium makes them (same sections and mids, recvonly for sendonly,
 * a=setup:active, its own ICE credentials and fingerprint, BUNDLE of what it
 * accepts).
 */
import { readFixtureText } from '#fixtures/index.ts';
import {
  getDirection,
  getMid,
  parseSessionDescription,
  serializeSessionDescription,
  setBundleGroup,
  setDirection,
} from '../../sdp/index.ts';
import { FakeMediaWorker, type MediaWorkerHandler, type Worker, createWorker } from '../../sfu/index.ts';
import type { SignalingClient } from '../client.ts';
import type { SubscriberOfferData } from '../messages.ts';
import type { SignalingServer, SignalingServerOptions } from '../server.ts';
import { listenSignaling } from '../test-support.ts';
import { SfuRoomService } from './sfu-room-service.ts';

/** The browser's DTLS certificate fingerprint in its answers (any well-formed value; the fake media plane checks none). */
export const BROWSER_FINGERPRINT = 'sha-256 AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99';

export interface SfuHarness<Media extends MediaWorkerHandler = FakeMediaWorker> {
  media: Media;
  worker: Worker;
  sfu: SfuRoomService;
  signaling: SignalingServer;
  /** Background failures the service reported (onError) and handler bugs (signaling 'error'). */
  errors: unknown[];
  client(): Promise<SfuTestClient>;
  close(): Promise<void>;
}

export function startSfuSignaling(options: Omit<SignalingServerOptions, 'extension'> = {}): Promise<SfuHarness> {
  return startSfuSignalingOn(new FakeMediaWorker(), options);
}

/** The same on another media plane (the real MediaWorker). */
export async function startSfuSignalingOn<Media extends MediaWorkerHandler>(media: Media, options: Omit<SignalingServerOptions, 'extension'> = {}): Promise<SfuHarness<Media>> {
  const worker = await createWorker({ mediaWorker: media });
  const errors: unknown[] = [];
  const sfu = new SfuRoomService({ worker, onError: (error) => errors.push(error) });
  const listening = await listenSignaling({ ...options, extension: sfu });
  listening.signaling.on('error', (error) => errors.push(error));
  const clients: SfuTestClient[] = [];
  return {
    media,
    worker,
    sfu,
    signaling: listening.signaling,
    errors,
    async client() {
      const client = new SfuTestClient(await listening.client());
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.signaling.close();
      await listening.close();
      sfu.close();
      worker.close();
    },
  };
}

/** A signaling client that keeps every subscriberOffer it gets, in order. */
export class SfuTestClient {
  readonly signaling: SignalingClient;
  readonly offers: SubscriberOfferData[] = [];
  readonly #waiters: (() => void)[] = [];

  constructor(signaling: SignalingClient) {
    this.signaling = signaling;
    signaling.on('subscriberOffer', (offer) => {
      this.offers.push(offer);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** The `count`-th offer (1-based), waiting for it up to `timeoutMs`. */
  async offer(count: number, timeoutMs = 2000): Promise<SubscriberOfferData> {
    const deadline = Date.now() + timeoutMs;
    while (this.offers.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no subscriberOffer #${count} within ${timeoutMs} ms (got ${this.offers.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.offers[count - 1]!;
  }

  /** Answers the latest offer as Chromium would, rejecting the m-lines in `reject`. */
  async answerLatest(options: { reject?: readonly string[] } = {}): Promise<void> {
    const offer = this.offers.at(-1);
    if (offer === undefined) throw new Error('no offer to answer');
    await this.signaling.request('subscribeAnswer', { sdp: browserAnswer(offer.sdp, options) });
  }
}

/** A Chromium publish offer from the fixtures (sendrecv audio + video + a data channel, unless another is named). */
export function chromiumOffer(name = 'sdp/plain-offer.sdp'): string {
  return readFixtureText(name);
}

/**
 * The browser's answer to one of the SFU's offers: every section answered in
 * place with the same mid; port 0 stays 0 (and so do the mids in `reject`);
 * sendonly becomes recvonly; the SFU's transport lines (ICE-lite
 * credentials, candidates, fingerprint, actpass) become the browser's own
 * (a=setup:active, as Chromium answers); the SFU's SSRCs and msid go.
 */
export function browserAnswer(offerSdp: string, options: { reject?: readonly string[] } = {}): string {
  const answer = parseSessionDescription(offerSdp);
  const reject = new Set(options.reject ?? []);
  answer.attributes = answer.attributes.filter(({ name }) => name !== 'ice-lite');
  const accepted: string[] = [];
  for (const media of answer.media) {
    const mid = getMid(media)!;
    if (reject.has(mid)) media.port = 0;
    const direction = getDirection(media, answer);
    media.attributes = media.attributes.filter(({ name }) => !['candidate', 'end-of-candidates', 'ssrc', 'ssrc-group', 'msid', 'ice-ufrag', 'ice-pwd', 'fingerprint', 'setup'].includes(name));
    if (media.port === 0) continue;
    media.port = 9;
    media.attributes.push(
      { name: 'ice-ufrag', value: 'brws' },
      { name: 'ice-pwd', value: 'browserpassword0123456789' },
      { name: 'fingerprint', value: BROWSER_FINGERPRINT },
      { name: 'setup', value: 'active' },
    );
    setDirection(media, direction === 'sendonly' ? 'recvonly' : direction === 'sendrecv' ? 'recvonly' : 'inactive');
    accepted.push(mid);
  }
  setBundleGroup(answer, accepted);
  return serializeSessionDescription(answer);
}

/** The offer with the m-line of `mid` stopped (port 0, as after transceiver.stop()). */
export function withStoppedSection(offerSdp: string, mid: string): string {
  const offer = parseSessionDescription(offerSdp);
  for (const media of offer.media) if (getMid(media) === mid) media.port = 0;
  return serializeSessionDescription(offer);
}

/** mid → { port, direction } of each m-line of an SDP, in order. */
export function sections(sdp: string): { mid: string; kind: string; port: number; direction: string }[] {
  const description = parseSessionDescription(sdp);
  return description.media.map((media) => ({ mid: getMid(media) ?? '', kind: media.kind, port: media.port, direction: getDirection(media, description) }));
}
