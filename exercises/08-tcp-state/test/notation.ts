/**
 * Segments in RFC 9293's notation, so the tests read like the RFC's figures:
 *   seg('<SEQ=300><ACK=101><CTL=SYN,ACK>')  ->  { seq: 300, ack: 101, syn: true }
 *   seg('<SEQ=101><ACK=301><CTL=ACK><DATA=10>')  ->  { seq: 101, ack: 301, length: 10 }
 * and connections driven into a given state by the public API alone.
 */
import { TcpConnection, type TcpSegment, type TcpState } from '../tcp-connection.ts';

export function seg(text: string): TcpSegment {
  const fields = new Map([...text.matchAll(/<(\w+)=([^>]*)>/g)].map(([, key, value]) => [key!, value!]));
  const controls = new Set((fields.get('CTL') ?? '').split(',').filter(Boolean));
  if (controls.has('ACK') !== fields.has('ACK')) throw new Error(`test data: CTL=ACK and <ACK=...> go together in ${text}`);
  const segment: { seq: number; ack?: number; syn?: boolean; fin?: boolean; rst?: boolean; length?: number } = { seq: Number(fields.get('SEQ')) };
  if (fields.has('ACK')) segment.ack = Number(fields.get('ACK'));
  if (controls.has('SYN')) segment.syn = true;
  if (controls.has('FIN')) segment.fin = true;
  if (controls.has('RST')) segment.rst = true;
  if (fields.has('DATA')) segment.length = Number(fields.get('DATA'));
  return segment;
}

export function segs(...texts: string[]): TcpSegment[] {
  return texts.map(seg);
}

/** A connection whose chooseIss() gives these numbers in turn. */
export function connection(...isses: number[]): TcpConnection {
  const queue = [...isses];
  return new TcpConnection({
    chooseIss: () => {
      const iss = queue.shift();
      if (iss === undefined) throw new Error('test: chooseIss() called more often than this test expected');
      return iss;
    },
  });
}

export function receive(tcp: TcpConnection, text: string): TcpSegment[] {
  return tcp.handle({ type: 'SEGMENT', segment: seg(text) });
}

/**
 * A connection with ISS 100 talking to a peer whose ISS is 300, driven into `state`. In the
 * synchronized states SND.NXT is 101 (102 once our FIN is out) and RCV.NXT 301 (302 once the
 * peer's FIN is in).
 */
export function reach(state: TcpState): TcpConnection {
  const tcp = connection(100);
  const steps: Record<TcpState, () => void> = {
    'CLOSED': () => {},
    'LISTEN': () => tcp.handle({ type: 'OPEN', mode: 'passive' }),
    'SYN-SENT': () => tcp.handle({ type: 'OPEN', mode: 'active' }),
    'SYN-RECEIVED': () => {
      steps.LISTEN();
      receive(tcp, '<SEQ=300><CTL=SYN>');
    },
    'ESTABLISHED': () => {
      steps['SYN-SENT']();
      receive(tcp, '<SEQ=300><ACK=101><CTL=SYN,ACK>');
    },
    'FIN-WAIT-1': () => {
      steps.ESTABLISHED();
      tcp.handle({ type: 'CLOSE' });
    },
    'FIN-WAIT-2': () => {
      steps['FIN-WAIT-1']();
      receive(tcp, '<SEQ=301><ACK=102><CTL=ACK>');
    },
    'CLOSE-WAIT': () => {
      steps.ESTABLISHED();
      receive(tcp, '<SEQ=301><ACK=101><CTL=FIN,ACK>');
    },
    'CLOSING': () => {
      steps['FIN-WAIT-1']();
      receive(tcp, '<SEQ=301><ACK=101><CTL=FIN,ACK>');
    },
    'LAST-ACK': () => {
      steps['CLOSE-WAIT']();
      tcp.handle({ type: 'CLOSE' });
    },
    'TIME-WAIT': () => {
      steps['FIN-WAIT-2']();
      receive(tcp, '<SEQ=301><ACK=102><CTL=FIN,ACK>');
    },
  };
  steps[state]();
  if (tcp.state !== state) throw new Error(`test setup: driving a connection to ${state} left it in ${tcp.state}`);
  return tcp;
}
