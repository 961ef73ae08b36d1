/**
 * One line of text per RTCP packet, decoded by the SFU's parser (server/src/rtcp): every field a
 * human wants to see, with units.
 */
import chalk from 'chalk';
import {
  SdesItemType,
  compactNtpToMs,
  packetResults,
  sequenceNumbersFromNackPairs,
  unixMsFromNtp,
  type ReportBlock,
  type RtcpPacket,
  type XrBlock,
} from '#server/rtcp/index.ts';

/** What a line needs to know beyond the packet: clock rates for jitter in ms, and RTTs. */
export interface RtcpContext {
  clockRate(ssrc: number): number | undefined;
  roundTripMs(block: ReportBlock): number | undefined;
}

/** The names `--rtcp` filters on. */
export const RTCP_NAMES: Readonly<Record<RtcpPacket['kind'], string>> = {
  'sender-report': 'SR',
  'receiver-report': 'RR',
  'source-description': 'SDES',
  goodbye: 'BYE',
  'application-defined': 'APP',
  'transport-layer-nack': 'NACK',
  'transport-cc': 'TWCC',
  'picture-loss-indication': 'PLI',
  'full-intra-request': 'FIR',
  'receiver-estimated-maximum-bitrate': 'REMB',
  'extended-report': 'XR',
  raw: 'RAW',
};

const SDES_ITEM_NAMES = new Map<number, string>(Object.entries(SdesItemType).map(([name, type]) => [type, name.toLowerCase()]));

/** The time of day of an NTP timestamp, UTC: what a human can compare with the capture's clock. */
function ntpTime(ntp: bigint): string {
  return new Date(unixMsFromNtp(ntp)).toISOString().slice(11, 23);
}

function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

function reportBlock(block: ReportBlock, context: RtcpContext): string {
  const clockRate = context.clockRate(block.ssrc);
  const jitterMs = clockRate === undefined ? '' : ` (${((block.jitter / clockRate) * 1000).toFixed(2)}ms)`;
  const rtt = context.roundTripMs(block);
  const lsr = block.lastSenderReport === 0 ? 'lsr=none' : `lsr=${hex32(block.lastSenderReport)} dlsr=${compactNtpToMs(block.delaySinceLastSenderReport).toFixed(1)}ms`;
  const text =
    `block ssrc=${block.ssrc} lost=${block.cumulativeLost} fraction=${block.fractionLost}/256 ` +
    `ext-seq=${block.extendedHighestSequence} jitter=${block.jitter}${jitterMs} ${lsr}${rtt === undefined ? '' : ` rtt=${rtt.toFixed(2)}ms`}`;
  return block.fractionLost > 0 || block.cumulativeLost > 0 ? chalk.yellow(text) : text;
}

function xrBlock(block: XrBlock): string {
  switch (block.type) {
    case 'receiver-reference-time':
      return `RRTR ntp=${ntpTime(block.ntpTimestamp)}`;
    case 'dlrr':
      return block.reports
        .map((r) => `DLRR ssrc=${r.ssrc} lrr=${hex32(r.lastReceiverReport)} dlrr=${compactNtpToMs(r.delaySinceLastReceiverReport).toFixed(1)}ms`)
        .join(' ');
    case 'unknown':
      return `block type ${block.blockType} (${block.body.length} bytes)`;
  }
}

/** The packet's fields after its name. */
function fields(packet: RtcpPacket, context: RtcpContext): string {
  switch (packet.kind) {
    case 'sender-report':
      return [
        `ssrc=${packet.ssrc} ntp=${ntpTime(packet.ntpTimestamp)} rtp=${packet.rtpTimestamp} packets=${packet.packetCount} octets=${packet.octetCount}`,
        ...packet.reports.map((block) => reportBlock(block, context)),
      ].join(' | ');
    case 'receiver-report':
      return [`ssrc=${packet.ssrc}`, ...packet.reports.map((block) => reportBlock(block, context))].join(' | ');
    case 'source-description':
      return packet.chunks
        .map((chunk) => [String(chunk.source), ...chunk.items.map((item) => `${SDES_ITEM_NAMES.get(item.type) ?? item.type}=${item.text}`)].join(' '))
        .join(' | ');
    case 'goodbye':
      return `ssrcs=${packet.sources.join(',')}${packet.reason === undefined ? '' : ` reason=${JSON.stringify(packet.reason)}`}`;
    case 'application-defined':
      return `ssrc=${packet.ssrc} name=${packet.name} subtype=${packet.subtype} ${packet.data.length} bytes`;
    case 'transport-layer-nack':
      return `media=${packet.mediaSsrc} seqs=${sequenceNumbersFromNackPairs(packet.nacks).join(',')}`;
    case 'transport-cc': {
      const received = packetResults(packet).filter((result) => result.received).length;
      return `media=${packet.mediaSsrc} base=${packet.baseSequenceNumber} count=${packet.packetStatusCount} fb=#${packet.feedbackPacketCount} received=${received}/${packet.packetStatusCount}`;
    }
    case 'picture-loss-indication':
      return `media=${packet.mediaSsrc}`;
    case 'full-intra-request':
      return packet.entries.map((entry) => `ssrc=${entry.ssrc} seq=${entry.sequenceNumber}`).join(' ');
    case 'receiver-estimated-maximum-bitrate':
      return `${(packet.bitrate / 1000).toFixed(0)} kbit/s ssrcs=${packet.ssrcs.join(',')}`;
    case 'extended-report':
      return [`ssrc=${packet.ssrc}`, ...packet.blocks.map(xrBlock)].join(' | ');
    case 'raw':
      return `pt=${packet.packetType} fmt=${packet.count} ${packet.bytes.length} bytes`;
  }
}

const NAME_COLOURS: Partial<Record<RtcpPacket['kind'], (text: string) => string>> = {
  'sender-report': chalk.blue,
  'receiver-report': chalk.green,
  'transport-layer-nack': chalk.yellow,
  'picture-loss-indication': chalk.red,
  'full-intra-request': chalk.red,
  'receiver-estimated-maximum-bitrate': chalk.magenta,
};

/** "RR ssrc=1 | block ssrc=92727525 lost=0 ...", the name coloured by what it asks for. */
export function describeRtcp(packet: RtcpPacket, context: RtcpContext): string {
  const name = RTCP_NAMES[packet.kind];
  return `${(NAME_COLOURS[packet.kind] ?? chalk.dim)(name.padEnd(4))} ${fields(packet, context)}`;
}
