import { describe, expect, it } from 'vitest';
import { compactNtp, compactNtpFromUnixMs, compactNtpToMs, msToCompactNtp, ntpFromUnixMs, unixMsFromNtp } from './ntp.ts';

describe('NTP timestamps (RFC 3550 §4)', () => {
  it.each([
    { name: 'the Unix epoch is 2208988800 s after the NTP epoch', unixMs: 0, ntp: 2_208_988_800n << 32n },
    { name: 'half a second is a fraction of 2^31', unixMs: 500, ntp: (2_208_988_800n << 32n) | 0x8000_0000n },
    { name: 'RFC 5905 §6 era 1 starts 2036-02-07 06:28:16 UTC with seconds 0', unixMs: 2_085_978_496_000, ntp: 0n },
  ])('$name', ({ unixMs, ntp }) => {
    const got = ntpFromUnixMs(unixMs);
    // Within one fraction step of rounding either way.
    expect(Number(got - ntp)).toBeGreaterThanOrEqual(-1);
    expect(Number(got - ntp)).toBeLessThanOrEqual(1);
    expect(unixMsFromNtp(ntp)).toBeCloseTo(unixMs, 3);
  });

  it('reads the SR of the Chromium fixture as 2026-11-24 09:31:38.536 UTC, and back within a microsecond', () => {
    const ntp = 0xeeafd7fa8940bbb1n;
    const unixMs = unixMsFromNtp(ntp);
    expect(new Date(unixMs).toISOString()).toBe('2026-11-24T09:31:38.536Z');
    expect(Math.abs(Number(ntpFromUnixMs(unixMs) - ntp))).toBeLessThan(2 ** 32 / 1e6);
  });

  it('takes the middle 32 bits as the compact form (LSR, RFC 3550 §6.4.1)', () => {
    expect(compactNtp(0xeeafd7fa8940bbb1n)).toBe(0xd7fa8940);
    expect(compactNtpFromUnixMs(0)).toBe(((2_208_988_800 % 65536) << 16) >>> 0);
  });

  it.each([
    { name: 'DLSR of 5.25 s is 0x00054000 (RFC 3550 §6.4.1 example)', ms: 5_250, units: 0x0005_4000 },
    { name: 'a millisecond is about 65.5 units', ms: 1, units: 66 },
    { name: 'negative durations clamp to 0', ms: -5, units: 0 },
    { name: 'durations past 32 bits clamp', ms: 2 ** 40, units: 0xffff_ffff },
  ])('msToCompactNtp: $name', ({ ms, units }) => {
    expect(msToCompactNtp(ms)).toBe(units);
  });

  it('converts compact units back to ms', () => {
    expect(compactNtpToMs(0x0006_2000)).toBe(6_125);
  });
});
