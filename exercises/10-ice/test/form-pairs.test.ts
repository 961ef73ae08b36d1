import { describe, expect, it } from 'vitest';
import { pairPriority } from '#server/ice/index.ts';
import { type Candidate, type IceRole, formPairs } from '../checklist.ts';
import { host, label, prflx, relay, srflx } from './candidates.ts';

// Local candidates: two interfaces, and an IPv6 address. Local preference ranks them.
const L1 = host('10.0.0.1', 5000, { localPreference: 65535 });
const L2 = host('10.0.0.2', 5000, { localPreference: 65534 });
const L6 = host('2001:db8::1', 5000, { localPreference: 65533 });
// The remote agent's, from its SDP.
const R1 = host('192.0.2.1', 6000, { localPreference: 65535 });
const R2 = host('192.0.2.2', 6000, { localPreference: 65534 });
const R6 = host('2001:db8::9', 6000, { localPreference: 65533 });
// Behind a NAT, L1 is also seen as 203.0.113.5:40000 (srflx), and a check showed 203.0.113.5:40001 (prflx).
const S1 = srflx('203.0.113.5', 40000, L1);
const P1 = prflx('203.0.113.5', 40001, L1);
const T1 = relay('198.51.100.1', 3478);

interface Case {
  readonly name: string;
  readonly local: readonly Candidate[];
  readonly remote: readonly Candidate[];
  readonly role: IceRole;
  /** label() of each pair, in checklist order. */
  readonly want: readonly string[];
}

const cases: Case[] = [
  {
    name: 'pairs every local candidate with every remote one, the pair with both best candidates first (§6.1.2.2, §6.1.2.3)',
    local: [L2, L1],
    remote: [R2, R1],
    role: 'controlling',
    want: [
      '10.0.0.1:5000 host -> 192.0.2.1:6000 host',
      '10.0.0.1:5000 host -> 192.0.2.2:6000 host',
      '10.0.0.2:5000 host -> 192.0.2.1:6000 host',
      '10.0.0.2:5000 host -> 192.0.2.2:6000 host',
    ],
  },
  {
    name: 'as the controlled agent, G is the remote candidate: the two middle pairs swap places',
    local: [L2, L1],
    remote: [R2, R1],
    role: 'controlled',
    want: [
      '10.0.0.1:5000 host -> 192.0.2.1:6000 host',
      '10.0.0.2:5000 host -> 192.0.2.1:6000 host',
      '10.0.0.1:5000 host -> 192.0.2.2:6000 host',
      '10.0.0.2:5000 host -> 192.0.2.2:6000 host',
    ],
  },
  {
    name: 'never pairs an IPv4 candidate with an IPv6 one',
    local: [L6, L1],
    remote: [R6, R1],
    role: 'controlling',
    want: ['10.0.0.1:5000 host -> 192.0.2.1:6000 host', '[2001:db8::1]:5000 host -> [2001:db8::9]:6000 host'],
  },
  {
    name: 'pairs only candidates of the same component, and RTP (1) ranks above RTCP (2)',
    local: [host('10.0.0.1', 5001, { componentId: 2 }), host('10.0.0.1', 5000, { componentId: 1 })],
    remote: [host('192.0.2.1', 6000, { componentId: 1 }), host('192.0.2.1', 6001, { componentId: 2 })],
    role: 'controlling',
    want: ['10.0.0.1:5000 host -> 192.0.2.1:6000 host', '10.0.0.1:5001 host -> 192.0.2.1:6001 host'],
  },
  {
    name: 'replaces a local srflx candidate by its base: checks leave from the host address (§6.1.2.4)',
    local: [S1],
    remote: [R1],
    role: 'controlling',
    want: ['10.0.0.1:5000 host -> 192.0.2.1:6000 host'],
  },
  {
    name: 'replaces a local prflx candidate by its base too',
    local: [P1],
    remote: [R6, R2],
    role: 'controlled',
    want: ['10.0.0.1:5000 host -> 192.0.2.2:6000 host'],
  },
  {
    name: "prunes the pairs a srflx candidate duplicates, keeping its base's own higher-priority pairs",
    local: [S1, L1],
    remote: [R1, R2],
    role: 'controlling',
    want: ['10.0.0.1:5000 host -> 192.0.2.1:6000 host', '10.0.0.1:5000 host -> 192.0.2.2:6000 host'],
  },
  {
    name: 'keeps a relayed local candidate as it is: it is its own base',
    local: [T1, L1],
    remote: [R1],
    role: 'controlling',
    want: ['10.0.0.1:5000 host -> 192.0.2.1:6000 host', '198.51.100.1:3478 relay -> 192.0.2.1:6000 host'],
  },
  {
    name: 'pairs a remote srflx candidate as it is: only local candidates are replaced',
    local: [L1],
    remote: [srflx('198.51.100.20', 7000, R1)],
    role: 'controlled',
    want: ['10.0.0.1:5000 host -> 198.51.100.20:7000 srflx'],
  },
  {
    name: 'prunes a pair whose remote transport address repeats a higher-priority one (a srflx equal to a host)',
    local: [L1],
    remote: [srflx('192.0.2.1', 6000, R1), R1],
    role: 'controlling',
    want: ['10.0.0.1:5000 host -> 192.0.2.1:6000 host'],
  },
  {
    name: 'breaks ties in input order: the earlier local candidate first, then the earlier remote one',
    local: [host('127.0.0.1', 5001, { priority: 2122260223 }), host('127.0.0.1', 5002, { priority: 2122260223 })],
    remote: [host('127.0.0.1', 6001, { priority: 2122260223 }), host('127.0.0.1', 6002, { priority: 2122260223 })],
    role: 'controlling',
    want: [
      '127.0.0.1:5001 host -> 127.0.0.1:6001 host',
      '127.0.0.1:5001 host -> 127.0.0.1:6002 host',
      '127.0.0.1:5002 host -> 127.0.0.1:6001 host',
      '127.0.0.1:5002 host -> 127.0.0.1:6002 host',
    ],
  },
  {
    name: 'breaks the same ties the other way when the inputs come the other way round',
    local: [host('127.0.0.1', 5002, { priority: 2122260223 }), host('127.0.0.1', 5001, { priority: 2122260223 })],
    remote: [host('127.0.0.1', 6002, { priority: 2122260223 }), host('127.0.0.1', 6001, { priority: 2122260223 })],
    role: 'controlled',
    want: [
      '127.0.0.1:5002 host -> 127.0.0.1:6002 host',
      '127.0.0.1:5002 host -> 127.0.0.1:6001 host',
      '127.0.0.1:5001 host -> 127.0.0.1:6002 host',
      '127.0.0.1:5001 host -> 127.0.0.1:6001 host',
    ],
  },
  {
    name: 'forms no pairs when no two candidates can be paired',
    local: [L6, host('10.0.0.1', 5001, { componentId: 2 })],
    remote: [R1],
    role: 'controlling',
    want: [],
  },
];

describe('10-ice: formPairs', () => {
  it.each(cases)('$name', ({ local, remote, role, want }) => {
    expect(formPairs(local, remote, role).map(label)).toEqual(want);
  });

  it('gives each pair 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0), G being the controlling side (§6.1.2.3)', () => {
    // L1 = 2130706431, R2 = 2130706175: 2^32 * 2130706175 + 2 * 2130706431, plus 1 when G is L1's.
    expect(formPairs([L1], [R2], 'controlling').map((pair) => pair.priority)).toEqual([9151313343271665663n]);
    expect(formPairs([L1], [R2], 'controlled').map((pair) => pair.priority)).toEqual([9151313343271665662n]);
  });

  it('gives both agents the same priorities and the same order for the same pairs', () => {
    const agentA = formPairs([L1, L2, L6], [R1, R2, R6], 'controlling');
    const agentB = formPairs([R1, R2, R6], [L1, L2, L6], 'controlled');
    const seenByA = agentA.map((pair) => `${pair.local.address} ${pair.remote.address} ${pair.priority}`);
    const seenByB = agentB.map((pair) => `${pair.remote.address} ${pair.local.address} ${pair.priority}`);
    expect(seenByA).toHaveLength(5);
    expect(seenByB).toEqual(seenByA);
  });

  it("keeps the reflexive candidate's priority for the pair that now starts at its base", () => {
    const [pair] = formPairs([S1], [R1], 'controlling');
    expect(pair?.priority).toBe(pairPriority(S1.priority, R1.priority));
    expect(pair?.priority).toBeLessThan(pairPriority(L1.priority, R1.priority));
  });

  it('prunes by priority, not by input order: the srflx candidate listed first still loses to its base', () => {
    const pairs = formPairs([S1, L1], [R1, R2], 'controlling');
    expect(pairs.map((pair) => pair.priority)).toEqual([pairPriority(L1.priority, R1.priority), pairPriority(L1.priority, R2.priority)]);
  });

  it('puts the given candidate objects in the pairs, and the base object for a reflexive one', () => {
    const pairs = formPairs([S1, T1], [R1], 'controlling');
    expect(pairs.map((pair) => pair.local)).toEqual([L1, T1]);
    expect(pairs[0]?.local).toBe(L1);
    expect(pairs[1]?.local).toBe(T1);
    expect(pairs[0]?.remote).toBe(R1);
  });

  it('leaves its inputs as they were (they may be frozen)', () => {
    const local = Object.freeze([L2, S1, L1]);
    const remote = Object.freeze([R2, R1]);
    const pairs = formPairs(local, remote, 'controlling');
    expect(pairs).toHaveLength(4);
    expect(local).toEqual([L2, S1, L1]);
    expect(remote).toEqual([R2, R1]);
  });

  it('throws TypeError for a local srflx or prflx candidate without a base', () => {
    expect(formPairs([S1, P1], [R1], 'controlling')).toHaveLength(1);
    const { base: _omitted, ...baseless } = S1;
    expect(() => formPairs([baseless], [R1], 'controlling')).toThrow(TypeError);
    expect(() => formPairs([{ ...baseless, type: 'prflx' }], [R1], 'controlled')).toThrow(TypeError);
  });
});
