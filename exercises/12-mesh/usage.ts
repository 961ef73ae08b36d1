/**
 * Exercise 12-mesh: how much does one participant of a mesh call send, and how big can the call get?
 *
 * In the call view, `await call.statsSnapshot()` returns one of these: for each other participant
 * (keyed by peer id) their name and the raw getStats() entries of the peer connection to them.
 * Given two snapshots taken a few seconds apart, work out what this participant's own connection
 * carries, then project it to bigger calls.
 *
 * meshUsage(before, after):
 *   peerConnections  how many peers `after` lists
 *   measured         one PeerUsage per peer listed in BOTH snapshots, in `after`'s order (a peer
 *                    that just joined has no "before"; one that left is gone from `after`)
 *     sentKbps       what went to that peer: the sum over its 'outbound-rtp' entries of bytesSent +
 *                    headerBytesSent (payload and RTP headers), as kbit/s between the two snapshots
 *     receivedKbps   the same for 'inbound-rtp' bytesReceived + headerBytesReceived
 *   uplinkKbps       the sum of sentKbps over measured; downlinkKbps likewise
 *   videoEncoders    'outbound-rtp' entries of kind 'video' (matched by id between the snapshots,
 *                    among the measured peers) whose framesEncoded went up: encoders that ran
 *
 * Rates use the report's own clock, never `at`: a peer's time is the largest `timestamp` among its
 * entries (milliseconds). A byte total that went down means the streams started over: count the
 * new total from 0. Time that does not move forward is a RangeError.
 *
 * projectedUplinkKbps(usage, participants): the average sentKbps of the measured peers times
 * (participants - 1), since a mesh sends everything once per other participant.
 * largestMesh(usage, uplinkCapacityKbps): the most participants whose projected uplink fits the
 * capacity; Infinity when nothing was sent. Both throw RangeError when nothing was measured, and
 * for participants that is not an integer of at least 1 or a capacity below 0.
 *
 * The call-stats package the page itself uses may help (#server/call-stats/index.ts:
 * sampleConnection, wireBytes, bitrateKbps).
 *
 *   meshUsage(before, after) -> { peerConnections: 3, uplinkKbps: 728.2, downlinkKbps: 726.0, videoEncoders: 3,
 *                                 measured: [{ peerId: 'OrAV…', name: 'bob', sentKbps: 249.7, receivedKbps: 243.6 }, …] }
 *   projectedUplinkKbps(usage, 6) -> 1213.7        largestMesh(usage, 1000) -> 5
 */
import type { StatsEntry } from '#server/call-stats/index.ts';

export interface PeerStats {
  readonly name: string;
  readonly stats: readonly StatsEntry[];
}

/** What the web app's `call.statsSnapshot()` returns. */
export interface StatsSnapshot {
  /** This participant's own peer id. */
  readonly peerId?: string;
  /** Date.now() when it was taken: for people, not for rates. */
  readonly at: number;
  readonly peers: Readonly<Record<string, PeerStats>>;
}

export interface PeerUsage {
  readonly peerId: string;
  readonly name: string;
  readonly sentKbps: number;
  readonly receivedKbps: number;
}

export interface MeshUsage {
  readonly peerConnections: number;
  readonly measured: readonly PeerUsage[];
  readonly uplinkKbps: number;
  readonly downlinkKbps: number;
  readonly videoEncoders: number;
}

export function meshUsage(before: StatsSnapshot, after: StatsSnapshot): MeshUsage {
  // TODO: per peer in both snapshots, the kbit/s sent and received between them; then the totals.
  throw new Error(`TODO: meshUsage over ${Object.keys(after.peers).length} peers (before: ${Object.keys(before.peers).length})`);
}

export function projectedUplinkKbps(usage: MeshUsage, participants: number): number {
  // TODO: the average sent per peer, times the number of other participants.
  throw new Error(`TODO: project ${usage.uplinkKbps} kbit/s to ${participants} participants`);
}

export function largestMesh(usage: MeshUsage, uplinkCapacityKbps: number): number {
  // TODO: the most participants whose projected uplink fits.
  throw new Error(`TODO: the largest mesh within ${uplinkCapacityKbps} kbit/s`);
}
