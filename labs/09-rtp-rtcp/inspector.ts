/**
 * The inspector: takes UDP datagrams with their arrival time, wherever they come from (a socket or
 * a capture), tells RTP from RTCP (RFC 5761 §4, by the SFU's demultiplexer), parses them with the
 * SFU's parsers, feeds the per-SSRC model and prints events and tables on a Screen.
 */
import chalk from 'chalk';
import { classifyDatagram } from '#server/demux/index.ts';
import { ProtocolError } from '#server/common/protocol-error.ts';
import { parseRtcp } from '#server/rtcp/index.ts';
import { parseRtpPacket, rtxOriginalSequenceNumber } from '#server/rtp/index.ts';
import { describeExtensions } from './extensions.ts';
import { formatName, type MediaMap } from './media-map.ts';
import { RTCP_NAMES, describeRtcp, type RtcpContext } from './rtcp-lines.ts';
import type { Screen } from './screen.ts';
import { StreamBook, snapshot } from './streams.ts';
import { renderTable } from './table.ts';

export interface InspectorOptions {
  readonly media: MediaMap;
  readonly screen: Screen;
  /** RTCP packet names to print (SR, RR, NACK, ...); undefined prints them all. */
  readonly rtcp: ReadonlySet<string> | undefined;
  /** How many RTP packets of each SSRC to print, decoded, header extensions included. */
  readonly packetsPerStream: number;
}

export class Inspector {
  readonly #options: InspectorOptions;
  readonly #book: StreamBook;
  /** Datagrams by kind, and parse errors by code. */
  readonly #counts = new Map<string, number>();
  #startMs: number | undefined;
  #lastSnapshotMs: number | undefined;

  constructor(options: InspectorOptions) {
    this.#options = options;
    this.#book = new StreamBook(options.media);
  }

  /** Whether any datagram has arrived. */
  get started(): boolean {
    return this.#startMs !== undefined;
  }

  onDatagram(payload: Uint8Array, timeMs: number, from: string): void {
    this.#startMs ??= timeMs;
    this.#lastSnapshotMs ??= timeMs;
    const kind = classifyDatagram(payload);
    this.#count(kind);
    if (kind === 'rtp') this.#onRtp(payload, timeMs, from);
    else if (kind === 'rtcp') this.#onRtcp(payload, timeMs, from);
  }

  /** Prints the table: rates over the interval since the last one, or (`whole`) over each stream's life. */
  snapshot(nowMs: number, whole = false): void {
    const since = this.#lastSnapshotMs ?? nowMs;
    this.#lastSnapshotMs = nowMs;
    const title = whole
      ? `RTP streams, final: rates averaged over each stream's life`
      : `RTP streams at ${this.#elapsed(nowMs)} (rates over the last ${((nowMs - since) / 1000).toFixed(1)} s)`;
    const counts = [...this.#counts].map(([what, count]) => `${what} ${count}`).join(', ');
    const footer = `datagrams: ${counts || 'none'}. Payload types: ${this.#options.media.source}.`;
    this.#options.screen.table(renderTable(snapshot(this.#book, nowMs, whole), title, footer, this.#options.media.extensions));
  }

  /** What `parse` returns, or undefined after counting its ProtocolError: the media path drops bad packets. */
  #parsed<T>(what: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.#count(`bad ${what} (${error.code})`);
      return undefined;
    }
  }

  #onRtp(payload: Uint8Array, timeMs: number, from: string): void {
    const packet = this.#parsed('RTP', () => parseRtpPacket(payload));
    if (packet === undefined) return;
    const { stream, first } = this.#book.onRtp(packet, payload.length, timeMs);
    if (first) {
      const format = stream.format;
      const what = format === undefined ? 'an unknown payload type (clock rate assumed 90000)' : `${format.kind}, clock ${format.clockRate} Hz`;
      this.#event(timeMs, from, chalk.cyan(`new SSRC ${packet.ssrc}: PT ${packet.payloadType} ${formatName(format, packet.payloadType)}, ${what}`));
    }
    if (stream.packets <= this.#options.packetsPerStream) {
      const marker = packet.marker ? ' M' : '';
      const padding = packet.paddingSize > 0 ? ` +${packet.paddingSize}B padding` : '';
      const header = `ssrc=${packet.ssrc} pt=${packet.payloadType} seq=${packet.sequenceNumber} ts=${packet.timestamp}${marker}`;
      const sizes = `${payload.length}B (payload ${packet.payload.length}B${padding})`;
      // RFC 4588: a retransmission starts with the sequence number it repairs; a probe has no payload.
      const repairs = stream.format?.apt !== undefined && packet.payload.length >= 2 ? ` repairs seq ${rtxOriginalSequenceNumber(packet)}` : '';
      this.#event(timeMs, from, `${chalk.cyan('RTP ')} ${header} ${sizes}${chalk.magenta(repairs)} ${chalk.dim(describeExtensions(packet, this.#options.media.extensions))}`);
    }
  }

  #onRtcp(payload: Uint8Array, timeMs: number, from: string): void {
    const packets = this.#parsed('RTCP', () => parseRtcp(payload));
    if (packets === undefined) return;
    const context: RtcpContext = {
      clockRate: (ssrc) => this.#book.get(ssrc)?.format?.clockRate,
      roundTripMs: (block) => this.#book.roundTripMs(block, timeMs),
    };
    for (const packet of packets) {
      if (packet.kind === 'sender-report') this.#book.onSenderReport(packet, timeMs);
      if (packet.kind === 'sender-report' || packet.kind === 'receiver-report') {
        for (const block of packet.reports) this.#book.onReportBlock(block, timeMs);
      }
      if (this.#options.rtcp === undefined || this.#options.rtcp.has(RTCP_NAMES[packet.kind])) {
        this.#event(timeMs, from, describeRtcp(packet, context));
      }
    }
  }

  #event(timeMs: number, from: string, text: string): void {
    this.#options.screen.line(`${chalk.dim(`${this.#elapsed(timeMs).padStart(9)} ${from.padEnd(21)}`)} ${text}`);
  }

  #elapsed(timeMs: number): string {
    return `${((timeMs - (this.#startMs ?? timeMs)) / 1000).toFixed(3)}s`;
  }

  #count(what: string): void {
    this.#counts.set(what, (this.#counts.get(what) ?? 0) + 1);
  }
}
