/**
 * The checklists of two real Chromium 156 calls (server/fixtures/chromium-156),
 * formed from the a=candidate lines of their SDP. The stats/ fixtures record
 * what Chromium's getStats() said about the pair it selected.
 */
import { describe, expect, it } from 'vitest';
import { formPairs, initialStates } from '../checklist.ts';
import { label, sdpCandidates } from './candidates.ts';

describe('10-ice: Chromium 156 candidates', () => {
  // The BUNDLE transport is the first m-section's (mid 0): its candidates are the ones checked.
  const offerer = sdpCandidates('plain-offer.sdp', '0');
  const answerer = sdpCandidates('plain-answer.sdp', '0');

  it('call.pcapng, as the offerer (controlling): one pair, with the priority getStats() rounded to 9115038255631187000', () => {
    const pairs = formPairs(offerer, answerer, 'controlling');
    expect(pairs.map(label)).toEqual(['127.0.0.1:53631 host -> 127.0.0.1:57002 host']);
    expect(pairs.map((pair) => pair.priority)).toEqual([9115038255631187454n]);
    expect(Number(pairs[0]!.priority)).toBe(9115038255631187000);
  });

  it('call.pcapng, as the answerer (controlled): the same pair priority', () => {
    const pairs = formPairs(answerer, offerer, 'controlled');
    expect(pairs.map(label)).toEqual(['127.0.0.1:57002 host -> 127.0.0.1:53631 host']);
    expect(pairs.map((pair) => pair.priority)).toEqual([9115038255631187454n]);
  });

  it('the ICE-lite run: Chromium (controlling) and the lite peer (controlled) agree on 9115038255648079870', () => {
    const chromium = sdpCandidates('lite-dtls12-chromium-server-offer.sdp', '0');
    const lite = sdpCandidates('lite-dtls12-chromium-server-answer.sdp', '0');
    // G = Chromium's 2122260223 < D = the lite peer's 2130706431, so the last bit is 0.
    expect(formPairs(chromium, lite, 'controlling').map((pair) => pair.priority)).toEqual([9115038255648079870n]);
    expect(formPairs(lite, chromium, 'controlled').map((pair) => pair.priority)).toEqual([9115038255648079870n]);
  });

  it("the offerer's UDP candidates of all three m-sections tie: input order, one foundation, one pair Waiting", () => {
    const pairs = formPairs(sdpCandidates('plain-offer.sdp'), answerer, 'controlling');
    expect(pairs.map(label)).toEqual([
      '127.0.0.1:53631 host -> 127.0.0.1:57002 host',
      '127.0.0.1:35511 host -> 127.0.0.1:57002 host',
      '127.0.0.1:43876 host -> 127.0.0.1:57002 host',
    ]);
    expect(new Set(pairs.map((pair) => pair.priority)).size).toBe(1);
    expect(initialStates(pairs)).toEqual(['Waiting', 'Frozen', 'Frozen']);
  });
});
