/**
 * One participant in SFU mode: what it sends (a Publisher on its send
 * transport) and what it receives (a Subscriber on its receive transport).
 * Each is one RTCPeerConnection in the browser, BUNDLEd on the SFU's one
 * shared UDP port.
 */
import type { Producer, Router } from '../../sfu/index.ts';
import type { RoomMember } from '../rooms.ts';
import { Publisher } from './publisher.ts';
import { Subscriber } from './subscriber.ts';

export interface SfuPeerOptions {
  member: RoomMember;
  router: Promise<Router>;
  /** The peer now sends these new tracks; the room has the others consume them. */
  onPublished: (producers: readonly Producer[]) => void;
  onError: (error: unknown) => void;
}

export class SfuPeer {
  readonly id: string;
  readonly publisher: Publisher;
  readonly subscriber: Subscriber;

  constructor(options: SfuPeerOptions) {
    const { member, router } = options;
    this.id = member.peer.id;
    this.publisher = new Publisher({ peerId: this.id, router, onPublished: options.onPublished });
    this.subscriber = new Subscriber({ peerId: this.id, router, notify: (method, data) => member.notify(method, data), onError: options.onError });
  }

  /** Closes both transports: no more offers to this peer, and its tracks leave every other peer. */
  close(): void {
    this.subscriber.close();
    this.publisher.close();
  }
}
