/**
 * One connection at a time: every arrow of RFC 9293 Figure 5, then the rules of §3.10 for
 * segments that are not part of a normal open or close, the user calls in every state, and
 * RST and ABORT everywhere. reach() (notation.ts) drives a connection with ISS 100 facing a peer
 * with ISS 300 into each state.
 */
import { describe, expect, it } from 'vitest';
import { TcpConnection, TcpStateError, type TcpEvent, type TcpState } from '../tcp-connection.ts';
import { connection, reach, receive, seg, segs } from './notation.ts';

const open = (mode: 'active' | 'passive'): TcpEvent => ({ type: 'OPEN', mode });
const CLOSE: TcpEvent = { type: 'CLOSE' };
const ABORT: TcpEvent = { type: 'ABORT' };
const TIMEOUT: TcpEvent = { type: 'TIME-WAIT-TIMEOUT' };
const segment = (text: string): TcpEvent => ({ type: 'SEGMENT', segment: seg(text) });

interface Row {
  readonly from: TcpState;
  readonly event: TcpEvent;
  readonly to: TcpState;
  readonly send: string[];
}

function describeEvent(event: TcpEvent): string {
  if (event.type === 'SEGMENT') return `rcv ${JSON.stringify(event.segment)}`;
  return event.type === 'OPEN' ? `${event.mode} OPEN` : event.type;
}

function check(rows: readonly Row[]): void {
  for (const { from, event, to, send } of rows) {
    it(`${from} --${describeEvent(event)}--> ${to}${send.length > 0 ? `, snd ${send.join(' ')}` : ''}`, () => {
      const tcp = reach(from);
      expect(tcp.handle(event)).toEqual(segs(...send));
      expect(tcp.state).toBe(to);
    });
  }
}

describe('08-tcp-state: the arrows of RFC 9293 Figure 5', () => {
  check([
    { from: 'CLOSED', event: open('passive'), to: 'LISTEN', send: [] },
    { from: 'CLOSED', event: open('active'), to: 'SYN-SENT', send: ['<SEQ=100><CTL=SYN>'] },
    { from: 'LISTEN', event: segment('<SEQ=300><CTL=SYN>'), to: 'SYN-RECEIVED', send: ['<SEQ=100><ACK=301><CTL=SYN,ACK>'] },
    { from: 'LISTEN', event: open('active'), to: 'SYN-SENT', send: ['<SEQ=100><CTL=SYN>'] },
    { from: 'LISTEN', event: CLOSE, to: 'CLOSED', send: [] },
    { from: 'SYN-SENT', event: segment('<SEQ=300><CTL=SYN>'), to: 'SYN-RECEIVED', send: ['<SEQ=100><ACK=301><CTL=SYN,ACK>'] },
    { from: 'SYN-SENT', event: segment('<SEQ=300><ACK=101><CTL=SYN,ACK>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=301><CTL=ACK>'] },
    { from: 'SYN-SENT', event: CLOSE, to: 'CLOSED', send: [] },
    { from: 'SYN-RECEIVED', event: segment('<SEQ=301><ACK=101><CTL=ACK>'), to: 'ESTABLISHED', send: [] },
    { from: 'SYN-RECEIVED', event: CLOSE, to: 'FIN-WAIT-1', send: ['<SEQ=101><ACK=301><CTL=FIN,ACK>'] },
    { from: 'SYN-RECEIVED', event: segment('<SEQ=301><CTL=RST>'), to: 'LISTEN', send: [] },
    { from: 'ESTABLISHED', event: CLOSE, to: 'FIN-WAIT-1', send: ['<SEQ=101><ACK=301><CTL=FIN,ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=301><ACK=101><CTL=FIN,ACK>'), to: 'CLOSE-WAIT', send: ['<SEQ=101><ACK=302><CTL=ACK>'] },
    { from: 'FIN-WAIT-1', event: segment('<SEQ=301><ACK=102><CTL=ACK>'), to: 'FIN-WAIT-2', send: [] },
    { from: 'FIN-WAIT-1', event: segment('<SEQ=301><ACK=101><CTL=FIN,ACK>'), to: 'CLOSING', send: ['<SEQ=102><ACK=302><CTL=ACK>'] },
    { from: 'FIN-WAIT-1', event: segment('<SEQ=301><ACK=102><CTL=FIN,ACK>'), to: 'TIME-WAIT', send: ['<SEQ=102><ACK=302><CTL=ACK>'] },
    { from: 'FIN-WAIT-2', event: segment('<SEQ=301><ACK=102><CTL=FIN,ACK>'), to: 'TIME-WAIT', send: ['<SEQ=102><ACK=302><CTL=ACK>'] },
    { from: 'CLOSE-WAIT', event: CLOSE, to: 'LAST-ACK', send: ['<SEQ=101><ACK=302><CTL=FIN,ACK>'] },
    { from: 'CLOSING', event: segment('<SEQ=302><ACK=102><CTL=ACK>'), to: 'TIME-WAIT', send: [] },
    { from: 'LAST-ACK', event: segment('<SEQ=302><ACK=102><CTL=ACK>'), to: 'CLOSED', send: [] },
    { from: 'TIME-WAIT', event: TIMEOUT, to: 'CLOSED', send: [] },
  ]);
});

describe('08-tcp-state: segments outside the normal path (RFC 9293 §3.10.7)', () => {
  check([
    // §3.10.7.1: CLOSED answers everything but a RST with a RST the sender will accept.
    { from: 'CLOSED', event: segment('<SEQ=300><CTL=SYN>'), to: 'CLOSED', send: ['<SEQ=0><ACK=301><CTL=RST,ACK>'] },
    { from: 'CLOSED', event: segment('<SEQ=300><CTL=FIN><DATA=5>'), to: 'CLOSED', send: ['<SEQ=0><ACK=306><CTL=RST,ACK>'] },
    { from: 'CLOSED', event: segment('<SEQ=300><ACK=100><CTL=ACK><DATA=10>'), to: 'CLOSED', send: ['<SEQ=100><CTL=RST>'] },
    { from: 'CLOSED', event: segment('<SEQ=300><CTL=RST>'), to: 'CLOSED', send: [] },
    // §3.10.7.2: LISTEN ignores RSTs and resets ACKs.
    { from: 'LISTEN', event: segment('<SEQ=300><CTL=RST>'), to: 'LISTEN', send: [] },
    { from: 'LISTEN', event: segment('<SEQ=300><ACK=555><CTL=ACK>'), to: 'LISTEN', send: ['<SEQ=555><CTL=RST>'] },
    { from: 'LISTEN', event: segment('<SEQ=300><CTL=FIN>'), to: 'LISTEN', send: [] },
    // §3.10.7.3: SYN-SENT accepts only an ACK of its SYN.
    { from: 'SYN-SENT', event: segment('<SEQ=300><ACK=100><CTL=SYN,ACK>'), to: 'SYN-SENT', send: ['<SEQ=100><CTL=RST>'] },
    { from: 'SYN-SENT', event: segment('<SEQ=300><ACK=102><CTL=SYN,ACK>'), to: 'SYN-SENT', send: ['<SEQ=102><CTL=RST>'] },
    { from: 'SYN-SENT', event: segment('<SEQ=0><ACK=102><CTL=RST,ACK>'), to: 'SYN-SENT', send: [] },
    { from: 'SYN-SENT', event: segment('<SEQ=0><ACK=101><CTL=RST,ACK>'), to: 'CLOSED', send: [] },
    { from: 'SYN-SENT', event: segment('<SEQ=0><CTL=RST>'), to: 'SYN-SENT', send: [] },
    { from: 'SYN-SENT', event: segment('<SEQ=300><ACK=101><CTL=ACK>'), to: 'SYN-SENT', send: [] },
    { from: 'SYN-SENT', event: segment('<SEQ=300><ACK=101><CTL=SYN,FIN,ACK><DATA=5>'), to: 'CLOSE-WAIT', send: ['<SEQ=101><ACK=307><CTL=ACK>'] },
    // §3.10.7.4 in SYN-RECEIVED: an ACK of something never sent is answered with a RST.
    { from: 'SYN-RECEIVED', event: segment('<SEQ=301><ACK=105><CTL=ACK>'), to: 'SYN-RECEIVED', send: ['<SEQ=105><CTL=RST>'] },
    { from: 'SYN-RECEIVED', event: segment('<SEQ=301><ACK=101><CTL=FIN,ACK>'), to: 'CLOSE-WAIT', send: ['<SEQ=101><ACK=302><CTL=ACK>'] },
    { from: 'SYN-RECEIVED', event: segment('<SEQ=310><CTL=SYN>'), to: 'LISTEN', send: [] },
    // §3.10.7.4 synchronized: unacceptable or odd segments get an ACK and change nothing.
    { from: 'ESTABLISHED', event: segment('<SEQ=291><ACK=101><CTL=ACK><DATA=10>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=301><CTL=ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=70000><ACK=101><CTL=ACK><DATA=1>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=301><CTL=ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=311><ACK=101><CTL=ACK><DATA=10>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=301><CTL=ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=301><ACK=200><CTL=ACK>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=301><CTL=ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=301><CTL=SYN>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=301><CTL=ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=301><CTL=FIN>'), to: 'ESTABLISHED', send: [] },
    { from: 'ESTABLISHED', event: segment('<SEQ=301><ACK=101><CTL=ACK><DATA=10>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=311><CTL=ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=296><ACK=101><CTL=ACK><DATA=10>'), to: 'ESTABLISHED', send: ['<SEQ=101><ACK=306><CTL=ACK>'] },
    { from: 'ESTABLISHED', event: segment('<SEQ=301><ACK=101><CTL=FIN,ACK><DATA=4>'), to: 'CLOSE-WAIT', send: ['<SEQ=101><ACK=306><CTL=ACK>'] },
    { from: 'FIN-WAIT-2', event: segment('<SEQ=301><ACK=102><CTL=ACK><DATA=7>'), to: 'FIN-WAIT-2', send: ['<SEQ=102><ACK=308><CTL=ACK>'] },
    { from: 'CLOSING', event: segment('<SEQ=302><ACK=101><CTL=ACK>'), to: 'CLOSING', send: [] },
    { from: 'LAST-ACK', event: segment('<SEQ=302><ACK=101><CTL=ACK>'), to: 'LAST-ACK', send: [] },
    // TIME-WAIT: the peer's FIN again means our last ACK was lost: acknowledge it again.
    { from: 'TIME-WAIT', event: segment('<SEQ=301><ACK=102><CTL=FIN,ACK>'), to: 'TIME-WAIT', send: ['<SEQ=102><ACK=302><CTL=ACK>'] },
  ]);

  it('keeps the sequence variables as the RFC defines them through a handshake and some data', () => {
    const tcp = reach('ESTABLISHED');
    expect(tcp.variables).toEqual({ iss: 100, irs: 300, sndUna: 101, sndNxt: 101, rcvNxt: 301, rcvWnd: 65535 });
    expect(tcp.handle({ type: 'SEND', length: 10 })).toEqual(segs('<SEQ=101><ACK=301><CTL=ACK><DATA=10>'));
    expect(tcp.variables).toMatchObject({ sndUna: 101, sndNxt: 111 });
    expect(receive(tcp, '<SEQ=301><ACK=106><CTL=ACK><DATA=20>')).toEqual(segs('<SEQ=111><ACK=321><CTL=ACK>'));
    expect(tcp.variables).toMatchObject({ sndUna: 106, sndNxt: 111, rcvNxt: 321 });
    expect(receive(tcp, '<SEQ=321><ACK=103><CTL=ACK>')).toEqual([]); // an old duplicate ACK: ignored
    expect(tcp.variables.sndUna).toBe(106);
  });

  it('wraps sequence numbers past 2^32 through a whole connection', () => {
    const tcp = connection(4294967295);
    expect(tcp.handle(open('active'))).toEqual([{ seq: 4294967295, syn: true }]);
    expect(receive(tcp, '<SEQ=4294967290><ACK=0><CTL=SYN,ACK>')).toEqual(segs('<SEQ=0><ACK=4294967291><CTL=ACK>'));
    expect(receive(tcp, '<SEQ=4294967291><ACK=0><CTL=ACK><DATA=10>')).toEqual(segs('<SEQ=0><ACK=5><CTL=ACK>'));
    expect(tcp.handle(CLOSE)).toEqual(segs('<SEQ=0><ACK=5><CTL=FIN,ACK>'));
    expect(receive(tcp, '<SEQ=5><ACK=1><CTL=FIN,ACK>')).toEqual(segs('<SEQ=1><ACK=6><CTL=ACK>'));
    expect(tcp.state).toBe('TIME-WAIT');
  });

  it('takes a receive window from its options', () => {
    const tcp = new TcpConnection({ chooseIss: () => 100, receiveWindow: 10 });
    tcp.handle(open('active'));
    receive(tcp, '<SEQ=300><ACK=101><CTL=SYN,ACK>');
    expect(tcp.variables.rcvWnd).toBe(10);
    expect(receive(tcp, '<SEQ=311><CTL=RST>')).toEqual([]); // outside a 10-octet window: dropped silently
    expect(tcp.state).toBe('ESTABLISHED');
  });
});

describe('08-tcp-state: RST in every state (RFC 9293 §3.10.7.4 second step, RFC 5961 §3.2)', () => {
  const rcvNxt: Partial<Record<TcpState, number>> = { 'CLOSE-WAIT': 302, 'CLOSING': 302, 'LAST-ACK': 302, 'TIME-WAIT': 302 };
  const states: TcpState[] = ['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];
  for (const state of states) {
    const next = rcvNxt[state] ?? 301;
    it(`${state}: a RST at exactly RCV.NXT closes; one elsewhere in the window gets a challenge ACK; one outside is ignored`, () => {
      const inWindow = reach(state);
      const sndNxt = inWindow.variables.sndNxt;
      expect(receive(inWindow, `<SEQ=${next + 10}><CTL=RST>`)).toEqual(segs(`<SEQ=${sndNxt}><ACK=${next}><CTL=ACK>`));
      expect(inWindow.state).toBe(state);
      expect(receive(inWindow, `<SEQ=${next + 70000}><CTL=RST>`)).toEqual([]);
      expect(inWindow.state).toBe(state);
      expect(receive(inWindow, `<SEQ=${next}><CTL=RST>`)).toEqual([]);
      expect(inWindow.state).toBe('CLOSED');
    });
  }

  it('SYN-RECEIVED: back to LISTEN after a passive open, CLOSED after an active one ("connection refused")', () => {
    const passive = reach('SYN-RECEIVED');
    receive(passive, '<SEQ=301><CTL=RST>');
    expect(passive.state).toBe('LISTEN');
    const active = reach('SYN-SENT');
    receive(active, '<SEQ=300><CTL=SYN>');
    expect(active.state).toBe('SYN-RECEIVED');
    receive(active, '<SEQ=301><CTL=RST>');
    expect(active.state).toBe('CLOSED');
  });
});

describe('08-tcp-state: ABORT in every state (RFC 9293 §3.10.5)', () => {
  check([
    { from: 'LISTEN', event: ABORT, to: 'CLOSED', send: [] },
    { from: 'SYN-SENT', event: ABORT, to: 'CLOSED', send: [] },
    { from: 'SYN-RECEIVED', event: ABORT, to: 'CLOSED', send: ['<SEQ=101><CTL=RST>'] },
    { from: 'ESTABLISHED', event: ABORT, to: 'CLOSED', send: ['<SEQ=101><CTL=RST>'] },
    { from: 'FIN-WAIT-1', event: ABORT, to: 'CLOSED', send: ['<SEQ=102><CTL=RST>'] },
    { from: 'FIN-WAIT-2', event: ABORT, to: 'CLOSED', send: ['<SEQ=102><CTL=RST>'] },
    { from: 'CLOSE-WAIT', event: ABORT, to: 'CLOSED', send: ['<SEQ=101><CTL=RST>'] },
    { from: 'CLOSING', event: ABORT, to: 'CLOSED', send: [] },
    { from: 'LAST-ACK', event: ABORT, to: 'CLOSED', send: [] },
    { from: 'TIME-WAIT', event: ABORT, to: 'CLOSED', send: [] },
  ]);
});

describe('08-tcp-state: user calls the RFC refuses, as TcpStateError (RFC 9293 §3.10.1-3.10.5, §3.10.8)', () => {
  const refused: Array<{ state: TcpState; event: TcpEvent; code: string }> = [
    { state: 'LISTEN', event: open('passive'), code: 'CONNECTION_EXISTS' },
    { state: 'SYN-SENT', event: open('active'), code: 'CONNECTION_EXISTS' },
    { state: 'ESTABLISHED', event: open('active'), code: 'CONNECTION_EXISTS' },
    { state: 'TIME-WAIT', event: open('passive'), code: 'CONNECTION_EXISTS' },
    { state: 'CLOSED', event: CLOSE, code: 'CONNECTION_DOES_NOT_EXIST' },
    { state: 'CLOSED', event: ABORT, code: 'CONNECTION_DOES_NOT_EXIST' },
    { state: 'CLOSED', event: { type: 'SEND', length: 1 }, code: 'CONNECTION_DOES_NOT_EXIST' },
    { state: 'LISTEN', event: { type: 'SEND', length: 1 }, code: 'NOT_ESTABLISHED' },
    { state: 'SYN-SENT', event: { type: 'SEND', length: 1 }, code: 'NOT_ESTABLISHED' },
    { state: 'SYN-RECEIVED', event: { type: 'SEND', length: 1 }, code: 'NOT_ESTABLISHED' },
    { state: 'FIN-WAIT-1', event: { type: 'SEND', length: 1 }, code: 'CONNECTION_CLOSING' },
    { state: 'LAST-ACK', event: { type: 'SEND', length: 1 }, code: 'CONNECTION_CLOSING' },
    { state: 'FIN-WAIT-1', event: CLOSE, code: 'CONNECTION_CLOSING' },
    { state: 'FIN-WAIT-2', event: CLOSE, code: 'CONNECTION_CLOSING' },
    { state: 'CLOSING', event: CLOSE, code: 'CONNECTION_CLOSING' },
    { state: 'LAST-ACK', event: CLOSE, code: 'CONNECTION_CLOSING' },
    { state: 'TIME-WAIT', event: CLOSE, code: 'CONNECTION_CLOSING' },
    { state: 'CLOSED', event: TIMEOUT, code: 'NO_TIME_WAIT' },
    { state: 'ESTABLISHED', event: TIMEOUT, code: 'NO_TIME_WAIT' },
    { state: 'FIN-WAIT-2', event: TIMEOUT, code: 'NO_TIME_WAIT' },
  ];
  for (const { state, event, code } of refused) {
    it(`${describeEvent(event)} in ${state}: ${code}, and nothing changes`, () => {
      const tcp = reach(state);
      const before = tcp.variables;
      let thrown: unknown;
      try {
        tcp.handle(event);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TcpStateError);
      expect((thrown as TcpStateError).code).toBe(code);
      expect(tcp.state).toBe(state);
      expect(tcp.variables).toEqual(before);
    });
  }

  it('refuses to SEND nothing or a fraction of an octet with a RangeError', () => {
    const tcp = reach('ESTABLISHED');
    expect(() => tcp.handle({ type: 'SEND', length: 0 })).toThrow(RangeError);
    expect(() => tcp.handle({ type: 'SEND', length: 1.5 })).toThrow(RangeError);
  });
});
