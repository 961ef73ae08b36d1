import { describe, expect, it, vi } from 'vitest';
import { InProcessChannel } from './channel.ts';
import { MEDIA_METHODS, type MediaEventSink, type MediaNotificationMap, type MediaRequestHandlers, type MediaWorkerHandler } from './channel-messages.ts';
import { InvalidStateError, MediaWorkerError, UnsupportedError, deserializeError, serializeError } from './errors.ts';
import { FakeMediaWorker } from './fake-media-worker.ts';
import { assertJsonSerializable, toWire } from './json-message.ts';
import { capabilitiesFromSdp, chromiumOfferSections, OPUS_PARAMETERS, VP8_PARAMETERS } from './test-support.ts';
import { createWorker } from './worker.ts';

describe('assertJsonSerializable', () => {
  class Tuple {
    ip = '127.0.0.1';
  }
  it.each<[string, unknown, RegExp]>([
    ['a Map', { data: { codecs: new Map() } }, /message\.data\.codecs is a Map/],
    ['a Uint8Array', { payload: new Uint8Array(2) }, /message\.payload is a Uint8Array/],
    ['a Buffer', [Buffer.alloc(1)], /message\[0\] is a Buffer/],
    ['a class instance', { tuple: new Tuple() }, /message\.tuple is a Tuple/],
    ['a function', { f: () => 1 }, /message\.f is a function/],
    ['a bigint', { priority: 1n }, /message\.priority is a bigint/],
    ['NaN', { bitrate: Number.NaN }, /message\.bitrate is NaN/],
    ['Infinity', [Number.POSITIVE_INFINITY], /message\[0\] is Infinity/],
    ['undefined in an array', { ids: ['a', undefined] }, /message\.ids\[1\] is undefined/],
    ['a hole in an array', { ids: [1, , 3] }, /message\.ids\[1\] is undefined/],
    ['a Date', { at: new Date(0) }, /message\.at is a Date/],
  ])('rejects %s, naming the path', (_name, value, message) => {
    expect(() => assertJsonSerializable(value)).toThrow(TypeError);
    expect(() => assertJsonSerializable(value)).toThrow(message);
  });

  it('accepts plain JSON and drops undefined object fields, as JSON does', () => {
    const value = { a: [1, 'x', null, true, { b: Object.create(null) as object }], c: undefined };
    expect(toWire(value)).toEqual({ a: [1, 'x', null, true, { b: {} }] });
    expect('c' in toWire(value)).toBe(false);
  });

  it('copies: the receiver never shares an object with the sender', () => {
    const value = { codecs: [{ payloadType: 96 }] };
    const copy = toWire(value);
    copy.codecs[0]!.payloadType = 100;
    expect(value.codecs[0]!.payloadType).toBe(96);
  });
});

describe('error re-typing across the channel', () => {
  class DtlsError extends Error {
    override name = 'DtlsError';
  }
  it.each<[string, unknown, abstract new (...args: never[]) => Error, string]>([
    ['TypeError', new TypeError('bad fingerprint'), TypeError, 'bad fingerprint'],
    ['RangeError', new RangeError('too many'), RangeError, 'too many'],
    ['InvalidStateError', new InvalidStateError('closed'), InvalidStateError, 'closed'],
    ['UnsupportedError', new UnsupportedError('no codec'), UnsupportedError, 'no codec'],
    ['an unknown error class', new DtlsError('handshake failed'), MediaWorkerError, 'handshake failed'],
    ['a thrown string', 'oops', MediaWorkerError, 'oops'],
  ])('%s arrives as its type', async (_name, thrown, type, message) => {
    const handler = echoHandler(() => {
      throw thrown;
    });
    const channel = new InProcessChannel(handler);
    const error = await channel.request('consumer.requestKeyFrame', 'c1', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toBe(message);
    if (thrown instanceof DtlsError) expect((error as MediaWorkerError).remoteName).toBe('DtlsError');
  });

  it('serializeError and deserializeError are inverse for the known types', () => {
    for (const error of [new TypeError('a'), new InvalidStateError('b'), new UnsupportedError('c')]) {
      const back = deserializeError(JSON.parse(JSON.stringify(serializeError(error))));
      expect(back.constructor).toBe(error.constructor);
      expect(back.name).toBe(error.name);
    }
  });
});

describe('InProcessChannel', () => {
  it('answers a request asynchronously with a copy of the response', async () => {
    const response = { dtlsLocalRole: 'client' as const };
    const handler = echoHandler(() => response);
    const channel = new InProcessChannel(handler);
    let settled = false;
    const pending = channel.request('transport.connect', 't1', { dtlsParameters: { fingerprints: [] } }).then((r) => {
      settled = true;
      return r;
    });
    expect(settled).toBe(false);
    const result = await pending;
    expect(result).toEqual(response);
    expect(result).not.toBe(response);
    expect(handler.calls).toEqual([['t1', { dtlsParameters: { fingerprints: [] } }]]);
  });

  it('refuses data JSON cannot carry, before the media plane sees it', async () => {
    const handler = echoHandler(() => ({}));
    const channel = new InProcessChannel(handler);
    const data = { routerId: new Map() } as never;
    await expect(channel.request('worker.createRouter', 'worker', data)).rejects.toThrow(/request worker\.createRouter\.data\.routerId is a Map/);
    expect(handler.calls).toEqual([]);
  });

  it('fails a request whose response JSON cannot carry', async () => {
    const channel = new InProcessChannel(echoHandler(() => ({ stats: new Map() })));
    await expect(channel.request('worker.dump', 'worker', {})).rejects.toThrow(TypeError);
  });

  it('turns a synchronous throw into a rejection', async () => {
    const channel = new InProcessChannel(
      echoHandler(() => {
        throw new TypeError('sync');
      }),
    );
    await expect(channel.request('router.dump', 'r', {})).rejects.toThrow(TypeError);
  });

  it('delivers events later, in order, and none after close', async () => {
    const handler = echoHandler(() => ({}));
    const channel = new InProcessChannel(handler);
    const seen: unknown[] = [];
    channel.on('event', (handlerId, event, data) => seen.push([handlerId, event, data]));
    handler.sink?.notify({ handlerId: 't', event: 'icestatechange', data: { iceState: 'connected' } });
    handler.sink?.notify({ handlerId: 't', event: 'dtlsstatechange', data: { dtlsState: 'connecting' } });
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([
      ['t', 'icestatechange', { iceState: 'connected' }],
      ['t', 'dtlsstatechange', { dtlsState: 'connecting' }],
    ]);
    handler.sink?.notify({ handlerId: 't', event: 'icestatechange', data: { iceState: 'closed' } });
    channel.close();
    await Promise.resolve();
    expect(seen).toHaveLength(2);
  });

  it('rejects an event JSON cannot carry at the media plane that sent it', () => {
    const handler = echoHandler(() => ({}));
    new InProcessChannel(handler);
    expect(() => handler.sink?.notify({ handlerId: 'p', event: 'score', data: { score: [{ encodingIdx: 0, ssrc: 1, score: Number.NaN }] } })).toThrow(/score\[0\]\.score is NaN/);
  });

  it('close() rejects pending requests, closes the media plane once and tells listeners', async () => {
    const handler = echoHandler(() => new Promise(() => {}));
    const channel = new InProcessChannel(handler);
    const onClose = vi.fn();
    channel.on('close', onClose);
    const pending = channel.request('producer.getStats', 'p', {});
    channel.close();
    channel.close();
    await expect(pending).rejects.toThrow(InvalidStateError);
    await expect(channel.request('producer.getStats', 'p', {})).rejects.toThrow(InvalidStateError);
    expect(handler.closeCount).toBe(1);
    expect(onClose).toHaveBeenCalledOnce();
    expect(onClose).toHaveBeenCalledWith(undefined);
    expect(channel.closed).toBe(true);
  });

  it('a fatal media-plane error closes the channel with that error', async () => {
    const handler = echoHandler(() => new Promise(() => {}));
    const channel = new InProcessChannel(handler);
    const onClose = vi.fn();
    channel.on('close', onClose);
    const pending = channel.request('router.dump', 'r', {});
    handler.sink?.fatal(new Error('out of sockets'));
    await expect(pending).rejects.toThrow(/media worker died: out of sockets/);
    expect(onClose).toHaveBeenCalledWith(new Error('out of sockets'));
  });
});

describe('the channel vocabulary', () => {
  it('every request, response and event of a whole session survives JSON and structuredClone unchanged', async () => {
    const messages: unknown[] = [];
    const media = new FakeMediaWorker();
    const worker = await createWorker({ channel: new InProcessChannel(media, { trace: ({ message }) => messages.push(message) }) });
    const { audio, video } = chromiumOfferSections();
    const rtpCapabilities = capabilitiesFromSdp(audio, video);

    await worker.dump();
    const router = await worker.createRouter();
    await router.dump();
    const send = await router.createWebRtcTransport();
    const recv = await router.createWebRtcTransport();
    await send.connect({ dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] } });
    await send.restartIce();
    await send.getStats();
    await send.dump();
    const audioProducer = await send.produce({ kind: 'audio', rtpParameters: OPUS_PARAMETERS });
    const videoProducer = await send.produce({ kind: 'video', rtpParameters: VP8_PARAMETERS });
    const consumer = await recv.consume({ producerId: videoProducer.id, rtpCapabilities, paused: true });
    const audioConsumer = await recv.consume({ producerId: audioProducer.id, rtpCapabilities });
    await videoProducer.pause();
    await videoProducer.resume();
    await videoProducer.getStats();
    await videoProducer.dump();
    await consumer.resume();
    await consumer.pause();
    await consumer.requestKeyFrame();
    await consumer.getStats();
    await consumer.dump();
    const events: { [K in keyof MediaNotificationMap]: { [E in keyof MediaNotificationMap[K]]: MediaNotificationMap[K][E] } } = {
      transport: {
        icestatechange: { iceState: 'completed' },
        iceselectedtuplechange: { iceSelectedTuple: { localAddress: '127.0.0.1', localPort: 40000, remoteIp: '127.0.0.1', remotePort: 5000, protocol: 'udp' } },
        dtlsstatechange: { dtlsState: 'connected', dtlsRemoteCert: '-----BEGIN CERTIFICATE-----' },
      },
      producer: {
        score: { score: [{ encodingIdx: 0, ssrc: 2222, score: 9 }] },
        videoorientationchange: { camera: true, flip: false, rotation: 90 },
      },
      consumer: { score: { score: 8, producerScore: 9, producerScores: [9] }, producerpause: {}, producerresume: {}, producerclose: {} },
    };
    const ids = { transport: send.id, producer: videoProducer.id, consumer: consumer.id };
    for (const target of ['transport', 'producer', 'consumer'] as const) {
      for (const [event, data] of Object.entries(events[target])) media.notify({ handlerId: ids[target], event, data } as never);
    }
    await Promise.resolve();
    expect(consumer.closed).toBe(true); // by its 'producerclose' event
    audioConsumer.close();
    audioProducer.close();
    recv.close();
    send.close();
    router.close();
    await new Promise((resolve) => setImmediate(resolve));

    const requests = messages.filter((m): m is { method: string } => typeof m === 'object' && m !== null && 'method' in m);
    expect(new Set(requests.map((r) => r.method))).toEqual(new Set(MEDIA_METHODS));
    const seenEvents = messages.filter((m): m is { event: string } => typeof m === 'object' && m !== null && 'event' in m).map((m) => m.event);
    expect(new Set(seenEvents)).toEqual(new Set(Object.values(events).flatMap((byEvent) => Object.keys(byEvent))));
    expect(messages.filter((m) => typeof m === 'object' && m !== null && 'accepted' in m && m.accepted === false)).toEqual([]);
    for (const message of messages) {
      expect(JSON.parse(JSON.stringify(message))).toEqual(message);
      expect(structuredClone(message)).toEqual(message);
    }
    worker.close();
  });
});

/** A handler whose every request runs `answer`, recording the calls. */
function echoHandler(answer: (handlerId: string, data: unknown) => unknown): MediaWorkerHandler & { calls: unknown[][]; sink?: MediaEventSink; closeCount: number } {
  const calls: unknown[][] = [];
  const requests = Object.fromEntries(
    MEDIA_METHODS.map((method) => [
      method,
      (handlerId: string, data: unknown) => {
        calls.push([handlerId, data]);
        return answer(handlerId, data);
      },
    ]),
  ) as unknown as MediaRequestHandlers;
  const handler = {
    calls,
    closeCount: 0,
    sink: undefined as MediaEventSink | undefined,
    requests,
    attach(sink: MediaEventSink) {
      handler.sink = sink;
    },
    close() {
      handler.closeCount++;
    },
  };
  return handler;
}
