/**
 * RTX, the RTP retransmission payload format (RFC 4588 §4), as WebRTC uses it:
 * SSRC-multiplexed, with its own SSRC, payload type and sequence numbers.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         RTP Header                            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |            OSN                |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
 *   |                  Original RTP Packet Payload                  |
 *   |                                                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * OSN is the original sequence number. The RTX payload type maps to the
 * original one through the `apt` format parameter (RFC 4588 §8.1,
 * `a=fmtp:97 apt=96`), and the RTX SSRC to the original SSRC through
 * `a=ssrc-group:FID` or the repaired-rtp-stream-id extension.
 */
import { RtpParseError } from './errors.ts';
import { cloneHeaderExtension } from './header-extensions.ts';
import type { RtpPacket } from './packet.ts';
import { readU16, writeU16 } from './wire.ts';

const OSN_SIZE = 2;

/** Where the retransmission goes: the RTX stream's SSRC, payload type and next sequence number. */
export interface RtxStreamParameters {
  ssrc: number;
  payloadType: number;
  /** RFC 4588 §4: one higher than the previous packet of the RTX stream. */
  sequenceNumber: number;
}

/** What an RTX stream repairs: the original SSRC and the negotiated apt mapping. */
export interface RtxAssociation {
  /** The SSRC of the stream being repaired. */
  ssrc: number;
  /** RTX payload type → original payload type, from `a=fmtp:<rtx> apt=<original>`. */
  apt: ReadonlyMap<number, number>;
}

/**
 * Builds the RTX packet that retransmits `original`. The payload is the one
 * copy this needs (OSN followed by the original payload); the header keeps the
 * original's timestamp (RFC 4588 §4: MUST), marker, CSRCs and header
 * extensions, as libwebrtc does. The extension list is a copy, so the caller
 * can swap rid for repaired-rid without touching the stored original.
 * Original padding is dropped (RFC 4588 §4: it MUST be removed).
 */
export function wrapRtx(original: RtpPacket, rtx: RtxStreamParameters): RtpPacket {
  const payload = new Uint8Array(OSN_SIZE + original.payload.length);
  writeU16(payload, 0, original.sequenceNumber);
  payload.set(original.payload, OSN_SIZE);
  return {
    marker: original.marker,
    payloadType: rtx.payloadType,
    sequenceNumber: rtx.sequenceNumber,
    timestamp: original.timestamp,
    ssrc: rtx.ssrc,
    csrcs: [...original.csrcs],
    extension: original.extension === undefined ? undefined : cloneHeaderExtension(original.extension),
    payload,
    paddingSize: 0,
  };
}

/** The original sequence number an RTX packet carries. */
export function rtxOriginalSequenceNumber(rtx: RtpPacket): number {
  if (rtx.payload.length < OSN_SIZE) {
    // Chromium sends padding-only RTX packets as bandwidth probes; check
    // `payload.length === 0` first if those are expected.
    throw new RtpParseError('RTX_TOO_SHORT', `rtp: RTX payload of ${rtx.payload.length} bytes has no OSN`);
  }
  return readU16(rtx.payload, 0);
}

/**
 * Restores the original packet from an RTX packet: sequence number from the
 * OSN, payload type from `apt`, SSRC from the association. The payload is a
 * view past the OSN, not a copy.
 */
export function unwrapRtx(rtx: RtpPacket, association: RtxAssociation): RtpPacket {
  const payloadType = association.apt.get(rtx.payloadType);
  if (payloadType === undefined) {
    throw new RtpParseError('UNKNOWN_RTX_PAYLOAD_TYPE', `rtp: RTX payload type ${rtx.payloadType} has no apt mapping`);
  }
  return {
    marker: rtx.marker,
    payloadType,
    sequenceNumber: rtxOriginalSequenceNumber(rtx),
    timestamp: rtx.timestamp,
    ssrc: association.ssrc,
    csrcs: [...rtx.csrcs],
    extension: rtx.extension === undefined ? undefined : cloneHeaderExtension(rtx.extension),
    payload: rtx.payload.subarray(OSN_SIZE),
    paddingSize: 0,
  };
}
