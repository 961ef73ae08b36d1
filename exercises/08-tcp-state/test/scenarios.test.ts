/**
 * Two connections talking, line by line as RFC 9293 draws them in §3.5 and §3.6: each step
 * delivers what one peer sent to the other and checks what comes back and the states after it.
 * A segment shown with "..." in the RFC is one still in the network; the tests deliver it later.
 */
import { describe, expect, it } from 'vitest';
import type { TcpConnection, TcpSegment } from '../tcp-connection.ts';
import { connection, receive, segs } from './notation.ts';

function deliver(to: TcpConnection, segments: readonly TcpSegment[]): TcpSegment[] {
  return segments.flatMap((segment) => to.handle({ type: 'SEGMENT', segment }));
}

describe('08-tcp-state: RFC 9293 §3.5, opening', () => {
  it('Figure 6: the three-way handshake, then data', () => {
    const a = connection(100);
    const b = connection(300);
    b.handle({ type: 'OPEN', mode: 'passive' });
    const syn = a.handle({ type: 'OPEN', mode: 'active' });
    expect(syn).toEqual(segs('<SEQ=100><CTL=SYN>')); // line 2
    expect(a.state).toBe('SYN-SENT');
    const synAck = deliver(b, syn);
    expect(synAck).toEqual(segs('<SEQ=300><ACK=101><CTL=SYN,ACK>')); // line 3
    expect(b.state).toBe('SYN-RECEIVED');
    const ack = deliver(a, synAck);
    expect(ack).toEqual(segs('<SEQ=101><ACK=301><CTL=ACK>')); // line 4
    expect(a.state).toBe('ESTABLISHED');
    expect(deliver(b, ack)).toEqual([]);
    expect(b.state).toBe('ESTABLISHED');
    const data = a.handle({ type: 'SEND', length: 10 });
    expect(data).toEqual(segs('<SEQ=101><ACK=301><CTL=ACK><DATA=10>')); // line 5
    expect(deliver(b, data)).toEqual(segs('<SEQ=301><ACK=111><CTL=ACK>'));
  });

  it('Figure 7: simultaneous open, each side through SYN-SENT and SYN-RECEIVED', () => {
    const a = connection(100);
    const b = connection(300);
    const synA = a.handle({ type: 'OPEN', mode: 'active' }); // line 2, delayed
    const synB = b.handle({ type: 'OPEN', mode: 'active' });
    const synAckA = deliver(a, synB); // line 3
    expect(a.state).toBe('SYN-RECEIVED');
    expect(synAckA).toEqual(segs('<SEQ=100><ACK=301><CTL=SYN,ACK>')); // line 5
    const synAckB = deliver(b, synA); // line 4
    expect(b.state).toBe('SYN-RECEIVED');
    expect(synAckB).toEqual(segs('<SEQ=300><ACK=101><CTL=SYN,ACK>'));
    expect(deliver(a, synAckB)).toEqual([]); // line 6
    expect(a.state).toBe('ESTABLISHED');
    expect(deliver(b, synAckA)).toEqual([]); // line 7
    expect(b.state).toBe('ESTABLISHED');
    expect([a.variables.rcvNxt, b.variables.rcvNxt]).toEqual([301, 101]);
  });

  it('Figure 8: an old duplicate SYN is reset, and the real one goes through', () => {
    const a = connection(100);
    const b = connection(300, 400);
    b.handle({ type: 'OPEN', mode: 'passive' });
    const syn = a.handle({ type: 'OPEN', mode: 'active' }); // line 2, delayed
    const oldSynAck = receive(b, '<SEQ=90><CTL=SYN>'); // line 3
    expect(oldSynAck).toEqual(segs('<SEQ=300><ACK=91><CTL=SYN,ACK>')); // line 4
    const reset = deliver(a, oldSynAck);
    expect(reset).toEqual(segs('<SEQ=91><CTL=RST>')); // line 5
    expect(a.state).toBe('SYN-SENT');
    expect(deliver(b, reset)).toEqual([]);
    expect(b.state).toBe('LISTEN');
    const synAck = deliver(b, syn); // line 6
    expect(synAck).toEqual(segs('<SEQ=400><ACK=101><CTL=SYN,ACK>')); // line 7
    expect(deliver(a, synAck)).toEqual(segs('<SEQ=101><ACK=401><CTL=ACK>')); // line 8
    expect(a.state).toBe('ESTABLISHED');
  });
});

/** B ESTABLISHED with "send 300, receive 100", as Figures 9 and 10 start. */
function bEstablished(): TcpConnection {
  const b = connection(299);
  b.handle({ type: 'OPEN', mode: 'passive' });
  receive(b, '<SEQ=99><CTL=SYN>');
  receive(b, '<SEQ=100><ACK=300><CTL=ACK>');
  expect(b.variables).toMatchObject({ sndNxt: 300, rcvNxt: 100 });
  return b;
}

describe('08-tcp-state: RFC 9293 §3.5.1, half-open connections', () => {
  it('Figure 9: A reboots and opens again; B answers with an ACK, A resets it', () => {
    const b = bEstablished();
    const a = connection(400);
    const syn = a.handle({ type: 'OPEN', mode: 'active' });
    expect(syn).toEqual(segs('<SEQ=400><CTL=SYN>')); // line 3
    const ack = deliver(b, syn);
    expect(ack).toEqual(segs('<SEQ=300><ACK=100><CTL=ACK>')); // line 4
    expect(b.state).toBe('ESTABLISHED');
    const reset = deliver(a, ack);
    expect(reset).toEqual(segs('<SEQ=100><CTL=RST>')); // line 5
    expect(a.state).toBe('SYN-SENT');
    expect(deliver(b, reset)).toEqual([]);
    expect(b.state).toBe('CLOSED'); // line 6
  });

  it('Figure 10: data for a connection A has forgotten draws a reset that B accepts', () => {
    const b = bEstablished();
    const a = connection();
    const data = b.handle({ type: 'SEND', length: 10 });
    expect(data).toEqual(segs('<SEQ=300><ACK=100><CTL=ACK><DATA=10>')); // line 2
    const reset = deliver(a, data);
    expect(reset).toEqual(segs('<SEQ=100><CTL=RST>')); // line 3
    expect(deliver(b, reset)).toEqual([]);
    expect(b.state).toBe('CLOSED');
  });

  it('Figure 11: an old SYN between two listeners: both end up listening', () => {
    const a = connection();
    const b = connection(500);
    a.handle({ type: 'OPEN', mode: 'passive' });
    b.handle({ type: 'OPEN', mode: 'passive' });
    const synAck = receive(b, '<SEQ=90><CTL=SYN>'); // line 2
    expect(synAck).toEqual(segs('<SEQ=500><ACK=91><CTL=SYN,ACK>')); // line 3
    const reset = deliver(a, synAck);
    expect(reset).toEqual(segs('<SEQ=91><CTL=RST>')); // line 4
    expect(deliver(b, reset)).toEqual([]);
    expect([a.state, b.state]).toEqual(['LISTEN', 'LISTEN']); // line 5
  });
});

describe('08-tcp-state: RFC 9293 §3.6, closing', () => {
  function pair(): { a: TcpConnection; b: TcpConnection } {
    const a = connection(99);
    const b = connection(299);
    b.handle({ type: 'OPEN', mode: 'passive' });
    deliver(b, deliver(a, deliver(b, a.handle({ type: 'OPEN', mode: 'active' }))));
    expect([a.state, b.state]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    expect([a.variables.sndNxt, b.variables.sndNxt]).toEqual([100, 300]);
    return { a, b };
  }

  it('Figure 12: the normal close, A first; A waits 2 MSL in TIME-WAIT', () => {
    const { a, b } = pair();
    const finA = a.handle({ type: 'CLOSE' });
    expect(finA).toEqual(segs('<SEQ=100><ACK=300><CTL=FIN,ACK>')); // line 2
    expect(a.state).toBe('FIN-WAIT-1');
    const ackB = deliver(b, finA);
    expect(b.state).toBe('CLOSE-WAIT');
    expect(ackB).toEqual(segs('<SEQ=300><ACK=101><CTL=ACK>')); // line 3
    expect(deliver(a, ackB)).toEqual([]);
    expect(a.state).toBe('FIN-WAIT-2');
    const finB = b.handle({ type: 'CLOSE' });
    expect(finB).toEqual(segs('<SEQ=300><ACK=101><CTL=FIN,ACK>')); // line 4
    expect(b.state).toBe('LAST-ACK');
    const lastAck = deliver(a, finB);
    expect(a.state).toBe('TIME-WAIT');
    expect(lastAck).toEqual(segs('<SEQ=101><ACK=301><CTL=ACK>')); // line 5
    expect(deliver(b, lastAck)).toEqual([]);
    expect(b.state).toBe('CLOSED');
    expect(a.handle({ type: 'TIME-WAIT-TIMEOUT' })).toEqual([]); // line 6
    expect(a.state).toBe('CLOSED');
  });

  it('the same close with B closing first: the sides swap roles', () => {
    const { a, b } = pair();
    const ackA = deliver(a, b.handle({ type: 'CLOSE' }));
    expect([a.state, b.state]).toEqual(['CLOSE-WAIT', 'FIN-WAIT-1']);
    deliver(b, ackA);
    expect(b.state).toBe('FIN-WAIT-2');
    const lastAck = deliver(b, a.handle({ type: 'CLOSE' }));
    expect([a.state, b.state]).toEqual(['LAST-ACK', 'TIME-WAIT']);
    deliver(a, lastAck);
    expect(a.state).toBe('CLOSED');
  });

  it('a lost ACK: B\'s FIN acknowledges A\'s FIN too, and A goes from FIN-WAIT-1 straight to TIME-WAIT', () => {
    const { a, b } = pair();
    deliver(b, a.handle({ type: 'CLOSE' })); // B's ACK of it is lost
    const finB = b.handle({ type: 'CLOSE' });
    expect(finB).toEqual(segs('<SEQ=300><ACK=101><CTL=FIN,ACK>'));
    expect(deliver(a, finB)).toEqual(segs('<SEQ=101><ACK=301><CTL=ACK>'));
    expect(a.state).toBe('TIME-WAIT');
  });

  it('a lost last ACK: B repeats its FIN, A in TIME-WAIT acknowledges it again', () => {
    const { a, b } = pair();
    deliver(a, deliver(b, a.handle({ type: 'CLOSE' })));
    const finB = b.handle({ type: 'CLOSE' });
    deliver(a, finB); // the ACK this produces is lost
    const again = deliver(a, finB);
    expect(again).toEqual(segs('<SEQ=101><ACK=301><CTL=ACK>'));
    expect(a.state).toBe('TIME-WAIT');
    deliver(b, again);
    expect(b.state).toBe('CLOSED');
  });

  it('Figure 13: simultaneous close, both sides through CLOSING to TIME-WAIT', () => {
    const { a, b } = pair();
    const finA = a.handle({ type: 'CLOSE' });
    const finB = b.handle({ type: 'CLOSE' });
    expect(finA).toEqual(segs('<SEQ=100><ACK=300><CTL=FIN,ACK>')); // line 2
    expect(finB).toEqual(segs('<SEQ=300><ACK=100><CTL=FIN,ACK>'));
    expect([a.state, b.state]).toEqual(['FIN-WAIT-1', 'FIN-WAIT-1']);
    const ackA = deliver(a, finB);
    const ackB = deliver(b, finA);
    expect([a.state, b.state]).toEqual(['CLOSING', 'CLOSING']); // line 3
    expect(ackA).toEqual(segs('<SEQ=101><ACK=301><CTL=ACK>'));
    expect(ackB).toEqual(segs('<SEQ=301><ACK=101><CTL=ACK>'));
    expect(deliver(a, ackB)).toEqual([]);
    expect(deliver(b, ackA)).toEqual([]);
    expect([a.state, b.state]).toEqual(['TIME-WAIT', 'TIME-WAIT']); // line 4
    a.handle({ type: 'TIME-WAIT-TIMEOUT' });
    b.handle({ type: 'TIME-WAIT-TIMEOUT' });
    expect([a.state, b.state]).toEqual(['CLOSED', 'CLOSED']);
  });

  it('an abort in the middle of a conversation: the RST closes the other side at once', () => {
    const { a, b } = pair();
    const reset = a.handle({ type: 'ABORT' });
    expect(reset).toEqual(segs('<SEQ=100><CTL=RST>'));
    expect(deliver(b, reset)).toEqual([]);
    expect([a.state, b.state]).toEqual(['CLOSED', 'CLOSED']);
  });
});
