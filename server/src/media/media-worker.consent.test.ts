/**
 * Consent freshness (RFC 7675) on real sockets: a transport whose peer
 * stops sending authenticated checks is closed at the consent timeout (the
 * transport's iceConsentTimeout, 30 s by default; a fraction of a second
 * here), with its producers and their consumers on other transports; the
 * control plane hears of it and mirrors the close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TestWebRtcPeer } from './test-webrtc-peer.ts';
import { type Call, clearRtp, consumeBoth, openCall, produceChromium, sleep, untilEvent } from './test-call.ts';

const CONSENT_TIMEOUT_S = 0.4;

let call: Call | undefined;
let keepAlive: NodeJS.Timeout | undefined;

afterEach(async () => {
  clearInterval(keepAlive);
  await call?.close();
  expect(call?.errors ?? []).toEqual([]);
  call = undefined;
});

/** Checks every 100 ms, as a browser keeps consent (Chromium: every 2.656 s). */
function keepChecking(peer: TestWebRtcPeer): void {
  keepAlive = setInterval(() => void peer.check({ useCandidate: true }), 100);
}

describe('MediaWorker: consent freshness', () => {
  it('closes the transport of a peer that stopped checking, and cascades to the consumers of its producers', async () => {
    call = await openCall({ iceConsentTimeout: CONSENT_TIMEOUT_S });
    const producers = await produceChromium(call);
    const consumers = await consumeBoth(call, producers);
    keepChecking(call.subscriber);
    // The publisher's last check: consent runs out CONSENT_TIMEOUT_S after it.
    expect(await call.publisher.check({ useCandidate: true })).toBe('success');
    const startedAt = Date.now();
    const states: string[] = [];
    call.send.on('icestatechange', (state) => states.push(state));
    const closed = untilEvent(call.send.observer, 'close', () => true, 3000);
    const producerClosed = untilEvent(consumers.video, 'producerclose', () => true, 3000);

    await closed;
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(CONSENT_TIMEOUT_S * 1000 - 50);
    expect(states).toEqual(['disconnected', 'closed']);
    expect(call.send.closed).toBe(true);
    expect(call.send.dtlsState).toBe('closed');
    expect(producers.video.closed).toBe(true);
    await producerClosed;
    expect(consumers.audio.closed).toBe(true);
    // The subscriber's transport, whose peer kept checking, lives on.
    expect(call.recv.closed).toBe(false);
    expect(call.recv.iceState).toBe('completed');
    const dump = await call.mediaWorker.requests['worker.dump']('worker', {});
    expect(dump).toMatchObject({ transportIds: [call.recv.id], producerIds: [], consumerIds: [] });

    // The publisher's packets now come from a tuple nobody validated.
    const before = call.mediaWorker.muxStats.dropped['unknown-source'] ?? 0;
    call.publisher.sendRtp(clearRtp('03-vp8-keyframe-first.rtp.bin'));
    await sleep(50);
    expect(call.mediaWorker.muxStats.dropped['unknown-source']).toBe(before + 1);
    expect(call.subscriber.rtp).toEqual([]);
  });

  it('with closeOnConsentExpiry false: disconnected at the timeout, revived by a check, closed only after as long again', async () => {
    call = await openCall({ iceConsentTimeout: CONSENT_TIMEOUT_S, closeOnConsentExpiry: false, subscriber: false });
    const states: string[] = [];
    call.send.on('icestatechange', (state) => states.push(state));
    await untilEvent(call.send, 'icestatechange', (state) => state === 'disconnected', 2000);
    expect(call.send.closed).toBe(false);
    expect(await call.publisher.check({ useCandidate: true })).toBe('success');
    expect(call.send.iceState).toBe('completed');

    const disconnectedAt = await untilEvent(call.send, 'icestatechange', (state) => state === 'disconnected', 2000).then(() => Date.now());
    await untilEvent(call.send.observer, 'close', () => true, 2000);
    expect(Date.now() - disconnectedAt).toBeGreaterThanOrEqual(CONSENT_TIMEOUT_S * 1000 - 50);
    expect(states).toEqual(['disconnected', 'completed', 'disconnected', 'closed']);
  });
});
