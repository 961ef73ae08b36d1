import { describe, expect, it } from 'vitest';
import { type PriorityFields, MAX_PRIORITY, candidatePriority, pairPriority, priorityParts } from './priority.ts';

describe('candidatePriority (RFC 8445 §5.1.2.1)', () => {
  const rows: Array<{ name: string; fields: PriorityFields; want: number }> = [
    { name: 'a host candidate, the only one, component 1', fields: { type: 'host', localPreference: 65535, componentId: 1 }, want: 0x7e_ffff_ff },
    { name: 'the same host candidate for RTCP (component 2) is one lower', fields: { type: 'host', localPreference: 65535, componentId: 2 }, want: 0x7e_ffff_fe },
    { name: 'peer reflexive ranks above server reflexive (§5.1.2.2)', fields: { type: 'prflx', localPreference: 65535, componentId: 1 }, want: 0x6e_ffff_ff },
    { name: 'server reflexive', fields: { type: 'srflx', localPreference: 65535, componentId: 1 }, want: 0x64_ffff_ff },
    { name: 'relayed, type preference 0', fields: { type: 'relay', localPreference: 65535, componentId: 1 }, want: 0x00_ffff_ff },
    { name: 'the highest component, 256, adds 0', fields: { type: 'host', localPreference: 0, componentId: 256 }, want: 0x7e_0000_00 },
    { name: 'an explicit type preference replaces the recommended one', fields: { type: 'host', localPreference: 32542, componentId: 1, typePreference: 90 }, want: 1518280447 },
    { name: 'the lowest priority there is', fields: { type: 'relay', localPreference: 0, componentId: 255 }, want: 1 },
  ];
  it.each(rows)('$name: $want', ({ fields, want }) => {
    expect(candidatePriority(fields)).toBe(want);
  });

  it('ranks any host candidate above any srflx, and any srflx above any relay, whatever the local preference', () => {
    const lowestHost = candidatePriority({ type: 'host', localPreference: 0, componentId: 256 });
    const highestSrflx = candidatePriority({ type: 'srflx', localPreference: 65535, componentId: 1 });
    const lowestSrflx = candidatePriority({ type: 'srflx', localPreference: 0, componentId: 256 });
    const highestRelay = candidatePriority({ type: 'relay', localPreference: 65535, componentId: 1 });
    expect(lowestHost).toBeGreaterThan(highestSrflx);
    expect(lowestSrflx).toBeGreaterThan(highestRelay);
  });

  const invalid: Array<{ name: string; fields: PriorityFields }> = [
    { name: 'local preference over 65535', fields: { type: 'host', localPreference: 65536, componentId: 1 } },
    { name: 'negative local preference', fields: { type: 'host', localPreference: -1, componentId: 1 } },
    { name: 'fractional local preference', fields: { type: 'host', localPreference: 1.5, componentId: 1 } },
    { name: 'component 0', fields: { type: 'host', localPreference: 1, componentId: 0 } },
    { name: 'component 257', fields: { type: 'host', localPreference: 1, componentId: 257 } },
    { name: 'type preference 127', fields: { type: 'host', localPreference: 1, componentId: 1, typePreference: 127 } },
    { name: 'a priority of 0', fields: { type: 'relay', localPreference: 0, componentId: 256 } },
  ];
  it.each(invalid)('rejects $name with RangeError', ({ fields }) => {
    expect(() => candidatePriority(fields)).toThrow(RangeError);
  });
});

describe('priorityParts', () => {
  it('reads back the three fields of every priority candidatePriority makes', () => {
    for (const type of ['host', 'srflx', 'prflx', 'relay'] as const) {
      for (const localPreference of [0, 1, 32542, 65535]) {
        for (const componentId of [1, 2, 255]) {
          const parts = priorityParts(candidatePriority({ type, localPreference, componentId }));
          expect(parts, `${type} ${localPreference} ${componentId}`).toEqual({
            typePreference: { host: 126, prflx: 110, srflx: 100, relay: 0 }[type],
            localPreference,
            componentId,
          });
        }
      }
    }
  });

  it('rejects what is not a priority with RangeError', () => {
    for (const priority of [0, MAX_PRIORITY + 1, 2 ** 32 - 1, 1.5, Number.NaN]) {
      expect(() => priorityParts(priority), String(priority)).toThrow(RangeError);
    }
  });
});

describe('pairPriority (RFC 8445 §6.1.2.3)', () => {
  const host = 2130706431;
  const chromiumHost = 2122260223;
  const rows: Array<{ name: string; g: number; d: number; want: bigint }> = [
    { name: 'G > D: 2^32 * D + 2 * G + 1', g: host, d: chromiumHost, want: 9115038255648079871n },
    { name: 'G < D: 2^32 * G + 2 * D', g: chromiumHost, d: host, want: 9115038255648079870n },
    { name: 'G = D: 2^32 * G + 2 * G', g: chromiumHost, d: chromiumHost, want: 9115038255631187454n },
    { name: 'the smallest', g: 1, d: 1, want: 2n ** 32n + 2n },
    { name: 'the largest, just under 2^63', g: MAX_PRIORITY, d: MAX_PRIORITY, want: 2n ** 63n - 2n },
  ];
  it.each(rows)('$name', ({ g, d, want }) => {
    expect(pairPriority(g, d)).toBe(want);
  });

  it('orders first by the lower candidate priority, then by the higher one', () => {
    const both = (low: number, high: number) => pairPriority(low, high);
    expect(both(1000, 2000)).toBeGreaterThan(both(999, 2_000_000));
    expect(both(1000, 2001)).toBeGreaterThan(both(1000, 2000));
  });

  it('differs between a pair and its mirror image only in the G > D bit, which a Number cannot hold', () => {
    const forward = pairPriority(host, chromiumHost);
    const mirror = pairPriority(chromiumHost, host);
    expect(forward - mirror).toBe(1n);
    expect(forward).toBeGreaterThan(2n ** 53n);
    expect(Number(forward)).toBe(Number(mirror));
  });

  it('rejects a priority outside 1 to 2^31 - 1 with RangeError', () => {
    for (const bad of [0, -1, MAX_PRIORITY + 1, 2 ** 32, 0.5]) {
      expect(() => pairPriority(bad, 1), `G = ${bad}`).toThrow(RangeError);
      expect(() => pairPriority(1, bad), `D = ${bad}`).toThrow(RangeError);
    }
  });
});
