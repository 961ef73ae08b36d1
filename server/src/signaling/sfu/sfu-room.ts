/**
 * One room in SFU mode: a Router (created with the room, closed with it) and
 * its peers. When a peer publishes, every other peer consumes the new tracks;
 * a newcomer consumes what is already published. A room only knows its own
 * router, so rooms never see each other's media.
 */
import type { Producer, Router, RtpCodecCapability, Worker } from '../../sfu/index.ts';
import type { RoomMember } from '../rooms.ts';
import { SfuPeer } from './sfu-peer.ts';
import type { SfuRoomStats } from './stats.ts';

export interface SfuRoomOptions {
  id: string;
  worker: Worker;
  mediaCodecs: readonly RtpCodecCapability[] | undefined;
  /** A failure no request is waiting for (a consume for a subscriber); the room goes on. */
  onError: (error: unknown) => void;
}

export class SfuRoom {
  readonly id: string;
  readonly #router: Promise<Router>;
  readonly #peers = new Map<string, SfuPeer>();
  readonly #onError: (error: unknown) => void;
  /** Set once the router exists; for counts that must not wait. */
  #routerNow: Router | undefined;
  #closed = false;

  constructor(options: SfuRoomOptions) {
    this.id = options.id;
    this.#onError = options.onError;
    this.#router = options.worker.createRouter(options.mediaCodecs === undefined ? {} : { mediaCodecs: options.mediaCodecs });
    this.#router.then(
      (router) => {
        this.#routerNow = router;
        // The last peer may have left while the router was being made.
        if (this.#closed) router.close();
      },
      (error: unknown) => this.#onError(error),
    );
  }

  get size(): number {
    return this.#peers.size;
  }

  get hasRouter(): boolean {
    return this.#routerNow !== undefined && !this.#routerNow.closed;
  }

  peer(peerId: string): SfuPeer | undefined {
    return this.#peers.get(peerId);
  }

  /** A peer joined: it gets a receive transport, then every track already published. */
  join(member: RoomMember): SfuPeer {
    const peer = new SfuPeer({
      member,
      router: this.#router,
      onPublished: (producers) => this.#published(peer, producers),
      onError: this.#onError,
    });
    this.#peers.set(peer.id, peer);
    for (const other of this.#peers.values()) if (other !== peer) peer.subscriber.consume(other.publisher.producers());
    return peer;
  }

  /** Closes the peer's transports: its producers close, and with them their consumers at every other peer. */
  leave(peerId: string): void {
    const peer = this.#peers.get(peerId);
    if (peer === undefined) return;
    this.#peers.delete(peerId);
    peer.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#routerNow?.close();
  }

  stats(): SfuRoomStats {
    let producers = 0;
    let consumers = 0;
    for (const peer of this.#peers.values()) {
      producers += peer.publisher.producers().length;
      consumers += peer.subscriber.consumerCount;
    }
    return { id: this.id, peers: this.#peers.size, producers, consumers };
  }

  #published(publisher: SfuPeer, producers: readonly Producer[]): void {
    for (const peer of this.#peers.values()) if (peer !== publisher) peer.subscriber.consume(producers);
  }
}
