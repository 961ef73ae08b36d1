import { afterEach, describe, expect, it } from 'vitest';
import type { ConsumeData, ProduceData } from './channel-messages.ts';
import { InvalidStateError, UnsupportedError } from './errors.ts';
import { consumerRtpMapping } from './rtp-mapping.ts';
import type { RtpParameters } from './rtp-parameters.ts';
import { RtpHeaderExtensionUri as Uri } from './supported-rtp-capabilities.ts';
import {
  OPUS_PARAMETERS,
  TRANSPORT_EVENTS,
  VP8_PARAMETERS,
  capabilitiesFromSdp,
  chromiumOfferSections,
  fakeWorker,
  producerParametersFromSdp,
  recordEvents,
} from './test-support.ts';
import { createWorker, type Worker } from './worker.ts';

const { audio, video } = chromiumOfferSections();
const rtpCapabilities = capabilitiesFromSdp(audio, video);
const dtlsParameters = { role: 'server' as const, fingerprints: [{ algorithm: 'sha-256' as const, value: 'f9:83:F2:BD' }] };
let worker: Worker | undefined;
afterEach(() => worker?.close());

async function oneTransport() {
  const made = await fakeWorker();
  worker = made.worker;
  const router = await made.worker.createRouter();
  const transport = await router.createWebRtcTransport();
  made.media.requestLog.length = 0;
  return { ...made, router, transport };
}

describe('Worker and Router', () => {
  it('createWorker needs exactly one of channel and mediaWorker', async () => {
    await expect(createWorker({} as never)).rejects.toThrow(TypeError);
  });

  it('a router for an unsupported codec fails before asking the media plane', async () => {
    const { media, worker: w } = await fakeWorker();
    worker = w;
    media.requestLog.length = 0;
    await expect(w.createRouter({ mediaCodecs: [{ kind: 'video', mimeType: 'video/H265', clockRate: 90000 }] })).rejects.toThrow(UnsupportedError);
    expect(media.requestLog).toEqual([]);
  });

  it('announces new routers and transports on the observers', async () => {
    const { worker: w } = await fakeWorker();
    worker = w;
    const seen: string[] = [];
    w.observer.on('newrouter', (router) => {
      seen.push('router');
      router.observer.on('newtransport', (transport) => seen.push(`transport ${transport.iceState}`));
    });
    const router = await w.createRouter({ appData: { room: 'a' } });
    await router.createWebRtcTransport();
    expect(seen).toEqual(['router', 'transport new']);
    expect(router.appData).toEqual({ room: 'a' });
  });
});

describe('WebRtcTransport', () => {
  it("has the media plane's ICE and DTLS parameters", async () => {
    const { transport } = await oneTransport();
    expect(transport.iceRole).toBe('controlled');
    expect(transport.iceParameters.iceLite).toBe(true);
    expect(transport.iceCandidates[0]).toMatchObject({ protocol: 'udp', type: 'host', address: '127.0.0.1' });
    expect(transport.dtlsParameters.role).toBe('auto');
    expect(transport.dtlsParameters.fingerprints[0]?.algorithm).toBe('sha-256');
    expect([transport.iceState, transport.dtlsState]).toEqual(['new', 'new']);
  });

  it('connect() sends normalised remote DTLS parameters and takes the opposite role; only once', async () => {
    const { media, transport } = await oneTransport();
    await transport.connect({ dtlsParameters });
    expect(transport.dtlsParameters.role).toBe('client');
    expect(media.requestLog).toEqual([
      { method: 'transport.connect', handlerId: transport.id, data: { dtlsParameters: { role: 'server', fingerprints: [{ algorithm: 'sha-256', value: 'F9:83:F2:BD' }] } } },
    ]);
    await expect(transport.connect({ dtlsParameters })).rejects.toThrow(InvalidStateError);
  });

  it.each<[string, unknown, RegExp]>([
    ['no fingerprints', { fingerprints: [] }, /dtlsParameters\.fingerprints must be a non-empty array/],
    ['an unknown hash', { fingerprints: [{ algorithm: 'md5', value: 'AA' }] }, /fingerprints\[0\]\.algorithm must be one of/],
    ['a bad fingerprint', { fingerprints: [{ algorithm: 'sha-256', value: 'AA:B' }] }, /fingerprints\[0\]\.value must be hex bytes/],
    ['a bad role', { role: 'actpass', fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] }, /dtlsParameters\.role must be one of/],
  ])('connect() rejects %s with a TypeError, without a request', async (_name, bad, message) => {
    const { media, transport } = await oneTransport();
    await expect(transport.connect({ dtlsParameters: bad as never })).rejects.toThrow(message);
    expect(media.requestLog).toEqual([]);
  });

  it('a connect the media plane refuses can be retried', async () => {
    const { media, transport } = await oneTransport();
    media.failNext('transport.connect', new TypeError('fingerprint mismatch'));
    await expect(transport.connect({ dtlsParameters })).rejects.toThrow(TypeError);
    await transport.connect({ dtlsParameters });
    expect(transport.dtlsParameters.role).toBe('client');
  });

  it('restartIce() gives and keeps new credentials', async () => {
    const { transport } = await oneTransport();
    const before = transport.iceParameters;
    const after = await transport.restartIce();
    expect(after.usernameFragment).not.toBe(before.usernameFragment);
    expect(transport.iceParameters).toEqual(after);
  });

  it('turns media-plane events into state and typed events', async () => {
    const { media, transport } = await oneTransport();
    const log: string[] = [];
    recordEvents(log, 't', transport, TRANSPORT_EVENTS, ['icestatechange', 'dtlsstatechange']);
    const tuple = { localAddress: '127.0.0.1', localPort: 40000, remoteIp: '127.0.0.1', remotePort: 55000, protocol: 'udp' as const };
    media.notify({ handlerId: transport.id, event: 'icestatechange', data: { iceState: 'completed' } });
    media.notify({ handlerId: transport.id, event: 'iceselectedtuplechange', data: { iceSelectedTuple: tuple } });
    media.notify({ handlerId: transport.id, event: 'dtlsstatechange', data: { dtlsState: 'connected' } });
    await Promise.resolve();
    expect(log).toEqual(['t icestatechange', 't observer:icestatechange', 't iceselectedtuplechange', 't dtlsstatechange', 't observer:dtlsstatechange']);
    expect(transport.iceState).toBe('completed');
    expect(transport.iceSelectedTuple).toEqual(tuple);
    expect(transport.dtlsState).toBe('connected');
  });

  it('getStats() and dump() come from the media plane', async () => {
    const { transport } = await oneTransport();
    expect((await transport.getStats())[0]).toMatchObject({ type: 'webrtc-transport', transportId: transport.id, iceState: 'new' });
    expect(await transport.dump()).toMatchObject({ id: transport.id, connected: false });
  });

  it('rejects a non-positive consent timeout', async () => {
    const { router } = await oneTransport();
    await expect(router.createWebRtcTransport({ iceConsentTimeout: 0 })).rejects.toThrow(/iceConsentTimeout/);
  });
});

describe('produce()', () => {
  it('sends validated parameters, the mapping to the router and the type; the producer keeps both views', async () => {
    const { media, transport, router } = await oneTransport();
    const params = producerParametersFromSdp(video, ['video/vp8']);
    const producer = await transport.produce({ kind: 'video', rtpParameters: params, appData: { source: 'camera' } });
    const data = media.requestLog[0]?.data as ProduceData;
    expect(media.requestLog[0]?.method).toBe('transport.produce');
    expect(data).toMatchObject({ producerId: producer.id, kind: 'video', type: 'simple', paused: false, keyFrameRequestDelay: 0 });
    expect(data.rtpMapping.codecs).toEqual([
      { payloadType: 96, mappedPayloadType: 97 },
      { payloadType: 97, mappedPayloadType: 98 },
    ]);
    expect(data.rtpMapping.encodings[0]?.mappedSsrc).toBe(producer.consumableRtpParameters.encodings?.[0]?.ssrc);
    expect(producer.rtpParameters).toEqual(data.rtpParameters);
    expect(producer.consumableRtpParameters.codecs[0]?.payloadType).toBe(97);
    expect(producer.appData).toEqual({ source: 'camera' });
    expect(router.canConsume({ producerId: producer.id, rtpCapabilities })).toBe(true);
    expect(router.canConsume({ producerId: producer.id, rtpCapabilities: { codecs: [] } })).toBe(false);
  });

  it('gives producers without a CNAME the CNAME of the first producer of the transport (RFC 3550 §6.5.1)', async () => {
    const { transport } = await oneTransport();
    const { rtcp: _drop, ...withoutCname } = VP8_PARAMETERS;
    const camera = await transport.produce({ kind: 'video', rtpParameters: withoutCname });
    const mic = await transport.produce({ kind: 'audio', rtpParameters: { ...OPUS_PARAMETERS, rtcp: {} } });
    expect(camera.rtpParameters.rtcp?.cname).toMatch(/^[0-9a-f]{16}$/);
    expect(mic.rtpParameters.rtcp?.cname).toBe(camera.rtpParameters.rtcp?.cname);
  });

  it('knows simulcast and SVC producers', async () => {
    const { transport } = await oneTransport();
    const simulcast = await transport.produce({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, encodings: [{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }] } });
    const svc = await transport.produce({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, mid: '2', encodings: [{ ssrc: 3333, scalabilityMode: 'L3T3_KEY' }] } });
    expect([simulcast.type, svc.type]).toEqual(['simulcast', 'svc']);
  });

  it.each<[string, () => Parameters<Awaited<ReturnType<typeof oneTransport>>['transport']['produce']>[0], abstract new (...args: never[]) => Error, RegExp]>([
    ['an unsupported codec', () => ({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, codecs: [{ mimeType: 'video/H265', payloadType: 100, clockRate: 90000 }] } }), UnsupportedError, /video\/H265/],
    ['a codec of the other kind', () => ({ kind: 'audio', rtpParameters: VP8_PARAMETERS }), TypeError, /codecs\[0\]\.mimeType 'video\/VP8' is not audio/],
    ['a bad kind', () => ({ kind: 'data' as never, rtpParameters: VP8_PARAMETERS }), TypeError, /kind must be 'audio' or 'video'/],
    ['bad parameters', () => ({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, codecs: [{ ...VP8_PARAMETERS.codecs[0]!, payloadType: -1 }] } }), TypeError, /rtpParameters\.codecs\[0\]\.payloadType/],
    ['a negative key-frame delay', () => ({ kind: 'video', rtpParameters: VP8_PARAMETERS, keyFrameRequestDelay: -1 }), TypeError, /keyFrameRequestDelay/],
  ])('rejects %s without a request', async (_name, options, type, message) => {
    const { media, transport } = await oneTransport();
    const error = await transport.produce(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect(media.requestLog).toEqual([]);
  });

  it('refuses a second stream with the same MID, SSRC or producer id on one transport', async () => {
    const { transport } = await oneTransport();
    const first = await transport.produce({ kind: 'video', rtpParameters: VP8_PARAMETERS });
    await expect(transport.produce({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, encodings: [{ ssrc: 1 }] } })).rejects.toThrow(/mid '1' is already used/);
    await expect(transport.produce({ kind: 'video', rtpParameters: { ...VP8_PARAMETERS, mid: '8', encodings: [{ ssrc: 2223 }] } })).rejects.toThrow(
      /ssrc 2223 is already used/,
    );
    await expect(transport.produce({ id: first.id, kind: 'audio', rtpParameters: OPUS_PARAMETERS })).rejects.toThrow(/already exists/);
    // Once the first is closed, its MID and SSRC are free again.
    first.close();
    await expect(transport.produce({ kind: 'video', rtpParameters: VP8_PARAMETERS })).resolves.toBeDefined();
  });
});

describe('consume()', () => {
  async function withProducer() {
    const made = await oneTransport();
    const producer = await made.transport.produce({ kind: 'video', rtpParameters: VP8_PARAMETERS });
    const recv = await made.router.createWebRtcTransport();
    made.media.requestLog.length = 0;
    return { ...made, producer, recv };
  }

  it("sends the subscriber's parameters, the router → subscriber mapping and the producer's router encodings", async () => {
    const { media, producer, recv } = await withProducer();
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities, paused: true, appData: { peer: 'b' } });
    const data = media.requestLog[0]?.data as ConsumeData;
    expect(data).toMatchObject({ consumerId: consumer.id, producerId: producer.id, kind: 'video', type: 'simple', paused: true, producerPaused: false });
    expect(data.rtpParameters).toEqual(consumer.rtpParameters);
    expect(data.rtpMapping).toEqual(consumerRtpMapping(producer.consumableRtpParameters, consumer.rtpParameters));
    expect(data.rtpMapping.codecs).toEqual([
      { payloadType: 97, mappedPayloadType: 96 },
      { payloadType: 98, mappedPayloadType: 97 },
    ]);
    expect(data.consumableRtpEncodings).toEqual(producer.consumableRtpParameters.encodings);
    expect(consumer.rtpParameters.mid).toBe('0');
    expect(consumer.rtpParameters.rtcp?.cname).toBe('publisher');
    expect(consumer.rtpParameters.headerExtensions?.map((e) => e.uri)).toContain(Uri.TransportWideCc01);
    expect(consumer).toMatchObject({ kind: 'video', paused: true, producerPaused: false, producerId: producer.id, appData: { peer: 'b' } });
    expect(consumer.score).toEqual({ score: 10, producerScore: 10, producerScores: [10] });
  });

  it('numbers MIDs per transport, skipping ones in use, and refuses a MID in use', async () => {
    const { producer, recv } = await withProducer();
    const explicit = await recv.consume({ producerId: producer.id, rtpCapabilities, mid: '1' });
    const first = await recv.consume({ producerId: producer.id, rtpCapabilities });
    const second = await recv.consume({ producerId: producer.id, rtpCapabilities });
    expect([explicit, first, second].map((c) => c.rtpParameters.mid)).toEqual(['1', '0', '2']);
    await expect(recv.consume({ producerId: producer.id, rtpCapabilities, mid: '2' })).rejects.toThrow(/mid '2' is already used/);
  });

  it.each<[string, (id: string) => Parameters<Awaited<ReturnType<typeof withProducer>>['recv']['consume']>[0], abstract new (...args: never[]) => Error, RegExp]>([
    ['an unknown producer', () => ({ producerId: 'nope', rtpCapabilities }), TypeError, /Producer with id "nope" not found/],
    ['capabilities without the codec', (id) => ({ producerId: id, rtpCapabilities: capabilitiesFromSdp(audio) }), UnsupportedError, /cannot receive/],
    ['malformed capabilities', (id) => ({ producerId: id, rtpCapabilities: { codecs: [{ mimeType: 'VP8' }] } as never }), TypeError, /rtpCapabilities\.codecs\[0\]\.mimeType/],
  ])('rejects %s without a request', async (_name, options, type, message) => {
    const { media, producer, recv } = await withProducer();
    const error = await recv.consume(options(producer.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect(media.requestLog).toEqual([]);
  });

  it('passes scores and stats through', async () => {
    const { media, producer, recv } = await withProducer();
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities });
    const scores: number[] = [];
    consumer.on('score', ({ score }) => scores.push(score));
    producer.on('score', (score) => scores.push(score[0]?.score ?? -1));
    media.notify({ handlerId: consumer.id, event: 'score', data: { score: 7, producerScore: 9, producerScores: [9] } });
    media.notify({ handlerId: producer.id, event: 'score', data: { score: [{ encodingIdx: 0, ssrc: 2222, score: 9 }] } });
    await Promise.resolve();
    expect(scores).toEqual([7, 9]);
    expect(consumer.score.score).toBe(7);
    expect(producer.score).toEqual([{ encodingIdx: 0, ssrc: 2222, score: 9 }]);
    const [outbound] = await consumer.getStats();
    expect(outbound).toMatchObject({ type: 'outbound-rtp', ssrc: consumer.rtpParameters.encodings?.[0]?.ssrc, kind: 'video', mimeType: 'video/VP8' });
    expect((await producer.getStats())[0]).toMatchObject({ type: 'inbound-rtp', ssrc: 2222 });
    await consumer.requestKeyFrame();
    expect(media.requestLog.at(-1)).toEqual({ method: 'consumer.requestKeyFrame', handlerId: consumer.id, data: {} });
  });

  it('consumes a Chromium H264 publisher with a Chromium subscriber at 108/109', async () => {
    const { worker: w } = await fakeWorker();
    worker = w;
    const router = await w.createRouter();
    const send = await router.createWebRtcTransport();
    const recv = await router.createWebRtcTransport();
    const params: RtpParameters = producerParametersFromSdp(video, ['video/h264']);
    params.codecs = params.codecs.filter((codec) => codec.payloadType === 108 || codec.payloadType === 109);
    const producer = await send.produce({ kind: 'video', rtpParameters: params });
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities });
    expect(consumer.rtpParameters.codecs.map((c) => c.payloadType)).toEqual([108, 109]);
  });
});
