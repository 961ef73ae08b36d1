/**
 * Exercise 08-realtime-tcp-vs-udp, part 1: how late was the media? Delivery latency percentiles,
 * late frames and lost frames, from a log of what arrived when.
 *
 * The sender numbered its frames 0 to sent - 1 and stamped each with the time it was sent; the
 * receiver logged every arrival: { sequence, sentAtMs, arrivedAtMs }. A frame's latency is
 * arrivedAtMs - sentAtMs of its first arrival (later copies are duplicates and count only as such).
 *
 * percentile(sortedMs, p): the nearest-rank percentile of an ascending list: the smallest value
 * such that at least p % of the values are at or below it, i.e. sortedMs[ceil(p * n / 100) - 1].
 * No interpolation: the answer is always one of the values. RangeError for an empty list and for
 * p outside (0, 100].
 *
 *   percentile([10, 20, 30, 40], 50)  -> 20      (2 of 4 values are <= 20)
 *   percentile([10, 20, 30, 40], 51)  -> 30
 *   percentile([10, 20, 30, 40], 100) -> 40
 *
 * deliveryReport(sent, arrivals, deadlineMs): for media, a frame that comes after its deadline is
 * as good as lost (the moment to play it has passed), so the report counts them apart:
 *
 *   received     distinct frames that arrived
 *   duplicates   arrivals of a frame that had arrived already
 *   lost         frames that never arrived: sent - received
 *   late         received frames whose latency is over deadlineMs (exactly deadlineMs is on time)
 *   onTime       received - late
 *   p50Ms, p95Ms, p99Ms, maxMs   percentiles and maximum of the received frames' latencies;
 *                undefined when nothing arrived
 *
 * The arrivals may come in any order. Errors: RangeError when sent is not a whole number, when
 * deadlineMs is negative or not a number, and for an arrival whose sequence is not an integer
 * from 0 to sent - 1.
 *
 *   deliveryReport(4, [
 *     { sequence: 0, sentAtMs: 0, arrivedAtMs: 20 },
 *     { sequence: 2, sentAtMs: 40, arrivedAtMs: 230 },
 *     { sequence: 2, sentAtMs: 40, arrivedAtMs: 240 },
 *     { sequence: 1, sentAtMs: 20, arrivedAtMs: 230 },
 *   ], 150)
 *   -> { sent: 4, received: 3, duplicates: 1, lost: 1, late: 2, onTime: 1,
 *        p50Ms: 190, p95Ms: 210, p99Ms: 210, maxMs: 210 }
 */

export interface Arrival {
  readonly sequence: number;
  readonly sentAtMs: number;
  readonly arrivedAtMs: number;
}

export interface DeliveryReport {
  readonly sent: number;
  readonly received: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly late: number;
  readonly onTime: number;
  readonly p50Ms: number | undefined;
  readonly p95Ms: number | undefined;
  readonly p99Ms: number | undefined;
  readonly maxMs: number | undefined;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  // TODO: nearest rank, with the RangeErrors above.
  throw new Error(`TODO: the ${p}th percentile of ${sortedMs.length} values`);
}

export function deliveryReport(sent: number, arrivals: readonly Arrival[], deadlineMs: number): DeliveryReport {
  // TODO: first arrival of each frame, its latency; then the counts and percentiles.
  throw new Error(`TODO: report on ${arrivals.length} arrivals of ${sent} frames (deadline ${deadlineMs} ms)`);
}
