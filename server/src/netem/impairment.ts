/**
 * What an emulated path does to the datagrams crossing it, in one direction.
 * The same description drives the user-space proxy (impaired-path.ts) and the
 * kernel's netem qdisc (network-namespace.ts), so a lab can say "2 % loss,
 * 20 ms" once and run it either way.
 */
export interface Impairment {
  /** Probability, 0 to 1, that a datagram is dropped. */
  readonly loss?: number;
  /** Probability that a datagram is delivered twice. */
  readonly duplicate?: number;
  /**
   * Probability that a datagram is held back and delivered after `reorderDistance`
   * later datagrams (or after `reorderHoldMs` if fewer come).
   */
  readonly reorder?: number;
  /** How many later datagrams overtake a held one; default 3 (enough to trigger a fast retransmit). */
  readonly reorderDistance?: number;
  /** The longest a held datagram waits for overtakers; default 50 ms. */
  readonly reorderHoldMs?: number;
  /** One-way delay added to every datagram, ms. */
  readonly delayMs?: number;
  /** Each datagram's delay is delayMs ± up to jitterMs (uniform), never below 0; FIFO order is kept. */
  readonly jitterMs?: number;
}

/** Every field filled in. */
export type ResolvedImpairment = Required<Impairment>;

export const NO_IMPAIRMENT: ResolvedImpairment = Object.freeze({
  loss: 0,
  duplicate: 0,
  reorder: 0,
  reorderDistance: 3,
  reorderHoldMs: 50,
  delayMs: 0,
  jitterMs: 0,
});

const PROBABILITIES = ['loss', 'duplicate', 'reorder'] as const;
const DURATIONS = ['reorderHoldMs', 'delayMs', 'jitterMs'] as const;

/** Fills in the defaults; RangeError for a probability outside [0, 1], a negative time or a bad distance. */
export function resolveImpairment(impairment: Impairment = {}): ResolvedImpairment {
  const resolved: ResolvedImpairment = { ...NO_IMPAIRMENT, ...definedFields(impairment) };
  for (const name of PROBABILITIES) {
    const value = resolved[name];
    if (!(value >= 0 && value <= 1)) throw new RangeError(`netem: ${name} must be a probability from 0 to 1, got ${value}`);
  }
  for (const name of DURATIONS) {
    const value = resolved[name];
    if (!(value >= 0 && value < 3_600_000)) throw new RangeError(`netem: ${name} must be a time in ms from 0 to 3600000, got ${value}`);
  }
  if (!Number.isInteger(resolved.reorderDistance) || resolved.reorderDistance < 1 || resolved.reorderDistance > 1000) {
    throw new RangeError(`netem: reorderDistance must be an integer from 1 to 1000, got ${resolved.reorderDistance}`);
  }
  return resolved;
}

/** True when the path changes nothing. */
export function isTransparent(impairment: ResolvedImpairment): boolean {
  return impairment.loss === 0 && impairment.duplicate === 0 && impairment.reorder === 0 && impairment.delayMs === 0 && impairment.jitterMs === 0;
}

/** "loss 2%, delay 20±5 ms", for log lines and tables. */
export function describeImpairment(impairment: Impairment): string {
  const resolved = resolveImpairment(impairment);
  if (isTransparent(resolved)) return 'no impairment';
  const percent = (p: number): string => `${+(p * 100).toFixed(2)}%`;
  const parts: string[] = [];
  if (resolved.loss > 0) parts.push(`loss ${percent(resolved.loss)}`);
  if (resolved.duplicate > 0) parts.push(`duplicate ${percent(resolved.duplicate)}`);
  if (resolved.reorder > 0) parts.push(`reorder ${percent(resolved.reorder)} by ${resolved.reorderDistance}`);
  if (resolved.delayMs > 0 || resolved.jitterMs > 0) {
    parts.push(`delay ${resolved.delayMs}${resolved.jitterMs > 0 ? `±${resolved.jitterMs}` : ''} ms`);
  }
  return parts.join(', ');
}

function definedFields(impairment: Impairment): Impairment {
  return Object.fromEntries(Object.entries(impairment).filter(([, value]) => value !== undefined));
}
