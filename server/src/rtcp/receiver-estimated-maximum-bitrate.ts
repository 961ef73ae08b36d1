/**
 * REMB: Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 §2.2),
 * an application layer feedback message (PSFB FMT=15, RFC 4585 §6.4).
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P| FMT=15  |   PT=206      |             length            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Unique identifier 'R' 'E' 'M' 'B'                            |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |   SSRC feedback                                               |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |  ...                                                          |
 */
import { FEEDBACK_HEADER_SIZE, type FeedbackSsrcs, PayloadFeedbackFormat, serializeFeedbackInto, viewFeedback } from './feedback.ts';
import { PacketType, type PacketCodec, serializeWith } from './header.ts';
import { RtcpParseError } from './errors.ts';
import { readU32, writeU32, writeU8 } from './wire.ts';

const IDENTIFIER = [0x52, 0x45, 0x4d, 0x42]; // 'R' 'E' 'M' 'B'
const FIXED_FCI_SIZE = 8;
const MANTISSA_BITS = 18;
const MAX_MANTISSA = (1 << MANTISSA_BITS) - 1;
const MAX_EXPONENT = 63;

/** draft-alvestrand-rmcat-remb-03 §2.2: the media source SSRC SHALL be 0; kept as received. */
export interface ReceiverEstimatedMaximumBitrate extends FeedbackSsrcs {
  readonly kind: 'receiver-estimated-maximum-bitrate';
  /** Bits per second for all the SSRCs together: mantissa × 2^exp, exact in a double. */
  readonly bitrate: number;
  /** The media SSRCs the estimate applies to (at most 255). */
  readonly ssrcs: readonly number[];
}

/**
 * The exponent and mantissa of `bitrate`: the smallest exponent whose mantissa
 * fits in 18 bits, so precision is lost only above 2^18 bps and the value is
 * rounded down (an estimate must not overstate the link).
 */
export function encodeRembBitrate(bitrate: number): { exponent: number; mantissa: number } {
  if (!Number.isFinite(bitrate) || bitrate < 0) throw new RangeError(`rtcp: REMB bitrate must be finite and >= 0, got ${bitrate}`);
  let mantissa = Math.floor(bitrate);
  let exponent = 0;
  while (mantissa > MAX_MANTISSA) {
    mantissa = Math.floor(mantissa / 2);
    exponent++;
  }
  if (exponent > MAX_EXPONENT) throw new RangeError(`rtcp: REMB bitrate ${bitrate} needs exponent ${exponent} > ${MAX_EXPONENT}`);
  return { exponent, mantissa };
}

export function decodeRembBitrate(exponent: number, mantissa: number): number {
  return mantissa * 2 ** exponent;
}

/** True when an application layer feedback FCI is a REMB (it starts with the identifier). */
export function hasRembIdentifier(fci: Uint8Array): boolean {
  return fci.length >= IDENTIFIER.length && IDENTIFIER.every((byte, i) => fci[i] === byte);
}

export function parseReceiverEstimatedMaximumBitrate(bytes: Uint8Array): ReceiverEstimatedMaximumBitrate {
  const { senderSsrc, mediaSsrc, fci } = viewFeedback(bytes, PacketType.PayloadFeedback, PayloadFeedbackFormat.ApplicationLayer);
  if (!hasRembIdentifier(fci)) throw new RtcpParseError('BAD_FCI', 'rtcp: application layer feedback is not REMB');
  const ssrcCount = fci[4] ?? 0;
  if (fci.length !== FIXED_FCI_SIZE + ssrcCount * 4) {
    throw new RtcpParseError('BAD_FCI', `rtcp: REMB with ${ssrcCount} SSRCs needs ${FIXED_FCI_SIZE + ssrcCount * 4} bytes of FCI, has ${fci.length}`);
  }
  const exponent = fci[5]! >> 2;
  const mantissa = ((fci[5]! & 0x03) << 16) | (fci[6]! << 8) | fci[7]!;
  const ssrcs = Array.from({ length: ssrcCount }, (_, i) => readU32(fci, FIXED_FCI_SIZE + i * 4));
  return { kind: 'receiver-estimated-maximum-bitrate', senderSsrc, mediaSsrc, bitrate: decodeRembBitrate(exponent, mantissa), ssrcs };
}

function serializedSize(packet: ReceiverEstimatedMaximumBitrate): number {
  return FEEDBACK_HEADER_SIZE + FIXED_FCI_SIZE + packet.ssrcs.length * 4;
}

function serializeInto(packet: ReceiverEstimatedMaximumBitrate, buf: Uint8Array, offset: number): number {
  const { exponent, mantissa } = encodeRembBitrate(packet.bitrate);
  const fields = { ...packet, packetType: PacketType.PayloadFeedback, format: PayloadFeedbackFormat.ApplicationLayer };
  return serializeFeedbackInto(buf, offset, fields, serializedSize(packet), (at) => {
    buf.set(IDENTIFIER, at);
    writeU8(buf, at + 4, packet.ssrcs.length, 'REMB SSRC count');
    buf[at + 5] = (exponent << 2) | (mantissa >> 16);
    buf[at + 6] = (mantissa >> 8) & 0xff;
    buf[at + 7] = mantissa & 0xff;
    packet.ssrcs.forEach((ssrc, i) => writeU32(buf, at + FIXED_FCI_SIZE + i * 4, ssrc, 'REMB ssrc'));
  });
}

export const receiverEstimatedMaximumBitrateCodec = {
  parse: parseReceiverEstimatedMaximumBitrate,
  serializedSize,
  serializeInto,
} satisfies PacketCodec<ReceiverEstimatedMaximumBitrate>;

export function serializeReceiverEstimatedMaximumBitrate(packet: ReceiverEstimatedMaximumBitrate): Uint8Array {
  return serializeWith(receiverEstimatedMaximumBitrateCodec, packet);
}
