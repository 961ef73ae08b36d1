/**
 * RTCP for the SFU: parse everything Chromium sends, serialize everything an
 * SFU sends.
 *
 * - RFC 3550 §6: SR, RR and their report blocks, SDES, BYE, APP, compound
 *   packets; Appendix A.1/A.3/A.8 receiver statistics (receiver-statistics.ts).
 * - RFC 5506: reduced-size RTCP, a lone feedback packet per datagram.
 * - RFC 4585: generic NACK (RTPFB 1) and PLI (PSFB 1).
 * - RFC 5104 §4.3.1: FIR (PSFB 4).
 * - draft-alvestrand-rmcat-remb-03: REMB (PSFB 15, AFB).
 * - draft-holmer-rmcat-transport-wide-cc-extensions-01: transport-cc (RTPFB 15),
 *   with a builder that turns arrivals into feedback.
 * - RFC 3611: XR, with RRTR and DLRR blocks.
 * Other packet types and FMTs come back as `RawPacket`, bytes intact.
 *
 * Parse a datagram, branch on `kind`, answer:
 *
 *   import { RtcpParseError, nackPairsFromSequenceNumbers, parseRtcp, sequenceNumbersFromNackPairs, serializeRtcp }
 *     from '#server/rtcp/index.ts';
 *
 *   try {
 *     for (const packet of parseRtcp(datagram)) {
 *       if (packet.kind === 'transport-layer-nack') retransmit(sequenceNumbersFromNackPairs(packet.nacks));
 *       if (packet.kind === 'picture-loss-indication') requestKeyFrame(packet.mediaSsrc);
 *     }
 *   } catch (error) {
 *     if (!(error instanceof RtcpParseError)) throw error;
 *     stats.rtcpDropped[error.code]++; // count and drop, never crash the media path
 *   }
 *
 *   const nack = serializeRtcp([{ kind: 'transport-layer-nack', senderSsrc, mediaSsrc,
 *     nacks: nackPairsFromSequenceNumbers([65534, 65535, 0, 3]) }]);
 *
 * Every packet module also exports a codec (`parse`, `serializedSize`,
 * `serializeInto`) so a compound packet can be written into one buffer.
 */
export { RtcpParseError, type RtcpErrorCode } from './errors.ts';
export {
  HEADER_SIZE,
  PacketType,
  type PacketCodec,
  type PacketView,
  type RtcpHeader,
  parseHeader,
  splitPackets,
} from './header.ts';
export {
  type RtcpPacket,
  parseRtcp,
  serializeRtcp,
  serializeRtcpInto,
  serializedRtcpSize,
  serializePacketInto,
  serializedPacketSize,
} from './compound.ts';
export { type ReportBlock, type ReportsAndExtension, MAX_REPORT_BLOCKS } from './report-block.ts';
export { type SenderReport, parseSenderReport, serializeSenderReport, senderReportCodec } from './sender-report.ts';
export { type ReceiverReport, parseReceiverReport, serializeReceiverReport, receiverReportCodec } from './receiver-report.ts';
export {
  type SdesChunk,
  type SdesItem,
  type SourceDescription,
  SdesItemType,
  findCname,
  parseSourceDescription,
  serializeSourceDescription,
  sourceDescriptionCodec,
} from './source-description.ts';
export { type Goodbye, goodbyeCodec, parseGoodbye, serializeGoodbye } from './goodbye.ts';
export {
  type ApplicationDefined,
  applicationDefinedCodec,
  parseApplicationDefined,
  serializeApplicationDefined,
} from './application-defined.ts';
export { type FeedbackSsrcs, PayloadFeedbackFormat, TransportFeedbackFormat } from './feedback.ts';
export { type NackPair, nackPairsFromSequenceNumbers, sequenceNumbersFromNackPairs } from './nack.ts';
export {
  type TransportLayerNack,
  parseTransportLayerNack,
  serializeTransportLayerNack,
  transportLayerNackCodec,
} from './transport-layer-nack.ts';
export {
  type PictureLossIndication,
  parsePictureLossIndication,
  pictureLossIndicationCodec,
  serializePictureLossIndication,
} from './picture-loss-indication.ts';
export {
  type FirEntry,
  type FullIntraRequest,
  fullIntraRequestCodec,
  parseFullIntraRequest,
  serializeFullIntraRequest,
} from './full-intra-request.ts';
export {
  type ReceiverEstimatedMaximumBitrate,
  decodeRembBitrate,
  encodeRembBitrate,
  parseReceiverEstimatedMaximumBitrate,
  receiverEstimatedMaximumBitrateCodec,
  serializeReceiverEstimatedMaximumBitrate,
} from './receiver-estimated-maximum-bitrate.ts';
export {
  type DlrrBlock,
  type DlrrReport,
  type ExtendedReport,
  type ReceiverReferenceTimeBlock,
  type UnknownXrBlock,
  type XrBlock,
  XrBlockType,
  extendedReportCodec,
  parseExtendedReport,
  serializeExtendedReport,
} from './extended-report.ts';
export { type RawPacket, parseRawPacket, rawPacketCodec, serializeRawPacket } from './raw-packet.ts';
export {
  type PacketChunk,
  type RunLengthChunk,
  type StatusVectorChunk,
  type TransportLayerCc,
  DELTA_UNIT_US,
  REFERENCE_TIME_UNIT_US,
  StatusSymbol,
} from './transport-cc/types.ts';
export { type PacketResult, packetResults, parseTransportCc } from './transport-cc/parse.ts';
export { serializeTransportCc, transportCcCodec } from './transport-cc/serialize.ts';
export { type ReceivedPacket, type TransportCcBuildOptions, buildTransportCc } from './transport-cc/builder.ts';
export {
  type ReceivedRtp,
  type ReceiverStatisticsOptions,
  ReceiverStatistics,
  roundTripTimeMs,
} from './receiver-statistics.ts';
export {
  NTP_UNIX_OFFSET_SECONDS,
  compactNtp,
  compactNtpFromUnixMs,
  compactNtpToMs,
  msToCompactNtp,
  ntpFromUnixMs,
  unixMsFromNtp,
} from './ntp.ts';
