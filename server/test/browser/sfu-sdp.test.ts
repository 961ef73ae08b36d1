/**
 * The SFU's SDP (server/src/sfu/sdp) in real Chromium: sfu-sdp.scenario.ts
 * has Chromium take the SFU's answers to its offers and answer the SFU's
 * offers, through a publisher's renegotiation, simulcast, and a subscriber
 * whose consumers come and go; this file asserts on what it reports. Without
 * Chromium the tests are skipped, loudly, unless REQUIRE_BROWSER=1 (CI),
 * where they fail.
 */
import { describe, expect, it } from 'vitest';
import { getMid, getDirection, parseSessionDescription, readAttributes, ssrcAttribute } from '#server/sdp/index.ts';
import { chromiumForTests } from './require-browser.ts';
import { runScenario } from './run-scenario.ts';
import type { PeerState, SfuSdpResult } from './sfu-sdp.scenario.ts';

const TIMEOUT_MS = 60_000;
const available = chromiumForTests('the sfu-sdp browser test');

/** `mid:direction` of each section of a description Chromium wrote, `mid:rejected` for port 0. */
function sections(sdp: string | undefined): string[] {
  const description = parseSessionDescription(sdp ?? '');
  return description.media.map((media) => `${getMid(media)}:${media.port === 0 ? 'rejected' : getDirection(media, description)}`);
}

function applied(state: PeerState): PeerState {
  expect(state.error ?? 'applied').toBe('applied');
  expect(state.signalingState).toBe('stable');
  return state;
}

describe.runIf(available)('the SFU’s SDP in Chromium', { timeout: TIMEOUT_MS + 10_000 }, () => {
  let run: Promise<SfuSdpResult> | undefined;
  const result = () =>
    (run ??= runScenario<SfuSdpResult>('./sfu-sdp.scenario.ts', { timeoutMs: TIMEOUT_MS }).then((done) => {
      console.log(`sfu-sdp scenario: ${done.elapsedMs} ms (${done.isolated ? 'private network namespace' : 'host network'}), Chromium ${done.result.chromium}`);
      return done.result;
    }));

  it('a publisher takes the answer: audio and video sendonly, plain Opus and VP8 first (no RED, no ULPFEC), the SFU DTLS server', async () => {
    const { alice } = await result();
    const [audio, video] = applied(alice.applied).transceivers!;
    expect([audio?.currentDirection, video?.currentDirection]).toEqual(['sendonly', 'sendonly']);
    expect(audio?.sendCodecs).toEqual(['111 audio/opus']);
    expect(video?.sendCodecs[0]).toBe('96 video/VP8');
    expect([...audio!.sendCodecs, ...video!.sendCodecs].filter((codec) => /red|ulpfec|flexfec/i.test(codec))).toEqual([]);
    expect(alice.answer.answer.sections.map((s) => [s.mid, s.accepted])).toEqual([['0', true], ['1', true], ['2', false]]);
    expect(alice.transportRole).toBe('server');
  });

  it("the producers' SSRCs are those of Chromium's offer", async () => {
    const { alice } = await result();
    const offer = parseSessionDescription(alice.offer.local!);
    for (const mid of ['0', '1']) {
      const media = offer.media.find((section) => getMid(section) === mid)!;
      expect(new Set(alice.answer.ssrcs[mid]), `mid ${mid}`).toEqual(new Set(readAttributes(media, ssrcAttribute).map((line) => line.ssrc)));
    }
  });

  it('a second track renegotiates: the new section is taken, the others stay; same o= session, one version up', async () => {
    const { alice } = await result();
    expect(applied(alice.reapplied).transceivers!.map((t) => `${t.mid}:${t.currentDirection}`)).toEqual(['0:sendonly', '1:sendonly', '3:sendonly']);
    const [first, second] = [alice.answer.answer.description.origin, alice.reanswer.answer.description.origin];
    expect([second.sessionId, BigInt(second.sessionVersion)]).toEqual([first.sessionId, BigInt(first.sessionVersion) + 1n]);
    expect(Object.keys(alice.reanswer.ssrcs)).toEqual(['3']);
  });

  it('simulcast: Chromium keeps its three encodings q, h, f; the producer has them by rid', async () => {
    const { bob } = await result();
    expect(applied(bob.applied).transceivers![1]?.sendRids).toEqual(['q', 'h', 'f']);
    expect(bob.encodings).toEqual([{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }]);
  });

  it("a subscriber answers every offer, and the SFU applies Chromium's answers", async () => {
    const { carol } = await result();
    for (const round of carol.rounds) {
      expect(round.browser.error ?? 'ok', round.label).toBe('ok');
      expect(round.error ?? 'applied', round.label).toBe('applied');
      expect(round.applied?.dtlsParameters?.role, round.label).toBe('client');
    }
    expect(carol.transportRole).toBe('server');
  });

  it("sections through the renegotiations: added at the end, the middle one rejected then recycled with a new mid, the first one inactive", async () => {
    const { carol } = await result();
    expect(Object.fromEntries(carol.rounds.map((round) => [round.label, sections(round.browser.local)]))).toEqual({
      '1 consumer': ['0:recvonly'],
      '2 consumers': ['0:recvonly', '1:recvonly'],
      '3 consumers': ['0:recvonly', '1:recvonly', '2:recvonly'],
      'middle closed': ['0:recvonly', '1:rejected', '2:recvonly'],
      recycled: ['0:recvonly', '3:recvonly', '2:recvonly'],
      'first closed': ['0:inactive', '3:recvonly', '2:recvonly'],
    });
  });

  it('each consumer is one track in its publisher’s stream; tracks already received keep their receiver across renegotiations', async () => {
    const { carol } = await result();
    const last = carol.rounds.at(-1)!.browser;
    expect(last.tracks!.map((track) => `${track.mid} ${track.kind} ${track.streams.join(',')}`)).toEqual(['0 audio alice', '1 video alice', '2 video bob', '3 video alice']);
    const receiverOf = (state: PeerState, mid: string) => state.transceivers!.find((t) => t.mid === mid)?.receiverTrackId;
    for (const mid of ['0', '2']) {
      const ids = carol.rounds.map((round) => receiverOf(round.browser, mid)).filter((id) => id !== undefined);
      expect(new Set(ids).size, `mid ${mid}`).toBe(1);
    }
  });
});
