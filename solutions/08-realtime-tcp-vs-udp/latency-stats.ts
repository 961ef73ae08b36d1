/**
 * Exercise 08-realtime-tcp-vs-udp: delivery latency percentiles and late frames (reference solution).
 * See exercises/08-realtime-tcp-vs-udp/latency-stats.ts for the contract.
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
  if (sortedMs.length === 0) throw new RangeError('latency-stats: no values to take a percentile of');
  if (!(p > 0 && p <= 100)) throw new RangeError(`latency-stats: a percentile is above 0 and at most 100, got ${p}`);
  // Nearest rank: the smallest value with at least p % of the values at or below it.
  return sortedMs[Math.ceil((p * sortedMs.length) / 100) - 1]!;
}

export function deliveryReport(sent: number, arrivals: readonly Arrival[], deadlineMs: number): DeliveryReport {
  if (!Number.isInteger(sent) || sent < 0) throw new RangeError(`latency-stats: sent must be a whole number, got ${sent}`);
  if (!(deadlineMs >= 0)) throw new RangeError(`latency-stats: the deadline must be a number of ms >= 0, got ${deadlineMs}`);
  const latencyOf = new Map<number, number>();
  let duplicates = 0;
  for (const { sequence, sentAtMs, arrivedAtMs } of arrivals) {
    if (!Number.isInteger(sequence) || sequence < 0 || sequence >= sent) {
      throw new RangeError(`latency-stats: sequence ${sequence} was never sent (0 to ${sent - 1})`);
    }
    if (latencyOf.has(sequence)) duplicates += 1;
    else latencyOf.set(sequence, arrivedAtMs - sentAtMs);
  }
  const latencies = [...latencyOf.values()].sort((a, b) => a - b);
  const late = latencies.filter((latency) => latency > deadlineMs).length;
  const at = (p: number): number | undefined => (latencies.length === 0 ? undefined : percentile(latencies, p));
  return {
    sent,
    received: latencies.length,
    duplicates,
    lost: sent - latencies.length,
    late,
    onTime: latencies.length - late,
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
    maxMs: latencies.at(-1),
  };
}
