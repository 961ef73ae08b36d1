/**
 * Transport-wide congestion control feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1): RTPFB FMT=15.
 * For every RTP packet carrying a transport-wide sequence number, the receiver
 * says whether it arrived and, if so, when, so that the sender's bandwidth
 * estimator can see queues building up.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|  FMT=15 |    PT=205     |           length              |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                     SSRC of packet sender                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                      SSRC of media source                     |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |      base sequence number     |      packet status count      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                 reference time                | fb pkt. count |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |          packet chunk         |         packet chunk          |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    .                                                               .
 *    |         packet chunk          |  recv delta   |  recv delta   |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    .                                                               .
 *    |           recv delta          |  recv delta   | zero padding  |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The chunks' own layouts are in chunk.ts.
 */
import type { FeedbackSsrcs } from '../feedback.ts';

/** Packet status symbols (§3.1.1); 3 is reserved and rejected. */
export const StatusSymbol = { NotReceived: 0, SmallDelta: 1, LargeDelta: 2 } as const;
export type StatusSymbol = (typeof StatusSymbol)[keyof typeof StatusSymbol];

/** §3.1.3: `runLength` packets in a row share one symbol. */
export interface RunLengthChunk {
  readonly type: 'run-length';
  readonly symbol: StatusSymbol;
  /** 13 bits: up to 8191 packets. */
  readonly runLength: number;
}

/** §3.1.4: one symbol per packet; symbols past the status count are padding. */
export interface StatusVectorChunk {
  readonly type: 'status-vector';
  /** 1: fourteen symbols, each NotReceived or SmallDelta. 2: seven symbols of any kind. */
  readonly symbolSize: 1 | 2;
  readonly symbols: readonly StatusSymbol[];
}

export type PacketChunk = RunLengthChunk | StatusVectorChunk;

export interface TransportLayerCc extends FeedbackSsrcs {
  readonly kind: 'transport-cc';
  /** Transport-wide sequence number of the first packet reported. */
  readonly baseSequenceNumber: number;
  /** How many packets, from the base on, the chunks report. */
  readonly packetStatusCount: number;
  /** 24-bit signed, in units of 64 ms, in the receiver's own time base (§3.1). */
  readonly referenceTime: number;
  /** Incremented (mod 256) per feedback sent, so the sender can spot lost feedback. */
  readonly feedbackPacketCount: number;
  /** Kept as sent so a packet round-trips byte for byte; use packetResults() to read them. */
  readonly chunks: readonly PacketChunk[];
  /**
   * One per received packet, in order, in units of 250 µs (§3.1.5): 0..255 for
   * a SmallDelta symbol, −32768..32767 for LargeDelta. The first is relative to
   * the reference time, each next one to the packet before it.
   */
  readonly receiveDeltas: readonly number[];
}

export const REFERENCE_TIME_UNIT_US = 64_000;
export const DELTA_UNIT_US = 250;
export const MAX_RUN_LENGTH = 0x1fff;
export const ONE_BIT_CAPACITY = 14;
export const TWO_BIT_CAPACITY = 7;
export const MAX_SMALL_DELTA = 0xff;
/** Base sequence number, status count, reference time and fb pkt. count. */
export const FIXED_FCI_SIZE = 8;
export const CHUNK_SIZE = 2;

/** How many packets a chunk reports, counting a vector's padding symbols. */
export function chunkCapacity(chunk: PacketChunk): number {
  return chunk.type === 'run-length' ? chunk.runLength : chunk.symbols.length;
}

/**
 * The symbols of the first `count` packets the chunks report, dropping a
 * vector's padding symbols; shorter than `count` if the chunks fall short.
 */
export function expandSymbols(chunks: readonly PacketChunk[], count: number): StatusSymbol[] {
  const symbols: StatusSymbol[] = [];
  for (const chunk of chunks) {
    const take = Math.min(chunkCapacity(chunk), count - symbols.length);
    for (let i = 0; i < take; i++) symbols.push(chunk.type === 'run-length' ? chunk.symbol : chunk.symbols[i]!);
  }
  return symbols;
}
