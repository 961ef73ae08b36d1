/**
 * The web app through the SFU, in real browsers: four headless Chromium pages
 * in one room, two in another (sfu-call.scenario.ts), and a subscriber behind
 * a lossy path (sfu-loss.scenario.ts). The scenarios drive the pages inside a
 * loopback-only network namespace, one after the other; this file asserts on
 * what they report and prints the figures. Without Chromium the tests are
 * skipped, loudly, unless REQUIRE_BROWSER=1 (CI), where they fail.
 */
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SfuStats } from '#server/signaling/sfu/stats.ts';
import type { ConsumerTotals } from './sfu-observer.ts';
import type { BitrateRamp, Reception } from './sfu-page.ts';
import { chromiumForTests } from './require-browser.ts';
import { sharedScenario } from './run-scenario.ts';

type Ramp = BitrateRamp & { name: string };

interface FirstFrames {
  callMs: number | null;
  firstFrameMs: number[];
}

interface SfuCallResult {
  chromium: string;
  media: { listenIp: string; port: number; announcedIp: string };
  call: {
    names: string[];
    peerIds: string[];
    receptions: { first: Reception[][]; second: Reception[][] };
    daveFirstFrames: FirstFrames;
    aliceRamp: BitrateRamp;
    ramps: Ramp[];
    tiles: string[][];
    statsText: string;
    sparklinePoints: string | null;
    heading: string;
    statusText: string;
    statsFull: SfuStats;
    mute: {
      offState: string;
      offMs: number;
      framesWhileOff: number;
      producerPausedWhenOff: boolean | null;
      producerPausedWhenOn: boolean | null;
      onState: string;
      decodingAgainMs: number;
      buttons: string;
    };
    rooms: { otherRoom: string[][]; mainRoom: string[][]; mainTiles: string[][]; stats: SfuStats; afterClose: SfuStats; roomClosedMs: number };
    reload: {
      oldPeerId: string;
      newPeerId: string;
      othersSee: string[][];
      othersTiles: string[][];
      daveReceives: string[];
      daveFirstFrames: FirstFrames;
      backMs: number;
      stats: SfuStats;
    };
    leave: {
      disappearedMs: number[];
      serverLeftMs: number;
      consumersClosedMs: number;
      consumersOfCarolTracks: { before: number; after: number };
      liveConsumers: { before: number; after: number };
      carolAfterLeave: { joinFormShown: boolean; tiles: number };
      remaining: string[][];
      stats: SfuStats;
    };
  };
  screenshot: string;
  elapsedMs: number;
}

interface LossSample {
  atMs: number;
  framesDecoded: number;
  packetsLost: number;
  nackCount: number;
  retransmittedPacketsReceived: number;
  sfuToSub: ConsumerTotals;
  proxyDropped: number;
}

interface SfuLossResult {
  chromium: string;
  loss: {
    loss: number;
    samples: LossSample[];
    sfuToPub: ConsumerTotals;
    pubSeesSub?: { framesDecoded: number; nackCount: number };
    proxy: { toClient: { received: number; dropped: number }; toTarget: { dropped: number } };
  };
  elapsedMs: number;
}

const CALL_TIMEOUT_MS = 120_000;
const LOSS_TIMEOUT_MS = 60_000;
const available = chromiumForTests('the SFU call tests');

/** The room's counts in /api/stats. */
const room = (stats: SfuStats, id: string) => stats.rooms.find((candidate) => candidate.id === id);

describe.runIf(available)('SFU call in Chromium: four participants, two rooms', { timeout: CALL_TIMEOUT_MS + 10_000 }, () => {
  const run = sharedScenario<SfuCallResult>('./sfu-call.scenario.ts', { timeoutMs: CALL_TIMEOUT_MS });
  const result = async () => (await run()).result.call;

  it('each page decodes all 3 remote videos and receives all 3 remote audio tracks, through the SFU', async () => {
    const call = await result();
    expect(call.tiles).toEqual(call.names.map((name) => call.names.filter((other) => other !== name)));
    call.names.forEach((name, page) => {
      const first = call.receptions.first[page]!;
      const second = call.receptions.second[page]!;
      expect(second.map((reception) => reception.name).sort()).toEqual(call.names.filter((other) => other !== name));
      for (const reception of second) {
        const before = first.find((earlier) => earlier.peerId === reception.peerId)!;
        const what = `${name} ← ${reception.name}`;
        expect(reception.tracks, what).toEqual(['audio:live', 'video:live']);
        expect(reception.framesDecoded, `${what}: video frames decoded`).toBeGreaterThan(before.framesDecoded);
        expect(reception.audioPackets, `${what}: audio packets`).toBeGreaterThan(before.audioPackets);
        expect(reception.audioSamples, `${what}: audio samples`).toBeGreaterThan(before.audioSamples);
      }
    });
    const dave = call.daveFirstFrames;
    const { elapsedMs, isolated, result: whole } = await run();
    console.log(
      `SFU browser scenario: ${elapsedMs} ms (${isolated ? 'private network namespace' : 'host network'}), Chromium ${whole.chromium}; ` +
        `dave (4th) joined ${dave.callMs} ms after opening the page, first frames of the 3 remote videos at ${dave.firstFrameMs.join(', ')} ms`,
    );
  });

  it("a publisher's outbound video reaches 1 Mbit/s within 10 s (bytesSent deltas over 1 s)", async () => {
    const { aliceRamp, ramps } = await result();
    const mbps = (bps: number) => (bps / 1e6).toFixed(2);
    console.log(
      `alice's video through the SFU: ≥ 1 Mbit/s after ${aliceRamp.reachedAfterMs} ms; kbit/s per second: ${aliceRamp.perSecondKbps.join(' ')}; ` +
        `encoder target ${mbps(aliceRamp.lastTargetBps)} Mbit/s at ${aliceRamp.width} px (quality limitation: ${aliceRamp.limitation})\n` +
        `in the 4-person call, kbit/s per second since each one's first byte: ${ramps.map((ramp) => `${ramp.name} ${ramp.perSecondKbps.join(' ')} (target now ${mbps(ramp.lastTargetBps)})`).join('; ')}`,
    );
    expect(aliceRamp.reachedAfterMs, 'alice reaches 1 Mbit/s').not.toBeNull();
    expect(aliceRamp.reachedAfterMs!).toBeLessThanOrEqual(10_000);
    expect(aliceRamp.peakBps).toBeGreaterThanOrEqual(1_000_000);
  });

  it('shows the SFU call view with per-tile stats and a sparkline, and /api/stats counts rooms, peers, producers, consumers and the worker', async () => {
    const call = await result();
    expect(call.heading).toBe('SFU call');
    expect(call.statusText).toMatch(/4 in the call · SFU/);
    expect(call.statsText).toMatch(/^\d+(\.\d+)? (kbit|Mbit)\/s · lost \d+ · RTT (\d+ ms|–) · \d+x\d+ \d+ fps$/);
    expect(call.sparklinePoints?.split(' ').length).toBeGreaterThanOrEqual(2);
    expect(call.statsFull.mode).toBe('sfu');
    expect(call.statsFull.rooms).toEqual([{ id: 'sfu', peers: 4, producers: 8, consumers: 24 }]);
    expect(call.statsFull.workers).toHaveLength(1);
    const [worker] = call.statsFull.workers;
    expect(worker).toMatchObject({ routers: 1, pid: expect.any(Number) });
    expect(worker!.cpu.userSeconds).toBeGreaterThan(0);
    expect(worker!.memory.rssBytes).toBeGreaterThan(10_000_000);
  });

  it("turns a camera off by pausing its producer: the others' tiles say so, and video comes back when it is on again", async () => {
    const { mute } = await result();
    expect(mute.offState).toContain('camera off');
    expect(mute.producerPausedWhenOff).toBe(true);
    expect(mute.framesWhileOff, 'frames bob decoded from alice in the second her camera was off').toBe(0);
    expect(mute.producerPausedWhenOn).toBe(false);
    expect(mute.onState).not.toContain('camera off');
    expect(mute.buttons).toBe('true Camera on');
    console.log(`camera off shown to bob after ${mute.offMs} ms; decoding again ${mute.decodingAgainMs} ms after camera on`);
  });

  it('keeps two rooms apart', async () => {
    const { rooms } = await result();
    expect(rooms.otherRoom).toEqual([['frank'], ['erin']]);
    expect(rooms.mainRoom).toEqual([
      ['bob', 'carol', 'dave'],
      ['alice', 'carol', 'dave'],
      ['alice', 'bob', 'dave'],
      ['alice', 'bob', 'carol'],
    ]);
    expect(rooms.mainTiles.flat()).not.toContain('erin');
    expect(rooms.mainTiles.flat()).not.toContain('frank');
    expect(room(rooms.stats, 'sfu')).toEqual({ id: 'sfu', peers: 4, producers: 8, consumers: 24 });
    expect(room(rooms.stats, 'sfu-2')).toEqual({ id: 'sfu-2', peers: 2, producers: 4, consumers: 4 });
    expect(rooms.stats.workers[0]!.routers).toBe(2);
    expect(rooms.afterClose.rooms.map((entry) => entry.id)).toEqual(['sfu']);
    expect(rooms.afterClose.workers[0]!.routers).toBe(1);
  });

  it('lets a participant who reloads rejoin cleanly: a new peer the others see with video, who sees everyone', async () => {
    const { reload } = await result();
    expect(reload.newPeerId).not.toBe(reload.oldPeerId);
    for (const seen of reload.othersSee) {
      expect(seen).toContain(reload.newPeerId);
      expect(seen).not.toContain(reload.oldPeerId);
      expect(seen).toHaveLength(3);
    }
    for (const tiles of reload.othersTiles) expect(tiles.filter((name) => name === 'dave')).toHaveLength(1);
    expect(reload.daveReceives).toEqual(['alice', 'bob', 'carol']);
    expect(room(reload.stats, 'sfu')).toEqual({ id: 'sfu', peers: 4, producers: 8, consumers: 24 });
    console.log(`reload: everyone decoding again ${reload.backMs} ms after the reload; dave's first frames at ${reload.daveFirstFrames.firstFrameMs.join(', ')} ms after the page started loading`);
  });

  it('removes a participant who leaves from the others within 2 s, and closes their consumers on the server', async () => {
    const { leave } = await result();
    expect(leave.disappearedMs).toHaveLength(3);
    for (const elapsed of leave.disappearedMs) expect(elapsed).toBeLessThan(2000);
    expect(leave.consumersOfCarolTracks).toEqual({ before: 6, after: 0 });
    expect(leave.liveConsumers).toEqual({ before: 24, after: 12 });
    expect(room(leave.stats, 'sfu')).toEqual({ id: 'sfu', peers: 3, producers: 6, consumers: 12 });
    expect(leave.carolAfterLeave).toEqual({ joinFormShown: true, tiles: 0 });
    expect(leave.remaining).toEqual([
      ['bob', 'dave'],
      ['alice', 'dave'],
      ['alice', 'bob'],
    ]);
    console.log(`leave (from the click): the server had it after ${leave.serverLeftMs} ms, the tile was gone after ${leave.disappearedMs.join(', ')} ms, the consumers closed after ${leave.consumersClosedMs} ms`);
  });

  it('saves a screenshot of the call view as a test artifact', async () => {
    const { screenshot } = (await run()).result;
    expect(existsSync(screenshot)).toBe(true);
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  });
});

describe.runIf(available)('SFU call in Chromium: a lossy path to one subscriber', { timeout: LOSS_TIMEOUT_MS + 10_000 }, () => {
  const run = sharedScenario<SfuLossResult>('./sfu-loss.scenario.ts', { timeoutMs: LOSS_TIMEOUT_MS });
  const result = async () => (await run()).result.loss;

  it('recovers with NACK and RTX: the SFU retransmits and the subscriber keeps decoding', async () => {
    const loss = await result();
    const first = loss.samples[0]!;
    const last = loss.samples.at(-1)!;
    expect(loss.proxy.toClient.dropped).toBeGreaterThan(0);
    expect(last.nackCount, 'NACKs the subscriber sent').toBeGreaterThan(0);
    expect(last.sfuToSub.nackCount, 'NACKs the SFU received').toBeGreaterThan(0);
    expect(last.sfuToSub.packetsRetransmitted, 'packets the SFU retransmitted').toBeGreaterThan(0);
    expect(last.retransmittedPacketsReceived, 'retransmissions the subscriber received').toBeGreaterThan(0);
    for (let index = 1; index < loss.samples.length; index += 1) {
      expect(loss.samples[index]!.framesDecoded, `framesDecoded at sample ${index}`).toBeGreaterThan(loss.samples[index - 1]!.framesDecoded);
    }
    const seconds = (last.atMs - first.atMs) / 1000;
    console.log(
      `loss ${loss.loss * 100} % SFU→subscriber: the proxy dropped ${loss.proxy.toClient.dropped} of ${loss.proxy.toClient.received} datagrams; ` +
        `the SFU resent ${last.sfuToSub.packetsRetransmitted} packets for ${last.sfuToSub.nackCount} NACKs; the subscriber decoded ${((last.framesDecoded - first.framesDecoded) / seconds).toFixed(1)} frames/s ` +
        `over ${seconds.toFixed(1)} s (lost ${last.packetsLost}, retransmissions received ${last.retransmittedPacketsReceived}); lossless control: the SFU resent ${loss.sfuToPub.packetsRetransmitted} to the publisher`,
    );
  });
});
