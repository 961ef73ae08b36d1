/**
 * The flow summary: packets grouped by conversation (protocol and both endpoints), with what
 * each side sent, how long the conversation lasted, the TCP flags seen and the checksum verdicts.
 * Side A is the endpoint that sent the conversation's first packet: the client, for TCP.
 */
import type { ChecksumStatus } from '#server/net/index.ts';
import { flowOf, formatEndpoint, type DecodedPacket, type Endpoint } from '#server/pcap/index.ts';
import { flagLetters } from './describe.ts';

interface Flow {
  readonly protocol: 'tcp' | 'udp';
  readonly a: Endpoint;
  readonly b: Endpoint;
  /** [A to B, B to A] */
  readonly packets: [number, number];
  /** IP bytes: headers and data. */
  readonly bytes: [number, number];
  /** Transport payload bytes. */
  readonly data: [number, number];
  readonly firstUs: number;
  lastUs: number;
  readonly flags: Set<string>;
  readonly checksums: Map<ChecksumStatus, number>;
}

const FLAG_ORDER = 'S.PFRUEW';

export class FlowTable {
  readonly #flows = new Map<string, Flow>();
  #ipv4Headers = { valid: 0, invalid: 0 };
  #notDecoded = 0;

  add(decoded: DecodedPacket): void {
    if (decoded.ip?.version === 4) this.#ipv4Headers[decoded.ip.headerChecksumValid ? 'valid' : 'invalid']++;
    const flow = flowOf(decoded);
    if (flow === undefined || decoded.ip === undefined || decoded.transport === undefined) {
      this.#notDecoded++;
      return;
    }
    let entry = this.#flows.get(flow.key);
    if (entry === undefined) {
      entry = {
        protocol: flow.protocol, a: flow.source, b: flow.destination, packets: [0, 0], bytes: [0, 0], data: [0, 0],
        firstUs: decoded.captured.timestampUs, lastUs: 0, flags: new Set(), checksums: new Map(),
      };
      this.#flows.set(flow.key, entry);
    }
    const side = formatEndpoint(flow.source) === formatEndpoint(entry.a) ? 0 : 1;
    const { transport } = decoded;
    entry.packets[side]++;
    entry.bytes[side] += decoded.ip.payloadLength + (decoded.ip.version === 4 ? decoded.ip.header.headerLength : 40);
    entry.data[side] += transport.kind === 'tcp' ? transport.segment.payload.length : transport.datagram.payload.length;
    entry.lastUs = decoded.captured.timestampUs;
    if (transport.kind === 'tcp') for (const letter of flagLetters(transport.segment.header.flags)) entry.flags.add(letter);
    entry.checksums.set(transport.checksum.status, (entry.checksums.get(transport.checksum.status) ?? 0) + 1);
  }

  lines(): string[] {
    const rows = [...this.#flows.values()].map((flow) => [
      flow.protocol.toUpperCase(),
      formatEndpoint(flow.a),
      formatEndpoint(flow.b),
      `${flow.packets[0]}/${flow.packets[1]}`,
      `${flow.bytes[0]}/${flow.bytes[1]}`,
      `${flow.data[0]}/${flow.data[1]}`,
      `${((flow.lastUs - flow.firstUs) / 1000).toFixed(1)} ms`,
      flow.protocol === 'tcp' ? [...flow.flags].sort((x, y) => FLAG_ORDER.indexOf(x) - FLAG_ORDER.indexOf(y)).join(' ') : '-',
      [...flow.checksums].map(([status, count]) => `${count} ${status}`).join(', '),
    ]);
    const header = ['proto', 'A (first to send)', 'B', 'pkts A>B/B>A', 'IP bytes', 'data bytes', 'duration', 'TCP flags', 'transport checksums'];
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
    const format = (row: string[]): string => `  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
    const totals = `  IPv4 header checksums: ${this.#ipv4Headers.valid} valid, ${this.#ipv4Headers.invalid} bad` +
      (this.#notDecoded > 0 ? `; ${this.#notDecoded} packets not TCP or UDP` : '');
    return [`Flows: ${rows.length}`, format(header), ...rows.map(format), totals];
  }
}
