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

function checkCall(participants: number, bitrateKbps: number): void {
  if (!Number.isInteger(participants) || participants < 2) throw new RangeError(`participants must be an integer of at least 2, got ${participants}`);
  if (!Number.isFinite(bitrateKbps) || bitrateKbps <= 0) throw new RangeError(`bitrateKbps must be a finite number above 0, got ${bitrateKbps}`);
}

export function meshLoad(participants: number, bitrateKbps: number): Load {
  checkCall(participants, bitrateKbps);
  const others = participants - 1;
  return {
    uplinkPerParticipant: others * bitrateKbps,
    downlinkPerParticipant: others * bitrateKbps,
    serverIn: 0,
    serverOut: 0,
    encodesPerParticipant: others,
    decodesPerParticipant: others,
    serverDecodes: 0,
    serverEncodes: 0,
    serverForwards: 0,
  };
}

export function mcuLoad(participants: number, bitrateKbps: number): Load {
  checkCall(participants, bitrateKbps);
  return {
    uplinkPerParticipant: bitrateKbps,
    downlinkPerParticipant: bitrateKbps,
    serverIn: participants * bitrateKbps,
    serverOut: participants * bitrateKbps,
    encodesPerParticipant: 1,
    decodesPerParticipant: 1,
    serverDecodes: participants,
    serverEncodes: participants,
    serverForwards: 0,
  };
}

export function sfuLoad(participants: number, bitrateKbps: number): Load {
  checkCall(participants, bitrateKbps);
  const others = participants - 1;
  return {
    uplinkPerParticipant: bitrateKbps,
    downlinkPerParticipant: others * bitrateKbps,
    serverIn: participants * bitrateKbps,
    serverOut: participants * others * bitrateKbps,
    encodesPerParticipant: 1,
    decodesPerParticipant: others,
    serverDecodes: 0,
    serverEncodes: 0,
    serverForwards: participants * others,
  };
}

const LOADS: Readonly<Record<Model, (participants: number, bitrateKbps: number) => Load>> = { mesh: meshLoad, mcu: mcuLoad, sfu: sfuLoad };

export function loadOf(model: Model, participants: number, bitrateKbps: number): Load {
  const load = LOADS[model];
  if (load === undefined) throw new RangeError(`unknown model ${String(model)}`);
  return load(participants, bitrateKbps);
}

export function largestCall(model: Model, limits: LinkLimits, bitrateKbps: number): number {
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw new RangeError(`${name} must be a number of at least 0, got ${value}`);
  }
  checkCall(2, bitrateKbps);
  const fits = (participants: number): boolean => {
    const load = loadOf(model, participants, bitrateKbps);
    return load.uplinkPerParticipant <= limits.uplinkKbps && load.downlinkPerParticipant <= limits.downlinkKbps;
  };
  // Per-participant load never shrinks as a call grows, so the first N that does not fit ends the search.
  let largest = 1;
  while (largest < MAX_PARTICIPANTS && fits(largest + 1)) largest++;
  return largest;
}
