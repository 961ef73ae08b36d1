import { describe, expect, it } from 'vitest';
import { parseRtcp, serializeRtcp, type FullIntraRequest, type PictureLossIndication } from '../rtcp/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import { KeyframeRequester, type KeyframeRequesterOptions } from './keyframe-requester.ts';

const MEDIA_SSRC = 0x1234;
const SFU_SSRC = 0xfa17;

function setup(options: Partial<KeyframeRequesterOptions> = {}) {
  const clock = new ManualClock({ startMs: 10_000 });
  const timers = new TimerQueue({ clock });
  const sent: { at: number; packet: PictureLossIndication | FullIntraRequest }[] = [];
  const stream = { ssrc: MEDIA_SSRC as number | undefined };
  const requester = new KeyframeRequester({
    stream,
    senderSsrc: SFU_SSRC,
    timers,
    now: () => clock.now(),
    send: (packet) => sent.push({ at: clock.now() - 10_000, packet }),
    ...options,
  });
  return { clock, timers, requester, sent, stream };
}

describe('KeyframeRequester: at most one request per producer per second', () => {
  /** Each step: advance the clock, then request ('r') or report a key frame ('k'). */
  const cases: { name: string; steps: [number, 'r' | 'k'][]; until: number; sentAt: number[] }[] = [
    { name: 'a single request goes out at once', steps: [[0, 'r'], [0, 'k']], until: 5000, sentAt: [0] },
    { name: 'requests within the second are coalesced into one, sent when the second ends', steps: [[0, 'r'], [0, 'k'], [100, 'r'], [200, 'r'], [300, 'r'], [500, 'k']], until: 5000, sentAt: [0, 1000] },
    { name: 'a key frame before the second ends serves the waiting requests', steps: [[0, 'r'], [0, 'k'], [100, 'r'], [500, 'k']], until: 5000, sentAt: [0] },
    { name: 'requests a second apart each go out', steps: [[0, 'r'], [0, 'k'], [1000, 'r'], [0, 'k'], [1500, 'r'], [0, 'k']], until: 5000, sentAt: [0, 1000, 2500] },
    { name: 'with no key frame coming, the request is repeated every second, 5 times in all', steps: [[0, 'r']], until: 10_000, sentAt: [0, 1000, 2000, 3000, 4000] },
    { name: 'more requests while waiting do not add sends', steps: [[0, 'r'], [10, 'r'], [20, 'r'], [1500, 'r'], [0, 'k']], until: 5000, sentAt: [0, 1000] },
  ];
  for (const { name, steps, until, sentAt } of cases) {
    it(name, () => {
      const { clock, requester, sent } = setup();
      let elapsed = 0;
      for (const [advance, what] of steps) {
        clock.advance(advance);
        elapsed += advance;
        if (what === 'r') requester.request();
        else requester.keyframeReceived();
      }
      clock.advance(until - elapsed);
      expect(sent.map((s) => s.at)).toEqual(sentAt);
    });
  }

  it('sends a PLI about the stream from the SFU SSRC, which serializes and parses back', () => {
    const { requester, sent } = setup();
    requester.request();
    expect(sent[0]!.packet).toEqual({ kind: 'picture-loss-indication', senderSsrc: SFU_SSRC, mediaSsrc: MEDIA_SSRC });
    expect(parseRtcp(serializeRtcp([sent[0]!.packet]))).toEqual([sent[0]!.packet]);
  });

  it('numbers FIRs per request: +1 for a new one, the same when repeating one (RFC 5104 §4.3.1.1)', () => {
    const { requester, sent, clock } = setup({ method: 'fir' });
    requester.request();
    clock.advance(1000); // no key frame: repeated
    requester.keyframeReceived();
    clock.advance(1000);
    requester.request(); // a new request
    const numbers = sent.map(({ packet }) => (packet.kind === 'full-intra-request' ? packet.entries[0]! : undefined));
    expect(numbers).toEqual([
      { ssrc: MEDIA_SSRC, sequenceNumber: 0 },
      { ssrc: MEDIA_SSRC, sequenceNumber: 0 },
      { ssrc: MEDIA_SSRC, sequenceNumber: 1 },
    ]);
    expect(sent.every(({ packet }) => packet.mediaSsrc === 0)).toBe(true);
  });

  it('asks nothing of a stream whose SSRC is not known yet', () => {
    const { requester, sent, stream, clock } = setup();
    stream.ssrc = undefined;
    requester.request();
    clock.advance(3000);
    expect(sent).toEqual([]);
  });

  it('close() cancels what is pending', () => {
    const { requester, sent, clock, timers } = setup();
    requester.request();
    requester.close();
    clock.advance(5000);
    expect(sent).toHaveLength(1);
    expect(timers.size).toBe(0);
  });

  it('counts requests, sends and coalesced requests', () => {
    const { requester, clock } = setup();
    requester.request();
    requester.keyframeReceived();
    requester.request();
    requester.request();
    clock.advance(1000);
    expect(requester.stats).toEqual({ requested: 3, sent: 2, coalesced: 2, keyframesReceived: 1 });
  });
});
