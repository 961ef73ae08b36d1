import { describe, expect, it } from 'vitest';
import { type CandidatePair, type PairState, formPairs, initialStates, pairFoundation } from '../checklist.ts';
import { host } from './candidates.ts';

/** A pair with just the fields initialStates reads: foundations, component, priority. */
function pair(localFoundation: string, remoteFoundation: string, priority: bigint, componentId = 1): CandidatePair {
  return {
    local: host('10.0.0.1', 5000 + componentId, { foundation: localFoundation, componentId }),
    remote: host('192.0.2.1', 6000 + componentId, { foundation: remoteFoundation, componentId }),
    priority,
  };
}

describe('10-ice: pairFoundation', () => {
  it("joins the local and the remote foundation with ':'", () => {
    expect(pairFoundation(pair('4187750', '3857975427', 1n))).toBe('4187750:3857975427');
  });

  it("keeps 'a' + 'bc' apart from 'ab' + 'c'", () => {
    expect(pairFoundation(pair('a', 'bc', 1n))).not.toBe(pairFoundation(pair('ab', 'c', 1n)));
  });
});

interface Case {
  readonly name: string;
  readonly pairs: readonly CandidatePair[];
  readonly want: readonly PairState[];
}

const cases: Case[] = [
  {
    name: 'unfreezes one pair per foundation, the first, and freezes the rest (§6.1.2.6)',
    pairs: [pair('1', '9', 40n), pair('1', '9', 30n), pair('2', '9', 20n), pair('2', '9', 10n)],
    want: ['Waiting', 'Frozen', 'Waiting', 'Frozen'],
  },
  {
    name: 'picks the lowest component ID before the highest priority',
    pairs: [pair('1', '9', 50n, 2), pair('1', '9', 40n, 1), pair('1', '9', 60n, 2)],
    want: ['Frozen', 'Waiting', 'Frozen'],
  },
  {
    name: 'picks the highest priority of the component wherever it is in the list',
    pairs: [pair('1', '9', 10n), pair('1', '9', 30n), pair('1', '9', 20n)],
    want: ['Frozen', 'Waiting', 'Frozen'],
  },
  {
    name: 'on equal component and priority, picks the earliest',
    pairs: [pair('1', '9', 10n), pair('1', '9', 10n), pair('1', '9', 10n)],
    want: ['Waiting', 'Frozen', 'Frozen'],
  },
  {
    name: 'tells apart foundations that only concatenate alike',
    pairs: [pair('a', 'bc', 20n), pair('ab', 'c', 10n)],
    want: ['Waiting', 'Waiting'],
  },
  {
    name: 'counts the remote foundation: same local, different remote is another foundation',
    pairs: [pair('1', '8', 20n), pair('1', '9', 10n), pair('1', '8', 5n)],
    want: ['Waiting', 'Waiting', 'Frozen'],
  },
  {
    name: 'gives no states to no pairs',
    pairs: [],
    want: [],
  },
];

describe('10-ice: initialStates', () => {
  it.each(cases)('$name', ({ pairs, want }) => {
    expect(initialStates(pairs)).toEqual(want);
  });

  it('leaves the pairs as they were', () => {
    const pairs = Object.freeze([pair('1', '9', 10n), pair('1', '9', 30n)]);
    expect(initialStates(pairs)).toEqual(['Frozen', 'Waiting']);
    expect(pairs.map((p) => p.priority)).toEqual([10n, 30n]);
  });

  it('on a checklist for RTP and RTCP from two interfaces, unfreezes the RTP pair of each interface', () => {
    // Each interface (base address) is a foundation; RTP (1) and RTCP (2) share it.
    const local = [1, 2].flatMap((componentId) => [
      host('10.0.0.1', 5000 + componentId, { componentId, localPreference: 65535 }),
      host('10.0.0.2', 5000 + componentId, { componentId, localPreference: 65534 }),
    ]);
    const remote = [1, 2].map((componentId) => host('192.0.2.1', 6000 + componentId, { componentId }));
    const pairs = formPairs(local, remote, 'controlling');
    const states = initialStates(pairs);
    const summary = pairs.map((p, i) => `${p.local.address}/${p.local.componentId} ${states[i]}`);
    expect(summary).toEqual(['10.0.0.1/1 Waiting', '10.0.0.1/2 Frozen', '10.0.0.2/1 Waiting', '10.0.0.2/2 Frozen']);
  });
});
