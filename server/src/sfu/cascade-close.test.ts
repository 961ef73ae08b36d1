import { afterEach, describe, expect, it } from 'vitest';
import type { Consumer } from './consumer.ts';
import { InvalidStateError } from './errors.ts';
import type { FakeMediaWorker } from './fake-media-worker.ts';
import type { Producer } from './producer.ts';
import type { Router } from './router.ts';
import {
  CONSUMER_EVENTS,
  OPUS_PARAMETERS,
  PRODUCER_EVENTS,
  TRANSPORT_EVENTS,
  VP8_PARAMETERS,
  capabilitiesFromSdp,
  chromiumOfferSections,
  fakeWorker,
  recordEvents,
} from './test-support.ts';
import type { WebRtcTransport } from './webrtc-transport.ts';
import type { Worker } from './worker.ts';

const { audio, video } = chromiumOfferSections();
const rtpCapabilities = capabilitiesFromSdp(audio, video);

interface Room {
  media: FakeMediaWorker;
  worker: Worker;
  router: Router;
  send: WebRtcTransport;
  recv: WebRtcTransport;
  mic: Producer;
  camera: Producer;
  micCopy: Consumer;
  cameraCopy: Consumer;
  log: string[];
}

let room: Room | undefined;
afterEach(() => room?.worker.close());

/** One publisher (mic + camera on `send`) and one subscriber (`recv`), every event recorded in `log`. */
async function openRoom(): Promise<Room> {
  const { media, worker } = await fakeWorker();
  const router = await worker.createRouter();
  const send = await router.createWebRtcTransport();
  const recv = await router.createWebRtcTransport();
  const mic = await send.produce({ kind: 'audio', rtpParameters: OPUS_PARAMETERS });
  const camera = await send.produce({ kind: 'video', rtpParameters: VP8_PARAMETERS });
  const micCopy = await recv.consume({ producerId: mic.id, rtpCapabilities });
  const cameraCopy = await recv.consume({ producerId: camera.id, rtpCapabilities });
  const log: string[] = [];
  recordEvents(log, 'worker', worker, ['died']);
  recordEvents(log, 'router', router, ['workerclose']);
  recordEvents(log, 'send', send, TRANSPORT_EVENTS);
  recordEvents(log, 'recv', recv, TRANSPORT_EVENTS);
  recordEvents(log, 'mic', mic, PRODUCER_EVENTS);
  recordEvents(log, 'camera', camera, PRODUCER_EVENTS);
  recordEvents(log, 'micCopy', micCopy, CONSUMER_EVENTS);
  recordEvents(log, 'cameraCopy', cameraCopy, CONSUMER_EVENTS);
  media.requestLog.length = 0;
  room = { media, worker, router, send, recv, mic, camera, micCopy, cameraCopy, log };
  return room;
}

const methods = (media: FakeMediaWorker) => media.requestLog.map((request) => request.method);

describe('cascade close', () => {
  it("publisher transport: each producer's consumers get 'producerclose', then the producer 'transportclose'; one request", async () => {
    const { media, send, recv, mic, camera, micCopy, cameraCopy, log } = await openRoom();
    send.close();
    expect(log).toEqual([
      'micCopy producerclose',
      'micCopy observer:close',
      'mic transportclose',
      'mic observer:close',
      'cameraCopy producerclose',
      'cameraCopy observer:close',
      'camera transportclose',
      'camera observer:close',
      'send observer:close',
    ]);
    expect([send, mic, camera, micCopy, cameraCopy].every((object) => object.closed)).toBe(true);
    expect(recv.closed).toBe(false);
    expect(send.iceState).toBe('closed');
    expect(send.dtlsState).toBe('closed');
    await settle();
    expect(methods(media)).toEqual(['transport.close']);
    expect([send.id, mic.id, camera.id, micCopy.id, cameraCopy.id].some((id) => media.holds(id))).toBe(false);
    expect(media.holds(recv.id)).toBe(true);
  });

  it("subscriber transport: its consumers get 'transportclose'; the producers go on", async () => {
    const { media, recv, mic, micCopy, cameraCopy, log } = await openRoom();
    recv.close();
    expect(log).toEqual(['micCopy transportclose', 'micCopy observer:close', 'cameraCopy transportclose', 'cameraCopy observer:close', 'recv observer:close']);
    expect(mic.closed).toBe(false);
    // Closing the producer now concerns no consumer.
    mic.close();
    expect(log.slice(5)).toEqual(['mic observer:close']);
    await settle();
    expect(methods(media)).toEqual(['transport.close', 'producer.close']);
    expect(micCopy.closed && cameraCopy.closed).toBe(true);
  });

  it("producer: its consumers on every transport get 'producerclose'; other producers are untouched", async () => {
    const { media, router, mic, camera, micCopy, cameraCopy, log } = await openRoom();
    const recv2 = await router.createWebRtcTransport();
    const cameraCopy2 = await recv2.consume({ producerId: camera.id, rtpCapabilities });
    recordEvents(log, 'cameraCopy2', cameraCopy2, CONSUMER_EVENTS);
    media.requestLog.length = 0;
    camera.close();
    expect(log).toEqual(['cameraCopy producerclose', 'cameraCopy observer:close', 'cameraCopy2 producerclose', 'cameraCopy2 observer:close', 'camera observer:close']);
    expect(mic.closed || micCopy.closed).toBe(false);
    expect(cameraCopy.closed && cameraCopy2.closed).toBe(true);
    expect(router.canConsume({ producerId: camera.id, rtpCapabilities })).toBe(false);
    await settle();
    expect(methods(media)).toEqual(['producer.close']);
    expect(media.holds(cameraCopy2.id)).toBe(false);
  });

  it('consumer: closes alone', async () => {
    const { media, camera, cameraCopy, log } = await openRoom();
    cameraCopy.close();
    camera.close();
    expect(log).toEqual(['cameraCopy observer:close', 'camera observer:close']);
    await settle();
    expect(methods(media)).toEqual(['consumer.close', 'producer.close']);
  });

  it("router: transports in creation order, each with 'routerclose' after its children; a consumer reports one reason only", async () => {
    const { media, router, send, recv, camera, log } = await openRoom();
    // recv also publishes, and send consumes it: consumers now exist on both sides.
    const screen = await recv.produce({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, mid: '9', encodings: [{ ssrc: 9999 }] } });
    const screenCopy = await send.consume({ producerId: screen.id, rtpCapabilities });
    recordEvents(log, 'screen', screen, PRODUCER_EVENTS);
    recordEvents(log, 'screenCopy', screenCopy, CONSUMER_EVENTS);
    media.requestLog.length = 0;
    router.close();
    expect(log).toEqual([
      'micCopy producerclose',
      'micCopy observer:close',
      'mic transportclose',
      'mic observer:close',
      'cameraCopy producerclose',
      'cameraCopy observer:close',
      'camera transportclose',
      'camera observer:close',
      'screenCopy transportclose',
      'screenCopy observer:close',
      'send routerclose',
      'send observer:close',
      'screen transportclose',
      'screen observer:close',
      'recv routerclose',
      'recv observer:close',
      'router observer:close',
    ]);
    for (const label of ['micCopy', 'cameraCopy', 'screenCopy']) {
      expect(log.filter((line) => line.startsWith(`${label} `) && !line.includes('observer')).length).toBe(1);
    }
    expect(camera.closed).toBe(true);
    await settle();
    expect(methods(media)).toEqual(['router.close']);
    expect(media.holds(router.id)).toBe(false);
  });

  it("worker: every router gets 'workerclose' and the media plane is closed, without requests", async () => {
    const { media, worker, router, send, log } = await openRoom();
    const other = await worker.createRouter();
    recordEvents(log, 'other', other, ['workerclose']);
    media.requestLog.length = 0;
    worker.close();
    expect(log.filter((line) => /^(router|other|send|worker) /.test(line))).toEqual([
      'send routerclose',
      'send observer:close',
      'router workerclose',
      'router observer:close',
      'other workerclose',
      'other observer:close',
      'worker observer:close',
    ]);
    expect(router.closed && other.closed && send.closed && worker.closed).toBe(true);
    expect(worker.died).toBe(false);
    expect(media.closed).toBe(true);
    expect(methods(media)).toEqual([]);
  });

  it("worker death: 'died' with the error, after every router closed", async () => {
    const { media, worker, router, log } = await openRoom();
    media.crash(new Error('udp socket error'));
    expect(log.slice(-4)).toEqual(['router workerclose', 'router observer:close', 'worker died', 'worker observer:close']);
    expect(worker.died && worker.closed && router.closed).toBe(true);
    await expect(worker.createRouter()).rejects.toThrow(/Worker is dead/);
  });

  it('close() is idempotent everywhere', async () => {
    const { worker, router, send, recv, mic, micCopy, log } = await openRoom();
    micCopy.close();
    micCopy.close();
    mic.close();
    mic.close();
    recv.close();
    recv.close();
    send.close();
    router.close();
    router.close();
    worker.close();
    worker.close();
    expect(log.filter((line) => line.startsWith('micCopy'))).toEqual(['micCopy observer:close']);
    expect(log.filter((line) => line.startsWith('mic '))).toEqual(['mic observer:close']);
    expect(log.filter((line) => line === 'recv observer:close')).toHaveLength(1);
  });
});

describe('after close', () => {
  it('every method that acts on media rejects with InvalidStateError and sends nothing', async () => {
    const { media, worker, router, send, recv, camera, cameraCopy } = await openRoom();
    const routerId = router.id;
    worker.close();
    const calls: [string, () => Promise<unknown>][] = [
      ['worker.createRouter', () => worker.createRouter()],
      ['worker.dump', () => worker.dump()],
      ['router.createWebRtcTransport', () => router.createWebRtcTransport()],
      ['router.dump', () => router.dump()],
      ['transport.connect', () => send.connect({ dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] } })],
      ['transport.produce', () => send.produce({ kind: 'audio', rtpParameters: OPUS_PARAMETERS })],
      ['transport.consume', () => recv.consume({ producerId: camera.id, rtpCapabilities })],
      ['transport.restartIce', () => send.restartIce()],
      ['transport.getStats', () => send.getStats()],
      ['transport.dump', () => send.dump()],
      ['producer.pause', () => camera.pause()],
      ['producer.resume', () => camera.resume()],
      ['producer.getStats', () => camera.getStats()],
      ['producer.dump', () => camera.dump()],
      ['consumer.pause', () => cameraCopy.pause()],
      ['consumer.resume', () => cameraCopy.resume()],
      ['consumer.requestKeyFrame', () => cameraCopy.requestKeyFrame()],
      ['consumer.getStats', () => cameraCopy.getStats()],
      ['consumer.dump', () => cameraCopy.dump()],
    ];
    for (const [name, call] of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(InvalidStateError);
    }
    expect(media.requestLog).toEqual([]);
    expect(routerId).toBe(router.id);
  });

  it('a transport closed while produce() waits for the media plane rejects, and the media plane drops the producer', async () => {
    const { media, send } = await openRoom();
    const pending = send.produce({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, mid: '5', encodings: [{ ssrc: 5555 }] } });
    send.close();
    await expect(pending).rejects.toThrow(InvalidStateError);
    await settle();
    expect(methods(media)).toEqual(['transport.produce', 'transport.close']);
    expect(media.requestLog.some((request) => media.holds(request.handlerId))).toBe(false);
  });

  it('a producer closed while consume() waits rejects, and no consumer is left behind', async () => {
    const { media, recv, camera } = await openRoom();
    const pending = recv.consume({ producerId: camera.id, rtpCapabilities });
    camera.close();
    await expect(pending).rejects.toThrow(/closed while consuming/);
    await settle();
    const consumeData = media.requestLog.find((request) => request.method === 'transport.consume')?.data as { consumerId: string };
    expect(media.holds(consumeData.consumerId)).toBe(false);
  });

  it('events for closed objects are dropped and counted', async () => {
    const { media, worker, camera, cameraCopy, log } = await openRoom();
    camera.close();
    log.length = 0;
    media.notify({ handlerId: camera.id, event: 'score', data: { score: [] } });
    media.notify({ handlerId: cameraCopy.id, event: 'producerpause', data: {} });
    await settle();
    expect(log).toEqual([]);
    expect(worker.droppedEvents).toBe(2);
  });
});

/** Lets fire-and-forget close requests reach the media plane. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}
