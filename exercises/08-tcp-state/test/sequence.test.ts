import { describe, expect, it } from 'vitest';
import { isAcceptable, segmentLength, seqAdd, seqLeq, seqLt } from '../sequence.ts';
import { seg } from './notation.ts';

const MAX = 4294967295;

describe('08-tcp-state: sequence-number arithmetic (RFC 9293 §3.4)', () => {
  it('adds modulo 2^32', () => {
    expect([seqAdd(100, 1), seqAdd(MAX, 1), seqAdd(MAX, 2), seqAdd(MAX - 9, 65535)]).toEqual([101, 0, 1, 65525]);
  });

  const comparisons: Array<[number, number, boolean]> = [
    [100, 101, true],
    [101, 100, false],
    [100, 100, false],
    [MAX, 0, true], // 0 comes right after 4294967295
    [0, MAX, false],
    [MAX - 10, 20, true],
    [2 ** 31 - 1, 2 ** 31 + 10, true],
    [10, 2 ** 31 + 20, false], // more than half the circle ahead: it is behind
  ];
  for (const [a, b, lt] of comparisons) {
    it(`${a} ${lt ? 'comes before' : 'does not come before'} ${b}`, () => {
      expect(seqLt(a, b)).toBe(lt);
      expect(seqLeq(a, b)).toBe(lt || a === b);
    });
  }

  it('counts SYN and FIN in the segment length', () => {
    expect([seg('<SEQ=1><CTL=SYN>'), seg('<SEQ=1><ACK=1><CTL=ACK>'), seg('<SEQ=1><ACK=1><CTL=FIN,ACK><DATA=10>'), seg('<SEQ=1><CTL=SYN,FIN><DATA=3>')].map(segmentLength)).toEqual([1, 0, 11, 5]);
  });
});

describe('08-tcp-state: isAcceptable (RFC 9293 Table 6)', () => {
  const cases: Array<{ name: string; segment: string; rcvNxt: number; rcvWnd: number; acceptable: boolean }> = [
    { name: 'empty, zero window, at RCV.NXT', segment: '<SEQ=300><ACK=1><CTL=ACK>', rcvNxt: 300, rcvWnd: 0, acceptable: true },
    { name: 'empty, zero window, one past RCV.NXT', segment: '<SEQ=301><ACK=1><CTL=ACK>', rcvNxt: 300, rcvWnd: 0, acceptable: false },
    { name: 'empty, at the last number of the window', segment: '<SEQ=399><ACK=1><CTL=ACK>', rcvNxt: 300, rcvWnd: 100, acceptable: true },
    { name: 'empty, just past the window', segment: '<SEQ=400><ACK=1><CTL=ACK>', rcvNxt: 300, rcvWnd: 100, acceptable: false },
    { name: 'empty, just before RCV.NXT', segment: '<SEQ=299><ACK=1><CTL=ACK>', rcvNxt: 300, rcvWnd: 100, acceptable: false },
    { name: 'data with a zero window', segment: '<SEQ=300><ACK=1><CTL=ACK><DATA=1>', rcvNxt: 300, rcvWnd: 0, acceptable: false },
    { name: 'data starting in the window', segment: '<SEQ=350><ACK=1><CTL=ACK><DATA=100>', rcvNxt: 300, rcvWnd: 100, acceptable: true },
    { name: 'data starting before and ending in the window', segment: '<SEQ=290><ACK=1><CTL=ACK><DATA=20>', rcvNxt: 300, rcvWnd: 100, acceptable: true },
    { name: 'data that all came before (a retransmission)', segment: '<SEQ=290><ACK=1><CTL=ACK><DATA=10>', rcvNxt: 300, rcvWnd: 100, acceptable: false },
    { name: 'a FIN just before RCV.NXT (a repeated FIN)', segment: '<SEQ=299><ACK=1><CTL=FIN,ACK>', rcvNxt: 300, rcvWnd: 100, acceptable: false },
    { name: 'a window that wraps past 2^32', segment: `<SEQ=5><ACK=1><CTL=ACK><DATA=1>`, rcvNxt: MAX - 10, rcvWnd: 100, acceptable: true },
    { name: 'before a wrapped RCV.NXT', segment: `<SEQ=${MAX - 20}><ACK=1><CTL=ACK><DATA=5>`, rcvNxt: MAX - 10, rcvWnd: 100, acceptable: false },
  ];
  for (const { name, segment, rcvNxt, rcvWnd, acceptable } of cases) {
    it(`${name}: ${acceptable ? 'acceptable' : 'not acceptable'}`, () => expect(isAcceptable(seg(segment), rcvNxt, rcvWnd)).toBe(acceptable));
  }
});
