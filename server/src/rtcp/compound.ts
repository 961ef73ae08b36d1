/**
 * Whole RTCP datagrams: a compound packet (RFC 3550 §6.1) or a reduced-size
 * one (RFC 5506 §2), in and out of typed packets.
 *
 * The parser accepts both: RFC 3550 A.2 wants the first packet to be an SR or
 * RR, but with `a=rtcp-rsize` (which Chromium always offers) a single NACK,
 * PLI or transport-cc is legal on its own (RFC 5506), and Chromium
 * sends exactly that. Whether a compound is required is the caller's call.
 */
import { type ApplicationDefined, applicationDefinedCodec } from './application-defined.ts';
import { type ExtendedReport, extendedReportCodec } from './extended-report.ts';
import { FEEDBACK_HEADER_SIZE, PayloadFeedbackFormat, TransportFeedbackFormat } from './feedback.ts';
import { type FullIntraRequest, fullIntraRequestCodec } from './full-intra-request.ts';
import { type Goodbye, goodbyeCodec } from './goodbye.ts';
import { HEADER_SIZE, type PacketCodec, type PacketView, PacketType, splitPackets } from './header.ts';
import { type PictureLossIndication, pictureLossIndicationCodec } from './picture-loss-indication.ts';
import { type RawPacket, rawPacketCodec } from './raw-packet.ts';
import {
  type ReceiverEstimatedMaximumBitrate,
  hasRembIdentifier,
  receiverEstimatedMaximumBitrateCodec,
} from './receiver-estimated-maximum-bitrate.ts';
import { type ReceiverReport, receiverReportCodec } from './receiver-report.ts';
import { type SenderReport, senderReportCodec } from './sender-report.ts';
import { type SourceDescription, sourceDescriptionCodec } from './source-description.ts';
import { transportCcCodec } from './transport-cc/serialize.ts';
import type { TransportLayerCc } from './transport-cc/types.ts';
import { type TransportLayerNack, transportLayerNackCodec } from './transport-layer-nack.ts';

export type RtcpPacket =
  | SenderReport
  | ReceiverReport
  | SourceDescription
  | Goodbye
  | ApplicationDefined
  | TransportLayerNack
  | TransportLayerCc
  | PictureLossIndication
  | FullIntraRequest
  | ReceiverEstimatedMaximumBitrate
  | ExtendedReport
  | RawPacket;

type CodecTable = { readonly [K in RtcpPacket['kind']]: PacketCodec<Extract<RtcpPacket, { kind: K }>> };

const codecs: CodecTable = {
  'sender-report': senderReportCodec,
  'receiver-report': receiverReportCodec,
  'source-description': sourceDescriptionCodec,
  goodbye: goodbyeCodec,
  'application-defined': applicationDefinedCodec,
  'transport-layer-nack': transportLayerNackCodec,
  'transport-cc': transportCcCodec,
  'picture-loss-indication': pictureLossIndicationCodec,
  'full-intra-request': fullIntraRequestCodec,
  'receiver-estimated-maximum-bitrate': receiverEstimatedMaximumBitrateCodec,
  'extended-report': extendedReportCodec,
  raw: rawPacketCodec,
};

function codecFor<P extends RtcpPacket>(packet: P): PacketCodec<P> {
  return codecs[packet.kind] as unknown as PacketCodec<P>;
}

type Parse = (bytes: Uint8Array) => RtcpPacket;

const parserByPacketType = new Map<number, Parse>([
  [PacketType.SenderReport, senderReportCodec.parse],
  [PacketType.ReceiverReport, receiverReportCodec.parse],
  [PacketType.SourceDescription, sourceDescriptionCodec.parse],
  [PacketType.Goodbye, goodbyeCodec.parse],
  [PacketType.ApplicationDefined, applicationDefinedCodec.parse],
  [PacketType.ExtendedReport, extendedReportCodec.parse],
]);

/** Feedback is told apart by FMT within its packet type (RFC 4585 §6.1). */
const parserByFeedbackFormat = new Map<number, ReadonlyMap<number, Parse>>([
  [
    PacketType.TransportFeedback,
    new Map<number, Parse>([
      [TransportFeedbackFormat.Nack, transportLayerNackCodec.parse],
      [TransportFeedbackFormat.TransportCc, transportCcCodec.parse],
    ]),
  ],
  [
    PacketType.PayloadFeedback,
    new Map<number, Parse>([
      [PayloadFeedbackFormat.Pli, pictureLossIndicationCodec.parse],
      [PayloadFeedbackFormat.Fir, fullIntraRequestCodec.parse],
    ]),
  ],
]);

function parserFor({ header, body }: PacketView): Parse {
  // RFC 4585 §6.4: an AFB carries any application's message; only REMB is known here.
  if (
    header.packetType === PacketType.PayloadFeedback &&
    header.count === PayloadFeedbackFormat.ApplicationLayer &&
    hasRembIdentifier(body.subarray(FEEDBACK_HEADER_SIZE - HEADER_SIZE))
  ) {
    return receiverEstimatedMaximumBitrateCodec.parse;
  }
  const byFormat = parserByFeedbackFormat.get(header.packetType);
  const parse = byFormat === undefined ? parserByPacketType.get(header.packetType) : byFormat.get(header.count);
  return parse ?? rawPacketCodec.parse;
}

/**
 * Every packet in a datagram, in order. Throws RtcpParseError on anything
 * malformed: one bad packet drops the datagram, as RFC 3550 A.2 validates the
 * compound as a whole.
 */
export function parseRtcp(datagram: Uint8Array): RtcpPacket[] {
  const packets: RtcpPacket[] = [];
  for (const view of splitPackets(datagram)) packets.push(parserFor(view)(view.packet));
  return packets;
}

export function serializedPacketSize(packet: RtcpPacket): number {
  return codecFor(packet).serializedSize(packet);
}

/** Writes one packet at `offset`; returns the bytes written. */
export function serializePacketInto(packet: RtcpPacket, buf: Uint8Array, offset: number): number {
  return codecFor(packet).serializeInto(packet, buf, offset);
}

export function serializedRtcpSize(packets: readonly RtcpPacket[]): number {
  return packets.reduce((sum, packet) => sum + serializedPacketSize(packet), 0);
}

/** Writes the packets back to back at `offset` (a compound packet); returns the bytes written. */
export function serializeRtcpInto(packets: readonly RtcpPacket[], buf: Uint8Array, offset: number): number {
  let at = offset;
  for (const packet of packets) at += serializePacketInto(packet, buf, at);
  return at - offset;
}

/**
 * One datagram holding `packets` in the order given. RFC 3550 §6.1 wants an
 * SR or RR first and an SDES with CNAME in every compound packet; RFC 5506
 * lifts that when reduced-size RTCP was negotiated. Choosing is up to the caller.
 */
export function serializeRtcp(packets: readonly RtcpPacket[]): Uint8Array {
  const buf = new Uint8Array(serializedRtcpSize(packets));
  serializeRtcpInto(packets, buf, 0);
  return buf;
}
