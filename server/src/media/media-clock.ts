/**
 * The clock the media plane reads: Unix time in ms, monotonic. RTCP needs Unix
 * time (SR and RRTR carry NTP wall-clock time, RFC 3550 §4) and everything
 * else needs a clock that never steps back (arrival times, jitter, intervals),
 * so the default is `performance.timeOrigin + performance.now()`: wall-clock
 * at process start, then monotonic. Tests pass a function they control.
 */
export type MediaClock = () => number;

export const systemMediaClock: MediaClock = () => performance.timeOrigin + performance.now();
