/**
 * NTP timestamps as RTCP uses them (RFC 3550 §4): 64-bit fixed point, seconds
 * since 1900-01-01 in the upper 32 bits and the fraction in the lower 32. The
 * "compact" form (LSR, DLSR, LRR, DLRR) is the middle 32 bits: 16.16 seconds.
 */

/** Seconds from the NTP epoch (1900) to the Unix epoch (1970), RFC 868. */
export const NTP_UNIX_OFFSET_SECONDS = 2_208_988_800;
const TWO_32 = 2 ** 32;
/** Compact NTP units (1/65536 s) per millisecond. */
const COMPACT_UNITS_PER_MS = 65_536 / 1000;

/** The 64-bit NTP timestamp of a Unix time in ms (e.g. Date.now(), or performance.timeOrigin + performance.now()). */
export function ntpFromUnixMs(unixMs: number): bigint {
  if (!Number.isFinite(unixMs)) throw new RangeError(`rtcp: time ${unixMs} ms is not finite`);
  const totalSeconds = Math.floor(unixMs / 1000);
  const fraction = Math.min(TWO_32 - 1, Math.round(((unixMs - totalSeconds * 1000) / 1000) * TWO_32));
  // Seconds wrap in 2036 (era 1, RFC 5905 §6); the wrapped value is what goes on the wire.
  const seconds = (((totalSeconds + NTP_UNIX_OFFSET_SECONDS) % TWO_32) + TWO_32) % TWO_32;
  return (BigInt(seconds) << 32n) | BigInt(fraction);
}

/**
 * The Unix time in ms of an NTP timestamp. A clear top bit of the seconds
 * means era 1 (2036–2104), as RFC 4330 §3 suggests, so this works either side of 2036.
 */
export function unixMsFromNtp(ntp: bigint): number {
  const seconds = Number(ntp >> 32n);
  const fraction = Number(ntp & 0xffff_ffffn);
  const eraSeconds = seconds < 0x8000_0000 ? seconds + TWO_32 : seconds;
  return (eraSeconds - NTP_UNIX_OFFSET_SECONDS) * 1000 + (fraction / TWO_32) * 1000;
}

/** The middle 32 bits of an NTP timestamp: LSR in a report block (RFC 3550 §6.4.1), LRR in DLRR (RFC 3611 §4.5). */
export function compactNtp(ntp: bigint): number {
  return Number((ntp >> 16n) & 0xffff_ffffn);
}

export function compactNtpFromUnixMs(unixMs: number): number {
  return compactNtp(ntpFromUnixMs(unixMs));
}

/** A duration in compact units (1/65536 s) to ms, e.g. a DLSR. */
export function compactNtpToMs(units: number): number {
  return units / COMPACT_UNITS_PER_MS;
}

/** A duration in ms to compact units for DLSR/DLRR, rounded and clamped to 32 bits unsigned. */
export function msToCompactNtp(ms: number): number {
  return Math.min(TWO_32 - 1, Math.max(0, Math.round(ms * COMPACT_UNITS_PER_MS)));
}
