import { readFileSync } from 'node:fs';
import path from 'node:path';
import { labsDir } from '#course/paths.ts';
import type { StatsEntry } from '#server/call-stats/index.ts';
import { describe, expect, it } from 'vitest';
import { largestMesh, meshUsage, projectedUplinkKbps, type MeshUsage, type StatsSnapshot } from '../usage.ts';

/** Two call.statsSnapshot() results from alice's page, 2 s apart, in a 4-person mesh (labs/12-mesh/samples/README.md). */
const [recordedBefore, recordedAfter] = JSON.parse(readFileSync(path.join(labsDir, '12-mesh', 'samples', 'alice-4-peers.json'), 'utf8')) as [StatsSnapshot, StatsSnapshot];

/** A peer connection's entries: one audio and one video stream each way, at time `t` (ms). */
function connection(t: number, sent: { audio: number; video: number; frames?: number }, received: { audio: number; video: number }): StatsEntry[] {
  return [
    { id: 'OA', type: 'outbound-rtp', timestamp: t, kind: 'audio', bytesSent: sent.audio, headerBytesSent: 0 },
    { id: 'OV', type: 'outbound-rtp', timestamp: t, kind: 'video', bytesSent: sent.video, headerBytesSent: sent.video / 10, framesEncoded: sent.frames ?? t / 40 },
    { id: 'IA', type: 'inbound-rtp', timestamp: t, kind: 'audio', bytesReceived: received.audio, headerBytesReceived: 0 },
    { id: 'IV', type: 'inbound-rtp', timestamp: t, kind: 'video', bytesReceived: received.video, headerBytesReceived: 0 },
    { id: 'CP', type: 'candidate-pair', timestamp: t, bytesSent: 1e9, bytesReceived: 1e9, nominated: true, state: 'succeeded' },
  ];
}

/** 'RangeError', or 'no error'; any other error is rethrown, so the failure shows what was thrown instead. */
function rangeError(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    if (error instanceof RangeError) return 'RangeError';
    throw error;
  }
}

function snapshot(at: number, peers: Record<string, { name: string; stats: StatsEntry[] }>): StatsSnapshot {
  return { peerId: 'me', at, peers };
}

describe('12-mesh: meshUsage on a real 4-person call (alice sends to bob, carol and dave)', () => {
  // Computed in each test, so that every test reports its own failure.
  const recorded = () => meshUsage(recordedBefore, recordedAfter);

  it('counts three peer connections and measures each, in the order of the later snapshot', () => {
    const usage = recorded();
    expect(usage.peerConnections).toBe(3);
    expect(usage.measured.map(({ peerId, name }) => ({ peerId, name }))).toEqual([
      { peerId: 'OrAVDVJdi4zo', name: 'bob' },
      { peerId: 'sP89p2y3P_u6', name: 'carol' },
      { peerId: 'i9ZKuN0N9c7c', name: 'dave' },
    ]);
  });

  it("reads each connection's send and receive bitrate, payload plus RTP headers, over the report's own clock", () => {
    const usage = recorded();
    const rounded = usage.measured.map((peer) => [peer.name, Math.round(peer.sentKbps * 10) / 10, Math.round(peer.receivedKbps * 10) / 10]);
    expect(rounded).toEqual([
      ['bob', 249.7, 243.6],
      ['carol', 239.4, 244.3],
      ['dave', 239.1, 238.1],
    ]);
    expect(usage.uplinkKbps).toBeCloseTo(728.206, 2);
    expect(usage.downlinkKbps).toBeCloseTo(725.956, 2);
  });

  it('finds one video encoder per peer connection: the camera is encoded three times', () => {
    expect(recorded().videoEncoders).toBe(3);
  });

  it('projects the uplink to bigger calls and finds the largest that fits', () => {
    const usage = recorded();
    expect(projectedUplinkKbps(usage, 4)).toBeCloseTo(728.206, 2);
    expect(projectedUplinkKbps(usage, 6)).toBeCloseTo(1213.677, 2);
    expect(projectedUplinkKbps(usage, 1)).toBe(0);
    expect(largestMesh(usage, 1000)).toBe(5);
    expect(largestMesh(usage, 5000)).toBe(21);
    expect(largestMesh(usage, 100)).toBe(1);
  });
});

describe('12-mesh: meshUsage rules', () => {
  const before = snapshot(1000, {
    a: { name: 'ann', stats: connection(10_000, { audio: 10_000, video: 100_000 }, { audio: 8000, video: 50_000 }) },
    b: { name: 'ben', stats: connection(20_000, { audio: 0, video: 0, frames: 0 }, { audio: 0, video: 0 }) },
    gone: { name: 'gus', stats: connection(10_000, { audio: 1, video: 1 }, { audio: 1, video: 1 }) },
  });
  const after = snapshot(3000, {
    // 2 s later by ann's report clock: 4000 B audio, 100000 B video + 10000 B of headers sent.
    a: { name: 'ann', stats: connection(12_000, { audio: 14_000, video: 200_000 }, { audio: 12_000, video: 150_000 }) },
    // ben's report clock moved 4 s while `at` moved 2 s: the report's clock is the one that counts.
    b: { name: 'ben', stats: connection(24_000, { audio: 5000, video: 45_000, frames: 0 }, { audio: 0, video: 20_000 }) },
    // cat joined between the snapshots: a connection, not yet a measurement.
    c: { name: 'cat', stats: connection(5000, { audio: 1000, video: 1000 }, { audio: 0, video: 0 }) },
  });
  const rules = () => meshUsage(before, after);

  it('measures peers in both snapshots only, and counts every connection of the later one', () => {
    const usage = rules();
    expect(usage.peerConnections).toBe(3);
    expect(usage.measured.map((peer) => peer.name)).toEqual(['ann', 'ben']);
  });

  it('turns byte differences into kbit/s per peer, and adds them up', () => {
    const usage = rules();
    const [ann, ben] = usage.measured;
    expect(ann!.sentKbps).toBeCloseTo(((4000 + 100_000 + 10_000) * 8) / 2000, 9); // 456
    expect(ann!.receivedKbps).toBeCloseTo(((4000 + 100_000) * 8) / 2000, 9); // 416
    expect(ben!.sentKbps).toBeCloseTo(((5000 + 45_000 + 4500) * 8) / 4000, 9); // 109
    expect(ben!.receivedKbps).toBeCloseTo((20_000 * 8) / 4000, 9); // 40
    expect(usage.uplinkKbps).toBeCloseTo(456 + 109, 9);
    expect(usage.downlinkKbps).toBeCloseTo(416 + 40, 9);
  });

  it('counts only the video encoders whose framesEncoded went up', () => {
    expect(rules().videoEncoders).toBe(1); // ann's; ben's stayed at 0 frames
  });

  it('counts a byte total that went down from 0: the streams started over', () => {
    const restarted = snapshot(2000, { a: { name: 'ann', stats: connection(11_000, { audio: 1000, video: 9000 }, { audio: 0, video: 0 }) } });
    const [ann] = meshUsage(before, restarted).measured;
    expect(ann!.sentKbps).toBeCloseTo(((1000 + 9000 + 900) * 8) / 1000, 9);
  });

  it('throws RangeError when a peer\'s report clock does not move forward', () => {
    const stuck = snapshot(5000, { a: { name: 'ann', stats: connection(10_000, { audio: 20_000, video: 200_000 }, { audio: 0, video: 0 }) } });
    expect(rangeError(() => meshUsage(before, stuck))).toBe('RangeError');
  });

  it('projects from the average per peer, and refuses what cannot be projected', () => {
    const usage = rules();
    expect(projectedUplinkKbps(usage, 3)).toBeCloseTo(565, 9); // (456 + 109) / 2 × 2
    expect(largestMesh(usage, 282.5 * 4)).toBe(5);
    expect(largestMesh(usage, 282.5 * 4 - 1)).toBe(4);
    const nothing: MeshUsage = { peerConnections: 1, measured: [], uplinkKbps: 0, downlinkKbps: 0, videoEncoders: 0 };
    expect(() => projectedUplinkKbps(nothing, 3)).toThrow(RangeError);
    expect(() => largestMesh(nothing, 1000)).toThrow(RangeError);
    expect(() => projectedUplinkKbps(usage, 0)).toThrow(RangeError);
    expect(() => projectedUplinkKbps(usage, 2.5)).toThrow(RangeError);
    expect(() => largestMesh(usage, -1)).toThrow(RangeError);
    const silent = { ...nothing, measured: [{ peerId: 'x', name: 'x', sentKbps: 0, receivedKbps: 0 }] };
    expect(largestMesh(silent, 1000)).toBe(Number.POSITIVE_INFINITY);
  });
});
