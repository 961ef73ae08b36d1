/**
 * SFU mode end to end over loopback WebSockets, on a FakeMediaWorker: real
 * Chromium publish offers (fixtures), the SFU's answers and offers read back
 * with the SDP parser, browser answers made as Chromium makes them, and the
 * media plane's request log as the proof of what happened server-side.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintAttribute, getMid, hasAttribute, parseSessionDescription, readAttribute, readAttributes, ssrcAttribute, msidAttribute } from '../../sdp/index.ts';
import { type PublishResponse, SFU_METHODS, SFU_RESERVED_METHODS } from '../messages.ts';
import { codeOf, delay, until } from '../test-support.ts';
import { type SfuHarness, type SfuTestClient, browserAnswer, chromiumOffer, sections, startSfuSignaling, withStoppedSection } from './test-support.ts';

const harnesses: SfuHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function start(...args: Parameters<typeof startSfuSignaling>): Promise<SfuHarness> {
  const harness = await startSfuSignaling(...args);
  harnesses.push(harness);
  return harness;
}

async function joined(test: SfuHarness, room: string, name: string): Promise<{ client: SfuTestClient; peerId: string }> {
  const client = await test.client();
  const response = await client.signaling.request('join', { room, name });
  expect(response.mode).toBe('sfu');
  return { client, peerId: response.peerId };
}

function publish(client: SfuTestClient, sdp = chromiumOffer()): Promise<PublishResponse> {
  return client.signaling.request('publish', { sdp });
}

/** Alice and Bob in room 'demo'; Alice publishes the Chromium offer; Bob gets the SFU's offer and, unless told not to, answers it. */
async function aliceToBob(test: SfuHarness, options: { answer?: boolean } = {}) {
  const alice = await joined(test, 'demo', 'alice');
  const bob = await joined(test, 'demo', 'bob');
  const published = await publish(alice.client);
  const offer = await bob.client.offer(1);
  if (options.answer ?? true) await bob.client.answerLatest();
  return { alice, bob, published, offer };
}

function requests(test: SfuHarness, method: string, handlerId?: string): unknown[] {
  return test.media.requestLog.filter((request) => request.method === method && (handlerId === undefined || request.handlerId === handlerId)).map((request) => request.data);
}

describe('SFU mode: publish and subscribe', () => {
  it('answers a Chromium offer as ICE-lite, and the other peer gets an offer with one m-line per track', async () => {
    const test = await start();
    const alice = await joined(test, 'demo', 'alice');
    const bob = await joined(test, 'demo', 'bob');

    const published = await publish(alice.client);
    expect(published.producers.map(({ mid, kind }) => [mid, kind])).toEqual([
      ['0', 'audio'],
      ['1', 'video'],
    ]);
    const answer = parseSessionDescription(published.sdp);
    expect(hasAttribute(answer, 'ice-lite')).toBe(true);
    // The data channel is refused (port 0); audio and video are received.
    expect(sections(published.sdp).map(({ mid, port, direction }) => [mid, port > 0, direction])).toEqual([
      ['0', true, 'recvonly'],
      ['1', true, 'recvonly'],
      ['2', false, 'sendrecv'],
    ]);
    // The send transport is connected with the browser's fingerprint; the SFU answered a=setup:passive, so the browser is the DTLS client.
    expect(readAttribute(answer.media[0]!, { ...fingerprintAttribute })).toBeDefined();
    expect(answer.media[0]!.attributes.find(({ name }) => name === 'setup')?.value).toBe('passive');
    const sendConnect = requests(test, 'transport.connect')[0] as { dtlsParameters: { role: string; fingerprints: { value: string }[] } };
    expect(sendConnect.dtlsParameters.role).toBe('client');
    expect(sendConnect.dtlsParameters.fingerprints[0]!.value).toMatch(/^F9:83:F2:BD/);

    const offer = await bob.client.offer(1);
    expect(offer.consumers.map(({ producerId, peerId, kind, producerPaused }) => ({ producerId, peerId, kind, producerPaused }))).toEqual(
      published.producers.map(({ producerId, kind }) => ({ producerId, peerId: alice.peerId, kind, producerPaused: false })),
    );
    const description = parseSessionDescription(offer.sdp);
    expect(hasAttribute(description, 'ice-lite')).toBe(true);
    expect(description.media.map((media) => getMid(media))).toEqual(offer.consumers.map(({ mid }) => mid));
    expect(sections(offer.sdp).map(({ kind, direction }) => [kind, direction])).toEqual([
      ['audio', 'sendonly'],
      ['video', 'sendonly'],
    ]);
    for (const [index, media] of description.media.entries()) {
      const consumer = offer.consumers[index]!;
      // The SSRC is the consumer's, as the media plane will send it; the stream id groups the publisher's tracks.
      const data = test.media.consumerData(consumer.consumerId)!;
      expect(readAttributes(media, ssrcAttribute)[0]?.ssrc).toBe(data.rtpParameters.encodings![0]!.ssrc);
      expect(readAttribute(media, msidAttribute)?.streamId).toBe(alice.peerId);
      expect(data.paused).toBe(true);
    }
    // No RED or ULPFEC reach the subscriber.
    expect(offer.sdp).not.toMatch(/red\/|ulpfec/i);

    await bob.client.answerLatest();
    // The receive transport is connected as the DTLS server (Chromium answered active); the consumers run.
    const recvConnect = requests(test, 'transport.connect')[1] as { dtlsParameters: { role: string } };
    expect(recvConnect.dtlsParameters.role).toBe('client');
    for (const { consumerId } of offer.consumers) expect(test.media.consumerData(consumerId)!.paused).toBe(false);
    expect(test.errors).toEqual([]);
  });

  it('a peer joining late gets an offer for every track already published', async () => {
    const test = await start();
    const alice = await joined(test, 'demo', 'alice');
    const bob = await joined(test, 'demo', 'bob');
    const fromAlice = await publish(alice.client);
    const fromBob = await publish(bob.client);
    const carol = await joined(test, 'demo', 'carol');
    const offer = await carol.client.offer(1);
    await delay(50);
    // Both publishers' tracks come in one offer, whatever the order they were consumed in.
    expect(carol.client.offers.length).toBe(1);
    expect(offer.consumers.map(({ producerId }) => producerId).sort()).toEqual([...fromAlice.producers, ...fromBob.producers].map(({ producerId }) => producerId).sort());
    expect(new Set(offer.consumers.map(({ peerId }) => peerId))).toEqual(new Set([alice.peerId, bob.peerId]));
    expect(sections(offer.sdp)).toHaveLength(4);
    // Nobody gets their own tracks back.
    expect((await alice.client.offer(1)).consumers.every(({ peerId }) => peerId === bob.peerId)).toBe(true);
  });

  it('never sends a new offer before the last one is answered; the changes meanwhile come in one offer', async () => {
    const test = await start();
    const alice = await joined(test, 'demo', 'alice');
    const bob = await joined(test, 'demo', 'bob');
    const carol = await joined(test, 'demo', 'carol');
    await publish(alice.client);
    const first = await carol.client.offer(1);
    expect(first.consumers).toHaveLength(2);
    await publish(bob.client);
    await delay(100);
    expect(carol.client.offers).toHaveLength(1);
    await carol.client.answerLatest();
    const second = await carol.client.offer(2);
    expect(second.consumers).toHaveLength(4);
    // The tracks already flowing keep their m-lines and mids, in place.
    expect(second.consumers.slice(0, 2)).toEqual(first.consumers);
    expect(sections(second.sdp).map(({ mid }) => mid).slice(0, 2)).toEqual(first.consumers.map(({ mid }) => mid));
    await carol.client.answerLatest();
    // Nothing is waiting for an answer now.
    expect(await codeOf(carol.client.answerLatest())).toBe('INVALID_STATE');
    expect(test.errors).toEqual([]);
  });

  it('a peer who leaves disappears for the others within 2 s: its consumers close and its m-lines go inactive', async () => {
    const test = await start();
    const { alice, bob, published, offer } = await aliceToBob(test);

    const started = Date.now();
    const left = bob.client.signaling.next('peerLeft');
    alice.client.signaling.close();
    expect(await left).toEqual({ id: alice.peerId });
    const renegotiated = await bob.client.offer(2);
    expect(Date.now() - started).toBeLessThan(2000);

    expect(renegotiated.consumers).toEqual([]);
    // Same m-lines in the same places: the first (BUNDLE tag) stays inactive, the other is closed with port 0.
    expect(sections(renegotiated.sdp).map(({ mid, port, direction }) => [mid, port > 0, direction])).toEqual([
      [offer.consumers[0]!.mid, true, 'inactive'],
      [offer.consumers[1]!.mid, false, 'inactive'],
    ]);
    for (const { consumerId } of offer.consumers) expect(test.media.holds(consumerId)).toBe(false);
    for (const { producerId } of published.producers) expect(test.media.holds(producerId)).toBe(false);
    await bob.client.answerLatest();
    expect(test.sfu.stats().rooms).toEqual([{ id: 'demo', peers: 1, producers: 0, consumers: 0 }]);
  });

  it('a reloaded participant rejoins cleanly: a fresh peer, the old one gone, closed m-lines recycled', async () => {
    const test = await start();
    const { alice, bob, offer: before } = await aliceToBob(test);

    // The page reloads: its WebSocket closes, a new one joins under the same name and publishes again.
    alice.client.signaling.close();
    await bob.client.offer(2);
    await bob.client.answerLatest();
    const again = await joined(test, 'demo', 'alice');
    expect(again.peerId).not.toBe(alice.peerId);
    const republished = await publish(again.client);
    const offer = await bob.client.offer(3);
    const byKind = (kind: string) => offer.consumers.find((consumer) => consumer.kind === kind)!;
    for (const { producerId, kind } of republished.producers) expect(byKind(kind)).toMatchObject({ peerId: again.peerId, producerId });
    // The closed video m-line is recycled in place with a new mid; the first one (it tags the BUNDLE group)
    // stays inactive, so the new audio gets an m-line at the end.
    expect(sections(offer.sdp).map(({ mid, kind, port, direction }) => [mid, kind, port > 0, direction])).toEqual([
      [before.consumers[0]!.mid, 'audio', true, 'inactive'],
      [byKind('video').mid, 'video', true, 'sendonly'],
      [byKind('audio').mid, 'audio', true, 'sendonly'],
    ]);
    expect(byKind('video').mid).not.toBe(before.consumers[1]!.mid);
    // The newcomer receives bob's nothing, and the room counts one copy of each.
    expect(test.sfu.stats().rooms).toEqual([{ id: 'demo', peers: 2, producers: 2, consumers: 2 }]);
    expect(test.errors).toEqual([]);
  });

  it('a second publish renegotiates the send side: a stopped transceiver closes its producer at every subscriber', async () => {
    const test = await start();
    const { alice, bob, published: first } = await aliceToBob(test);

    const second = await publish(alice.client, withStoppedSection(chromiumOffer(), '1'));
    expect(second.producers).toEqual([first.producers[0]]);
    expect(sections(second.sdp).map(({ port }) => port > 0)).toEqual([true, false, false]);
    const offer = await bob.client.offer(2);
    expect(offer.consumers.map(({ producerId }) => producerId)).toEqual([first.producers[0]!.producerId]);
    expect(test.media.holds(first.producers[1]!.producerId)).toBe(false);
    // The send transport was connected once only.
    expect(requests(test, 'transport.connect')).toHaveLength(2);
  });

  it('a browser answer that rejects an m-line closes that consumer', async () => {
    const test = await start();
    const { bob, offer } = await aliceToBob(test, { answer: false });
    const [audio, video] = offer.consumers;
    await bob.client.answerLatest({ reject: [video!.mid] });
    expect(test.media.holds(video!.consumerId)).toBe(false);
    expect(test.media.consumerData(audio!.consumerId)?.paused).toBe(false);
    expect(test.sfu.stats().rooms[0]?.consumers).toBe(1);
  });

  it('publishes a simulcast offer (rids, no SSRCs) and forwards it', async () => {
    const test = await start();
    const alice = await joined(test, 'demo', 'alice');
    const bob = await joined(test, 'demo', 'bob');
    const published = await publish(alice.client, chromiumOffer('sdp/simulcast-offer.sdp'));
    const video = published.producers.find(({ kind }) => kind === 'video')!;
    expect(test.media.producerData(video.producerId)?.rtpParameters.encodings?.map(({ rid }) => rid)).toEqual(['q', 'h', 'f']);
    expect(published.sdp).toMatch(/a=simulcast:recv q;h;f/);
    const offer = await bob.client.offer(1);
    expect(offer.consumers.map(({ kind }) => kind).sort()).toEqual(['audio', 'video']);
  });
});

describe('SFU mode: mute, pause, errors, rooms, stats', () => {
  it('pausing a producer tells its subscribers; consumers pause and resume; unknown ids are typed errors', async () => {
    const test = await start();
    const { alice, bob, published, offer } = await aliceToBob(test);
    const audio = published.producers.find(({ kind }) => kind === 'audio')!;

    const paused = bob.client.signaling.next('producerPaused');
    await alice.client.signaling.request('pauseProducer', { producerId: audio.producerId });
    expect(await paused).toEqual({ producerId: audio.producerId, peerId: alice.peerId, kind: 'audio' });
    expect(test.media.producerData(audio.producerId)?.paused).toBe(true);
    const resumed = bob.client.signaling.next('producerResumed');
    await alice.client.signaling.request('resumeProducer', { producerId: audio.producerId });
    expect(await resumed).toEqual({ producerId: audio.producerId, peerId: alice.peerId, kind: 'audio' });

    const consumerId = offer.consumers[1]!.consumerId;
    await bob.client.signaling.request('pauseConsumer', { consumerId });
    expect(test.media.consumerData(consumerId)?.paused).toBe(true);
    await bob.client.signaling.request('resumeConsumer', { consumerId });
    expect(test.media.consumerData(consumerId)?.paused).toBe(false);

    expect(await codeOf(bob.client.signaling.request('pauseProducer', { producerId: audio.producerId }))).toBe('PRODUCER_NOT_FOUND');
    expect(await codeOf(alice.client.signaling.request('pauseConsumer', { consumerId }))).toBe('CONSUMER_NOT_FOUND');
    expect(await codeOf(alice.client.signaling.request('resumeProducer', { producerId: 42 } as never))).toBe('BAD_REQUEST');
    expect(await codeOf(alice.client.signaling.request('publish', {} as never))).toBe('BAD_REQUEST');
    const stranger = await test.client();
    expect(await codeOf(stranger.signaling.request('publish', { sdp: chromiumOffer() }))).toBe('NOT_JOINED');
    // The names kept for an ORTC-level API are not methods of this mode.
    for (const method of SFU_RESERVED_METHODS.filter((name) => !(SFU_METHODS as readonly string[]).includes(name))) {
      expect(await codeOf(alice.client.signaling.request(method, {}))).toBe('UNKNOWN_METHOD');
    }
  });

  it('a consumer paused by the browser before its answer stays paused after it', async () => {
    const test = await start();
    const { bob, offer } = await aliceToBob(test, { answer: false });
    const video = offer.consumers[1]!.consumerId;
    await bob.client.signaling.request('pauseConsumer', { consumerId: video });
    await bob.client.answerLatest();
    expect(test.media.consumerData(video)?.paused).toBe(true);
    expect(test.media.consumerData(offer.consumers[0]!.consumerId)?.paused).toBe(false);
  });

  it('bad SDP is answered BAD_SDP and the room carries on', async () => {
    const test = await start();
    const alice = await joined(test, 'demo', 'alice');
    const bob = await joined(test, 'demo', 'bob');
    expect(await codeOf(publish(alice.client, 'not sdp at all'))).toBe('BAD_SDP');
    expect(await codeOf(publish(alice.client, chromiumOffer().replace(/a=fingerprint:.*\r\n/g, '')))).toBe('BAD_SDP');
    expect(await codeOf(publish(alice.client, chromiumOffer().replace(/a=mid:1\r\n/, '')))).toBe('BAD_SDP');
    expect(await codeOf(publish(alice.client, chromiumOffer().replace('a=rtpmap:111 opus/48000/2', 'a=rtpmap:111 opus')))).toBe('BAD_SDP');
    // Nothing was published by the failed attempts.
    expect(test.sfu.stats().rooms[0]).toMatchObject({ producers: 0 });
    await publish(alice.client);
    const offer = await bob.client.offer(1);
    expect(await codeOf(bob.client.signaling.request('subscribeAnswer', { sdp: 'v=0' }))).toBe('BAD_SDP');
    const mismatched = browserAnswer(offer.sdp).replace(`a=mid:${offer.consumers[1]!.mid}`, 'a=mid:nope');
    expect(await codeOf(bob.client.signaling.request('subscribeAnswer', { sdp: mismatched }))).toBe('BAD_SDP');
    // The offer is still waiting; a good answer is taken.
    await bob.client.answerLatest();
    expect(test.errors).toEqual([]);
  });

  it('random damage to a publish offer or a subscriber answer only ever yields typed errors', async () => {
    const test = await start();
    const alice = await joined(test, 'demo', 'alice');
    const bob = await joined(test, 'demo', 'bob');
    const offer = chromiumOffer();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const damage = (text: string) => {
      const chars = [...text];
      for (let i = 0; i < 1 + random(4); i++) {
        const at = random(chars.length);
        const choice = random(3);
        if (choice === 0) chars.splice(at, 1 + random(20));
        else if (choice === 1) chars.splice(at, 0, String.fromCharCode(32 + random(95)));
        else chars[at] = '\n';
      }
      return chars.join('');
    };
    const codes = new Set<string>();
    for (let i = 0; i < 60; i++) codes.add(await codeOf(publish(alice.client, damage(offer))));
    expect([...codes].filter((code) => code !== 'OK' && code !== 'BAD_SDP')).toEqual([]);
    expect(test.errors).toEqual([]);
    // The room still works: a clean publish (renegotiating whatever got through) reaches bob.
    await publish(alice.client);
    const sdp = browserAnswer((await bob.client.offer(1)).sdp);
    const answerCodes = new Set<string>();
    for (let i = 0; i < 40; i++) answerCodes.add(await codeOf(bob.client.signaling.request('subscribeAnswer', { sdp: damage(sdp) })));
    expect([...answerCodes].filter((code) => !['OK', 'BAD_SDP', 'INVALID_STATE'].includes(code))).toEqual([]);
    expect(test.errors).toEqual([]);
  });

  it('two rooms do not see each other', async () => {
    const test = await start();
    const alice = await joined(test, 'one', 'alice');
    const bob = await joined(test, 'one', 'bob');
    const carol = await joined(test, 'two', 'carol');
    const dave = await joined(test, 'two', 'dave');
    await publish(alice.client);
    await bob.client.offer(1);
    await publish(carol.client);
    const offer = await dave.client.offer(1);
    await delay(50);
    expect(offer.consumers.every(({ peerId }) => peerId === carol.peerId)).toBe(true);
    expect(dave.client.offers).toHaveLength(1);
    expect(bob.client.offers).toHaveLength(1);
    expect(bob.client.offers[0]!.consumers.every(({ peerId }) => peerId === alice.peerId)).toBe(true);
    expect(await codeOf(dave.client.signaling.request('resumeConsumer', { consumerId: bob.client.offers[0]!.consumers[0]!.consumerId }))).toBe('CONSUMER_NOT_FOUND');
    expect(requests(test, 'worker.createRouter')).toHaveLength(2);
  });

  it('GET /api/stats data: rooms with counts, workers with pid, routers, cpu and memory; an empty room closes its router', async () => {
    const test = await start();
    const { alice, bob } = await aliceToBob(test, { answer: false });
    const stats = test.sfu.stats();
    expect(stats).toEqual({
      mode: 'sfu',
      rooms: [{ id: 'demo', peers: 2, producers: 2, consumers: 2 }],
      workers: [
        {
          pid: process.pid,
          routers: 1,
          cpu: { userSeconds: expect.any(Number), systemSeconds: expect.any(Number), percent: expect.any(Number) },
          memory: { rssBytes: expect.any(Number), heapUsedBytes: expect.any(Number) },
        },
      ],
    });
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
    const routerId = test.media.requestLog.find(({ method }) => method === 'worker.createRouter')!.data as { routerId: string };
    await alice.client.signaling.request('leave', {});
    await bob.client.signaling.request('leave', {});
    expect(test.sfu.stats()).toMatchObject({ rooms: [], workers: [{ routers: 0 }] });
    await until(() => !test.media.holds(routerId.routerId));
  });
});
