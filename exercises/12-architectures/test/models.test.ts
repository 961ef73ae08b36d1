import { describe, expect, it } from 'vitest';
import { largestCall, loadOf, MAX_PARTICIPANTS, mcuLoad, meshLoad, MODELS, sfuLoad, type Load, type Model } from '../models.ts';

const load = (values: [number, number, number, number, number, number, number, number, number]): Load => {
  const [uplinkPerParticipant, downlinkPerParticipant, serverIn, serverOut, encodesPerParticipant, decodesPerParticipant, serverDecodes, serverEncodes, serverForwards] = values;
  return { uplinkPerParticipant, downlinkPerParticipant, serverIn, serverOut, encodesPerParticipant, decodesPerParticipant, serverDecodes, serverEncodes, serverForwards };
};

describe('12-architectures: the load of one call', () => {
  //           up       down     in       out         enc  dec  sDec sEnc sFwd
  it.each([
    { model: 'mesh', n: 2, b: 1000, expected: load([1000, 1000, 0, 0, 1, 1, 0, 0, 0]) },
    { model: 'mesh', n: 4, b: 1000, expected: load([3000, 3000, 0, 0, 3, 3, 0, 0, 0]) },
    { model: 'mesh', n: 50, b: 1500, expected: load([73_500, 73_500, 0, 0, 49, 49, 0, 0, 0]) },
    { model: 'mcu', n: 2, b: 1000, expected: load([1000, 1000, 2000, 2000, 1, 1, 2, 2, 0]) },
    { model: 'mcu', n: 6, b: 800, expected: load([800, 800, 4800, 4800, 1, 1, 6, 6, 0]) },
    { model: 'mcu', n: 50, b: 1500, expected: load([1500, 1500, 75_000, 75_000, 1, 1, 50, 50, 0]) },
    { model: 'sfu', n: 2, b: 1000, expected: load([1000, 1000, 2000, 2000, 1, 1, 0, 0, 2]) },
    { model: 'sfu', n: 6, b: 800, expected: load([800, 4000, 4800, 24_000, 1, 5, 0, 0, 30]) },
    { model: 'sfu', n: 50, b: 1500, expected: load([1500, 73_500, 75_000, 3_675_000, 1, 49, 0, 0, 2450]) },
  ] as const)('$model with $n people at $b kbit/s', ({ model, n, b, expected }) => {
    const direct = { mesh: meshLoad, mcu: mcuLoad, sfu: sfuLoad }[model](n, b);
    expect(direct).toEqual(expected);
    expect(loadOf(model, n, b)).toEqual(expected);
  });

  it('keeps the books balanced: what everyone sends is what everyone receives, through the server or not', () => {
    for (const model of MODELS) {
      for (const n of [2, 3, 7, 20]) {
        const { uplinkPerParticipant, downlinkPerParticipant, serverIn, serverOut } = loadOf(model, n, 640);
        if (model === 'mesh') {
          // n × (n - 1) streams in all, each sent once and received once, none through the server.
          expect(n * uplinkPerParticipant, `mesh ${n}`).toBe(n * (n - 1) * 640);
          expect(n * downlinkPerParticipant, `mesh ${n}`).toBe(n * (n - 1) * 640);
          expect(serverIn + serverOut).toBe(0);
        } else {
          expect(serverIn, `${model} ${n}`).toBe(n * uplinkPerParticipant);
          expect(serverOut, `${model} ${n}`).toBe(n * downlinkPerParticipant);
        }
      }
    }
  });

  it.each([
    ['participants 1', () => meshLoad(1, 1000)],
    ['participants 2.5', () => sfuLoad(2.5, 1000)],
    ['participants NaN', () => mcuLoad(Number.NaN, 1000)],
    ['bitrate 0', () => mcuLoad(3, 0)],
    ['bitrate -5', () => sfuLoad(3, -5)],
    ['bitrate Infinity', () => meshLoad(3, Number.POSITIVE_INFINITY)],
  ])('throws RangeError for %s', (_, call) => {
    expect(call).toThrow(RangeError);
  });
});

describe('12-architectures: largestCall', () => {
  it.each([
    // A home line: 5 Mbit/s up, 50 Mbit/s down, 1 Mbit/s per stream.
    { model: 'mesh', limits: [5000, 50_000], b: 1000, n: 6 },
    { model: 'sfu', limits: [5000, 50_000], b: 1000, n: 51 },
    { model: 'mcu', limits: [5000, 50_000], b: 1000, n: MAX_PARTICIPANTS },
    // Exactly at the limit still fits; one kbit/s less does not.
    { model: 'mesh', limits: [2000, 2000], b: 1000, n: 3 },
    { model: 'mesh', limits: [1999, 50_000], b: 1000, n: 2 },
    { model: 'sfu', limits: [1000, 1999], b: 1000, n: 2 },
    // The downlink can be the limit too.
    { model: 'mesh', limits: [100_000, 4000], b: 1000, n: 5 },
    // Not even two people fit.
    { model: 'mcu', limits: [500, 50_000], b: 1000, n: 1 },
    { model: 'sfu', limits: [0, 0], b: 300, n: 1 },
  ] as const)('$model with links $limits at $b kbit/s: $n', ({ model, limits, b, n }) => {
    expect(largestCall(model as Model, { uplinkKbps: limits[0], downlinkKbps: limits[1] }, b)).toBe(n);
  });

  it('throws RangeError for limits that are negative or not numbers, and for a bad bitrate', () => {
    expect(() => largestCall('mesh', { uplinkKbps: -1, downlinkKbps: 1000 }, 100)).toThrow(RangeError);
    expect(() => largestCall('sfu', { uplinkKbps: 1000, downlinkKbps: Number.NaN }, 100)).toThrow(RangeError);
    expect(() => largestCall('mcu', { uplinkKbps: 1000, downlinkKbps: 1000 }, 0)).toThrow(RangeError);
  });
});
