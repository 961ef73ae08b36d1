/**
 * PSFB Picture Loss Indication (RFC 4585 §6.3.1): the common feedback header
 * (feedback.ts) with FMT=1, PT=206 and no FCI. An SFU forwards it to the
 * publisher (or answers it by asking for a key frame) when a subscriber lost
 * its decoder state.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|  FMT=1  |    PT=206     |          length=2             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of packet sender                        |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |                  SSRC of media source                         |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import { FEEDBACK_HEADER_SIZE, type FeedbackSsrcs, PayloadFeedbackFormat, serializeFeedbackInto, viewFeedback } from './feedback.ts';
import { PacketType, type PacketCodec, serializeWith } from './header.ts';
import { RtcpParseError } from './errors.ts';

export interface PictureLossIndication extends FeedbackSsrcs {
  readonly kind: 'picture-loss-indication';
}

export function parsePictureLossIndication(bytes: Uint8Array): PictureLossIndication {
  const { senderSsrc, mediaSsrc, fci } = viewFeedback(bytes, PacketType.PayloadFeedback, PayloadFeedbackFormat.Pli);
  // RFC 4585 §6.3.1: "PLI does not require parameters. Therefore, the length field MUST be 2".
  if (fci.length !== 0) throw new RtcpParseError('BAD_FCI', `rtcp: PLI carries ${fci.length} bytes of FCI, must be none`);
  return { kind: 'picture-loss-indication', senderSsrc, mediaSsrc };
}

function serializeInto(packet: PictureLossIndication, buf: Uint8Array, offset: number): number {
  const fields = { ...packet, packetType: PacketType.PayloadFeedback, format: PayloadFeedbackFormat.Pli };
  return serializeFeedbackInto(buf, offset, fields, FEEDBACK_HEADER_SIZE, () => {});
}

export const pictureLossIndicationCodec = {
  parse: parsePictureLossIndication,
  serializedSize: () => FEEDBACK_HEADER_SIZE,
  serializeInto,
} satisfies PacketCodec<PictureLossIndication>;

export function serializePictureLossIndication(packet: PictureLossIndication): Uint8Array {
  return serializeWith(pictureLossIndicationCodec, packet);
}
