/**
 * The SFU's real media plane: what `createWorker()` (server/src/sfu) runs on
 * through an InProcessChannel. It implements the channel's handler interface
 * (sfu/channel-messages.ts, MediaWorkerHandler) as FakeMediaWorker does, with
 * media: one shared UDP port for every transport (UdpMux), one timer queue,
 * one DTLS certificate, and the routers (router-media.ts) with their
 * transports (webrtc-transport-media.ts), producers and consumers.
 *
 *   const mediaWorker = await MediaWorker.create({ listen: { address: '0.0.0.0', port: 40000, announcedAddress: '203.0.113.5' } });
 *   const worker = await createWorker({ mediaWorker });      // or createWorker({ listenIp, port, announcedAddress })
 *
 * Nothing a peer sends can throw out of the socket handler: every drop is
 * counted (transport.dump, transport.getStats, worker.dump's mux stats), a
 * handler that throws anyway is caught by the mux and reported to `onError`.
 */
import type { JsonObject, MediaEventSink, MediaNotification, MediaRequestHandlers, MediaWorkerHandler } from '../sfu/channel-messages.ts';
import { TimerQueue, systemClock } from '../timers/index.ts';
import { type LocalCertificate, generateCertificate } from '../x509/index.ts';
import { systemMediaClock } from './media-clock.ts';
import { mediaRequestHandlers } from './media-requests.ts';
import { type MediaRegistry, RouterMedia } from './router-media.ts';
import { type UdpMuxAddress, UdpMux } from './udp-mux.ts';
import type { UdpMuxStats } from './udp-mux-stats.ts';
import type { SocketBufferOptions, UdpListenOptions } from './udp-sockets.ts';
import type { TransportEnvironment } from './webrtc-transport-media.ts';

export interface MediaWorkerOptions extends SocketBufferOptions {
  /**
   * The shared UDP port: `address` to bind ('127.0.0.1', '0.0.0.0', '::' ...),
   * `port` (0: the system picks), `announcedAddress` for the candidates
   * (`--announced-ip`, required with a wildcard address). Default: 127.0.0.1, any port.
   */
  readonly listen?: UdpListenOptions;
  /** More sockets (other ports, IPv6). */
  readonly extra?: readonly UdpListenOptions[];
  /** The DTLS certificate of every transport; default a fresh ECDSA P-256 one. */
  readonly certificate?: LocalCertificate;
  /**
   * RFC 7675: a transport whose peer sent no authenticated check for the
   * transport's iceConsentTimeout (30 s) is closed then (default true). With
   * false it is only 'disconnected', and closes if no check revives it
   * within as long again.
   */
  readonly closeOnConsentExpiry?: boolean;
  /** RTCP report intervals (RtcpScheduler): 1 s with video, 5 s audio only, by default. */
  readonly rtcpIntervals?: { readonly videoIntervalMs?: number; readonly audioIntervalMs?: number };
  /** The DTLS handshake must finish within this (default 30 s). */
  readonly dtlsHandshakeTimeoutMs?: number;
  /** Socket errors, handlers or timers that threw. Default: stderr. */
  readonly onError?: (error: unknown) => void;
}

const printToStderr = (error: unknown): void => {
  console.error('media:', error);
};

export class MediaWorker implements MediaWorkerHandler {
  readonly requests: MediaRequestHandlers;
  readonly #mux: UdpMux;
  readonly #timers: TimerQueue;
  readonly #onError: (error: unknown) => void;
  readonly #routers = new Map<string, RouterMedia>();
  readonly #registry: MediaRegistry = { transports: new Map(), producers: new Map(), consumers: new Map() };
  #sink: MediaEventSink | undefined;
  #closed = false;
  #muxClosed: Promise<void> | undefined;

  /** Binds the shared port; rejects with the bind error (EADDRINUSE ...) or a TypeError for bad options. */
  static async create(options: MediaWorkerOptions = {}): Promise<MediaWorker> {
    const onError = options.onError ?? printToStderr;
    const mux = await UdpMux.create({
      ...(options.listen ?? { address: '127.0.0.1', port: 0 }),
      ...(options.extra === undefined ? {} : { extra: options.extra }),
      ...(options.receiveBufferSize === undefined ? {} : { receiveBufferSize: options.receiveBufferSize }),
      ...(options.sendBufferSize === undefined ? {} : { sendBufferSize: options.sendBufferSize }),
      onError,
    });
    return new MediaWorker(mux, options, onError);
  }

  private constructor(mux: UdpMux, options: MediaWorkerOptions, onError: (error: unknown) => void) {
    this.#mux = mux;
    this.#onError = onError;
    this.#timers = new TimerQueue({ clock: systemClock, onError });
    const environment: TransportEnvironment = {
      mux,
      timers: this.#timers,
      clock: systemClock,
      mediaClock: systemMediaClock,
      certificate: options.certificate ?? generateCertificate({ commonName: 'WebRTC' }),
      closeOnConsentExpiry: options.closeOnConsentExpiry ?? true,
      rtcpIntervals: options.rtcpIntervals ?? {},
      dtlsHandshakeTimeoutMs: options.dtlsHandshakeTimeoutMs,
      notify: (notification) => this.#notify(notification),
      onError,
    };
    this.requests = mediaRequestHandlers({
      routers: this.#routers,
      registry: this.#registry,
      environment,
      dump: () => this.#dump(),
    });
    this.#refuseAfterClose();
  }

  /** The shared port's sockets (for candidates and tests). */
  get addresses(): UdpMuxAddress[] {
    return this.#mux.addresses;
  }

  get muxStats(): UdpMuxStats {
    return this.#mux.stats;
  }

  get closed(): boolean {
    return this.#closed;
  }

  attach(sink: MediaEventSink): void {
    this.#sink = sink;
  }

  /** Closes every router (no events), the timers and the port. Idempotent; `whenClosed()` resolves once the sockets are. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const router of this.#routers.values()) router.close();
    this.#routers.clear();
    this.#timers.close();
    this.#muxClosed = this.#mux.close();
  }

  /** Resolves when close() has released the sockets. */
  whenClosed(): Promise<void> {
    return this.#muxClosed ?? Promise.resolve();
  }

  #notify(notification: MediaNotification): void {
    if (this.#closed) return;
    try {
      this.#sink?.notify(notification);
    } catch (error) {
      this.#onError(error);
    }
  }

  #dump(): JsonObject {
    return JSON.parse(
      JSON.stringify({
        routerIds: [...this.#routers.keys()],
        transportIds: [...this.#registry.transports.keys()],
        producerIds: [...this.#registry.producers.keys()],
        consumerIds: [...this.#registry.consumers.keys()],
        addresses: this.#mux.addresses,
        mux: this.#mux.stats,
        timers: this.#timers.stats,
      }),
    ) as JsonObject;
  }

  /** After close() every request fails, as the channel's would. */
  #refuseAfterClose(): void {
    const handlers = this.requests as Record<string, (handlerId: string, data: unknown) => unknown>;
    for (const [method, handle] of Object.entries(handlers)) {
      handlers[method] = (handlerId, data) => {
        if (this.#closed) throw new Error(`MediaWorker: closed (${method})`);
        return handle(handlerId, data);
      };
    }
  }
}
