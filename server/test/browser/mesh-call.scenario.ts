/**
 * Browser scenario (run by mesh-call.test.ts, normally inside a loopback-only
 * network namespace): `npm start`'s app in mesh mode with room tokens, and
 * headless Chromium pages with fake cameras and microphones.
 *
 * 1. alice, bob and carol join room "mesh" by URL (/?room&name&token), one after another.
 * 2. Each page must decode both remote videos (inbound-rtp framesDecoded rising)
 *    and receive both remote audio tracks (packets rising, tracks live).
 * 3. A screenshot of alice's call view goes to test-artifacts/.
 * 4. carol clicks Leave; the time until her tile is gone from alice's and bob's pages is measured.
 * 5. A bad token and a missing token must each show an error in the page.
 * 6. The same app over HTTPS (certificate from server/src/x509): the page is a
 *    secure context and joins over wss.
 *
 * Prints one line, `RESULT <json>`, for the test to assert on; the log goes to stderr.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from '#server/app/start.ts';
import { mintTokenFor } from '#server/signaling/index.ts';
import { launchChromium, type LaunchedChromium } from './chromium.ts';
import { REPO_ROOT } from './run-scenario.ts';
import { appOptions, elapsedMs, log, openPage, runMain, waitFor } from './scenario-support.ts';

const ROOM = 'mesh';
const NAMES = ['alice', 'bob', 'carol'] as const;
const MEDIA_DEADLINE_MS = 30_000;
const LEAVE_DEADLINE_MS = 5_000;
/** Generous: under a full `npm test` two cores serve Chromium, three pages and everything else. */
const JOIN_DEADLINE_MS = 20_000;
export const SCREENSHOT = path.join(REPO_ROOT, 'test-artifacts', 'mesh-call.png');

/** Mesh mode is no longer the default. */
const options = (args: string[]) => appOptions(['--mode', 'mesh', ...args]);

/**
 * What the scenario reads in the page, typed by hand: the project's tsconfig
 * has no DOM library (it is a Node project), and page.evaluate callbacks run in
 * the page, so they may use only these globals. `call` is the MeshCall the app
 * puts on window for the console.
 */
interface PageGlobals {
  isSecureContext: boolean;
  document: { querySelector(selector: string): unknown };
  call?: {
    peerId?: string;
    localStream: { getTracks(): { kind: string; enabled: boolean }[] };
    peers: Map<
      string,
      {
        name: string;
        stream: { getTracks(): { kind: string; readyState: string }[] };
        connection: { getStats(): Promise<{ forEach(callback: (entry: Record<string, unknown>) => void): void }> };
      }
    >;
  };
}

/** What one page receives from one remote peer, read from getStats() in the page. */
interface Reception {
  name: string;
  framesDecoded: number;
  audioPackets: number;
  tracks: string[];
}

async function receptions(page: Page): Promise<Reception[]> {
  return page.evaluate(async () => {
    const call = (globalThis as unknown as PageGlobals).call;
    if (!call) return [];
    return Promise.all(
      [...call.peers.values()].map(async (peer) => {
        let framesDecoded = 0;
        let audioPackets = 0;
        (await peer.connection.getStats()).forEach((entry) => {
          if (entry['type'] !== 'inbound-rtp') return;
          if (entry['kind'] === 'video') framesDecoded += Number(entry['framesDecoded'] ?? 0);
          if (entry['kind'] === 'audio') audioPackets += Number(entry['packetsReceived'] ?? 0);
        });
        const tracks = peer.stream.getTracks().map((track) => `${track.kind}:${track.readyState}`).sort();
        return { name: peer.name, framesDecoded, audioPackets, tracks };
      }),
    );
  });
}

async function refusedJoin(browser: LaunchedChromium, url: string) {
  const page = await openPage(browser, url);
  await page.locator('#error').waitFor({ state: 'visible', timeout: JOIN_DEADLINE_MS });
  const refused = {
    code: (await page.locator('#error').getAttribute('data-code')) ?? '',
    message: await page.locator('#error').innerText(),
    formShown: await page.locator('#join').isVisible(),
    callShown: await page.locator('#call').isVisible(),
  };
  await page.close();
  return refused;
}

async function meshPhase(browser: LaunchedChromium, app: RunningApp, secret: string) {
  const pages: Page[] = [];
  const peerIds: string[] = [];
  for (const name of NAMES) {
    const token = mintTokenFor(ROOM, name, 600, secret);
    const page = await openPage(browser, `${app.origin}/?room=${ROOM}&name=${name}&token=${encodeURIComponent(token)}`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).call?.peerId !== undefined, undefined, { timeout: JOIN_DEADLINE_MS });
    peerIds.push(await page.evaluate(() => (globalThis as unknown as PageGlobals).call!.peerId!));
    pages.push(page);
    log(`${name} joined`);
  }

  const flowing = (list: Reception[]) => list.length === 2 && list.every((reception) => reception.framesDecoded > 0 && reception.audioPackets > 0);
  const first = await waitFor('media from both peers on every page', MEDIA_DEADLINE_MS, async () => {
    const all = await Promise.all(pages.map(receptions));
    return all.every(flowing) ? all : undefined;
  });
  log('media flowing everywhere');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const second = await Promise.all(pages.map(receptions));
  const tiles = await Promise.all(pages.map((page) => page.locator('.tile:not(.local)').evaluateAll((elements) => elements.map((element) => (element as unknown as { dataset: Record<string, string> }).dataset['name']))));
  const statsText = await pages[0]!.locator('.tile:not(.local) .numbers').first().innerText();
  const sparklinePoints = await pages[0]!.locator('.tile:not(.local) polyline').first().getAttribute('points');
  const inCall = await Promise.all(pages.map(async (page) => ({ formShown: await page.locator('#join').isVisible(), callShown: await page.locator('#call').isVisible() })));
  const rooms = (await (await fetch(`${app.origin}/api/rooms`)).json()) as { rooms: { id: string; peers: { name: string }[] }[] };

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await pages[0]!.screenshot({ path: SCREENSHOT });
  log(`screenshot ${SCREENSHOT}`);

  // alice mutes and unmutes: the tracks stay in every connection, only disabled.
  const localTracks = () => pages[0]!.evaluate(() => (globalThis as unknown as PageGlobals).call!.localStream.getTracks().map((track) => `${track.kind}:${track.enabled ? 'on' : 'off'}`).sort());
  const buttons = () => Promise.all(['#toggle-camera', '#toggle-microphone'].map(async (selector) => `${await pages[0]!.locator(selector).getAttribute('aria-pressed')} ${await pages[0]!.locator(selector).innerText()}`));
  await pages[0]!.locator('#toggle-camera').click();
  await pages[0]!.locator('#toggle-microphone').click();
  const muted = { tracks: await localTracks(), buttons: await buttons() };
  await pages[0]!.locator('#toggle-camera').click();
  await pages[0]!.locator('#toggle-microphone').click();
  const unmuted = { tracks: await localTracks(), buttons: await buttons() };

  // carol leaves: time until alice and bob no longer show her tile.
  const carolId = peerIds[2]!;
  const leftAt = Date.now();
  await pages[2]!.locator('#leave').click();
  const disappearedMs = await Promise.all(
    pages.slice(0, 2).map(async (page) => {
      await page.waitForFunction((id) => (globalThis as unknown as PageGlobals).document.querySelector(`.tile[data-peer-id="${id}"]`) === null, carolId, { timeout: LEAVE_DEADLINE_MS, polling: 50 });
      return Date.now() - leftAt;
    }),
  );
  const carolAfterLeave = {
    joinFormShown: await pages[2]!.locator('#join').isVisible(),
    tiles: await pages[2]!.locator('.tile').count(),
  };
  const remainingPeers = await Promise.all(pages.slice(0, 2).map(async (page) => (await receptions(page)).map((reception) => reception.name)));
  log(`carol gone after ${disappearedMs.join(', ')} ms`);

  const refused = [
    await refusedJoin(browser, `${app.origin}/?room=${ROOM}&name=mallory&token=${encodeURIComponent('bm90LmEudG9rZW4.AAAA')}`),
    await refusedJoin(browser, `${app.origin}/?room=${ROOM}&name=mallory`),
    await refusedJoin(browser, `${app.origin}/?room=${ROOM}&name=mallory&token=${encodeURIComponent(mintTokenFor('other', 'mallory', 600, secret))}`),
  ];
  for (const page of pages) await page.close();
  return {
    peerIds,
    names: [...NAMES],
    receptions: { first, second },
    tiles,
    statsText,
    sparklinePoints,
    inCall,
    toggles: { muted, unmuted },
    rooms: rooms.rooms,
    disappearedMs,
    carolAfterLeave,
    remainingPeers,
    refused,
  };
}

async function httpsPhase(browser: LaunchedChromium) {
  const app = await startApp(options(['--https']));
  try {
    const page = await browser.context.newPage();
    const response = await page.goto(`${app.origin}/?room=tls&name=dana`);
    const security = await response?.securityDetails();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).call?.peerId !== undefined, undefined, { timeout: JOIN_DEADLINE_MS });
    const result = {
      origin: app.origin,
      protocol: security?.protocol,
      subjectName: security?.subjectName,
      secureContext: await page.evaluate(() => (globalThis as unknown as PageGlobals).isSecureContext),
      localTiles: await page.locator('.tile.local').count(),
      certificateNames: app.certificate?.names ?? [],
    };
    await page.close();
    return result;
  } finally {
    await app.close();
  }
}

async function main() {
  const secret = randomBytes(24).toString('base64url');
  let app: RunningApp | undefined;
  let browser: LaunchedChromium | undefined;
  try {
    app = await startApp(options(['--token-secret', secret]));
    log(`app on ${app.origin}`);
    browser = await launchChromium({ ignoreHTTPSErrors: true });
    log(`chromium ${browser.context.browser()?.version() ?? '?'}`);
    const mesh = await meshPhase(browser, app, secret);
    const https = await httpsPhase(browser);
    return { chromium: browser.context.browser()?.version(), mesh, https, screenshot: SCREENSHOT, elapsedMs: elapsedMs() };
  } finally {
    await browser?.close();
    await app?.close();
  }
}

runMain(main);
