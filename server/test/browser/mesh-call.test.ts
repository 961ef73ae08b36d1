/**
 * The web app in real browsers: three headless Chromium pages in one mesh
 * room (mesh-call.scenario.ts does the driving, inside a loopback-only network
 * namespace; this file asserts on what it reports). Without Chromium the test
 * is skipped, loudly, unless REQUIRE_BROWSER=1 (CI), where it fails.
 */
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromiumForTests } from './require-browser.ts';
import { sharedScenario } from './run-scenario.ts';

interface Reception {
  name: string;
  framesDecoded: number;
  audioPackets: number;
  tracks: string[];
}

interface MeshCallResult {
  chromium: string;
  mesh: {
    peerIds: string[];
    names: string[];
    receptions: { first: Reception[][]; second: Reception[][] };
    tiles: string[][];
    statsText: string;
    sparklinePoints: string | null;
    inCall: { formShown: boolean; callShown: boolean }[];
    toggles: Record<'muted' | 'unmuted', { tracks: string[]; buttons: string[] }>;
    rooms: { id: string; peers: { id: string; name: string }[] }[];
    disappearedMs: number[];
    carolAfterLeave: { joinFormShown: boolean; tiles: number };
    remainingPeers: string[][];
    refused: { code: string; message: string; formShown: boolean; callShown: boolean }[];
  };
  https: { protocol?: string; subjectName?: string; secureContext: boolean; localTiles: number; certificateNames: string[] };
  screenshot: string;
  elapsedMs: number;
}

const SCENARIO_TIMEOUT_MS = 90_000;
const available = chromiumForTests('the mesh call tests');

describe.runIf(available)('mesh call in Chromium: three participants', { timeout: SCENARIO_TIMEOUT_MS + 10_000 }, () => {
  const run = sharedScenario<MeshCallResult>('./mesh-call.scenario.ts', { timeoutMs: SCENARIO_TIMEOUT_MS });
  const result = async () => (await run()).result;

  it('each page decodes both remote videos and receives both remote audio tracks', async () => {
    const { mesh } = await result();
    expect(mesh.tiles).toEqual([
      ['bob', 'carol'],
      ['alice', 'carol'],
      ['alice', 'bob'],
    ]);
    mesh.names.forEach((name, page) => {
      const others = mesh.names.filter((other) => other !== name);
      const first = mesh.receptions.first[page]!;
      const second = mesh.receptions.second[page]!;
      expect(second.map((reception) => reception.name).sort()).toEqual(others);
      for (const reception of second) {
        const before = first.find((earlier) => earlier.name === reception.name)!;
        expect(reception.tracks, `${name} ← ${reception.name}`).toEqual(['audio:live', 'video:live']);
        expect(reception.framesDecoded, `${name} decodes ${reception.name}'s video`).toBeGreaterThan(before.framesDecoded);
        expect(reception.audioPackets, `${name} receives ${reception.name}'s audio`).toBeGreaterThan(before.audioPackets);
      }
    });
    const { elapsedMs, isolated, result: whole } = await run();
    console.log(`browser scenario: ${elapsedMs} ms in all (${isolated ? 'private network namespace' : 'host network'}), Chromium ${whole.chromium}`);
  });

  it('shows the call view with live per-tile stats and a sparkline, and lists the room in /api/rooms', async () => {
    const { mesh } = await result();
    expect(mesh.inCall).toEqual(mesh.names.map(() => ({ formShown: false, callShown: true })));
    expect(mesh.statsText).toMatch(/^\d+(\.\d+)? (kbit|Mbit)\/s · lost \d+ · RTT (\d+ ms|–) · \d+x\d+ \d+ fps$/);
    expect(mesh.sparklinePoints?.split(' ').length).toBeGreaterThanOrEqual(2);
    expect(mesh.rooms).toEqual([{ id: 'mesh', peers: mesh.names.map((name, index) => expect.objectContaining({ id: mesh.peerIds[index], name })) }]);
  });

  it('mutes and unmutes the camera and the microphone by disabling the local tracks', async () => {
    const { mesh } = await result();
    expect(mesh.toggles.muted).toEqual({ tracks: ['audio:off', 'video:off'], buttons: ['false Camera off', 'false Microphone off'] });
    expect(mesh.toggles.unmuted).toEqual({ tracks: ['audio:on', 'video:on'], buttons: ['true Camera on', 'true Microphone on'] });
  });

  it('removes a participant who leaves from the others within 2 s', async () => {
    const { mesh } = await result();
    expect(mesh.disappearedMs).toHaveLength(2);
    for (const elapsed of mesh.disappearedMs) expect(elapsed).toBeLessThan(2000);
    expect(mesh.remainingPeers).toEqual([['bob'], ['alice']]);
    expect(mesh.carolAfterLeave).toEqual({ joinFormShown: true, tiles: 0 });
  });

  it('shows a clear error in the page for a refused token, and stays out of the call', async () => {
    const { mesh } = await result();
    expect(mesh.refused.map((refusal) => refusal.code)).toEqual(['TOKEN_INVALID', 'TOKEN_REQUIRED', 'TOKEN_WRONG_ROOM']);
    for (const refusal of mesh.refused) {
      expect(refusal.message).toMatch(/token/i);
      expect(refusal).toMatchObject({ formShown: true, callShown: false });
    }
  });

  it('serves the app over HTTPS with our own certificate: a secure context that joins over wss', async () => {
    const { https } = await result();
    expect(https).toMatchObject({ protocol: 'TLS 1.3', subjectName: 'localhost', secureContext: true, localTiles: 1 });
    expect(https.certificateNames).toEqual(expect.arrayContaining(['localhost', '127.0.0.1']));
  });

  it('saves a screenshot of the call view as a test artifact', async () => {
    const { screenshot } = await result();
    expect(existsSync(screenshot)).toBe(true);
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
  });
});
