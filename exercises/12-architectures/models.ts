/**
 * Exercise 12-architectures: what a call of N people costs under each architecture.
 *
 * Every participant publishes one stream (camera + microphone) of `bitrateKbps` kbit/s and
 * wants to see everyone else. Three ways to get the streams there:
 *
 *   mesh  every browser sends its stream to every other browser, over N - 1 peer connections.
 *         A browser encodes once per peer connection (each has its own encoder and congestion
 *         control), so it encodes N - 1 times and decodes N - 1 streams. The server only
 *         relays signaling: no media in or out.
 *   mcu   every browser sends one stream to the server (a Multipoint Control Unit), which
 *         decodes all N, composes a picture for each participant (everyone but themselves)
 *         and encodes N composites, each sent back at `bitrateKbps`. A browser encodes 1 and
 *         decodes 1.
 *   sfu   every browser sends one stream to the server (a Selective Forwarding Unit), which
 *         forwards each stream, untouched, to the N - 1 others: N × (N - 1) forwarded
 *         streams, no decoding, no encoding. A browser encodes 1 and decodes N - 1.
 *
 * All bandwidths are in kbit/s; "uplink" is what one participant sends, "downlink" what it
 * receives, serverIn/serverOut what the server receives and sends in total (0 for mesh).
 *
 *   meshLoad(4, 1000) -> { uplinkPerParticipant: 3000, downlinkPerParticipant: 3000, serverIn: 0, serverOut: 0,
 *                          encodesPerParticipant: 3, decodesPerParticipant: 3,
 *                          serverDecodes: 0, serverEncodes: 0, serverForwards: 0 }
 *   largestCall('mesh', { uplinkKbps: 5000, downlinkKbps: 50000 }, 1000) -> 6
 *     (5 peers × 1000 fits in 5000; a seventh person would need 6000)
 *
 * Errors: RangeError when participants is not an integer of at least 2, or bitrateKbps is not a
 * finite number above 0; largestCall also for link limits that are negative or not numbers.
 */

export type Model = 'mesh' | 'mcu' | 'sfu';

export const MODELS: readonly Model[] = ['mesh', 'mcu', 'sfu'];

/** The most participants largestCall considers: a call bigger than this is a broadcast. */
export const MAX_PARTICIPANTS = 1000;

export interface Load {
  readonly uplinkPerParticipant: number;
  readonly downlinkPerParticipant: number;
  readonly serverIn: number;
  readonly serverOut: number;
  /** Streams each browser encodes and decodes. */
  readonly encodesPerParticipant: number;
  readonly decodesPerParticipant: number;
  /** Streams the server decodes and encodes (an MCU), or forwards (an SFU). */
  readonly serverDecodes: number;
  readonly serverEncodes: number;
  readonly serverForwards: number;
}

export interface LinkLimits {
  /** What one participant's connection can send, kbit/s. */
  readonly uplinkKbps: number;
  /** What it can receive, kbit/s. */
  readonly downlinkKbps: number;
}

export function meshLoad(participants: number, bitrateKbps: number): Load {
  // TODO: check the arguments, then every browser sends to and receives from the N - 1 others.
  throw new Error(`TODO: meshLoad(${participants}, ${bitrateKbps})`);
}

export function mcuLoad(participants: number, bitrateKbps: number): Load {
  // TODO: one stream up, one composite down; the server decodes N and encodes N.
  throw new Error(`TODO: mcuLoad(${participants}, ${bitrateKbps})`);
}

export function sfuLoad(participants: number, bitrateKbps: number): Load {
  // TODO: one stream up, N - 1 down; the server forwards N × (N - 1) streams.
  throw new Error(`TODO: sfuLoad(${participants}, ${bitrateKbps})`);
}

/** The load of `model`: one of the three functions above. */
export function loadOf(model: Model, participants: number, bitrateKbps: number): Load {
  // TODO: pick the function for `model`.
  throw new Error(`TODO: loadOf(${model}, ${participants}, ${bitrateKbps})`);
}

/**
 * The largest call (2 to MAX_PARTICIPANTS people) in which every participant's uplink and downlink
 * fit within `limits` under `model`; 1 when not even two people fit.
 */
export function largestCall(model: Model, limits: LinkLimits, bitrateKbps: number): number {
  // TODO: find the largest N whose per-participant uplink and downlink fit.
  throw new Error(`TODO: largestCall(${model}, ${limits.uplinkKbps}/${limits.downlinkKbps}, ${bitrateKbps})`);
}
