/**
 * SFU mode's media plane: the real media worker (server/src/media) on one UDP
 * port, in this process. startApp takes any MediaPlaneFactory, so tests can
 * run the app on FakeMediaWorker, and a later issue can put the worker in a
 * process of its own behind the same Channel.
 */
import type { UdpListenOptions } from '../media/index.ts';
import type { MediaWorkerHandler } from '../sfu/index.ts';

export interface MediaPlaneListen extends UdpListenOptions {
  readonly port: number;
  readonly announcedAddress: string;
}

export interface MediaPlane {
  /** What createWorker({ mediaWorker }) drives. */
  readonly handler: MediaWorkerHandler;
  /** The media port as bound: its actual port when 0 was asked for, and the address in the candidates. */
  readonly address: { readonly listenIp: string; readonly port: number; readonly announcedIp: string };
  /** Resolves once the plane, closed through the Worker, has released its sockets. */
  whenClosed(): Promise<void>;
}

export type MediaPlaneFactory = (listen: MediaPlaneListen) => Promise<MediaPlane>;

/**
 * The media port's socket buffers. Every publisher's key frame arrives as one
 * burst of packets on the one shared socket; with the system's default
 * (about 200 KiB on Linux), a few bursts together while the event loop is
 * busy overflow it, and the kernel drops what it cannot hold. Linux caps the
 * value at net.core.rmem_max / wmem_max without an error.
 */
export const MEDIA_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

/** Binds the media port (rejects with EADDRINUSE and the like) and starts the media worker on it. */
export const startMediaPlane: MediaPlaneFactory = async (listen) => {
  // Loaded here, not at the top: mesh mode never needs the media plane.
  const { MediaWorker } = await import('../media/media-worker.ts');
  const worker = await MediaWorker.create({ listen, receiveBufferSize: MEDIA_SOCKET_BUFFER_BYTES, sendBufferSize: MEDIA_SOCKET_BUFFER_BYTES });
  const bound = worker.addresses[0]!;
  return {
    handler: worker,
    address: { listenIp: bound.address, port: bound.port, announcedIp: bound.announcedAddress },
    whenClosed: () => worker.whenClosed(),
  };
};
