/**
 * SFU mode for the signaling server: a SignalingExtension that gives each
 * room a Router and each peer a send and a receive transport, and answers the
 * SFU methods (PROTOCOL.md, "SFU mode"). The browser speaks SDP only: it
 * offers what it publishes and the SFU answers; the SFU offers what it
 * forwards and the browser answers.
 *
 *   const worker = await createWorker({ mediaWorker });
 *   const sfu = new SfuRoomService({ worker });
 *   const signaling = new SignalingServer({ path: '/ws', extension: sfu });
 *   jsonRoutes['/api/stats'] = () => sfu.stats();
 *
 * Rooms, tokens and limits stay the signaling server's: a peer exists here
 * from its join to its leave (or disconnect), and a room from its first peer
 * to its last.
 */
import type { RtpCodecCapability, Worker } from '../../sfu/index.ts';
import { SignalingError } from '../errors.ts';
import type { ExtensionMethod, MethodCall, SignalingExtension } from '../extension.ts';
import type { PeerState } from '../messages.ts';
import type { RoomMember } from '../rooms.ts';
import { parseConsumerId, parseProducerId, parseRestartIce, parseSdpData } from './requests.ts';
import type { SfuPeer } from './sfu-peer.ts';
import { SfuRoom } from './sfu-room.ts';
import { ProcessLoad, type SfuStats } from './stats.ts';

export interface SfuRoomServiceOptions {
  worker: Worker;
  /** Every room's codecs; default the SFU's DEFAULT_MEDIA_CODECS. */
  mediaCodecs?: readonly RtpCodecCapability[];
  /** A failure no request waits for (making a room's router, consuming for a subscriber). Default: console.error. */
  onError?: (error: unknown) => void;
}

export class SfuRoomService implements SignalingExtension {
  readonly joinData = { mode: 'sfu' } as const;
  readonly methods: ReadonlyMap<string, ExtensionMethod>;
  readonly #worker: Worker;
  readonly #mediaCodecs: readonly RtpCodecCapability[] | undefined;
  readonly #onError: (error: unknown) => void;
  readonly #rooms = new Map<string, SfuRoom>();
  readonly #load = new ProcessLoad();

  constructor(options: SfuRoomServiceOptions) {
    this.#worker = options.worker;
    this.#mediaCodecs = options.mediaCodecs;
    this.#onError = options.onError ?? ((error) => console.error('sfu:', error));
    // Each SFU method: its request data checked, then run by the caller's peer; `{}` when it has nothing to say.
    const method = (name: string, run: (peer: SfuPeer, data: Record<string, unknown>) => Promise<object | void>): [string, ExtensionMethod] => [
      name,
      async (call) => (await run(this.#peerOf(call, name), call.data)) ?? {},
    ];
    this.methods = new Map([
      method('publish', (peer, data) => peer.publisher.publish(parseSdpData('publish', data).sdp)),
      method('subscribeAnswer', (peer, data) => peer.subscriber.answer(parseSdpData('subscribeAnswer', data).sdp)),
      method('pauseProducer', (peer, data) => peer.publisher.pause(parseProducerId('pauseProducer', data).producerId)),
      method('resumeProducer', (peer, data) => peer.publisher.resume(parseProducerId('resumeProducer', data).producerId)),
      method('pauseConsumer', (peer, data) => peer.subscriber.pauseConsumer(parseConsumerId('pauseConsumer', data).consumerId)),
      method('resumeConsumer', (peer, data) => peer.subscriber.resumeConsumer(parseConsumerId('resumeConsumer', data).consumerId)),
      method('restartIce', (peer, data) => {
        parseRestartIce('restartIce', data);
        return peer.subscriber.restartIce();
      }),
    ]);
  }

  peerJoined(roomId: string, member: RoomMember): void {
    let room = this.#rooms.get(roomId);
    if (room === undefined) {
      room = new SfuRoom({ id: roomId, worker: this.#worker, mediaCodecs: this.#mediaCodecs, onError: this.#onError });
      this.#rooms.set(roomId, room);
    }
    room.join(member);
  }

  peerLeft(roomId: string, peer: PeerState): void {
    const room = this.#rooms.get(roomId);
    if (room === undefined) return;
    room.leave(peer.id);
    if (room.size === 0) {
      this.#rooms.delete(roomId);
      room.close();
    }
  }

  /** GET /api/stats: rooms with their counts, the worker with its load. */
  stats(): SfuStats {
    const rooms = [...this.#rooms.values()];
    const routers = rooms.filter((room) => room.hasRouter).length;
    return { mode: 'sfu', rooms: rooms.map((room) => room.stats()), workers: [this.#load.measure(routers)] };
  }

  /** Closes every room (their routers, transports, producers, consumers). The worker stays the caller's. */
  close(): void {
    for (const room of this.#rooms.values()) room.close();
    this.#rooms.clear();
  }

  #peerOf(call: MethodCall, method: string): SfuPeer {
    const peer = this.#rooms.get(call.room)?.peer(call.peer.id);
    // The signaling server only calls for joined peers; a peer that left meanwhile is no longer joined.
    if (peer === undefined) throw new SignalingError('NOT_JOINED', `signaling: join a room before "${method}"`);
    return peer;
  }
}
