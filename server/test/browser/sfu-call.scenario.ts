/**
 * Browser scenario (run by sfu-call.test.ts, normally inside a loopback-only
 * network namespace): `npm start`'s app in SFU mode, the default (the real
 * media worker on a free UDP port), and headless Chromium pages with fake
 * cameras and microphones.
 *
 * 1. alice joins room "sfu" by URL and publishes: her outbound video bitrate,
 *    from bytesSent deltas over 1 s (the probe in sfu-page.ts), until it
 *    reaches 1 Mbit/s or 10 s have passed. The camera is moving noise
 *    (fake-video.ts): Chromium's own fake camera never needs 1 Mbit/s.
 * 2. bob, carol and dave join, one after another. Each page must decode all 3
 *    remote videos and receive all 3 remote audio tracks (framesDecoded,
 *    packetsReceived and totalSamplesReceived rising), through the SFU. Every
 *    publisher's bitrate in the full call is reported. A screenshot of alice's page.
 * 3. alice turns her camera off and on: bob's tile says so, the server's
 *    producer pauses and resumes, and bob decodes her video again.
 * 4. erin and frank join room "sfu-2": they see only each other; room "sfu"
 *    still sees four; /api/stats lists both rooms. They close their pages.
 * 5. dave reloads his page: the others see him leave and come back, with video.
 * 6. carol clicks Leave: her tile is gone from the others' pages (time
 *    measured), and her consumers and the ones of her tracks close on the server.
 *
 * Prints one line, `RESULT <json>`, for the test to assert on; the log goes to stderr.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from '#server/app/start.ts';
import type { SfuStats } from '#server/signaling/sfu/stats.ts';
import { launchChromium, type LaunchedChromium } from './chromium.ts';
import { REPO_ROOT } from './run-scenario.ts';
import { appOptions, elapsedMs, log, runMain, sleep, waitFor } from './scenario-support.ts';
import { SfuObserver } from './sfu-observer.ts';
import { bitrateRamp, clickedAt, joinedPage, joinSfuPage, probe, PROBE_SCRIPT, receptions, recordClickTime, tileGoneAt, type JoinedPage, type Reception } from './sfu-page.ts';

const ROOM = 'sfu';
const OTHER_ROOM = 'sfu-2';
const NAMES = ['alice', 'bob', 'carol', 'dave'] as const;
/** Generous: under a full `npm test` two cores serve Chromium, six pages, the SFU and everything else. */
const JOIN_DEADLINE_MS = 20_000;
const MEDIA_DEADLINE_MS = 30_000;
const LEAVE_DEADLINE_MS = 5_000;
/** The figure: a publisher's video reaches 1 Mbit/s within 10 s. */
const TARGET_BPS = 1_000_000;
const RAMP_WINDOW_MS = 10_000;
/** Detail the encoder has to spend bits on (fake-video.ts): Chromium's own fake camera never needs 1 Mbit/s. */
const NOISE_CAMERA = { width: 640, height: 480, frameRate: 30, frames: 60 };
export const SCREENSHOT = path.join(REPO_ROOT, 'test-artifacts', 'sfu-call.png');

async function apiStats(app: RunningApp): Promise<SfuStats> {
  return (await (await fetch(`${app.origin}/api/stats`)).json()) as SfuStats;
}

/** Until every page receives audio and video from exactly `others(page)`, all decoding. */
async function allReceiving(pages: readonly JoinedPage[], others: (page: JoinedPage) => string[]): Promise<Reception[][]> {
  return waitFor('media from every remote peer on every page', MEDIA_DEADLINE_MS, async () => {
    const all = await Promise.all(pages.map((joined) => receptions(joined.page)));
    const complete = all.every((list, index) => {
      const expected = others(pages[index]!);
      return (
        list.length === expected.length &&
        list.every((reception) => expected.includes(reception.peerId) && reception.videoTracks === 1 && reception.audioTracks === 1 && reception.framesDecoded > 0 && reception.audioPackets > 0)
      );
    });
    return complete ? all : undefined;
  });
}

async function tileNames(page: Page): Promise<string[]> {
  return page.locator('.tile:not(.local)').evaluateAll((elements) => elements.map((element) => (element as unknown as { dataset: Record<string, string> }).dataset['name'] ?? ''));
}

/** How long after `since` each remote video of this page decoded its first frame (from the page's probe). */
async function firstFrames(joined: JoinedPage, list: readonly Reception[]): Promise<{ callMs: number | null; firstFrameMs: number[] }> {
  const recorded = await probe(joined.page);
  const firstFrameMs = list.flatMap((reception) => reception.videoTrackIds.map((id) => Math.round(recorded.firstFrame[id] ?? -1)));
  return { callMs: recorded.callAt === null ? null : Math.round(recorded.callAt), firstFrameMs };
}

/** alice alone: how soon her video reaches 1 Mbit/s, watched for at most 10 s after her first byte. */
async function rampPhase(alice: JoinedPage) {
  const ramp = await waitFor('alice to send video for 10 s', RAMP_WINDOW_MS + JOIN_DEADLINE_MS, async () => {
    const samples = (await probe(alice.page)).outbound;
    const start = samples.find((sample) => sample.bytesSent > 0);
    const ramp = bitrateRamp(samples, TARGET_BPS);
    return ramp.reachedAfterMs !== null || (start !== undefined && samples.at(-1)!.at - start.at >= RAMP_WINDOW_MS) ? ramp : undefined;
  }, 200);
  log(`alice's video: ${JSON.stringify(ramp)}`);
  return ramp;
}

async function callPhase(browser: LaunchedChromium, app: RunningApp, observer: SfuObserver) {
  const pages: JoinedPage[] = [await joinSfuPage(browser, app.origin, ROOM, NAMES[0], JOIN_DEADLINE_MS)];
  const aliceRamp = await rampPhase(pages[0]!);
  for (const name of NAMES.slice(1)) {
    pages.push(await joinSfuPage(browser, app.origin, ROOM, name, JOIN_DEADLINE_MS));
    log(`${name} joined`);
  }
  const peerIds = pages.map((joined) => joined.peerId);
  const othersOf = (list: readonly JoinedPage[]) => (page: JoinedPage) => list.filter((other) => other !== page).map((other) => other.peerId);

  const first = await allReceiving(pages, othersOf(pages));
  log('media flowing everywhere');
  const dave = pages[3]!;
  const daveFirstFrames = await firstFrames(dave, first[3]!);
  await sleep(1500);
  const second = await Promise.all(pages.map((joined) => receptions(joined.page)));

  // Every publisher in the full call, for the record: four encoders and twelve decoders share the machine.
  await sleep(3000);
  const ramps = await Promise.all(pages.map(async (joined) => ({ name: joined.name, ...bitrateRamp((await probe(joined.page)).outbound, TARGET_BPS) })));
  log(`bitrates in the call: ${JSON.stringify(ramps.map((ramp) => [ramp.name, ramp.perSecondKbps, ramp.lastTargetBps]))}`);

  const tiles = await Promise.all(pages.map((joined) => tileNames(joined.page)));
  const statsText = await pages[0]!.page.locator('.tile:not(.local) .numbers').first().innerText();
  const sparklinePoints = await pages[0]!.page.locator('.tile:not(.local) polyline').first().getAttribute('points');
  const heading = await pages[0]!.page.locator('h1').innerText();
  const statusText = await pages[0]!.page.locator('#status').innerText();
  const statsFull = await apiStats(app);
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await pages[0]!.page.screenshot({ path: SCREENSHOT });
  log(`screenshot ${SCREENSHOT}`);

  const mute = await mutePhase(pages[0]!, pages[1]!, observer);
  const rooms = await otherRoomPhase(browser, app, pages);
  const reload = await reloadPhase(pages, app);
  const leave = await leavePhase(pages, app, observer);
  for (const joined of pages) await joined.page.close();
  return {
    names: [...NAMES],
    peerIds,
    receptions: { first, second },
    daveFirstFrames,
    aliceRamp,
    ramps,
    tiles,
    statsText,
    sparklinePoints,
    heading,
    statusText,
    statsFull,
    mute,
    rooms,
    reload,
    leave,
  };
}

/** alice's camera off, then on: what bob's page shows, and what the server's producer does. */
async function mutePhase(alice: JoinedPage, bob: JoinedPage, observer: SfuObserver) {
  const aliceVideo = () => observer.producers.find((producer) => producer.id === alice.producerIds['video']);
  const bobSeesAlice = async () => (await receptions(bob.page)).find((reception) => reception.peerId === alice.peerId)!;
  await alice.page.locator('#toggle-camera').click();
  const offAt = Date.now();
  const offState = await waitFor('bob to see alice camera off', LEAVE_DEADLINE_MS, async () => {
    const state = (await bobSeesAlice()).state;
    return state.includes('camera off') ? state : undefined;
  }, 50);
  const offMs = Date.now() - offAt;
  const producerPausedWhenOff = aliceVideo()?.paused ?? null;
  // What was on its way when the producer paused has arrived by now (a busy page decodes late); then nothing more must come.
  await sleep(1000);
  const framesWhenOff = (await bobSeesAlice()).framesDecoded;
  await sleep(1000);
  const framesWhileOff = (await bobSeesAlice()).framesDecoded - framesWhenOff;
  await alice.page.locator('#toggle-camera').click();
  const onAt = Date.now();
  const resumed = await waitFor('bob to decode alice again', MEDIA_DEADLINE_MS, async () => {
    const reception = await bobSeesAlice();
    return !reception.state.includes('camera off') && reception.framesDecoded > framesWhenOff + framesWhileOff + 5 ? reception : undefined;
  }, 100);
  return {
    offState,
    offMs,
    framesWhileOff,
    producerPausedWhenOff,
    producerPausedWhenOn: aliceVideo()?.paused ?? null,
    onState: resumed.state,
    decodingAgainMs: Date.now() - onAt,
    buttons: `${await alice.page.locator('#toggle-camera').getAttribute('aria-pressed')} ${await alice.page.locator('#toggle-camera').innerText()}`,
  };
}

/** erin and frank in another room: each sees only the other, and room "sfu" does not see them. */
async function otherRoomPhase(browser: LaunchedChromium, app: RunningApp, mainPages: readonly JoinedPage[]) {
  const erin = await joinSfuPage(browser, app.origin, OTHER_ROOM, 'erin', JOIN_DEADLINE_MS);
  const frank = await joinSfuPage(browser, app.origin, OTHER_ROOM, 'frank', JOIN_DEADLINE_MS);
  const pair = [erin, frank];
  const received = await allReceiving(pair, (page) => pair.filter((other) => other !== page).map((other) => other.peerId));
  const otherRoom = received.map((list) => list.map((reception) => reception.name));
  const mainRoom = await Promise.all(mainPages.map(async (joined) => (await receptions(joined.page)).map((reception) => reception.name).sort()));
  const mainTiles = await Promise.all(mainPages.map((joined) => tileNames(joined.page)));
  const stats = await apiStats(app);
  await erin.page.close({ runBeforeUnload: true });
  await frank.page.close({ runBeforeUnload: true });
  const closedAt = Date.now();
  const afterClose = await waitFor('room sfu-2 to close', LEAVE_DEADLINE_MS, async () => {
    const now = await apiStats(app);
    return now.rooms.some((room) => room.id === OTHER_ROOM) ? undefined : now;
  }, 100);
  return { otherRoom, mainRoom, mainTiles, stats, afterClose, roomClosedMs: Date.now() - closedAt };
}

/** dave reloads: the others lose his old peer and get the new one, with video; he gets everyone's again. */
async function reloadPhase(pages: JoinedPage[], app: RunningApp) {
  const old = pages[3]!;
  const reloadAt = Date.now();
  await old.page.reload();
  const dave = await joinedPage(old.page, old.name, JOIN_DEADLINE_MS);
  pages[3] = dave;
  const others = pages.slice(0, 3);
  const received = await allReceiving(pages, (page) => pages.filter((other) => other !== page).map((other) => other.peerId));
  const backMs = Date.now() - reloadAt;
  const stats = await apiStats(app);
  return {
    oldPeerId: old.peerId,
    newPeerId: dave.peerId,
    othersSee: received.slice(0, 3).map((list) => list.map((reception) => reception.peerId)),
    othersTiles: await Promise.all(others.map((joined) => tileNames(joined.page))),
    daveReceives: received[3]!.map((reception) => reception.name).sort(),
    daveFirstFrames: await firstFrames(dave, received[3]!),
    backMs,
    stats,
  };
}

/** carol leaves: her tile goes from the others' pages, and every consumer of hers and of her tracks closes on the server. */
async function leavePhase(pages: JoinedPage[], app: RunningApp, observer: SfuObserver) {
  const carol = pages[2]!;
  const carolProducers = Object.values(carol.producerIds);
  const ofCarolTracks = observer.consumersOf(carolProducers);
  const openBefore = ofCarolTracks.filter((consumer) => !consumer.closed).length;
  const liveBefore = observer.liveConsumers().length;
  let serverLeftAt = Number.NaN;
  const onPeerLeft = ({ peer }: { peer: { id: string } }) => {
    if (peer.id === carol.peerId) serverLeftAt = Date.now();
  };
  app.signaling.on('peerleft', onPeerLeft);
  // Timed from the click as the page dispatches it: what Playwright does before (waiting for the button to be
  // stable and hit-testable, on a renderer busy decoding) is not the app's.
  await recordClickTime(carol.page, '#leave');
  await carol.page.locator('#leave').click();
  const remaining = [pages[0]!, pages[1]!, pages[3]!];
  const goneAt = await Promise.all(remaining.map((joined) => tileGoneAt(joined.page, carol.peerId, LEAVE_DEADLINE_MS)));
  const clickAt = await clickedAt(carol.page);
  const consumersClosedAt = await waitFor('the consumers of carol to close', LEAVE_DEADLINE_MS, async () => {
    const stats = await apiStats(app);
    const room = stats.rooms.find((candidate) => candidate.id === ROOM);
    return room?.consumers === 12 && ofCarolTracks.every((consumer) => consumer.closed) ? Date.now() : undefined;
  }, 20);
  app.signaling.off('peerleft', onPeerLeft);
  const disappearedMs = goneAt.map((at) => Math.round(at - clickAt));
  const stats = await apiStats(app);
  log(`carol gone after ${disappearedMs.join(', ')} ms (the server had her leave after ${Math.round(serverLeftAt - clickAt)} ms); her consumers closed after ${Math.round(consumersClosedAt - clickAt)} ms`);
  return {
    disappearedMs,
    serverLeftMs: Math.round(serverLeftAt - clickAt),
    consumersClosedMs: Math.round(consumersClosedAt - clickAt),
    consumersOfCarolTracks: { before: openBefore, after: ofCarolTracks.filter((consumer) => !consumer.closed).length },
    liveConsumers: { before: liveBefore, after: observer.liveConsumers().length },
    carolAfterLeave: { joinFormShown: await carol.page.locator('#join').isVisible(), tiles: await carol.page.locator('.tile').count() },
    remaining: await Promise.all(remaining.map(async (joined) => (await receptions(joined.page)).map((reception) => reception.name).sort())),
    stats,
  };
}

async function main() {
  let app: RunningApp | undefined;
  let browser: LaunchedChromium | undefined;
  try {
    app = await startApp(appOptions(['--rtc-port', '0']));
    const observer = new SfuObserver(app.sfu!.worker);
    log(`app on ${app.origin}, media on udp ${app.sfu!.media.listenIp}:${app.sfu!.media.port}`);
    browser = await launchChromium({ noiseCamera: NOISE_CAMERA });
    await browser.context.addInitScript({ content: PROBE_SCRIPT });
    log(`chromium ${browser.context.browser()?.version() ?? '?'}`);
    const call = await callPhase(browser, app, observer);
    return { chromium: browser.context.browser()?.version(), media: app.sfu!.media, call, screenshot: SCREENSHOT, elapsedMs: elapsedMs() };
  } finally {
    await browser?.close();
    await app?.close();
  }
}

runMain(main);
