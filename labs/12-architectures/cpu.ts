/**
 * A rough CPU model, in "encoder units": one unit is what encoding one
 * camera stream costs (a software VP8 encode at 640x360, 30 fps, is most of
 * one core on a laptop). Decoding costs far less than encoding, composing a
 * picture is a copy per input, forwarding a packet is a copy and an SRTP
 * re-encryption. The numbers are orders of magnitude, not measurements of
 * your machine: change them and watch which model wins move.
 */
import type { Load } from '#solutions/12-architectures/models.ts';

export interface CpuCosts {
  readonly encode: number;
  readonly decode: number;
  /** An MCU drawing one input into one composite. */
  readonly composeInput: number;
  /** An SFU forwarding one stream (per packet: a copy and SRTP). */
  readonly forward: number;
}

export const DEFAULT_COSTS: CpuCosts = { encode: 1, decode: 0.2, composeInput: 0.02, forward: 0.005 };

export interface CpuLoad {
  /** Per browser. */
  readonly participant: number;
  /** The whole server. */
  readonly server: number;
}

export function cpuOf(load: Load, participants: number, costs: CpuCosts = DEFAULT_COSTS): CpuLoad {
  return {
    participant: load.encodesPerParticipant * costs.encode + load.decodesPerParticipant * costs.decode,
    server:
      load.serverDecodes * costs.decode +
      load.serverEncodes * costs.encode +
      // Each composite draws every participant but its viewer.
      (load.serverEncodes > 0 ? load.serverEncodes * (participants - 1) * costs.composeInput : 0) +
      load.serverForwards * costs.forward,
  };
}
