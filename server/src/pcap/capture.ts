/**
 * What a capture file holds, whatever its format: packets with a time and a
 * link-layer type. `data` is a view into the file's bytes, not a copy.
 */

/** LINKTYPE_* values from https://www.tcpdump.org/linktypes.html that the decoder understands. */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export interface CapturedPacket {
  /** Capture time in microseconds since the Unix epoch (a float when the file has finer resolution). */
  readonly timestampUs: number;
  readonly linkType: number;
  /** The captured bytes (may be shorter than originalLength when the capture was truncated by snaplen). */
  readonly data: Uint8Array;
  readonly originalLength: number;
}
