/**
 * Two state machines, A and B, and the segments in flight between them, driven by a script:
 * user calls on either side, deliveries, losses, and old duplicates arriving from nowhere. Each
 * step prints a line in the style of RFC 9293's figures: the states after the step, and the
 * segment with --> or <-- on the side that acted and ... where it is still in the network.
 */
import { TcpConnection, type TcpEvent, type TcpSegment } from '#solutions/08-tcp-state/tcp-connection.ts';
import { formatSegment } from './notation.ts';

type Side = 'A' | 'B';

type Step =
  | { readonly call: TcpEvent; readonly at: Side }
  /** Delivers the oldest segment in flight towards the side, or with `newest` the one sent last. */
  | { readonly deliverTo: Side; readonly newest?: boolean }
  | { readonly loseTo: Side }
  | { readonly injectTo: Side; readonly segment: TcpSegment; readonly note: string };

interface Scenario {
  readonly title: string;
  readonly isses: Readonly<Record<Side, number[]>>;
  readonly steps: readonly Step[];
}

const other = (side: Side): Side => (side === 'A' ? 'B' : 'A');
const open = (at: Side, mode: 'active' | 'passive'): Step => ({ call: { type: 'OPEN', mode }, at });
const close = (at: Side): Step => ({ call: { type: 'CLOSE' }, at });
const to = (side: Side, times = 1): Step[] => Array.from({ length: times }, () => ({ deliverTo: side }));
const timeout = (at: Side): Step => ({ call: { type: 'TIME-WAIT-TIMEOUT' }, at });

/** Both sides synchronized, A with SND.NXT 100 and B with 300, as Figures 12 and 13 begin. */
const established: Step[] = [open('B', 'passive'), open('A', 'active'), ...to('B'), ...to('A'), ...to('B')];

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  handshake: {
    title: 'RFC 9293 Figure 6: the three-way handshake, then data',
    isses: { A: [100], B: [300] },
    steps: [open('B', 'passive'), open('A', 'active'), ...to('B'), ...to('A'), ...to('B'), { call: { type: 'SEND', length: 10 }, at: 'A' }, ...to('B'), ...to('A')],
  },
  'simultaneous-open': {
    title: 'RFC 9293 Figure 7: both sides open actively at once',
    isses: { A: [100], B: [300] },
    steps: [open('A', 'active'), open('B', 'active'), ...to('A'), ...to('B'), ...to('A'), ...to('B')],
  },
  'old-duplicate-syn': {
    title: 'RFC 9293 Figure 8: an old SYN arrives first; the reset clears it',
    isses: { A: [100], B: [300, 400] },
    steps: [
      open('B', 'passive'), open('A', 'active'),
      { injectTo: 'B', segment: { seq: 90, syn: true }, note: 'an old duplicate SYN' },
      ...to('A'), { deliverTo: 'B', newest: true }, ...to('B'), ...to('A'), ...to('B'),
    ],
  },
  'half-open': {
    title: 'RFC 9293 Figure 9: A crashed and reopens; B still thinks it is connected',
    isses: { A: [400], B: [299] },
    steps: [
      open('B', 'passive'),
      { injectTo: 'B', segment: { seq: 99, syn: true }, note: 'the connection before the crash' },
      { loseTo: 'A' },
      { injectTo: 'B', segment: { seq: 100, ack: 300 }, note: '... and its ACK' },
      open('A', 'active'), ...to('B'), ...to('A'), ...to('B'),
    ],
  },
  close: {
    title: 'RFC 9293 Figure 12: the normal close, A first; A waits 2 MSL in TIME-WAIT',
    isses: { A: [99], B: [299] },
    steps: [...established, close('A'), ...to('B'), ...to('A'), close('B'), ...to('A'), ...to('B'), timeout('A')],
  },
  'close-three-segments': {
    title: 'B closes as soon as A\'s FIN arrives: its FIN carries the ACK (Linux does this when the application closes at once)',
    isses: { A: [99], B: [299] },
    steps: [...established, close('A'), ...to('B'), { loseTo: 'A' }, close('B'), ...to('A'), ...to('B'), timeout('A')],
  },
  'simultaneous-close': {
    title: 'RFC 9293 Figure 13: both close at once; both go through CLOSING to TIME-WAIT',
    isses: { A: [99], B: [299] },
    steps: [...established, close('A'), close('B'), ...to('A'), ...to('B'), ...to('A'), ...to('B'), timeout('A'), timeout('B')],
  },
  refused: {
    title: 'A SYN to a port nobody listens on: CLOSED answers with RST,ACK (RFC 9293 §3.10.7.1)',
    isses: { A: [100], B: [] },
    steps: [open('A', 'active'), ...to('B'), ...to('A')],
  },
  abort: {
    title: 'ABORT: A resets an established connection; B drops it at once',
    isses: { A: [99], B: [299] },
    steps: [...established, { call: { type: 'ABORT' }, at: 'A' }, ...to('B')],
  },
};

function machine(isses: readonly number[]): TcpConnection {
  const queue = [...isses];
  return new TcpConnection({ chooseIss: () => queue.shift() ?? 0 });
}

/** Runs a scenario and returns its lines. */
export function runScenario(name: string): string[] {
  const scenario = SCENARIOS[name];
  if (scenario === undefined) throw new RangeError(`no scenario "${name}"; there are: ${Object.keys(SCENARIOS).join(', ')}`);
  const peers = { A: machine(scenario.isses.A), B: machine(scenario.isses.B) };
  const inFlight: Record<Side, TcpSegment[]> = { A: [], B: [] }; // keyed by destination
  const lines = [scenario.title, '', `      ${'TCP A'.padEnd(14)}${''.padEnd(44)}TCP B`];
  let number = 0;
  const row = (side: Side, arrow: string, segment: string, note: string): void => {
    const left = side === 'A' ? arrow : '...';
    const right = side === 'B' ? arrow : '...';
    const text = segment === '' ? ''.padEnd(44) : `${left} ${segment.padEnd(36)} ${right.padEnd(5)}`;
    lines.push(`${String(++number).padStart(3)}.  ${peers.A.state.padEnd(13)} ${text}${peers.B.state.padEnd(14)}${note}`.trimEnd());
  };
  const send = (from: Side, segments: TcpSegment[], note: string): void => {
    if (segments.length === 0) row(from, '', '', note);
    for (const segment of segments) {
      inFlight[other(from)].push(segment);
      row(from, from === 'A' ? '-->' : '<--', formatSegment(segment), note);
      note = '';
    }
  };
  for (const step of scenario.steps) {
    if ('call' in step) {
      const event = step.call.type === 'OPEN' ? `${step.call.mode} OPEN` : step.call.type === 'SEND' ? `SEND ${step.call.length} octets` : step.call.type === 'TIME-WAIT-TIMEOUT' ? '2 MSL later' : step.call.type;
      send(step.at, peers[step.at].handle(step.call), `(${step.at}: ${event})`);
    } else if ('loseTo' in step) {
      const lost = inFlight[step.loseTo].shift();
      if (lost) row(step.loseTo, '-X-', formatSegment(lost), '(lost)');
    } else {
      const target = 'deliverTo' in step ? step.deliverTo : step.injectTo;
      const segment = 'deliverTo' in step ? (step.newest ? inFlight[target].pop() : inFlight[target].shift()) : step.segment;
      if (segment === undefined) continue;
      const replies = peers[target].handle({ type: 'SEGMENT', segment });
      row(target, target === 'A' ? '<--' : '-->', formatSegment(segment), 'note' in step ? `(${step.note})` : '');
      for (const reply of replies) {
        inFlight[other(target)].push(reply);
        row(target, target === 'A' ? '-->' : '<--', formatSegment(reply), '');
      }
    }
  }
  return lines;
}
