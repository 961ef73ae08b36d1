/**
 * Where each packet of a peer's compound RTCP goes. One transport carries
 * both directions (a browser may publish and subscribe on one
 * PeerConnection), so the SSRC a packet names decides:
 *
 * - SR (RFC 3550 §6.4.1) from a publisher: its NTP ↔ RTP mapping → the
 *   producer stream of that SSRC (consumers carry it into their SRs);
 * - report blocks (in RR, or in the SR of a peer that also sends): about a
 *   consumer's media SSRC → that consumer (loss, jitter, RTT, score); blocks
 *   about its RTX SSRC are ignored;
 * - NACK (RFC 4585 §6.2.1), PLI (§6.3.1), FIR (RFC 5104 §4.3.1): about a
 *   consumer's SSRC → that consumer (RTX from the buffer; a key-frame
 *   request passed on, rate-limited, to the publisher);
 * - XR DLRR (RFC 3611 §4.5), the publisher's answer to our RRTR → the
 *   producer stream of the XR's sender (the round trip to the publisher);
 * - transport-cc and REMB from subscribers, SDES, BYE, APP: not used (the
 *   SFU does no sender-side bandwidth estimation yet), counted.
 */
import type { ReportBlock, RtcpPacket } from '../rtcp/index.ts';
import type { MediaConsumer } from './media-consumer.ts';
import type { ProducerEncoding } from './media-producer.ts';

export interface RtcpTargets {
  /** The producer encoding whose media SSRC this is. */
  producerEncoding(ssrc: number): ProducerEncoding | undefined;
  /** Every producer encoding of the transport. */
  producerEncodings(): Iterable<ProducerEncoding>;
  /** The consumer whose SSRC (media or RTX) this is. */
  consumer(ssrc: number): MediaConsumer | undefined;
}

export type RtcpDispatchCounter = 'handled' | 'unknownSsrc' | 'ignored';

export class RtcpDispatchCounts {
  readonly values: Record<RtcpDispatchCounter, number> = { handled: 0, unknownSsrc: 0, ignored: 0 };

  count(counter: RtcpDispatchCounter): void {
    this.values[counter] += 1;
  }
}

export function dispatchRtcp(packets: readonly RtcpPacket[], targets: RtcpTargets, counts: RtcpDispatchCounts): void {
  for (const packet of packets) dispatchOne(packet, targets, counts);
}

/** A report block about a consumer's media SSRC; one about its RTX SSRC says nothing about what the subscriber sees. */
function receiveBlock(block: ReportBlock, targets: RtcpTargets, counts: RtcpDispatchCounts): void {
  const consumer = targets.consumer(block.ssrc);
  if (consumer === undefined) counts.count('unknownSsrc');
  else if (consumer.ssrc !== block.ssrc) counts.count('ignored');
  else {
    counts.count('handled');
    consumer.receiveReceiverReport(block);
  }
}

function dispatchOne(packet: RtcpPacket, targets: RtcpTargets, counts: RtcpDispatchCounts): void {
  const found = <T>(target: T | undefined, use: (target: T) => void): void => {
    if (target === undefined) counts.count('unknownSsrc');
    else {
      counts.count('handled');
      use(target);
    }
  };
  switch (packet.kind) {
    case 'sender-report': {
      const encoding = targets.producerEncoding(packet.ssrc);
      if (encoding !== undefined) {
        counts.count('handled');
        encoding.stream.receiveSenderReport(packet);
      }
      for (const block of packet.reports) receiveBlock(block, targets, counts);
      return;
    }
    case 'receiver-report':
      for (const block of packet.reports) receiveBlock(block, targets, counts);
      return;
    case 'transport-layer-nack':
      found(targets.consumer(packet.mediaSsrc), (consumer) => consumer.receiveNack(packet.nacks));
      return;
    case 'picture-loss-indication':
      found(targets.consumer(packet.mediaSsrc), (consumer) => consumer.receiveKeyframeRequest('pli'));
      return;
    case 'full-intra-request':
      for (const entry of packet.entries) found(targets.consumer(entry.ssrc), (consumer) => consumer.receiveKeyframeRequest('fir'));
      return;
    case 'extended-report': {
      const sender = targets.producerEncoding(packet.ssrc);
      const streams = sender === undefined ? [...targets.producerEncodings()] : [sender];
      for (const block of packet.blocks) {
        if (block.type !== 'dlrr') continue;
        for (const report of block.reports) {
          counts.count('handled');
          for (const encoding of streams) encoding.stream.receiveDlrr(report);
        }
      }
      return;
    }
    default:
      counts.count('ignored');
  }
}
