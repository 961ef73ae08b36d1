/**
 * Reading an SFU-mode page from a scenario: what it receives from each remote
 * peer (the receive connection's inbound-rtp entries of that peer's tracks),
 * and a probe that records, from the moment the page loads, the send
 * connection's outbound video counters and when each remote video decoded
 * its first frame.
 *
 * page.evaluate callbacks run in the page and the project's tsconfig has no
 * DOM library, so the page's globals are typed by hand (PageGlobals); the
 * probe is plain JavaScript in a string, so nothing the TypeScript compiler
 * adds can end up in the page.
 */
import type { Page } from 'playwright-core';
import type { LaunchedChromium } from './chromium.ts';
import { openPage } from './scenario-support.ts';

type StatsEntry = Record<string, unknown>;
interface StatsReport {
  forEach(callback: (entry: StatsEntry) => void): void;
}
interface PageTrack {
  id: string;
  kind: string;
  readyState: string;
}

/** window.call as sfu-call.js has it (only what the scenarios read). */
export interface PageSfuCall {
  mode: string;
  peerId?: string;
  producers: { producerId: string; mid: string; kind: string }[];
  peers: Map<string, { id: string; name: string; state: string; stream: { getTracks(): PageTrack[] }; tracks: Map<string, PageTrack> }>;
  sendConnection: { getStats(): Promise<StatsReport> };
  receiveConnection: { getStats(): Promise<StatsReport>; connectionState: string };
}

export interface OutboundSample {
  /** The stats entry's timestamp, ms. */
  at: number;
  bytesSent: number;
  targetBitrate: number;
  width: number;
  limitation: string;
}

export interface Probe {
  outbound: OutboundSample[];
  /** Remote video track id → performance.now() (ms since the page started loading) of its first decoded frame. */
  firstFrame: Record<string, number>;
  /** performance.now() when window.call first existed: joined and published. */
  callAt: number | null;
}

export interface PageGlobals {
  call?: PageSfuCall;
  __sfuProbe?: Probe;
  document: {
    querySelector(selector: string): unknown;
    addEventListener(type: string, listener: (event: { target: unknown }) => void, options: { capture: boolean }): void;
  };
  performance: { timeOrigin: number; now(): number };
  /** Set by clickTime(): when the page dispatched the click, ms since the epoch. */
  __clickedAt?: number;
}

/** Records in window.__clickedAt when the page dispatches the next click on `selector`, before the app's handler runs. */
export async function recordClickTime(page: Page, selector: string): Promise<void> {
  await page.evaluate((target) => {
    const globals = globalThis as unknown as PageGlobals;
    globals.document.addEventListener(
      'click',
      (event) => {
        if (event.target === globals.document.querySelector(target)) globals.__clickedAt = globals.performance.timeOrigin + globals.performance.now();
      },
      { capture: true },
    );
  }, selector);
}

export async function clickedAt(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__clickedAt ?? Number.NaN);
}

/** When (ms since the epoch, seen in the page) the tile of `peerId` is gone from `page`; polls every 20 ms. */
export async function tileGoneAt(page: Page, peerId: string, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (id) => {
      const globals = globalThis as unknown as PageGlobals;
      return globals.document.querySelector(`.tile[data-peer-id="${id}"]`) === null ? globals.performance.timeOrigin + globals.performance.now() : false;
    },
    peerId,
    { timeout: timeoutMs, polling: 20 },
  );
  return (await handle.jsonValue()) as number;
}

/** Every 200 ms, once window.call is an SFU call. Installed with addInitScript, so it survives reloads. */
export const PROBE_SCRIPT = `(() => {
  const probe = { outbound: [], firstFrame: {}, callAt: null };
  window.__sfuProbe = probe;
  setInterval(async () => {
    const call = window.call;
    if (!call || call.mode !== 'sfu') return;
    if (probe.callAt === null) probe.callAt = performance.now();
    try {
      const [sent, received] = await Promise.all([call.sendConnection.getStats(), call.receiveConnection.getStats()]);
      sent.forEach((entry) => {
        if (entry.type !== 'outbound-rtp' || entry.kind !== 'video') return;
        probe.outbound.push({ at: entry.timestamp, bytesSent: entry.bytesSent ?? 0, targetBitrate: entry.targetBitrate ?? 0, width: entry.frameWidth ?? 0, limitation: entry.qualityLimitationReason ?? '' });
      });
      received.forEach((entry) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'video' && entry.framesDecoded > 0 && !(entry.trackIdentifier in probe.firstFrame)) {
          probe.firstFrame[entry.trackIdentifier] = performance.now();
        }
      });
    } catch {
      // The call was left: its connections are closed.
    }
  }, 200);
})();`;

/** What one page receives from one remote peer. */
export interface Reception {
  peerId: string;
  name: string;
  state: string;
  videoTracks: number;
  audioTracks: number;
  framesDecoded: number;
  audioPackets: number;
  audioSamples: number;
  nackCount: number;
  retransmittedPackets: number;
  packetsLost: number;
  /** Remote video track ids, to look up in the probe's firstFrame. */
  videoTrackIds: string[];
  tracks: string[];
}

export async function receptions(page: Page): Promise<Reception[]> {
  return page.evaluate(async () => {
    const call = (globalThis as unknown as PageGlobals).call;
    if (call === undefined || call.mode !== 'sfu') return [];
    const inbound = new Map<string, StatsEntry>();
    (await call.receiveConnection.getStats()).forEach((entry) => {
      if (entry['type'] === 'inbound-rtp') inbound.set(String(entry['trackIdentifier']), entry);
    });
    return [...call.peers.values()].map((peer) => {
      const reception = {
        peerId: peer.id,
        name: peer.name,
        state: peer.state,
        videoTracks: 0,
        audioTracks: 0,
        framesDecoded: 0,
        audioPackets: 0,
        audioSamples: 0,
        nackCount: 0,
        retransmittedPackets: 0,
        packetsLost: 0,
        videoTrackIds: [] as string[],
        tracks: peer.stream.getTracks().map((track) => `${track.kind}:${track.readyState}`).sort(),
      };
      for (const track of peer.tracks.values()) {
        const entry = inbound.get(track.id) ?? {};
        reception.nackCount += Number(entry['nackCount'] ?? 0);
        reception.retransmittedPackets += Number(entry['retransmittedPacketsReceived'] ?? 0);
        reception.packetsLost += Number(entry['packetsLost'] ?? 0);
        if (track.kind === 'video') {
          reception.videoTracks += 1;
          reception.framesDecoded += Number(entry['framesDecoded'] ?? 0);
          reception.videoTrackIds.push(track.id);
        } else {
          reception.audioTracks += 1;
          reception.audioPackets += Number(entry['packetsReceived'] ?? 0);
          reception.audioSamples += Number(entry['totalSamplesReceived'] ?? 0);
        }
      }
      return reception;
    });
  });
}

export async function probe(page: Page): Promise<Probe> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__sfuProbe ?? { outbound: [], firstFrame: {}, callAt: null });
}

export interface JoinedPage {
  readonly page: Page;
  readonly name: string;
  readonly peerId: string;
  /** producerId of each published track, by kind. */
  readonly producerIds: Record<string, string>;
}

/** Opens the app at room/name and waits until the page joined in SFU mode and published. */
export async function joinSfuPage(browser: LaunchedChromium, origin: string, room: string, name: string, timeoutMs: number, initScript?: string): Promise<JoinedPage> {
  const page = await openPage(browser, `${origin}/?room=${room}&name=${name}`, initScript === undefined ? {} : { initScript });
  return joinedPage(page, name, timeoutMs);
}

/** Waits for the page's call (after a load or a reload) and reads who it is. */
export async function joinedPage(page: Page, name: string, timeoutMs: number): Promise<JoinedPage> {
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__sfuProbe?.callAt != null, undefined, { timeout: timeoutMs });
  const { peerId, mode, producers } = await page.evaluate(() => {
    const call = (globalThis as unknown as PageGlobals).call!;
    return { peerId: call.peerId ?? '', mode: call.mode, producers: call.producers };
  });
  if (mode !== 'sfu') throw new Error(`${name}: the page joined in ${mode} mode`);
  return { page, name, peerId, producerIds: Object.fromEntries(producers.map((producer) => [producer.kind, producer.producerId])) };
}

export interface BitrateRamp {
  /** When (ms after the first byte) a 1 s window first reached the figure asked for; null if none did. */
  reachedAfterMs: number | null;
  /** The highest 1 s window. */
  peakBps: number;
  /** Each whole second from the first byte: kbit/s over that second (from the sample nearest its end). */
  perSecondKbps: number[];
  /** The encoder's last targetBitrate (what the bandwidth estimate gives it), frame width and quality limitation. */
  lastTargetBps: number;
  width: number;
  limitation: string;
}

/** The outbound video bitrate over 1 s windows of the probe's samples (bytesSent deltas). */
export function bitrateRamp(samples: readonly OutboundSample[], bitsPerSecond: number): BitrateRamp {
  const start = samples.find((sample) => sample.bytesSent > 0);
  let reachedAfterMs: number | null = null;
  let peakBps = 0;
  for (let index = 0, from = 0; index < samples.length; index += 1) {
    const sample = samples[index]!;
    while (from + 1 < index && sample.at - samples[from + 1]!.at >= 1000) from += 1;
    const base = samples[from]!;
    if (start === undefined || sample.at - base.at < 1000) continue;
    const bps = ((sample.bytesSent - base.bytesSent) * 8 * 1000) / (sample.at - base.at);
    peakBps = Math.max(peakBps, bps);
    if (reachedAfterMs === null && bps >= bitsPerSecond) reachedAfterMs = Math.round(sample.at - start.at);
  }
  const perSecondKbps: number[] = [];
  if (start !== undefined) {
    let previous = start;
    for (let second = 1; ; second += 1) {
      const end = samples.find((sample) => sample.at >= start.at + second * 1000);
      if (end === undefined) break;
      perSecondKbps.push(Math.round(((end.bytesSent - previous.bytesSent) * 8) / (end.at - previous.at)));
      previous = end;
    }
  }
  const last = samples.at(-1);
  return { reachedAfterMs, peakBps: Math.round(peakBps), perSecondKbps, lastTargetBps: last?.targetBitrate ?? 0, width: last?.width ?? 0, limitation: last?.limitation ?? '' };
}
