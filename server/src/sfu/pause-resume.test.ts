import { afterEach, describe, expect, it } from 'vitest';
import { UnsupportedError } from './errors.ts';
import { CONSUMER_EVENTS, VP8_PARAMETERS, capabilitiesFromSdp, chromiumOfferSections, fakeWorker, recordEvents } from './test-support.ts';
import type { Worker } from './worker.ts';

const { audio, video } = chromiumOfferSections();
const rtpCapabilities = capabilitiesFromSdp(audio, video);
let worker: Worker | undefined;
afterEach(() => worker?.close());

async function publisherAndSubscriber() {
  const made = await fakeWorker();
  worker = made.worker;
  const router = await made.worker.createRouter();
  const send = await router.createWebRtcTransport();
  const recv = await router.createWebRtcTransport();
  const camera = await send.produce({ kind: 'video', rtpParameters: VP8_PARAMETERS });
  const copy = await recv.consume({ producerId: camera.id, rtpCapabilities });
  const log: string[] = [];
  recordEvents(log, 'copy', copy, CONSUMER_EVENTS, ['pause', 'resume']);
  recordEvents(log, 'camera', camera, [], ['pause', 'resume']);
  made.media.requestLog.length = 0;
  return { ...made, router, send, recv, camera, copy, log };
}

describe('pause and resume', () => {
  it("producer pause reaches every consumer as 'producerpause', and resume as 'producerresume'", async () => {
    const { media, camera, copy, log } = await publisherAndSubscriber();
    await camera.pause();
    expect(camera.paused).toBe(true);
    expect(copy.producerPaused).toBe(true);
    expect(copy.paused).toBe(false);
    expect(log).toEqual(['camera observer:pause', 'copy producerpause', 'copy observer:pause']);
    await camera.resume();
    expect(copy.producerPaused).toBe(false);
    expect(log.slice(3)).toEqual(['camera observer:resume', 'copy producerresume', 'copy observer:resume']);
    expect(media.requestLog.map((r) => [r.method, r.handlerId])).toEqual([
      ['producer.pause', camera.id],
      ['producer.resume', camera.id],
    ]);
  });

  it("a consumer paused by itself hears 'producerpause' but its observer stays quiet (it was not forwarding anyway)", async () => {
    const { camera, copy, log } = await publisherAndSubscriber();
    await copy.pause();
    await camera.pause();
    await camera.resume();
    expect(log).toEqual([
      'copy observer:pause',
      'camera observer:pause',
      'copy producerpause',
      'camera observer:resume',
      'copy producerresume',
    ]);
    await copy.resume();
    expect(log.at(-1)).toBe('copy observer:resume');
  });

  it('pausing twice sends both requests but announces once', async () => {
    const { media, camera, copy, log } = await publisherAndSubscriber();
    await camera.pause();
    await camera.pause();
    await copy.pause();
    await copy.pause();
    expect(log).toEqual(['camera observer:pause', 'copy producerpause', 'copy observer:pause']);
    expect(media.requestLog.map((r) => r.method)).toEqual(['producer.pause', 'producer.pause', 'consumer.pause', 'consumer.pause']);
  });

  it('keeps the consumer stream identity across pause and resume (the media plane continues sequence numbers on it)', async () => {
    const { media, camera, copy } = await publisherAndSubscriber();
    const before = structuredClone(copy.rtpParameters);
    await copy.pause();
    await camera.pause();
    await camera.resume();
    await copy.resume();
    expect(copy.rtpParameters).toEqual(before);
    expect(media.consumerData(copy.id)?.rtpParameters).toEqual(before);
  });

  it('a consumer of a paused producer starts producerPaused, and the request says so', async () => {
    const { media, recv, camera } = await publisherAndSubscriber();
    await camera.pause();
    const late = await recv.consume({ producerId: camera.id, rtpCapabilities, paused: true });
    expect(late.producerPaused).toBe(true);
    expect(late.paused).toBe(true);
    expect(media.consumerData(late.id)).toMatchObject({ paused: true, producerPaused: true });
  });

  it("the media plane may report producer pause itself; it is idempotent with the control plane's", async () => {
    const { media, camera, copy, log } = await publisherAndSubscriber();
    await camera.pause();
    media.notify({ handlerId: copy.id, event: 'producerpause', data: {} });
    await Promise.resolve();
    expect(log.filter((line) => line === 'copy producerpause')).toHaveLength(1);
    media.notify({ handlerId: copy.id, event: 'producerresume', data: {} });
    await Promise.resolve();
    expect(copy.producerPaused).toBe(false);
    expect(log.at(-1)).toBe('copy observer:resume');
  });

  it('a failed pause changes nothing and arrives with its type', async () => {
    const { media, camera, copy, log } = await publisherAndSubscriber();
    media.failNext('producer.pause', new UnsupportedError('cannot pause now'));
    await expect(camera.pause()).rejects.toThrow(UnsupportedError);
    expect(camera.paused).toBe(false);
    expect(copy.producerPaused).toBe(false);
    expect(log).toEqual([]);
  });

  it('a producer created paused starts paused in the media plane', async () => {
    const { media, send } = await publisherAndSubscriber();
    const paused = await send.produce({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, mid: '7', encodings: [{ ssrc: 7777 }] }, paused: true });
    expect(paused.paused).toBe(true);
    expect(media.producerData(paused.id)?.paused).toBe(true);
  });
});
