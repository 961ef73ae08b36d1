/**
 * The TCP conversations of a capture, replayed through two state machines, one per endpoint.
 * Each captured segment is first explained as the sender's doing (an OPEN, a SEND, a CLOSE, an
 * ABORT, or an answer its machine had already produced), then delivered to the receiver's
 * machine. The line shows both states after it and whether the sender's machine would have sent
 * exactly that segment.
 */
import { readFileSync } from 'node:fs';
import { decodePacket, flowOf, formatEndpoint, readCapture, type DecodedPacket } from '#server/pcap/index.ts';
import { TcpConnection, type TcpSegment } from '#solutions/08-tcp-state/tcp-connection.ts';
import { formatSegment, sameSegment, type NumberBase } from './notation.ts';

interface CapturedSegment {
  readonly number: number;
  readonly timeUs: number;
  readonly fromA: boolean;
  readonly segment: TcpSegment;
}

interface Endpoint {
  readonly name: string;
  readonly machine: TcpConnection;
  /** ISS once known: from its SYN in the capture. */
  iss: number | undefined;
  /** What its machine has said it would send and the capture has not shown yet. */
  pending: TcpSegment[];
}

function segmentOf(packet: DecodedPacket): TcpSegment | undefined {
  if (packet.transport?.kind !== 'tcp') return undefined;
  const { header, payload } = packet.transport.segment;
  const { flags } = header;
  return {
    seq: header.sequenceNumber,
    ...(flags.ack ? { ack: header.acknowledgmentNumber } : {}),
    ...(flags.syn ? { syn: true } : {}),
    ...(flags.fin ? { fin: true } : {}),
    ...(flags.rst ? { rst: true } : {}),
    ...(payload.length > 0 ? { length: payload.length } : {}),
  };
}

/** TCP conversations in capture order, each with its segments, A being the side that spoke first. */
function conversations(file: string): Array<{ a: string; b: string; segments: CapturedSegment[] }> {
  const byKey = new Map<string, { a: string; b: string; segments: CapturedSegment[] }>();
  readCapture(readFileSync(file)).forEach((captured, i) => {
    const packet = decodePacket(captured);
    const flow = flowOf(packet);
    const segment = segmentOf(packet);
    if (flow?.protocol !== 'tcp' || segment === undefined) return;
    const from = formatEndpoint(flow.source);
    let conversation = byKey.get(flow.key);
    if (conversation === undefined) {
      conversation = { a: from, b: formatEndpoint(flow.destination), segments: [] };
      byKey.set(flow.key, conversation);
    }
    conversation.segments.push({ number: i + 1, timeUs: captured.timestampUs, fromA: from === conversation.a, segment });
  });
  return [...byKey.values()];
}

/** The user call that made `sender` send `segment`, made on its machine; '' when it was an answer. */
function explain(sender: Endpoint, segment: TcpSegment): string {
  if (sender.pending.some((pending) => sameSegment(pending, segment))) return '';
  const calls: string[] = [];
  const call = (event: Parameters<TcpConnection['handle']>[0], label: string): void => {
    try {
      sender.pending.push(...sender.machine.handle(event));
      calls.push(label);
    } catch (error) {
      calls.push(`${label} refused: ${(error as Error).message}`);
    }
  };
  if (segment.syn && segment.ack === undefined) call({ type: 'OPEN', mode: 'active' }, 'active OPEN');
  else if (segment.rst) call({ type: 'ABORT' }, 'ABORT');
  else {
    if (segment.length) call({ type: 'SEND', length: segment.length }, `SEND ${segment.length}`);
    if (segment.fin) call({ type: 'CLOSE' }, 'CLOSE');
  }
  return calls.join(', ');
}

/** One line of the replay table: packet number, time, A's state, the segment, B's state, a note. */
function row(number: string, time: string, aState: string, arrow: string, bState: string, note: string): string {
  return `${number.padStart(4)} ${time.padStart(11)}  ${aState.padEnd(12)} ${arrow.padEnd(42)} ${bState.padEnd(12)} ${note}`.trimEnd();
}

export function replayCapture(file: string, options: { absolute: boolean }): string[] {
  const lines: string[] = [];
  for (const { a, b, segments } of conversations(file)) {
    const clientIss = segments.find((s) => s.fromA && s.segment.syn)?.segment.seq;
    const serverIss = segments.find((s) => !s.fromA && s.segment.syn)?.segment.seq;
    const endpoints = {
      a: { name: a, machine: new TcpConnection({ chooseIss: () => clientIss ?? 0 }), iss: clientIss, pending: [] as TcpSegment[] },
      b: { name: b, machine: new TcpConnection({ chooseIss: () => serverIss ?? 0 }), iss: serverIss, pending: [] as TcpSegment[] },
    };
    lines.push('', `TCP ${a} (A) <-> ${b} (B)`, row('#', 'time', 'A', 'segment', 'B', ''));
    // A server that answered with SYN,ACK was listening; one that did not had no socket at all.
    if (serverIss !== undefined) {
      endpoints.b.machine.handle({ type: 'OPEN', mode: 'passive' });
      lines.push(row('', '', endpoints.a.machine.state, '', endpoints.b.machine.state, '(B: passive OPEN)'));
    }
    const startUs = segments[0]?.timeUs ?? 0;
    for (const { number, timeUs, fromA, segment } of segments) {
      const [sender, receiver] = fromA ? [endpoints.a, endpoints.b] : [endpoints.b, endpoints.a];
      const call = explain(sender, segment);
      const expected = sender.pending.findIndex((pending) => sameSegment(pending, segment));
      // Anything the machine wanted to send before this one was merged into it or not needed.
      if (expected >= 0) sender.pending.splice(0, expected + 1);
      else sender.pending = [];
      receiver.pending.push(...receiver.machine.handle({ type: 'SEGMENT', segment }));
      const base: NumberBase = options.absolute ? {} : { seq: sender.iss, ack: receiver.iss };
      const text = formatSegment(segment, base);
      const arrow = fromA ? `--> ${text.padEnd(34)} -->` : `<-- ${text.padEnd(34)} <--`;
      const verdict = expected >= 0 ? 'as its machine said' : 'NOT what its machine would send';
      const answer = receiver.pending.length > 0 ? `; ${fromA ? 'B' : 'A'} answers ${receiver.pending.map((s) => formatSegment(s, options.absolute ? {} : { seq: receiver.iss, ack: sender.iss })).join(' ')}` : '';
      const who = fromA ? 'A' : 'B';
      const time = `${((timeUs - startUs) / 1000).toFixed(3)} ms`;
      lines.push(row(String(number), time, endpoints.a.machine.state, arrow, endpoints.b.machine.state, `${call ? `(${who}: ${call}) ` : ''}${verdict}${answer}`));
    }
    for (const [label, endpoint] of [['A', endpoints.a], ['B', endpoints.b]] as const) {
      if (endpoint.machine.state === 'TIME-WAIT') {
        endpoint.machine.handle({ type: 'TIME-WAIT-TIMEOUT' });
        lines.push(`          ${label} ${endpoint.name}: 2 MSL later (Linux: 60 s), TIME-WAIT -> ${endpoint.machine.state}`);
      }
    }
    lines.push(`          final states: A ${endpoints.a.machine.state}, B ${endpoints.b.machine.state}`);
  }
  return lines;
}
