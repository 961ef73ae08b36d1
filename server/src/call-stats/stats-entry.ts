/**
 * One object of an RTCStatsReport (W3C webrtc-stats): `report.values()` in a
 * page gives these. Typed loosely on purpose: which fields exist depends on
 * the type and on the browser, so every reader checks what it takes.
 */
export interface StatsEntry {
  readonly id: string;
  /** 'inbound-rtp', 'outbound-rtp', 'candidate-pair', 'transport', 'remote-inbound-rtp', … */
  readonly type: string;
  /** Milliseconds (a DOMHighResTimeStamp against the Unix epoch). */
  readonly timestamp: number;
  readonly [field: string]: unknown;
}

/** A finite number field, or undefined (absent, or not a number). */
export function numberField(entry: StatsEntry, field: string): number | undefined {
  const value = entry[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A string field, or undefined. */
export function stringField(entry: StatsEntry, field: string): string | undefined {
  const value = entry[field];
  return typeof value === 'string' ? value : undefined;
}
