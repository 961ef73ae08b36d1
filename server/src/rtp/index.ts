/**
 * RTP for the SFU's media path.
 *
 * - RFC 3550 §5.1, §5.3.1: the packet, CSRCs, padding, the header extension block (packet.ts).
 * - RFC 8285: one-byte and two-byte header extension elements, get/set/remove by id (header-extensions.ts).
 * - RFC 3550 A.1 and RFC 1982: sequence-number and timestamp arithmetic across wrap-around (sequence.ts).
 * - RFC 4588 §4: RTX wrap and unwrap (rtx.ts).
 * - Codec payloads, for key frames and layers (codecs/): VP8 (RFC 7741), VP9 (RFC 9628),
 *   H.264 (RFC 6184), AV1 (AOMedia "RTP Payload Format for AV1") and its dependency descriptor extension.
 *
 * Parsing never copies the payload: `payload`, extension data and NAL units are
 * views into the received buffer, so keep that buffer alive (and unchanged) while
 * the packet is in use. Parse errors are `RtpParseError` with a stable `code`;
 * on the media path, count them and drop the packet. Serializers throw
 * `RangeError` for out-of-range fields.
 *
 *   import { parseRtpPacket, serializedSize, serializeInto, getHeaderExtension } from '#server/rtp/index.ts';
 *
 *   const packet = parseRtpPacket(datagram);          // throws RtpParseError
 *   const mid = getHeaderExtension(packet, midId);     // Uint8Array | undefined
 *   packet.ssrc = outgoingSsrc;
 *   packet.sequenceNumber = outgoingSeq;
 *   const length = serializeInto(packet, sendBuffer, 0); // sendBuffer.length >= serializedSize(packet)
 */
export {
  RtpParseError,
  type RtpErrorCode,
} from './errors.ts';
export {
  parseRtpHeader,
  parseRtpPacket,
  rtpHeaderSize,
  serializeInto,
  serializeRtpHeaderInto,
  serializeRtpPacket,
  serializedSize,
  type RtpHeader,
  type RtpPacket,
} from './packet.ts';
export {
  ONE_BYTE_PROFILE,
  TWO_BYTE_PROFILE,
  cloneHeaderExtension,
  getHeaderExtension,
  headerExtensionSize,
  parseHeaderExtension,
  removeHeaderExtension,
  serializeHeaderExtensionInto,
  setHeaderExtension,
  type HeaderExtensionElement,
  type OneByteHeaderExtension,
  type RawHeaderExtension,
  type RtpHeaderExtension,
  type TwoByteHeaderExtension,
} from './header-extensions.ts';
export {
  SequenceNumberUnwrapper,
  TimestampUnwrapper,
  isNewerSequenceNumber,
  isNewerTimestamp,
  SEQUENCE_NUMBER_MODULUS,
  sequenceNumberDistance,
  wrapSequenceNumber,
  timestampDistance,
} from './sequence.ts';
export {
  rtxOriginalSequenceNumber,
  unwrapRtx,
  wrapRtx,
  type RtxAssociation,
  type RtxStreamParameters,
} from './rtx.ts';
export {
  isVp8Keyframe,
  parseVp8Descriptor,
  serializeVp8DescriptorInto,
  vp8DescriptorSize,
  type Vp8Descriptor,
} from './codecs/vp8-descriptor.ts';
export {
  isVp9Keyframe,
  parseVp9Descriptor,
  serializeVp9DescriptorInto,
  vp9DescriptorSize,
  type Vp9Descriptor,
  type Vp9LayerIndices,
} from './codecs/vp9-descriptor.ts';
export {
  parseVp9ScalabilityStructure,
  serializeVp9ScalabilityStructureInto,
  vp9ScalabilityStructureSize,
  type Vp9PictureGroupFrame,
  type Vp9ScalabilityStructure,
} from './codecs/vp9-scalability-structure.ts';
export {
  H264NalUnitType,
  h264NalUnitTypes,
  isH264Keyframe,
  parseH264Payload,
  type H264Fragment,
  type H264Payload,
} from './codecs/h264-payload.ts';
export { av1ObuType, isAv1Keyframe, parseAv1Payload, type Av1Payload } from './codecs/av1-payload.ts';
export {
  getDependencyDescriptor,
  hasDependencyDescriptor,
  parseDependencyDescriptor,
  type DependencyDescriptorFields,
} from './codecs/dependency-descriptor.ts';
