/**
 * Browser scenario (run by sfu-call.test.ts): NACK and RTX through the SFU on
 * a lossy path. Loopback never loses a packet, so a LossyUdpProxy
 * (server/src/netem) sits between the SFU and one subscriber and drops a
 * share of what the SFU sends it:
 *
 *   pub  ── send ──────────────────────► SFU udp port
 *   sub  ── send ──────────────────────► SFU udp port
 *   sub  ◄─ receive ── proxy (loss) ◄─── SFU udp port
 *
 * sub's page gets a script that points its receive connection at the proxy:
 * the SFU's candidate in each subscriber offer is rewritten to the proxy's
 * address, so sub's checks, DTLS and RTCP reach the SFU through the proxy
 * and the SFU answers the proxy's port. pub's media reaches sub only through
 * the SFU's consumers; sub NACKs what the proxy dropped and the SFU resends
 * it from its retransmission buffer with RTX (RFC 4588).
 *
 * Then for a few seconds, once a second: sub's framesDecoded of pub's video,
 * sub's NACKs and retransmissions received, and the SFU's counters for the
 * consumers of pub's tracks (sub's) and of sub's tracks (pub's, the lossless
 * control).
 */
import { startApp, type RunningApp } from '#server/app/start.ts';
import { LossyUdpProxy } from '#server/netem/index.ts';
import { launchChromium, type LaunchedChromium } from './chromium.ts';
import { appOptions, elapsedMs, log, runMain, sleep, waitFor } from './scenario-support.ts';
import { SfuObserver } from './sfu-observer.ts';
import { joinSfuPage, PROBE_SCRIPT, receptions, type JoinedPage } from './sfu-page.ts';

const ROOM = 'loss';
const LOSS = 0.05;
const SEED = 6;
const SAMPLES = 8;
const JOIN_DEADLINE_MS = 20_000;
const MEDIA_DEADLINE_MS = 30_000;

/** Rewrites the SFU's host candidate in remote offers (the receive connection's) to the proxy's address. */
function pointReceiveAtProxy(sfu: { address: string; port: number }, proxy: { address: string; port: number }): string {
  const from = JSON.stringify(` ${sfu.address} ${sfu.port} typ host`);
  const to = JSON.stringify(` ${proxy.address} ${proxy.port} typ host`);
  return `(() => {
  const setRemoteDescription = RTCPeerConnection.prototype.setRemoteDescription;
  RTCPeerConnection.prototype.setRemoteDescription = function (description, ...rest) {
    if (description && description.type === 'offer' && typeof description.sdp === 'string') {
      if (!description.sdp.includes(${from})) console.error('loss scenario: no SFU candidate to rewrite in the offer');
      description = { type: 'offer', sdp: description.sdp.split(${from}).join(${to}) };
    }
    return setRemoteDescription.call(this, description, ...rest);
  };
})();`;
}

async function lossPhase(browser: LaunchedChromium, app: RunningApp, observer: SfuObserver, proxy: LossyUdpProxy) {
  const pub = await joinSfuPage(browser, app.origin, ROOM, 'pub', JOIN_DEADLINE_MS);
  const sfu = { address: app.sfu!.media.announcedIp, port: app.sfu!.media.port };
  const sub = await joinSfuPage(browser, app.origin, ROOM, 'sub', JOIN_DEADLINE_MS, pointReceiveAtProxy(sfu, proxy.address));
  log('pub and sub joined');
  const subSeesPub = async () => (await receptions(sub.page)).find((reception) => reception.peerId === pub.peerId);
  await waitFor('sub to decode pub through the lossy proxy', MEDIA_DEADLINE_MS, async () => {
    const reception = await subSeesPub();
    return reception !== undefined && reception.framesDecoded > 0 && reception.audioPackets > 0 ? reception : undefined;
  });
  log('sub decodes pub');

  const toSub = () => observer.consumersOf(Object.values(pub.producerIds));
  const toPub = () => observer.consumersOf(Object.values(sub.producerIds));
  const samples = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const reception = (await subSeesPub())!;
    samples.push({
      atMs: elapsedMs(),
      framesDecoded: reception.framesDecoded,
      packetsLost: reception.packetsLost,
      nackCount: reception.nackCount,
      retransmittedPacketsReceived: reception.retransmittedPackets,
      sfuToSub: await observer.sendTotals(toSub()),
      proxyDropped: proxy.stats.toClient.dropped,
    });
    if (index + 1 < SAMPLES) await sleep(1000);
  }
  const pubSeesSub = (await receptions(pub.page)).find((reception) => reception.peerId === sub.peerId);
  const result = {
    loss: LOSS,
    samples,
    sfuToPub: await observer.sendTotals(toPub()),
    pubSeesSub: pubSeesSub === undefined ? undefined : { framesDecoded: pubSeesSub.framesDecoded, nackCount: pubSeesSub.nackCount },
    proxy: proxy.stats,
  };
  for (const joined of [pub, sub] satisfies JoinedPage[]) await joined.page.close();
  return result;
}

async function main() {
  let app: RunningApp | undefined;
  let browser: LaunchedChromium | undefined;
  let proxy: LossyUdpProxy | undefined;
  try {
    app = await startApp(appOptions(['--rtc-port', '0']));
    const observer = new SfuObserver(app.sfu!.worker);
    const media = app.sfu!.media;
    proxy = await LossyUdpProxy.start({ target: { address: media.announcedIp, port: media.port }, toClient: { loss: LOSS }, seed: SEED });
    log(`app on ${app.origin}, media on udp ${media.announcedIp}:${media.port}, lossy proxy on ${proxy.address.address}:${proxy.address.port}`);
    browser = await launchChromium();
    await browser.context.addInitScript({ content: PROBE_SCRIPT });
    const loss = await lossPhase(browser, app, observer, proxy);
    return { chromium: browser.context.browser()?.version(), loss, elapsedMs: elapsedMs() };
  } finally {
    await browser?.close();
    await proxy?.close();
    await app?.close();
  }
}

runMain(main);
