/**
 * SFU mode on the real media plane (MediaWorker on a loopback UDP port):
 * what the fake accepts, the real one must too. A Chromium offer is
 * published, another peer gets the SFU's offer with the port's candidate,
 * answers it, and a leave renegotiates; the media plane reports no error and
 * holds exactly the objects the control plane thinks it does. (Media itself
 * flows in the browser tests: server/test/browser/sfu-call.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { candidateAttribute, parseSessionDescription, readAttributes } from '../../sdp/index.ts';
import { MediaWorker } from '../../media/media-worker.ts';
import { TestWebRtcPeer } from '../../media/test-webrtc-peer.ts';
import { until } from '../test-support.ts';
import { type SfuHarness, chromiumOffer, sections, startSfuSignalingOn } from './test-support.ts';

/** The SFU's side of an SDP it wrote, as the test peer needs it to send connectivity checks. */
function sfuTransport(sdp: string, port: number) {
  const media = parseSessionDescription(sdp).media[0]!;
  const value = (name: string) => media.attributes.find((attribute) => attribute.name === name)!.value!;
  return {
    iceParameters: { usernameFragment: value('ice-ufrag'), password: value('ice-pwd'), iceLite: true },
    iceCandidates: [{ foundation: 'sfu', priority: 1, address: '127.0.0.1', protocol: 'udp' as const, port, type: 'host' as const }],
    dtlsParameters: { role: 'auto' as const, fingerprints: [] },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(): Promise<{ test: SfuHarness<MediaWorker>; mediaErrors: unknown[] }> {
  const mediaErrors: unknown[] = [];
  const media = await MediaWorker.create({ listen: { address: '127.0.0.1', port: 0 }, onError: (error) => mediaErrors.push(error) });
  const test = await startSfuSignalingOn(media);
  cleanups.push(async () => {
    await test.close();
    await media.whenClosed();
  });
  return { test, mediaErrors };
}

/** What the media plane holds (worker.dump). */
async function held(test: SfuHarness<MediaWorker>): Promise<Record<'routers' | 'transports' | 'producers' | 'consumers', number>> {
  const dump = (await test.worker.dump()) as Record<string, unknown[]>;
  return { routers: dump['routerIds']!.length, transports: dump['transportIds']!.length, producers: dump['producerIds']!.length, consumers: dump['consumerIds']!.length };
}

describe('SFU mode on the real MediaWorker', () => {
  it('publishes, subscribes, answers and renegotiates on a leave', async () => {
    const { test, mediaErrors } = await start();
    const [alice, bob] = [await test.client(), await test.client()];
    const { peerId: aliceId } = await alice.signaling.request('join', { room: 'demo', name: 'alice' });
    await bob.signaling.request('join', { room: 'demo', name: 'bob' });

    const published = await alice.signaling.request('publish', { sdp: chromiumOffer() });
    expect(published.producers.map(({ kind }) => kind)).toEqual(['audio', 'video']);
    const port = test.media.addresses[0]!.port;
    const answerCandidates = readAttributes(parseSessionDescription(published.sdp).media[0]!, candidateAttribute);
    expect(answerCandidates.map(({ address, port: candidatePort, transport }) => [address, candidatePort, transport])).toEqual([['127.0.0.1', port, 'udp']]);

    const offer = await bob.offer(1);
    expect(offer.consumers.map(({ peerId, kind }) => [peerId, kind])).toEqual([
      [aliceId, 'audio'],
      [aliceId, 'video'],
    ]);
    const offerCandidates = readAttributes(parseSessionDescription(offer.sdp).media[0]!, candidateAttribute);
    expect(offerCandidates.map(({ port: candidatePort }) => candidatePort)).toEqual([port]);
    await bob.answerLatest();

    // Alice's send and receive transports, Bob's receive one (he publishes nothing); two tracks, one copy each.
    expect(await held(test)).toEqual({ routers: 1, transports: 3, producers: 2, consumers: 2 });

    alice.signaling.close();
    const renegotiated = await bob.offer(2);
    expect(renegotiated.consumers).toEqual([]);
    expect(sections(renegotiated.sdp).map(({ port: sectionPort }) => sectionPort > 0)).toEqual([true, false]);
    await bob.answerLatest();
    expect(test.sfu.stats().rooms).toEqual([{ id: 'demo', peers: 1, producers: 0, consumers: 0 }]);
    expect(await held(test)).toEqual({ routers: 1, transports: 1, producers: 0, consumers: 0 });
    bob.signaling.close();
    await until(async () => (await held(test)).routers === 0);
    expect(test.errors).toEqual([]);
    expect(mediaErrors).toEqual([]);
  });

  it('an ICE restart on either connection gives credentials the media plane answers checks with', async () => {
    const { test, mediaErrors } = await start();
    const [alice, bob] = [await test.client(), await test.client()];
    await alice.signaling.request('join', { room: 'demo', name: 'alice' });
    await bob.signaling.request('join', { room: 'demo', name: 'bob' });
    const peer = await TestWebRtcPeer.open();
    cleanups.push(async () => peer.close());
    const port = test.media.addresses[0]!.port;

    const first = await alice.signaling.request('publish', { sdp: chromiumOffer() });
    peer.target(sfuTransport(first.sdp, port));
    expect(await peer.check()).toBe('success');
    const restartedOffer = chromiumOffer().replaceAll('a=ice-ufrag:7vi9', 'a=ice-ufrag:rstr').replaceAll('a=ice-pwd:DOSIPSr1NpYnj+OMCi4OOXQI', 'a=ice-pwd:restartedPassword0123456');
    const restarted = await alice.signaling.request('publish', { sdp: restartedOffer });
    const next = sfuTransport(restarted.sdp, port);
    expect(next.iceParameters.usernameFragment).not.toBe(sfuTransport(first.sdp, port).iceParameters.usernameFragment);
    expect(restarted.producers).toEqual(first.producers);
    peer.target(next);
    expect(await peer.check({ useCandidate: true })).toBe('success');

    const offer = await bob.offer(1);
    await bob.answerLatest();
    await bob.signaling.request('restartIce', { direction: 'recv' });
    const reoffer = await bob.offer(2);
    expect(reoffer.consumers).toEqual(offer.consumers);
    const recv = sfuTransport(reoffer.sdp, port);
    expect(recv.iceParameters.usernameFragment).not.toBe(sfuTransport(offer.sdp, port).iceParameters.usernameFragment);
    peer.target(recv);
    expect(await peer.check()).toBe('success');
    await bob.answerLatest();
    expect(await held(test)).toEqual({ routers: 1, transports: 3, producers: 2, consumers: 2 });
    expect(test.errors).toEqual([]);
    expect(mediaErrors).toEqual([]);
  });
});
