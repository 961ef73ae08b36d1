/**
 * The whole vocabulary between the SFU's control plane (Worker, Router,
 * transports, Producer, Consumer) and its media plane (MediaWorker): every
 * request with its data and response, every event with its data, and the
 * interface a media plane implements. Nothing else crosses; everything here
 * is plain JSON (no Maps, class instances, Buffers or undefined array slots),
 * so the media plane can move behind an IPC channel unchanged.
 *
 * Requests: `{ id, method, handlerId, data }`. `handlerId` is the id of the
 * object the request acts on; a request that creates an object names its
 * parent in `handlerId` and the new object's id (chosen by the control plane)
 * in `data`. Worker-level requests use `WORKER_HANDLER_ID`.
 *
 * Closing cascades inside the media plane as it does in the control plane:
 * `router.close` closes its transports; `transport.close` its producers and
 * consumers; `producer.close` (explicit, or through its transport) also
 * closes every consumer of that producer, on any transport. The control plane
 * mirrors the cascade itself and sends no further requests for the objects
 * it took down, and the media plane sends no events for them.
 *
 * Events: `{ handlerId, event, data }`, for the transport, producer or
 * consumer whose id is `handlerId`. A media plane must not send an event for
 * an object before it has answered the request that created it (the control
 * plane only starts listening then).
 */
import type { SerializedError } from './errors.ts';
import type { ConsumerRtpMapping, RtpMapping } from './rtp-mapping.ts';
import type { MediaKind, RtpEncodingParameters, RtpParameters } from './rtp-parameters.ts';
import type { ConsumerScore, ConsumerStat, ProducerScore, ProducerStat, ProducerVideoOrientation, WebRtcTransportStat } from './stats.ts';
import type { DtlsParameters, DtlsState, IceCandidate, IceParameters, IceRole, IceState, TransportTuple } from './webrtc-transport-parameters.ts';

/** What JSON can carry; dumps are typed this loosely on purpose (they are for people). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The handlerId of requests addressed to the media worker itself. */
export const WORKER_HANDLER_ID = 'worker';

export type ProducerType = 'simple' | 'simulcast' | 'svc';
export type ConsumerType = ProducerType;

type NoData = Record<string, never>;

/** What the media plane answers to `router.createWebRtcTransport`. */
export interface WebRtcTransportData {
  iceRole: IceRole;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  iceState: IceState;
  iceSelectedTuple?: TransportTuple;
  /** The SFU's certificate fingerprints; `role` is 'auto' until `transport.connect`. */
  dtlsParameters: DtlsParameters;
  dtlsState: DtlsState;
}

export interface CreateWebRtcTransportData {
  transportId: string;
  /** RFC 7675 §5.1: seconds without a valid check before the transport is 'disconnected'; default 30. */
  iceConsentTimeout: number;
}

export interface ProduceData {
  producerId: string;
  kind: MediaKind;
  /** As the publisher sends them (validated, with rtcp.cname filled in). */
  rtpParameters: RtpParameters;
  /** Publisher → router: payload types, header-extension ids, SSRCs (rtp-mapping.ts). */
  rtpMapping: RtpMapping;
  type: ProducerType;
  paused: boolean;
  /** Milliseconds to hold back a key-frame request after one was sent to this publisher; 0 means the default (1000). */
  keyFrameRequestDelay: number;
}

export interface ConsumeData {
  consumerId: string;
  producerId: string;
  kind: MediaKind;
  /** As the subscriber receives them: its payload types and ext ids, a fresh SSRC (+ RTX SSRC), the producer's CNAME. */
  rtpParameters: RtpParameters;
  /**
   * Router → subscriber: payload types and header-extension ids. Composed
   * with the producer's `rtpMapping` (`composeRtpMappings`) it gives the
   * producer → subscriber rewrite a ConsumerStream applies in one step.
   */
  rtpMapping: ConsumerRtpMapping;
  type: ConsumerType;
  /** The producer's encodings at their router SSRCs (the consumable parameters'). */
  consumableRtpEncodings: RtpEncodingParameters[];
  paused: boolean;
  producerPaused: boolean;
}

export interface ConsumeResponse {
  paused: boolean;
  producerPaused: boolean;
  score: ConsumerScore;
}

/**
 * Every request: `data` the control plane sends, `response` the media plane
 * answers. A failed request throws in the media plane; the error crosses as
 * `{ name, message }` and is re-typed (errors.ts).
 */
export interface MediaRequestMap {
  /** The worker's state, for debugging. */
  'worker.dump': { data: NoData; response: JsonObject };
  'worker.createRouter': { data: { routerId: string }; response: NoData };

  'router.close': { data: NoData; response: NoData };
  'router.dump': { data: NoData; response: JsonObject };
  /** A transport on the shared UDP port: fresh ICE credentials, the port's host candidates, the certificate's fingerprints. */
  'router.createWebRtcTransport': { data: CreateWebRtcTransportData; response: WebRtcTransportData };

  'transport.close': { data: NoData; response: NoData };
  'transport.dump': { data: NoData; response: JsonObject };
  'transport.getStats': { data: NoData; response: WebRtcTransportStat[] };
  /** The remote DTLS role and fingerprints (from SDP); DTLS starts once ICE has a selected tuple. */
  'transport.connect': { data: { dtlsParameters: DtlsParameters }; response: { dtlsLocalRole: 'client' | 'server' } };
  /** New ICE credentials; the selected tuple stays until checks with the new ones arrive. */
  'transport.restartIce': { data: NoData; response: { iceParameters: IceParameters } };
  'transport.produce': { data: ProduceData; response: NoData };
  /** A consumer asks its producer for a key frame as soon as it is created and not paused. */
  'transport.consume': { data: ConsumeData; response: ConsumeResponse };

  'producer.close': { data: NoData; response: NoData };
  'producer.dump': { data: NoData; response: JsonObject };
  'producer.getStats': { data: NoData; response: ProducerStat[] };
  /** Stop forwarding to every consumer of the producer. */
  'producer.pause': { data: NoData; response: NoData };
  /** Forward again; each consumer that is not paused itself asks for a key frame. */
  'producer.resume': { data: NoData; response: NoData };

  'consumer.close': { data: NoData; response: NoData };
  'consumer.dump': { data: NoData; response: JsonObject };
  /** The consumer's outbound stream, then the producer streams it forwards. */
  'consumer.getStats': { data: NoData; response: (ConsumerStat | ProducerStat)[] };
  'consumer.pause': { data: NoData; response: NoData };
  /** Sequence numbers and timestamps continue across the gap; a key frame is requested. */
  'consumer.resume': { data: NoData; response: NoData };
  /** PLI (or FIR) to the publisher, subject to the producer's keyFrameRequestDelay. */
  'consumer.requestKeyFrame': { data: NoData; response: NoData };
}

export type MediaMethod = keyof MediaRequestMap;
export type MediaRequestData<M extends MediaMethod> = MediaRequestMap[M]['data'];
export type MediaResponseData<M extends MediaMethod> = MediaRequestMap[M]['response'];

const METHODS: { [M in MediaMethod]: true } = {
  'worker.dump': true,
  'worker.createRouter': true,
  'router.close': true,
  'router.dump': true,
  'router.createWebRtcTransport': true,
  'transport.close': true,
  'transport.dump': true,
  'transport.getStats': true,
  'transport.connect': true,
  'transport.restartIce': true,
  'transport.produce': true,
  'transport.consume': true,
  'producer.close': true,
  'producer.dump': true,
  'producer.getStats': true,
  'producer.pause': true,
  'producer.resume': true,
  'consumer.close': true,
  'consumer.dump': true,
  'consumer.getStats': true,
  'consumer.pause': true,
  'consumer.resume': true,
  'consumer.requestKeyFrame': true,
};

/** Every request method, for dispatch tables and tests. */
export const MEDIA_METHODS = Object.keys(METHODS) as MediaMethod[];

/**
 * Every event, by the kind of object `handlerId` names. The media plane
 * sends a state event only when the state changes.
 */
export interface MediaNotificationMap {
  transport: {
    icestatechange: { iceState: IceState };
    /** The client moved: a valid check nominating a new address (RFC 8445 §7.3.1.5). */
    iceselectedtuplechange: { iceSelectedTuple: TransportTuple };
    /** `dtlsRemoteCert`: the peer certificate in PEM once 'connected'. */
    dtlsstatechange: { dtlsState: DtlsState; dtlsRemoteCert?: string };
  };
  producer: {
    /** Sent when any encoding's score changes. */
    score: { score: ProducerScore[] };
    videoorientationchange: ProducerVideoOrientation;
  };
  consumer: {
    score: ConsumerScore;
    /** Optional for a media plane: the control plane already mirrors producer close/pause/resume itself. */
    producerclose: NoData;
    producerpause: NoData;
    producerresume: NoData;
  };
}

export type MediaTarget = keyof MediaNotificationMap;

/** One event on the wire, for targets T. */
export type MediaNotification<T extends MediaTarget = MediaTarget> = {
  [K in T]: { [E in keyof MediaNotificationMap[K] & string]: { handlerId: string; event: E; data: MediaNotificationMap[K][E] } }[keyof MediaNotificationMap[K] & string];
}[T];

export type MediaEventName = MediaNotification['event'];

/** A request on the wire. */
export type ChannelRequest = {
  [M in MediaMethod]: { id: number; method: M; handlerId: string; data: MediaRequestData<M> };
}[MediaMethod];

/** The answer to request `id` on the wire. */
export type ChannelResponse = { id: number; accepted: true; data: unknown } | { id: number; accepted: false; error: SerializedError };

/** One function per request method; a thrown error (or rejection) fails the request. */
export type MediaRequestHandlers = {
  [M in MediaMethod]: (handlerId: string, data: MediaRequestData<M>) => Promise<MediaResponseData<M>> | MediaResponseData<M>;
};

/** How the media plane talks back. */
export interface MediaEventSink {
  notify(notification: MediaNotification): void;
  /** The media plane cannot go on: the channel closes and the Worker emits 'died' with this error. */
  fatal(error: Error): void;
}

/**
 * What a media plane implements (the real MediaWorker assembled from
 * server/src/media, ice, dtls and srtp; `FakeMediaWorker` in tests). A
 * channel (in-process now, IPC later) calls `attach` once, then the request
 * handlers, then `close` when the Worker closes.
 */
export interface MediaWorkerHandler {
  readonly requests: MediaRequestHandlers;
  attach(sink: MediaEventSink): void;
  /** Release every socket, timer and stream; no events after this. */
  close(): void;
}
