/**
 * SFU mode of the signaling server (PROTOCOL.md, "SFU mode"): plug an
 * SfuRoomService into a SignalingServer as its extension.
 *
 *   const sfu = new SfuRoomService({ worker: await createWorker({ mediaWorker }) });
 *   const signaling = new SignalingServer({ path: '/ws', extension: sfu });
 *   jsonRoutes['/api/stats'] = () => sfu.stats();
 *
 * - sfu-room-service.ts: the extension; rooms by id, the method table, stats.
 * - sfu-room.ts: one room, one Router; fans new producers out to the other peers.
 * - sfu-peer.ts: one participant = publisher.ts (send transport, producers)
 *   + subscriber.ts (receive transport, consumers, the SFU's offers).
 * - renegotiation.ts: one offer out at a time per subscriber, changes coalesced.
 * - requests.ts: request data checks; errors.ts: SFU errors → signaling codes.
 * - stats.ts: the shape of GET /api/stats, and the process's CPU and memory.
 */
export { SfuRoomService, type SfuRoomServiceOptions } from './sfu-room-service.ts';
export type { SfuRoomStats, SfuStats, SfuWorkerStats } from './stats.ts';
