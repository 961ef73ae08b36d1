/**
 * The SDP layer driving the SFU's API (on a FakeMediaWorker), the way the
 * signaling server does: a Chromium publisher's offer answered, its sections
 * produced, a subscriber offered the consumers, a producer closing.
 */
import { readFixtureText } from '#fixtures/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { getMid, parseSessionDescription, readAttributes, ssrcAttribute } from '../../sdp/index.ts';
import type { Consumer } from '../consumer.ts';
import type { MediaKind } from '../rtp-parameters.ts';
import { fakeWorker } from '../test-support.ts';
import type { Worker } from '../worker.ts';
import { createPublisherAnswer } from './publisher-answer.ts';
import { producerParametersFromOffer } from './producer-parameters.ts';
import { rtpCapabilitiesFromSdp } from './rtp-capabilities-from-sdp.ts';
import { SubscriberSession } from './subscriber-offer.ts';
import { browserAnswer, plainOffer } from './test-support.ts';

let worker: Worker | undefined;
afterEach(() => worker?.close());

describe.each(['sdp/plain-offer.sdp', 'sdp/simulcast-offer.sdp'])('publishing %s and subscribing to it', (file) => {
  it('answer → connect → produce every receiving section → consume → subscriber offer with the consumers’ SSRCs', async () => {
    ({ worker } = await fakeWorker());
    const router = await worker.createRouter();
    const send = await router.createWebRtcTransport();
    const offer = readFixtureText(file);
    const answer = createPublisherAnswer(offer, { transport: send, routerRtpCapabilities: router.rtpCapabilities });
    expect(answer.sdp).toContain(`a=ice-ufrag:${send.iceParameters.usernameFragment}\r\n`);
    await send.connect({ dtlsParameters: answer.remoteDtlsParameters! });
    const producers = [];
    for (const section of answer.sections.filter((s) => s.receiving)) {
      producers.push(await send.produce({ kind: section.kind as MediaKind, rtpParameters: producerParametersFromOffer(offer, section.mid, router.rtpCapabilities) }));
    }
    expect(producers.map((p) => [p.kind, p.rtpParameters.mid])).toEqual([['audio', '0'], ['video', '1']]);

    const recv = await router.createWebRtcTransport();
    const session = new SubscriberSession({ transport: recv });
    const consumers: Consumer[] = [];
    for (const producer of producers) {
      const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: rtpCapabilitiesFromSdp(plainOffer), paused: true });
      session.addConsumer({ consumerId: consumer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters, streamId: 'alice' });
      consumers.push(consumer);
    }
    const subscriberOffer = session.createOffer();
    const ssrcs = subscriberOffer.description.media.map((media) => readAttributes(media, ssrcAttribute)[0]?.ssrc);
    expect(ssrcs).toEqual(consumers.map((c) => c.rtpParameters.encodings![0]!.ssrc));
    expect(subscriberOffer.description.media.map(getMid)).toEqual(consumers.map((c) => c.rtpParameters.mid));
    const subscriberAnswer = session.applyAnswer(browserAnswer(subscriberOffer.sdp));
    await recv.connect({ dtlsParameters: subscriberAnswer.dtlsParameters! });
    expect(recv.dtlsParameters.role).toBe('server');

    // The publisher stops its video: the consumer closes, and the next offer closes its section.
    consumers[1]!.on('producerclose', () => session.removeConsumer(consumers[1]!.id));
    producers[1]!.close();
    const next = parseSessionDescription(session.createOffer().sdp);
    expect(next.media.map((media) => media.port === 0)).toEqual([false, true]);
  });
});
